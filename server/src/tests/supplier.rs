//! Router tests of the supplier API: Anna orders a dock (Dustin) on
//! Kardiologi, Erik attests it, and Dustin's system takes it from there
//! with the key the administrator made.

use super::*;

fn json_post(uri: &str, auth: (&str, &str), body: &str) -> Request<Body> {
    Request::post(uri)
        .header(auth.0, auth.1)
        .header(header::ORIGIN, ORIGIN)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_owned()))
        .unwrap()
}

/// The administrator makes a key for the supplier named `name`; the
/// `Authorization` value.
async fn supplier_key(app: &TestApp, name: &str) -> String {
    let per = login_as(app, "per.svensson").await;
    let suppliers: Vec<(i32, String)> = app::catalog::service::suppliers(&app.t.db).await.unwrap();
    let id = suppliers.iter().find(|(_, n)| n == name).unwrap().0;
    let created = send(
        app,
        Request::post("/api/fulfilment/keys/create")
            .header("cookie", &per)
            .header(header::ORIGIN, ORIGIN)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(format!("supplier_id={id}&name=Ordersystem")))
            .unwrap(),
    )
    .await;
    assert_eq!(created.status, StatusCode::OK, "{}", created.body);
    format!("Bearer {}", created.json()["secret"].as_str().unwrap())
}

