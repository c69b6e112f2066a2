//! Router tests: route access, object roles, segregation of duties, token permissions.

#[allow(unused_imports)]
use super::*;

// ---- token permissions (hole 6) ----

/// Creates an API key through the real form's server function, as the admin
/// with `cookie`, with the permission codes ticked.
async fn create_key(app: &TestApp, cookie: &str, name: &str, permissions: &[&str]) -> Reply {
    let mut body = format!("name={name}&expires_on=");
    for p in permissions {
        body.push_str(&format!("&permissions%5B%5D={}", p.replace(':', "%3A")));
    }
    send(
        app,
        Request::post("/api/auth/tokens/create")
            .header("cookie", cookie)
            .header(header::ORIGIN, ORIGIN)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .unwrap(),
    )
    .await
}

/// The secret of a new key with these permissions, created by `per.svensson`
/// (administrator and requester).
async fn admin_key(app: &TestApp, permissions: &[&str]) -> String {
    let per = login_as(app, "per.svensson").await;
    let r = create_key(app, &per, "integration", permissions).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    format!("Bearer {}", r.json()["secret"].as_str().unwrap())
}

/// The id of a plan `per.svensson` may read with his session.
async fn a_readable_plan(app: &TestApp) -> i32 {
    use sea_orm::EntityTrait;
    let per = login_as(app, "per.svensson").await;
    for p in app::entities::plan::Entity::find().all(&app.t.db).await.unwrap() {
        if get_with(app, &format!("/api/v1/plans/{}", p.id), ("cookie", &per)).await.status == StatusCode::OK {
            return p.id;
        }
    }
    panic!("per.svensson reads no plan");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_orders_read_token_reads_orders_and_nothing_else() {
    let app = spawn_app().await;
    let plan = a_readable_plan(&app).await;
    let per = login_as(&app, "per.svensson").await;
    let order = annas_order(&app, &per, "DL-WD22TB4", 1).await;
    let key = admin_key(&app, &["orders:read"]).await;
    let with_key = |uri: String| {
        let (app, key) = (&app, &key);
        async move { get_with(app, &uri, ("authorization", key)).await }
    };

    assert_eq!(with_key("/api/v1/orders?mine=true".into()).await.status, StatusCode::OK);
    for uri in [
        format!("/api/v1/plans/{plan}"),
        "/api/v1/portfolio/2026".into(),
        "/api/v1/catalog/items".into(),
        "/api/v1/org/units".into(),
        "/api/v1/audit".into(),
    ] {
        let r = with_key(uri.clone()).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{uri}: {}", r.body);
        assert_eq!(r.json()["error"], "forbidden", "{uri}");
    }
    let csv = with_key("/admin/logg.csv".into()).await;
    assert_eq!(csv.status, StatusCode::FORBIDDEN, "{}", csv.body);
    assert!(!csv.body.contains("login.success"));

    let post = send(
        &app,
        Request::post("/api/v1/orders")
            .header("authorization", &key)
            .header(header::CONTENT_TYPE, "application/json")
            .header("idempotency-key", "token-1")
            .body(Body::from(order.to_string()))
            .unwrap(),
    )
    .await;
    assert_eq!(post.status, StatusCode::FORBIDDEN, "{}", post.body);
    assert!(post.json()["message"].as_str().unwrap().contains("orders:write"));
    let mine = with_key("/api/v1/orders?mine=true".into()).await.json();
    assert_eq!(mine.as_array().unwrap().len(), 0, "nothing was ordered");

    // With the permission, the same plan reads.
    let plans = admin_key(&app, &["plans:read"]).await;
    let r = get_with(&app, &format!("/api/v1/plans/{plan}"), ("authorization", &plans)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_audit_read_token_of_an_admin_reads_the_audit_log_api_in_pages() {
    let app = spawn_app().await;
    let _ = login(&app, "anna.lindqvist", "fel").await;
    let anna = login_as(&app, "anna.lindqvist").await;
    let key = admin_key(&app, &["audit:read"]).await;
    let first = get_with(&app, "/api/v1/audit?limit=2", ("authorization", &key)).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    let first = first.json();
    assert_eq!(first["items"].as_array().unwrap().len(), 2);
    assert_eq!(first["items"][0]["action"], "token.create");
    assert_eq!(
        first["items"][0]["detail"]["permissions"],
        serde_json::json!(["audit:read"])
    );
    let cursor = first["next_cursor"].as_str().expect("more entries");
    let second = get_with(
        &app,
        &format!("/api/v1/audit?limit=2&cursor={cursor}"),
        ("authorization", &key),
    )
    .await
    .json();
    assert!(second["items"][0]["id"].as_i64() < first["items"][1]["id"].as_i64());
    let logins = get_with(&app, "/api/v1/audit?action=login", ("authorization", &key))
        .await
        .json();
    assert!(logins["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["action"].as_str().unwrap().starts_with("login.")));
    let bad = get_with(&app, "/api/v1/audit?from=24/11", ("authorization", &key)).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.json()["field"], "from");

    // The log stays the administrators': a session without the role is refused.
    assert_eq!(
        get_with(&app, "/api/v1/audit", ("cookie", &anna)).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(get(&app, "/api/v1/audit").await.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_cannot_give_a_token_more_than_their_roles_nor_none_nor_an_unknown_one() {
    let app = spawn_app().await;
    // per.svensson is an administrator and a requester, not a catalogue manager.
    let per = login_as(&app, "per.svensson").await;
    for (permissions, says) in [
        (&["catalog:read", "catalog:write"][..], "catalog:write"),
        (&["plans:write"][..], "plans:write"),
        (&[][..], "minst en"),
        (&["read"][..], "read"),
    ] {
        let r = create_key(&app, &per, "import", permissions).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{permissions:?}: {}", r.body);
        assert_eq!(r.json()["field"], "permissions", "{permissions:?}");
        assert!(r.json()["message"].as_str().unwrap().contains(says), "{}", r.body);
    }
    let list = send(
        &app,
        Request::post("/api/auth/tokens")
            .header("cookie", &per)
            .header(header::ORIGIN, ORIGIN)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.body);
    assert_eq!(list.json(), serde_json::json!([]), "no token was created");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bearer_token_is_refused_on_pages_server_functions_and_exports() {
    let app = spawn_app().await;
    let key = admin_key(&app, &["org:read", "catalog:read", "orders:read", "audit:read"]).await;
    assert_eq!(
        get_with(&app, "/api/v1/me", ("authorization", &key)).await.status,
        StatusCode::OK
    );
    for uri in ["/", "/admin", "/admin/api-nycklar", "/admin/logg.csv", "/katalog"] {
        let r = send(
            &app,
            Request::get(uri)
                .header("authorization", &key)
                .header(header::ACCEPT, "text/html,*/*")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{uri}");
        assert_eq!(r.json()["error"], "forbidden", "{uri}");
    }
    for (uri, body) in [
        ("/api/auth/tokens", String::new()),
        ("/api/audit/list", String::new()),
        (
            "/api/auth/tokens/create",
            "name=x&permissions%5B%5D=audit%3Aread".into(),
        ),
    ] {
        let r = send(
            &app,
            Request::post(uri)
                .header("authorization", &key)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(body))
                .unwrap(),
        )
        .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{uri}: {}", r.body);
        assert!(!r.body.contains("secret"), "{uri}");
    }
}
