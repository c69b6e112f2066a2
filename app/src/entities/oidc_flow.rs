use sea_orm::entity::prelude::*;

/// A sign-in through the identity provider, begun and not yet come back.
/// `id` is the SHA-256 of the `state` the browser carries.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "oidc_flow")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub nonce: String,
    pub pkce_verifier: String,
    /// Where to go after signing in (already through the safe check).
    pub next: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
