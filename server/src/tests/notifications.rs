//! Router tests of notifications: the API, the page and the header's count.

use super::*;
use app::notify::dto::Kind;

async fn person_id(app: &TestApp, username: &str) -> i32 {
    use app::entities::person;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    person::Entity::find()
        .filter(person::Column::Username.eq(username))
        .one(&app.t.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

fn post_read(id: i64, cookie: &str) -> Request<Body> {
    Request::post(format!("/api/v1/notifications/{id}/read"))
        .header("cookie", cookie)
        .header(header::ORIGIN, ORIGIN)
        .body(Body::empty())
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_person_reads_and_marks_only_their_own_notifications() {
    let app = spawn_app().await;
    let erik = person_id(&app, "erik.johansson").await;
    let anna = person_id(&app, "anna.lindqvist").await;
    let notify = |who, title: &'static str, link: &'static str| {
        app::notify::service::notify(&app.t.db, who, Kind::ToAttest, title, "Text", link)
    };
    notify(erik, "Beställning 7 väntar på din attest", "/attestera")
        .await
        .unwrap();
    let annas = notify(anna, "Din beställning är godkänd", "/bestallningar/7")
        .await
        .unwrap();
    notify(erik, "Påminnelse: beställning 7", "/attestera").await.unwrap();

    let erik_cookie = login_as(&app, "erik.johansson").await;
    let r = get_with(&app, "/api/v1/notifications", ("cookie", &erik_cookie)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let body = r.json();
    assert_eq!(body["unread"], 2);
    let titles: Vec<&str> = body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        vec!["Påminnelse: beställning 7", "Beställning 7 väntar på din attest"]
    );
    assert_eq!(body["items"][0]["kind"], "to_attest");
    assert_eq!(body["items"][0]["link"], "/attestera");
    assert!(body["items"][0]["read_at"].is_null());

    // Anna's is not Erik's to mark: 404, and it stays unread.
    let r = send(&app, post_read(annas as i64, &erik_cookie)).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
    assert_eq!(r.json()["error"], "not_found");
    let anna_cookie = login_as(&app, "anna.lindqvist").await;
    let r = get_with(&app, "/api/v1/notifications", ("cookie", &anna_cookie)).await;
    assert_eq!(r.json()["unread"], 1);

    // His own: 204, twice.
    let first = body["items"][1]["id"].as_i64().unwrap();
    for _ in 0..2 {
        let r = send(&app, post_read(first, &erik_cookie)).await;
        assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    }
    let r = get_with(&app, "/api/v1/notifications", ("cookie", &erik_cookie)).await;
    assert_eq!(r.json()["unread"], 1);
    assert!(!r.json()["items"][1]["read_at"].is_null());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_reads_its_owners_notifications_only_with_notifications_read() {
    use app::auth::tokens::{create_token, NewToken};
    use app::domain::tokens::TokenPermission;
    let app = spawn_app().await;
    // API keys are an administrator's.
    let per = person_id(&app, "per.svensson").await;
    app::notify::service::notify(&app.t.db, per, Kind::Decision, "Godkänd", "Text", "/bestallningar/1")
        .await
        .unwrap();
    let ctx = app::testing::person_ctx(&app.t.db, "per.svensson").await;
    let token = |permissions: Vec<TokenPermission>| NewToken {
        name: format!("{permissions:?}"),
        permissions,
        expires_on: None,
    };
    let reader = create_token(&ctx, &app.t.db, token(vec![TokenPermission::NotificationsRead]))
        .await
        .unwrap();
    let other = create_token(&ctx, &app.t.db, token(vec![TokenPermission::CatalogRead]))
        .await
        .unwrap();
    let bearer = |t: &str| format!("Bearer {t}");
    let r = get_with(
        &app,
        "/api/v1/notifications",
        ("authorization", &bearer(&reader.secret)),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["items"][0]["title"], "Godkänd");
    let r = get_with(&app, "/api/v1/notifications", ("authorization", &bearer(&other.secret))).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_lists_them_and_the_header_counts_the_unread() {
    let app = spawn_app().await;
    let cookie = login_as(&app, "erik.johansson").await;
    let r = get_with(&app, "/aviseringar", ("cookie", &cookie)).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("id=\"notifications-empty\""), "the empty state");
    assert!(
        r.body.contains("id=\"notifications-link\""),
        "the header links to the page"
    );
    assert!(
        !r.body.contains("id=\"notifications-unread\""),
        "no count when none are unread"
    );

    let erik = person_id(&app, "erik.johansson").await;
    app::notify::service::notify(
        &app.t.db,
        erik,
        Kind::ToAttest,
        "Beställning 7 väntar på din attest",
        "Anna Lindqvist har beställt.",
        "/attestera",
    )
    .await
    .unwrap();
    let r = get_with(&app, "/aviseringar", ("cookie", &cookie)).await;
    assert!(r.body.contains("Beställning 7 väntar på din attest"));
    assert!(r.body.contains("Markera som läst"));
    assert!(r.body.contains("Markera alla som lästa"));
    let start = get_with(&app, "/", ("cookie", &cookie)).await;
    assert!(
        start.body.contains("id=\"notifications-unread\""),
        "the header counts the unread on every page"
    );
    assert!(start.body.contains(" olästa"));

    // The counts that the page's session read brings are the caller's
    // own, and the cart's as the cart stands.
    let item = app::testing::item_id(&app.t.db, "DL-WD22TB4").await;
    let erik_ctx = app::testing::person_ctx(&app.t.db, "erik.johansson").await;
    app::cart::service::add(&erik_ctx, &app.t.db, item, 3).await.unwrap();
    let start = get_with(&app, "/", ("cookie", &cookie)).await;
    let badge = start
        .body
        .split("id=\"cart-count\"")
        .nth(1)
        .expect("the cart's count in the header");
    assert!(
        badge.split("</span>").next().is_some_and(|b| b.contains(">3<")),
        "the cart's three units: {badge}"
    );
    let anna = login_as(&app, "anna.lindqvist").await;
    let theirs = get_with(&app, "/", ("cookie", &anna)).await;
    assert!(
        !theirs.body.contains("id=\"notifications-unread\""),
        "not Erik's unread"
    );
    assert!(!theirs.body.contains("id=\"cart-count\""), "not Erik's cart");
}
