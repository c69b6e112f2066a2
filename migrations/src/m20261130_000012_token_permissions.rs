//! API tokens get named permissions, stored OAuth-style as one
//! space-separated string in `api_token.scope` (`"orders:read plans:read"`).
//! The old scopes convert to what they allowed on the API: `read` (GET only)
//! to the read permissions, anything else to the read and write ones. Neither
//! gets `audit:read` or `supplier:orders`: those must be given anew.
//!
//! The column grows to 255 characters for the longest list. PostgreSQL
//! checks a `varchar` length, so it is altered there; SQLite ignores declared
//! lengths (and cannot alter a column's type), so it needs no change.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ApiToken {
    Table,
    Scope,
}

/// What `read` tokens could do: GET on the API.
const READ: &str = "org:read catalog:read orders:read plans:read";
/// What every other token could do.
const READ_WRITE: &str = "org:read catalog:read catalog:write orders:read orders:write plans:read plans:write";

async fn set_length(manager: &SchemaManager<'_>, length: u32) -> Result<(), DbErr> {
    if manager.get_database_backend() != DatabaseBackend::Postgres {
        return Ok(());
    }
    manager
        .alter_table(
            Table::alter()
                .table(ApiToken::Table)
                .modify_column(ColumnDef::new(ApiToken::Scope).string_len(length).not_null())
                .to_owned(),
        )
        .await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        set_length(manager, 255).await?;
        // Everything but `read` first, then `read`: no row is converted twice.
        manager
            .exec_stmt(
                Query::update()
                    .table(ApiToken::Table)
                    .value(ApiToken::Scope, READ_WRITE)
                    .and_where(Expr::col(ApiToken::Scope).ne("read"))
                    .to_owned(),
            )
            .await?;
        manager
            .exec_stmt(
                Query::update()
                    .table(ApiToken::Table)
                    .value(ApiToken::Scope, READ)
                    .and_where(Expr::col(ApiToken::Scope).eq("read"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // A token that may write anything keeps writing (any scope but
        // `read` could); every other one becomes `read`.
        manager
            .exec_stmt(
                Query::update()
                    .table(ApiToken::Table)
                    .value(ApiToken::Scope, "write")
                    .and_where(Expr::col(ApiToken::Scope).like("%:write%"))
                    .to_owned(),
            )
            .await?;
        manager
            .exec_stmt(
                Query::update()
                    .table(ApiToken::Table)
                    .value(ApiToken::Scope, "read")
                    .and_where(Expr::col(ApiToken::Scope).ne("write"))
                    .to_owned(),
            )
            .await?;
        set_length(manager, 64).await
    }
}
