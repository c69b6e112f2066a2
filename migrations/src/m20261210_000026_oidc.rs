//! Sign-in through the region's identity provider (OpenID Connect). A
//! started sign-in waits in `oidc_flow` until the provider sends the
//! browser back, so the callback may land on any instance: its key is the
//! SHA-256 of the `state` the browser carries, with the nonce and the PKCE
//! verifier that only the server knows, and where to go afterwards. A
//! session begun through the provider keeps the ID token
//! (`session.id_token`) that logging out hands back to the provider.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum OidcFlow {
    Table,
    Id,
    Nonce,
    PkceVerifier,
    Next,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Session {
    Table,
    IdToken,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(OidcFlow::Table)
                    .col(ColumnDef::new(OidcFlow::Id).string_len(64).not_null().primary_key())
                    .col(ColumnDef::new(OidcFlow::Nonce).string_len(128).not_null())
                    .col(ColumnDef::new(OidcFlow::PkceVerifier).string_len(128).not_null())
                    .col(ColumnDef::new(OidcFlow::Next).string_len(2048).not_null())
                    .col(
                        ColumnDef::new(OidcFlow::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_oidc_flow_created_at")
                    .table(OidcFlow::Table)
                    .col(OidcFlow::CreatedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Session::Table)
                    .add_column(ColumnDef::new(Session::IdToken).text().null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Session::Table)
                    .drop_column(Session::IdToken)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(OidcFlow::Table).to_owned())
            .await
    }
}
