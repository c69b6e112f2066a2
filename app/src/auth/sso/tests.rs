//! Tests of the sign-in through the identity provider's service part: the
//! begun sign-ins, the directory claim, the session, the audit, and the
//! local login's modes beside it.

use super::*;
use crate::auth::dto::{LocalLogin, LoginOptions};
use crate::auth::service::digest;
use crate::auth::service::{self as auth, resolve_session};
use crate::entities::{audit_log, person, session};
use crate::testing::demo_db;
use sea_orm::sea_query::Expr;
use sea_orm::QueryOrder;

fn flow(next: &str) -> Flow {
    Flow {
        nonce: "nonce".into(),
        pkce_verifier: "verifier".into(),
        next: next.into(),
    }
}

/// The newest audit entry: its action and detail.
struct Entry {
    action: String,
    detail: serde_json::Value,
}

async fn last_audit<C: ConnectionTrait>(db: &C) -> Entry {
    let e = audit_log::Entity::find()
        .order_by_desc(audit_log::Column::Id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    Entry {
        action: e.action,
        detail: serde_json::from_str(&e.detail).unwrap(),
    }
}

#[tokio::test]
async fn a_begun_sign_in_is_taken_once_and_only_by_its_state() {
    let t = demo_db().await;
    begin_flow(&t.db, "state-1", &flow("/katalog")).await.unwrap();
    assert_eq!(take_flow(&t.db, "state-2").await.unwrap(), None);
    assert_eq!(take_flow(&t.db, "state-1").await.unwrap(), Some(flow("/katalog")));
    assert_eq!(take_flow(&t.db, "state-1").await.unwrap(), None, "taken once");
    // Only the digest of the state is stored.
    let stored = oidc_flow::Entity::find().all(&t.db).await.unwrap();
    assert!(stored.iter().all(|f| f.id != "state-1"));
}

/// Makes every begun sign-in older than its lifetime.
async fn outlive_flows<C: ConnectionTrait>(db: &C) {
    oidc_flow::Entity::update_many()
        .col_expr(
            oidc_flow::Column::CreatedAt,
            Expr::value(Utc::now() - FLOW_LIFETIME - chrono::Duration::minutes(1)),
        )
        .exec(db)
        .await
        .unwrap();
}

#[tokio::test]
async fn a_sign_in_older_than_its_lifetime_cannot_be_finished_and_is_cleared() {
    let t = demo_db().await;
    begin_flow(&t.db, "old", &flow("/")).await.unwrap();
    outlive_flows(&t.db).await;
    assert_eq!(take_flow(&t.db, "old").await.unwrap(), None);
    begin_flow(&t.db, "older", &flow("/")).await.unwrap();
    outlive_flows(&t.db).await;
    begin_flow(&t.db, "new", &flow("/")).await.unwrap();
    assert_eq!(
        oidc_flow::Entity::find().all(&t.db).await.unwrap().len(),
        1,
        "the stale one went"
    );
}

fn verified(value: &str) -> Verified {
    Verified {
        subject: format!("sub-{value}"),
        value: value.into(),
        id_token: "h.eyJzdWIiOiJzdWItYW5uYSJ9.s".into(),
    }
}

#[tokio::test]
async fn a_verified_claim_starts_a_session_with_the_id_token_and_an_audit_entry() {
    let t = demo_db().await;
    let cfg = AuthConfig::default();
    let done = login(
        &t.db,
        &cfg,
        Matching::Username,
        &verified("Anna.Lindqvist"),
        "10.0.0.1",
        Some("test"),
    )
    .await
    .unwrap();
    assert_eq!(done.user.username, "anna.lindqvist");
    let (ctx, _) = resolve_session(&t.db, &cfg, &done.session_secret, None)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(ctx.person_id(), Some(done.user.id));
    let s = session::Entity::find_by_id(digest(&done.session_secret))
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(s.id_token.as_deref(), Some("h.eyJzdWIiOiJzdWItYW5uYSJ9.s"));
    let a = last_audit(&t.db).await;
    assert_eq!(a.action, "login.success");
    assert_eq!(a.detail["method"], "oidc");
    assert_eq!(a.detail["subject"], "sub-Anna.Lindqvist");

    // Logging out hands the ID token back (for the provider's logout) and
    // audits the subject.
    let token = auth::logout(&t.db, &ctx, &done.session_secret).await.unwrap();
    assert_eq!(token.as_deref(), Some("h.eyJzdWIiOiJzdWItYW5uYSJ9.s"));
    let a = last_audit(&t.db).await;
    assert_eq!(a.action, "logout");
    assert_eq!(a.detail["subject"], "sub-anna");
    assert_eq!(auth::logout(&t.db, &ctx, &done.session_secret).await.unwrap(), None);
}

#[tokio::test]
async fn the_email_claim_is_compared_with_the_address_whatever_its_case() {
    let t = demo_db().await;
    let done = login(
        &t.db,
        &AuthConfig::default(),
        Matching::Email,
        &verified("Karin.Holm@RegionNorrvik.se"),
        "10.0.0.1",
        None,
    )
    .await
    .unwrap();
    assert_eq!(done.user.username, "karin.holm");
}

#[tokio::test]
async fn nobody_is_created_for_an_unknown_or_inactive_person_and_the_refusal_is_audited() {
    let t = demo_db().await;
    let cfg = AuthConfig::default();
    let err = login(
        &t.db,
        &cfg,
        Matching::Username,
        &verified("okand.person"),
        "10.0.0.1",
        None,
    )
    .await
    .err()
    .expect("refused");
    let AppError::ForbiddenWithMessage { message } = err else {
        panic!("a refusal: {err:?}")
    };
    assert!(
        message.contains("okand.person") && message.contains("IT-servicedesk"),
        "{message}"
    );
    let a = last_audit(&t.db).await;
    assert_eq!(a.action, "login.refused");
    assert_eq!(a.detail["reason"], "unknown_person");
    assert_eq!(a.detail["subject"], "sub-okand.person");
    assert_eq!(session::Entity::find().all(&t.db).await.unwrap().len(), 0);

    person::Entity::update_many()
        .col_expr(person::Column::Active, Expr::value(false))
        .filter(person::Column::Username.eq("anna.lindqvist"))
        .exec(&t.db)
        .await
        .unwrap();
    assert!(login(
        &t.db,
        &cfg,
        Matching::Username,
        &verified("anna.lindqvist"),
        "10.0.0.1",
        None
    )
    .await
    .is_err());
}

fn with_local(local: LocalLogin) -> AuthConfig {
    AuthConfig {
        login: LoginOptions { sso: true, local },
        ..Default::default()
    }
}

#[tokio::test]
async fn with_local_login_off_no_password_signs_in_and_the_refusal_is_audited() {
    let t = demo_db().await;
    let cfg = with_local(LocalLogin::Off);
    for who in ["anna.lindqvist", "per.svensson"] {
        let err = auth::login(&t.db, &cfg, who, crate::demo::DEMO_PASSWORD, "10.0.0.1", None)
            .await
            .err()
            .expect("refused");
        assert_eq!(err.status(), 403, "{who}");
        assert_eq!(err.to_string(), auth::LOCAL_LOGIN_OFF);
        assert_eq!(last_audit(&t.db).await.detail["reason"], "local_login_off");
    }
}

#[tokio::test]
async fn with_local_login_for_admins_only_an_administrator_signs_in_and_others_are_sent_to_the_card() {
    let t = demo_db().await;
    let cfg = with_local(LocalLogin::AdminsOnly);
    let err = auth::login(
        &t.db,
        &cfg,
        "anna.lindqvist",
        crate::demo::DEMO_PASSWORD,
        "10.0.0.1",
        None,
    )
    .await
    .err()
    .expect("refused");
    assert_eq!(err.to_string(), auth::LOCAL_LOGIN_ADMINS_ONLY);
    assert_eq!(last_audit(&t.db).await.detail["reason"], "local_login_admins_only");
    let admin = auth::login(
        &t.db,
        &cfg,
        "per.svensson",
        crate::demo::DEMO_PASSWORD,
        "10.0.0.1",
        None,
    )
    .await
    .expect("the administrator signs in");
    assert_eq!(admin.user.username, "per.svensson");
    // A wrong password is still the one message, admin or not.
    let wrong = auth::login(&t.db, &cfg, "anna.lindqvist", "fel", "10.0.0.1", None)
        .await
        .err()
        .unwrap();
    assert_eq!(wrong.to_string(), auth::WRONG_CREDENTIALS);
}

#[test]
fn a_claim_is_read_from_a_token_and_garbage_is_none() {
    // {"sub":"anna","n":5,"list":[1]}
    let jwt = "x.eyJzdWIiOiJhbm5hIiwibiI6NSwibGlzdCI6WzFdfQ.y";
    assert_eq!(claim_of(jwt, "sub").as_deref(), Some("anna"));
    assert_eq!(claim_of(jwt, "n").as_deref(), Some("5"));
    assert_eq!(claim_of(jwt, "list"), None);
    assert_eq!(claim_of(jwt, "missing"), None);
    assert_eq!(claim_of("not a token", "sub"), None);
    assert_eq!(claim_of("a.!!!.b", "sub"), None);
}