/// Anna's attested order of one dock; its id.
async fn attested_dock(app: &TestApp) -> i64 {
    let anna = login_as(app, "anna.lindqvist").await;
    let body = annas_order(app, &anna, "DL-WD22TB4", 1).await;
    let r = send(app, post_order(&anna, &uuid::Uuid::new_v4().to_string(), &body)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let id = r.json()["id"].as_i64().unwrap();
    let erik = login_as(app, "erik.johansson").await;
    let r = send(
        app,
        json_post(
            &format!("/api/v1/orders/{id}/decision"),
            ("cookie", &erik),
            r#"{"decision": "approve"}"#,
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    id
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_supplier_fetches_acknowledges_and_reports_its_order_once_per_event() {
    let app = spawn_app().await;
    let id = attested_dock(&app).await;
    let dustin = supplier_key(&app, "Dustin Sverige AB").await;
    let auth = ("authorization", dustin.as_str());

    let page = get_with(&app, "/api/v1/supplier/orders?state=attested", auth).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let page = page.json();
    assert_eq!(page["orders"][0]["order_id"], id);
    assert_eq!(page["orders"][0]["lines"][0]["article_number"], "DL-WD22TB4");
    assert_eq!(page["next_cursor"], Value::Null);

    let ack = send(&app, json_post(&format!("/api/v1/supplier/orders/{id}/ack"), auth, "")).await;
    assert_eq!(ack.status, StatusCode::OK, "{}", ack.body);
    assert_eq!(ack.json()["state"], "sent_to_supplier");
    let again = send(&app, json_post(&format!("/api/v1/supplier/orders/{id}/ack"), auth, "")).await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.body);
    assert_eq!(again.json()["state"], "sent_to_supplier");

    let shipped = serde_json::json!({
        "event_id": "dustin-42", "order_id": id, "type": "shipped",
        "occurred_at": chrono::Utc::now().to_rfc3339(), "tracking_number": "PN987654321SE"
    })
    .to_string();
    let (a, b) = tokio::join!(
        send(&app, json_post("/api/v1/supplier/events", auth, &shipped)),
        send(&app, json_post("/api/v1/supplier/events", auth, &shipped))
    );
    assert_eq!(
        (a.status, b.status),
        (StatusCode::OK, StatusCode::OK),
        "{} {}",
        a.body,
        b.body
    );
    assert_eq!(a.json(), b.json());
    assert_eq!(a.json()["state"], "shipped");

    let anna = login_as(&app, "anna.lindqvist").await;
    let seen = get_with(&app, &format!("/api/v1/orders/{id}"), ("cookie", &anna))
        .await
        .json();
    assert_eq!(seen["status"], "shipped");
    assert_eq!(seen["parts"][0]["tracking_number"], "PN987654321SE");
    let shipped_steps = seen["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["to"] == "shipped")
        .count();
    assert_eq!(shipped_steps, 1, "applied once");

    // Refused: a step the part cannot take now, with its state.
    let rejected = serde_json::json!({
        "event_id": "dustin-43", "order_id": id, "type": "rejected",
        "occurred_at": chrono::Utc::now().to_rfc3339(), "reason": "Slut"
    })
    .to_string();
    let r = send(&app, json_post("/api/v1/supplier/events", auth, &rejected)).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert_eq!(r.json()["error"], "conflict");
    assert_eq!(r.json()["state"], "shipped");
    // Malformed: the field is named.
    let r = send(
        &app,
        json_post(
            "/api/v1/supplier/events",
            auth,
            &serde_json::json!({"event_id": "x", "order_id": id, "type": "exploded", "occurred_at": "2026-11-30T10:00:00Z"})
                .to_string(),
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(r.json()["field"], "type");
    let r = send(
        &app,
        json_post(
            "/api/v1/supplier/events",
            auth,
            &serde_json::json!({"event_id": "x", "order_id": id, "type": "delivered", "occurred_at": "igår"})
                .to_string(),
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(r.json()["field"], "occurred_at");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_supplier_key_reaches_its_own_orders_only_and_nothing_else() {
    let app = spawn_app().await;
    let id = attested_dock(&app).await;
    let atea = supplier_key(&app, "Atea Sverige AB").await;
    let auth = ("authorization", atea.as_str());
    // The dock is Dustin's.
    let r = send(&app, json_post(&format!("/api/v1/supplier/orders/{id}/ack"), auth, "")).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
    let page = get_with(&app, "/api/v1/supplier/orders", auth).await;
    assert_eq!(page.json()["orders"], serde_json::json!([]));
    // Nothing but the supplier API.
    for path in ["/api/v1/me", &format!("/api/v1/orders/{id}"), "/api/v1/catalog/items"] {
        let r = get_with(&app, path, auth).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{path}: {}", r.body);
    }
    let page = get_with(&app, "/katalog", auth).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    // A person is not a supplier; nobody at all is not either.
    let anna = login_as(&app, "anna.lindqvist").await;
    let r = get_with(&app, "/api/v1/supplier/orders", ("cookie", &anna)).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    let r = send(
        &app,
        Request::get("/api/v1/supplier/orders").body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{}", r.body);
    let r = get_with(
        &app,
        "/api/v1/supplier/orders",
        ("authorization", "Bearer avrop-lev_fel"),
    )
    .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{}", r.body);
    assert_eq!(r.headers[header::WWW_AUTHENTICATE], "Bearer");

    // Revoked: refused at once.
    let per = login_as(&app, "per.svensson").await;
    let keys =
        app::fulfilment::service::keys::page(&app::testing::person_ctx(&app.t.db, "per.svensson").await, &app.t.db)
            .await
            .unwrap();
    let revoked = send(
        &app,
        Request::post("/api/fulfilment/keys/revoke")
            .header("cookie", &per)
            .header(header::ORIGIN, ORIGIN)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(format!("id={}", keys.keys[0].id)))
            .unwrap(),
    )
    .await;
    assert_eq!(revoked.status, StatusCode::OK, "{}", revoked.body);
    let r = get_with(&app, "/api/v1/supplier/orders", auth).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{}", r.body);
    // Only an administrator makes keys.
    let r = send(
        &app,
        Request::post("/api/fulfilment/keys/create")
            .header("cookie", &anna)
            .header(header::ORIGIN, ORIGIN)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from("supplier_id=1&name=x"))
            .unwrap(),
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    let r = send(
        &app,
        Request::post("/api/fulfilment/keys/create")
            .header("cookie", &per)
            .header(header::ORIGIN, ORIGIN)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from("supplier_id=abc&name=x"))
            .unwrap(),
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_supplier_key_reads_the_api_document_and_a_write_without_credentials_is_401_not_a_forgery() {
    let app = spawn_app().await;
    let key = supplier_key(&app, "Dustin Sverige AB").await;
    let r = get_with(&app, "/api/v1/openapi.json", ("authorization", &key)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.json()["paths"]["/api/v1/supplier/events"].is_object());

    // No key, no session, no Origin: nobody to act as (401), not a forged
    // browser write (403).
    let r = send(
        &app,
        Request::post("/api/v1/supplier/events")
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from("{}"))
            .unwrap(),
    )
    .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{}", r.body);
    assert_eq!(r.headers[header::WWW_AUTHENTICATE], "Bearer");
}
