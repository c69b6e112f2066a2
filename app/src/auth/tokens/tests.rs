//! Tests of API tokens: issuing, resolving, permissions and revocation.

use super::*;
use crate::entities::person;
use crate::org::directory::global_roles;
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
        roles: global_roles(db, p.id).await.unwrap(),
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
