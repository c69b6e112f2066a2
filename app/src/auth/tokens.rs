//! API tokens on the database: created by an administrator with named
//! permissions (never more than the creator holds), resolved from the bearer
//! header of JSON API calls, listed and revoked. The permission check of the
//! API handlers, [`Ctx::require_permission`], lives here too.

use super::dto::{CreatedToken, TokenDto};
use super::service::{digest, random_secret};
use crate::audit::service as audit;
use crate::ctx::{require, Actor, Ctx};
use crate::domain::tokens::{format_list, grantable, parse_list, TokenPermission};
use crate::entities::api_token;
use crate::error::AppError;
use crate::org::directory;
use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};

/// Every token starts with this, so that a leaked one is easy to recognise.
pub const TOKEN_PREFIX: &str = "avrop_";

impl Ctx {
    /// The check every JSON API handler makes next to its role check: a
    /// person (session) passes — their roles decide, as on the pages —; a
    /// token passes only if it was given `permission` (403 otherwise); an
    /// anonymous caller is `Unauthorized`.
    pub fn require_permission(&self, permission: TokenPermission) -> Result<(), AppError> {
        match &self.actor {
            Actor::Anonymous => Err(AppError::Unauthorized),
            Actor::Supplier { .. } => Err(AppError::ForbiddenWithMessage {
                message: "En leverantörsnyckel gäller bara leverantörens beställningar under /api/v1/supplier/.".into(),
            }),
            Actor::System | Actor::Person { .. } => Ok(()),
            Actor::Token { permissions, .. } if permissions.contains(&permission) => Ok(()),
            Actor::Token { .. } => Err(AppError::ForbiddenWithMessage {
                message: format!(
                    "API-nyckeln saknar behörigheten {permission} ({}).",
                    permission.label_sv().to_lowercase()
                ),
            }),
        }
    }
}

/// The permissions stored for a token. A value that does not parse is an
/// internal error, never a default: the token is refused (fail closed).
fn stored_permissions(t: &api_token::Model) -> Result<Vec<TokenPermission>, AppError> {
    parse_list(&t.scope).map_err(|e| AppError::internal(format!("api_token {}: {e}", t.id)))
}

/// The caller behind a bearer token. Missing, unknown, revoked and expired
/// tokens are all `Unauthorized`.
pub async fn resolve_token<C: ConnectionTrait>(db: &C, secret: &str, ip: Option<String>) -> Result<Ctx, AppError> {
    if !secret.starts_with(TOKEN_PREFIX) {
        return Err(AppError::Unauthorized);
    }
    let now = Utc::now();
    let Some(t) = api_token::Entity::find()
        .filter(api_token::Column::TokenHash.eq(digest(secret)))
        .one(db)
        .await?
    else {
        return Err(AppError::Unauthorized);
    };
    if t.revoked_at.is_some() || t.expires_at.is_some_and(|e| e <= now) {
        return Err(AppError::Unauthorized);
    }
    let permissions = stored_permissions(&t)?;
    let Some(owner) = directory::person(db, t.owner_person_id).await?.filter(|p| p.active) else {
        return Err(AppError::Unauthorized);
    };
    if crate::domain::tokens::last_used_is_stale(t.last_used_at, now) {
        api_token::Entity::update_many()
            .col_expr(api_token::Column::LastUsedAt, Expr::value(now))
            .filter(api_token::Column::Id.eq(t.id))
            .filter(
                sea_orm::Condition::any()
                    .add(api_token::Column::LastUsedAt.is_null())
                    .add(api_token::Column::LastUsedAt.lte(now - crate::domain::tokens::LAST_USED_GRANULARITY))
                    .add(api_token::Column::LastUsedAt.gt(now)),
            )
            .exec(db)
            .await?;
    }
    let roles = directory::global_roles(db, owner.id).await?;
    Ok(Ctx {
        actor: Actor::Token {
            id: t.id,
            name: t.name,
            owner_id: owner.id,
            permissions,
        },
        roles,
        ip,
    })
}

/// Input for [`create_token`].
pub struct NewToken {
    pub name: String,
    /// At least one; each one the creator's roles allow them to give.
    pub permissions: Vec<TokenPermission>,
    pub expires_on: Option<chrono::NaiveDate>,
}

