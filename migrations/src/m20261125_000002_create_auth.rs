//! Identity and access: local credentials, sessions, login attempts (for rate
//! limiting across instances), API tokens and the append-only audit log.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Person {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum LocalCredential {
    Table,
    PersonId,
    PasswordHash,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Session {
    Table,
    Id,
    PersonId,
    CreatedAt,
    LastSeenAt,
    ExpiresAt,
    Ip,
    UserAgent,
}

#[derive(DeriveIden)]
enum LoginAttempt {
    Table,
    Id,
    Username,
    Ip,
    Succeeded,
    AttemptedAt,
}

#[derive(DeriveIden)]
enum ApiToken {
    Table,
    Id,
    Name,
    TokenHash,
    Prefix,
    OwnerPersonId,
    Scope,
    CreatedAt,
    ExpiresAt,
    LastUsedAt,
    RevokedAt,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    At,
    ActorPersonId,
    ActorTokenId,
    Actor,
    Action,
    ObjectType,
    ObjectId,
    Ip,
    Detail,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(LocalCredential::Table)
                    .col(
                        ColumnDef::new(LocalCredential::PersonId)
                            .integer()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(LocalCredential::PasswordHash).string_len(255).not_null())
                    .col(
                        ColumnDef::new(LocalCredential::UpdatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_local_credential_person")
                            .from(LocalCredential::Table, LocalCredential::PersonId)
                            .to(Person::Table, Person::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Session::Table)
                    // SHA-256 (hex) of the cookie's token; the token itself is never stored.
                    .col(ColumnDef::new(Session::Id).string_len(64).not_null().primary_key())
                    .col(ColumnDef::new(Session::PersonId).integer().not_null())
                    .col(ColumnDef::new(Session::CreatedAt).timestamp_with_time_zone().not_null())
                    .col(
                        ColumnDef::new(Session::LastSeenAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(ColumnDef::new(Session::ExpiresAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(Session::Ip).string_len(64).null())
                    .col(ColumnDef::new(Session::UserAgent).string_len(255).null())
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_session_person")
                            .from(Session::Table, Session::PersonId)
                            .to(Person::Table, Person::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_session_person")
                    .table(Session::Table)
                    .col(Session::PersonId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(LoginAttempt::Table)
                    .col(
                        ColumnDef::new(LoginAttempt::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(LoginAttempt::Username).string_len(64).not_null())
                    .col(ColumnDef::new(LoginAttempt::Ip).string_len(64).not_null())
                    .col(ColumnDef::new(LoginAttempt::Succeeded).boolean().not_null())
                    .col(
                        ColumnDef::new(LoginAttempt::AttemptedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_login_attempt_username")
                    .table(LoginAttempt::Table)
                    .col(LoginAttempt::Username)
                    .col(LoginAttempt::AttemptedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_login_attempt_ip")
                    .table(LoginAttempt::Table)
                    .col(LoginAttempt::Ip)
                    .col(LoginAttempt::AttemptedAt)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ApiToken::Table)
                    .col(
                        ColumnDef::new(ApiToken::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(ApiToken::Name).string_len(100).not_null())
                    .col(
                        ColumnDef::new(ApiToken::TokenHash)
                            .string_len(64)
                            .not_null()
                            .unique_key(),
                    )
                    .col(ColumnDef::new(ApiToken::Prefix).string_len(16).not_null())
                    .col(ColumnDef::new(ApiToken::OwnerPersonId).integer().not_null())
                    .col(ColumnDef::new(ApiToken::Scope).string_len(64).not_null())
                    .col(
                        ColumnDef::new(ApiToken::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(ColumnDef::new(ApiToken::ExpiresAt).timestamp_with_time_zone().null())
                    .col(ColumnDef::new(ApiToken::LastUsedAt).timestamp_with_time_zone().null())
                    .col(ColumnDef::new(ApiToken::RevokedAt).timestamp_with_time_zone().null())
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_api_token_owner")
                            .from(ApiToken::Table, ApiToken::OwnerPersonId)
                            .to(Person::Table, Person::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(AuditLog::Table)
                    .col(
                        ColumnDef::new(AuditLog::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(AuditLog::At).timestamp_with_time_zone().not_null())
                    // No foreign keys: the log outlives what it mentions.
                    .col(ColumnDef::new(AuditLog::ActorPersonId).integer().null())
                    .col(ColumnDef::new(AuditLog::ActorTokenId).integer().null())
                    .col(ColumnDef::new(AuditLog::Actor).string_len(200).not_null())
                    .col(ColumnDef::new(AuditLog::Action).string_len(64).not_null())
                    .col(ColumnDef::new(AuditLog::ObjectType).string_len(64).null())
                    .col(ColumnDef::new(AuditLog::ObjectId).string_len(64).null())
                    .col(ColumnDef::new(AuditLog::Ip).string_len(64).null())
                    .col(ColumnDef::new(AuditLog::Detail).text().not_null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_audit_log_action")
                    .table(AuditLog::Table)
                    .col(AuditLog::Action)
                    .col(AuditLog::Id)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_audit_log_actor")
                    .table(AuditLog::Table)
                    .col(AuditLog::ActorPersonId)
                    .col(AuditLog::Id)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            AuditLog::Table.into_iden(),
            ApiToken::Table.into_iden(),
            LoginAttempt::Table.into_iden(),
            Session::Table.into_iden(),
            LocalCredential::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
