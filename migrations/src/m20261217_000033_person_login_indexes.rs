//! People are looked up by username and by e-mail address without regard
//! to case: an import's rows name them either way
//! (`org::directory::people_by_login`), and single sign-on finds the
//! person by the address it is given (`person_by_email`). Both compare
//! `lower(...)` of the column, which the unique index on the username does
//! not answer: at ten times the region each was a scan of 520 000 people
//! (about 325 ms a lookup on PostgreSQL, in every chunk of an import).
//! Expression indexes on the lowered columns answer them on both
//! databases.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const INDEXES: [(&str, &str); 2] = [
    ("idx_person_lower_username", "username"),
    ("idx_person_lower_email", "email"),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // sea-query 0.32 writes an index on an expression for PostgreSQL
        // but not for SQLite (it panics): one statement both run unchanged.
        for (name, column) in INDEXES {
            manager
                .get_connection()
                .execute_unprepared(&format!(
                    "CREATE INDEX IF NOT EXISTS {name} ON person (lower({column}))"
                ))
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, _) in INDEXES {
            manager
                .get_connection()
                .execute_unprepared(&format!("DROP INDEX IF EXISTS {name}"))
                .await?;
        }
        Ok(())
    }
}