/// Why `creator_roles` cannot give `p`, in Swedish.
fn not_grantable_message(p: TokenPermission) -> String {
    let roles: Vec<&str> = p.required_roles().iter().map(|r| r.label_sv()).collect();
    format!(
        "Du kan inte ge nyckeln behörigheten {p} ({}): den kräver rollen {}, som du saknar.",
        p.label_sv().to_lowercase(),
        roles.join(" eller ")
    )
}

/// Creates a token owned by the calling admin, with the chosen permissions;
/// the secret is returned once.
pub async fn create_token<C: ConnectionTrait>(ctx: &Ctx, db: &C, input: NewToken) -> Result<CreatedToken, AppError> {
    require(ctx, crate::domain::authz::Permission::Administer)?;
    let owner = ctx.person_id().ok_or(AppError::Forbidden)?;
    let name = input.name.trim().to_owned();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(AppError::validation("name", "Ge nyckeln ett namn på 1–100 tecken."));
    }
    if input.permissions.is_empty() {
        return Err(AppError::validation(
            "permissions",
            "Välj minst en behörighet för nyckeln.",
        ));
    }
    grantable(&input.permissions, &ctx.roles)
        .map_err(|p| AppError::validation("permissions", not_grantable_message(p)))?;
    let now = Utc::now();
    let expires_at = match input.expires_on {
        Some(d) if d <= now.date_naive() => {
            return Err(AppError::validation(
                "expires_on",
                "Utgångsdatumet måste ligga efter i dag.",
            ));
        }
        Some(d) => d.and_hms_opt(0, 0, 0).map(|t| t.and_utc()),
        None => None,
    };
    let secret = format!("{TOKEN_PREFIX}{}", random_secret());
    let m = api_token::ActiveModel {
        name: Set(name),
        token_hash: Set(digest(&secret)),
        prefix: Set(secret.chars().take(12).collect()),
        owner_person_id: Set(owner),
        scope: Set(format_list(&input.permissions)),
        created_at: Set(now),
        expires_at: Set(expires_at),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let permissions = stored_permissions(&m)?;
    audit::record(
        db,
        ctx,
        "token.create",
        Some("api_token"),
        Some(&m.id.to_string()),
        serde_json::json!({"name": m.name, "permissions": permissions}),
    )
    .await?;
    let owner_name = ctx.label();
    Ok(CreatedToken {
        token: to_dto(m, owner_name)?,
        secret,
    })
}

fn to_dto(m: api_token::Model, owner: String) -> Result<TokenDto, AppError> {
    let permissions = stored_permissions(&m)?;
    Ok(TokenDto {
        id: m.id,
        name: m.name,
        prefix: m.prefix,
        owner,
        permissions,
        created_at: m.created_at,
        expires_at: m.expires_at,
        last_used_at: m.last_used_at,
        revoked_at: m.revoked_at,
    })
}

pub async fn list_tokens<C: ConnectionTrait>(ctx: &Ctx, db: &C) -> Result<Vec<TokenDto>, AppError> {
    require(ctx, crate::domain::authz::Permission::Administer)?;
    let tokens = api_token::Entity::find()
        .order_by_desc(api_token::Column::Id)
        .all(db)
        .await?;
    let owner_ids: Vec<i32> = tokens.iter().map(|t| t.owner_person_id).collect();
    let owners = directory::people(db, owner_ids).await?;
    tokens
        .into_iter()
        .map(|t| {
            let owner = owners
                .get(&t.owner_person_id)
                .map(|p| p.username.clone())
                .unwrap_or_default();
            to_dto(t, owner)
        })
        .collect()
}

pub async fn revoke_token<C: ConnectionTrait>(ctx: &Ctx, db: &C, id: i32) -> Result<(), AppError> {
    require(ctx, crate::domain::authz::Permission::Administer)?;
    let res = api_token::Entity::update_many()
        .col_expr(api_token::Column::RevokedAt, Expr::value(Utc::now()))
        .filter(api_token::Column::Id.eq(id))
        .filter(api_token::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    if res.rows_affected == 0 {
        return Err(AppError::not_found("Nyckeln finns inte eller är redan återkallad."));
    }
    audit::record(
        db,
        ctx,
        "token.revoke",
        Some("api_token"),
        Some(&id.to_string()),
        serde_json::json!({}),
    )
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests;
