//! An email in the outbox may name its recipient by person instead of by
//! address (`email_outbox.person_id`): the sender looks the address up
//! when it sends, so the change that notifies reads no address, and a
//! person whose address changed meanwhile gets the mail at the new one.
//! Such a row's `to_address` is empty until it is sent, then the address
//! it went to.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum EmailOutbox {
    Table,
    PersonId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(EmailOutbox::Table)
                    .add_column(ColumnDef::new(EmailOutbox::PersonId).integer().null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(EmailOutbox::Table)
                    .drop_column(EmailOutbox::PersonId)
                    .to_owned(),
            )
            .await
    }
}
