//! API tokens on the database: created by an administrator with named
//! permissions (never more than the creator holds), resolved from the bearer
//! header of JSON API calls, listed and revoked. The permission check of the
//! API handlers, [`Ctx::require_permission`], lives here too.

use super::dto::{CreatedToken, TokenDto};
use super::service::{digest, random_secret, roles_of};
use crate::audit::service as audit;
use crate::ctx::{require, Actor, Ctx};
use crate::domain::tokens::{format_list, grantable, parse_list, TokenPermission};
use crate::entities::{api_token, person};
use crate::error::AppError;
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
    let Some(owner) = person::Entity::find_by_id(t.owner_person_id)
        .filter(person::Column::Active.eq(true))
        .one(db)
        .await?
    else {
        return Err(AppError::Unauthorized);
    };
    api_token::Entity::update_many()
        .col_expr(api_token::Column::LastUsedAt, Expr::value(now))
        .filter(api_token::Column::Id.eq(t.id))
        .exec(db)
        .await?;
    let roles = roles_of(db, owner.id).await?;
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
    let owners: std::collections::HashMap<i32, String> = person::Entity::find()
        .filter(person::Column::Id.is_in(owner_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.username))
        .collect();
    tokens
        .into_iter()
        .map(|t| {
            let owner = owners.get(&t.owner_person_id).cloned().unwrap_or_default();
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
mod tests {
    use super::*;
    use crate::testing::{demo_db, empty_db};
    use TokenPermission::*;

    async fn person_ctx<C: ConnectionTrait>(db: &C, username: &str) -> Ctx {
        let p = person::Entity::find()
            .filter(person::Column::Username.eq(username))
            .one(db)
            .await
            .unwrap()
            .unwrap();
        Ctx {
            actor: Actor::Person {
                id: p.id,
                username: username.into(),
            },
            roles: roles_of(db, p.id).await.unwrap(),
            ip: None,
        }
    }

    fn token(permissions: Vec<TokenPermission>) -> Ctx {
        Ctx {
            actor: Actor::Token {
                id: 1,
                name: "lev".into(),
                owner_id: 1,
                permissions,
            },
            roles: crate::domain::roles::Role::ALL.to_vec(),
            ip: None,
        }
    }

    fn new(name: &str, permissions: &[TokenPermission]) -> NewToken {
        NewToken {
            name: name.into(),
            permissions: permissions.to_vec(),
            expires_on: None,
        }
    }

    #[test]
    fn a_token_passes_only_with_the_permission_and_a_person_by_their_roles() {
        assert_eq!(token(vec![OrdersRead]).require_permission(OrdersRead), Ok(()));
        let refused = token(vec![OrdersRead]).require_permission(AuditRead).unwrap_err();
        assert_eq!(refused.status(), 403);
        assert!(refused.to_string().contains("audit:read"), "{refused}");
        assert_eq!(token(vec![]).require_permission(OrgRead).unwrap_err().status(), 403);
        let person = Ctx {
            actor: Actor::Person {
                id: 1,
                username: "anna".into(),
            },
            roles: vec![],
            ip: None,
        };
        assert_eq!(person.require_permission(AuditRead), Ok(()));
        assert_eq!(Ctx::system().require_permission(CatalogWrite), Ok(()));
        assert_eq!(
            Ctx::anonymous().require_permission(OrgRead),
            Err(AppError::Unauthorized)
        );
    }

    #[tokio::test]
    async fn a_token_is_created_with_its_permissions_and_resolves_with_them() {
        let t = demo_db().await;
        let admin = person_ctx(&t.db, "per.svensson").await;
        let created = create_token(&admin, &t.db, new("lev", &[PlansRead, OrdersRead, OrdersRead]))
            .await
            .unwrap();
        assert_eq!(created.token.permissions, vec![OrdersRead, PlansRead]);
        let ctx = resolve_token(&t.db, &created.secret, None).await.unwrap();
        assert!(matches!(&ctx.actor, Actor::Token { permissions, .. } if *permissions == vec![OrdersRead, PlansRead]));
        assert_eq!(ctx.roles, admin.roles, "the token acts with its owner's roles");
        let listed = list_tokens(&admin, &t.db).await.unwrap();
        assert_eq!(listed[0].permissions, vec![OrdersRead, PlansRead]);
        let log = crate::audit::service::list(&admin, &t.db, &Default::default(), 1)
            .await
            .unwrap();
        assert_eq!(log.entries[0].action, "token.create");
        assert!(
            log.entries[0]
                .detail
                .contains(r#""permissions":["orders:read","plans:read"]"#),
            "{}",
            log.entries[0].detail
        );
    }

    #[tokio::test]
    async fn a_creator_cannot_give_a_permission_their_roles_do_not_hold_nor_none() {
        let t = demo_db().await;
        // per.svensson is an administrator and a requester, not a catalogue manager.
        let admin = person_ctx(&t.db, "per.svensson").await;
        let err = create_token(&admin, &t.db, new("import", &[CatalogRead, CatalogWrite]))
            .await
            .unwrap_err();
        assert_eq!(err.field(), Some("permissions"));
        assert!(err.to_string().contains("catalog:write"), "{err}");
        assert!(err.to_string().contains("Katalogansvarig"), "{err}");
        let err = create_token(&admin, &t.db, new("tom", &[])).await.unwrap_err();
        assert_eq!(err.field(), Some("permissions"));
        assert!(
            list_tokens(&admin, &t.db).await.unwrap().is_empty(),
            "nothing was written"
        );
    }

    #[tokio::test]
    async fn a_stored_permission_that_does_not_parse_refuses_the_token_as_an_internal_error() {
        let t = demo_db().await;
        let admin = person_ctx(&t.db, "per.svensson").await;
        let created = create_token(&admin, &t.db, new("lev", &[OrdersRead])).await.unwrap();
        api_token::Entity::update_many()
            .col_expr(api_token::Column::Scope, Expr::value("orders:read everything"))
            .filter(api_token::Column::Id.eq(created.token.id))
            .exec(&t.db)
            .await
            .unwrap();
        assert_eq!(
            resolve_token(&t.db, &created.secret, None).await.unwrap_err(),
            AppError::Internal
        );
        assert_eq!(list_tokens(&admin, &t.db).await.unwrap_err(), AppError::Internal);
    }

    #[tokio::test]
    async fn the_migration_turns_read_tokens_into_the_read_permissions_and_others_into_read_and_write() {
        use crate::entities::{administration, unit};
        use migrations::{Migrator, MigratorTrait};
        let t = empty_db().await;
        // Every migration before the one that converts tokens.
        let before = Migrator::migrations()
            .iter()
            .position(|m| m.name() == "m20261130_000012_token_permissions")
            .expect("the token migration is registered");
        Migrator::up(&t.db, Some(before as u32)).await.unwrap();
        let a = administration::ActiveModel {
            code: Set("F".into()),
            name: Set("Förvaltning".into()),
            ..Default::default()
        }
        .insert(&t.db)
        .await
        .unwrap();
        let u = unit::ActiveModel {
            administration_id: Set(a.id),
            code: Set("E".into()),
            name: Set("Enhet".into()),
            ..Default::default()
        }
        .insert(&t.db)
        .await
        .unwrap();
        let p = person::ActiveModel {
            username: Set("anna".into()),
            given_name: Set("Anna".into()),
            family_name: Set("A".into()),
            email: Set("anna@example.org".into()),
            phone: Set(String::new()),
            unit_id: Set(u.id),
            active: Set(true),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(&t.db)
        .await
        .unwrap();
        for (i, scope) in ["read", "write", ""].into_iter().enumerate() {
            api_token::ActiveModel {
                name: Set(format!("t{i}")),
                token_hash: Set(format!("hash{i}")),
                prefix: Set("avrop_x".into()),
                owner_person_id: Set(p.id),
                scope: Set(scope.into()),
                created_at: Set(Utc::now()),
                ..Default::default()
            }
            .insert(&t.db)
            .await
            .unwrap();
        }

        Migrator::up(&t.db, None).await.unwrap();

        let tokens = api_token::Entity::find()
            .order_by_asc(api_token::Column::Id)
            .all(&t.db)
            .await
            .unwrap();
        let read = vec![OrgRead, CatalogRead, OrdersRead, PlansRead];
        let write = vec![
            OrgRead,
            CatalogRead,
            CatalogWrite,
            OrdersRead,
            OrdersWrite,
            PlansRead,
            PlansWrite,
        ];
        assert_eq!(parse_list(&tokens[0].scope), Ok(read));
        assert_eq!(parse_list(&tokens[1].scope), Ok(write.clone()));
        assert_eq!(parse_list(&tokens[2].scope), Ok(write));
        // Every permission fits the column (PostgreSQL checks its length).
        api_token::Entity::update_many()
            .col_expr(
                api_token::Column::Scope,
                Expr::value(format_list(&TokenPermission::ALL)),
            )
            .exec(&t.db)
            .await
            .unwrap();
    }
}
