//! Notifications and the jobs that send them: every person's in-app
//! notifications (`notification`, read through the header's unread count),
//! the email outbox that a background job sends from (`email_outbox`: a
//! failed send is retried later and never blocks the change that wrote the
//! row), and the background jobs' schedule and lease (`job`: one row per
//! periodic job, taken by exactly one app instance at a time through a
//! conditional update).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Notification {
    Table,
    Id,
    PersonId,
    Kind,
    Title,
    Body,
    Link,
    CreatedAt,
    ReadAt,
}

#[derive(DeriveIden)]
enum EmailOutbox {
    Table,
    Id,
    ToAddress,
    Subject,
    Body,
    Link,
    CreatedAt,
    Attempts,
    NextAttemptAt,
    SentAt,
    LastError,
}

#[derive(DeriveIden)]
enum Job {
    Table,
    Name,
    NextRunAt,
    LockedBy,
    LockedUntil,
    LastRunAt,
    LastError,
}

#[derive(DeriveIden)]
enum Person {
    Table,
    Id,
}

fn id(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col)
        .integer()
        .not_null()
        .auto_increment()
        .primary_key()
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Notification::Table)
                    .col(id(Notification::Id))
                    .col(ColumnDef::new(Notification::PersonId).integer().not_null())
                    .col(ColumnDef::new(Notification::Kind).string_len(40).not_null())
                    .col(ColumnDef::new(Notification::Title).string_len(200).not_null())
                    .col(ColumnDef::new(Notification::Body).text().not_null())
                    // A path inside Avrop (`/bestallningar/12`), never a URL.
                    .col(ColumnDef::new(Notification::Link).string_len(500).not_null())
                    .col(
                        ColumnDef::new(Notification::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(ColumnDef::new(Notification::ReadAt).timestamp_with_time_zone().null())
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_notification_person")
                            .from(Notification::Table, Notification::PersonId)
                            .to(Person::Table, Person::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // The header's unread count and the list, per person.
        manager
            .create_index(
                Index::create()
                    .name("idx_notification_person_read")
                    .table(Notification::Table)
                    .col(Notification::PersonId)
                    .col(Notification::ReadAt)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(EmailOutbox::Table)
                    .col(id(EmailOutbox::Id))
                    .col(ColumnDef::new(EmailOutbox::ToAddress).string_len(320).not_null())
                    .col(ColumnDef::new(EmailOutbox::Subject).string_len(200).not_null())
                    .col(ColumnDef::new(EmailOutbox::Body).text().not_null())
                    // The path in Avrop the message points to; the sender
                    // puts the public URL before it.
                    .col(ColumnDef::new(EmailOutbox::Link).string_len(500).null())
                    .col(
                        ColumnDef::new(EmailOutbox::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(ColumnDef::new(EmailOutbox::Attempts).integer().not_null().default(0))
                    .col(
                        ColumnDef::new(EmailOutbox::NextAttemptAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(ColumnDef::new(EmailOutbox::SentAt).timestamp_with_time_zone().null())
                    .col(ColumnDef::new(EmailOutbox::LastError).text().null())
                    .to_owned(),
            )
            .await?;
        // The sender's question: unsent rows that are due.
        manager
            .create_index(
                Index::create()
                    .name("idx_email_outbox_due")
                    .table(EmailOutbox::Table)
                    .col(EmailOutbox::SentAt)
                    .col(EmailOutbox::NextAttemptAt)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Job::Table)
                    .col(ColumnDef::new(Job::Name).string_len(100).not_null().primary_key())
                    .col(ColumnDef::new(Job::NextRunAt).timestamp_with_time_zone().not_null())
                    // The instance running the job now, and until when its
                    // lease holds (another instance takes over after that).
                    .col(ColumnDef::new(Job::LockedBy).string_len(100).null())
                    .col(ColumnDef::new(Job::LockedUntil).timestamp_with_time_zone().null())
                    .col(ColumnDef::new(Job::LastRunAt).timestamp_with_time_zone().null())
                    .col(ColumnDef::new(Job::LastError).text().null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Job::Table).to_owned()).await?;
        manager
            .drop_table(Table::drop().table(EmailOutbox::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Notification::Table).to_owned())
            .await
    }
}
