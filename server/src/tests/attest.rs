//! Router tests of attestation over the API, on the demo region: Anna
//! Lindqvist orders on Kardiologi, which Erik Johansson attests up to
//! 50 000 kr; Eva Karlsson attests the förvaltning up to 300 000 kr.

use super::*;

/// A POST of `body` (sent as it is) with the session `cookie`.
fn post_json(uri: &str, cookie: &str, body: &str) -> Request<Body> {
    Request::post(uri)
        .header("cookie", cookie)
        .header(header::ORIGIN, ORIGIN)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_owned()))
        .unwrap()
}

async fn decide(app: &TestApp, cookie: &str, order: i64, body: serde_json::Value) -> Reply {
    let uri = format!("/api/v1/orders/{order}/decision");
    send(app, post_json(&uri, cookie, &body.to_string())).await
}

async fn cancel(app: &TestApp, cookie: &str, order: i64) -> Reply {
    send(app, post_json(&format!("/api/v1/orders/{order}/cancel"), cookie, "")).await
}

/// Anna orders these `(article number, quantity)` lines over the API; the
/// answer.
async fn annas(app: &TestApp, anna: &str, lines: &[(&str, i32)]) -> Value {
    let mut body = annas_order(app, anna, lines[0].0, lines[0].1).await;
    for (article_number, quantity) in &lines[1..] {
        let uri = format!("/api/v1/catalog/items?q={article_number}");
        let items = get_with(app, &uri, ("cookie", anna)).await.json();
        let line = serde_json::json!({"item_id": items["items"][0]["id"], "quantity": quantity});
        body["lines"].as_array_mut().unwrap().push(line);
    }
    let key = uuid::Uuid::new_v4().to_string();
    let r = send(app, post_order(anna, &key, &body)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let order = r.json();
    let mut ordered: Vec<(String, i64)> = order["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["article_number"].as_str().unwrap().to_owned(),
                l["quantity"].as_i64().unwrap(),
            )
        })
        .collect();
    let mut asked: Vec<(String, i64)> = lines.iter().map(|(a, q)| ((*a).to_owned(), i64::from(*q))).collect();
    ordered.sort();
    asked.sort();
    assert_eq!(ordered, asked, "the catalogue search found the articles");
    order
}

/// One docking station: within every demo attester's limit.
const DOCK: &[(&str, i32)] = &[("DL-WD22TB4", 1)];

/// The ids of the orders waiting for the caller.
async fn pending_ids(app: &TestApp, cookie: &str) -> Vec<i64> {
    let r = get_with(app, "/api/v1/attest/pending", ("cookie", cookie)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.json()
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["order"]["id"].as_i64().unwrap())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_attester_approves_a_waiting_order_once_and_a_second_decision_names_him() {
    let app = spawn_app().await;
    let anna = login_as(&app, "anna.lindqvist").await;
    let erik = login_as(&app, "erik.johansson").await;
    let me = get_with(&app, "/api/v1/me", ("cookie", &anna)).await.json();
    let body = annas_order(&app, &anna, "DL-WD22TB4", 1).await;

    let r = send(&app, post_order(&anna, "attest-1", &body)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let order = r.json();
    let id = order["id"].as_i64().unwrap();
    assert_eq!(order["status"], "awaiting_attestation");
    assert_eq!(order["requester_id"], me["id"]);
    assert_eq!(order["recipient_id"], me["id"]);
    assert_eq!(order["cost_center_id"], body["cost_center_id"]);
    assert_eq!(order["attestation"]["state"], "waiting");
    assert_eq!(
        order["attestation"]["waiting_for"],
        serde_json::json!(["Erik Johansson"])
    );

    let pending = get_with(&app, "/api/v1/attest/pending", ("cookie", &erik)).await;
    assert_eq!(pending.status, StatusCode::OK, "{}", pending.body);
    let pending = pending.json();
    assert_eq!(pending.as_array().unwrap().len(), 1, "{pending}");
    assert_eq!(pending[0]["order"]["id"], id);
    assert_eq!(pending[0]["order"]["cost_center_id"], body["cost_center_id"]);
    assert_eq!(pending[0]["on_behalf_of"], Value::Null);
    assert!(pending_ids(&app, &anna).await.is_empty(), "not her own order");

    // Mina beställningar says whom it waits for and since when.
    let mine = get_with(&app, "/api/v1/orders?mine=true", ("cookie", &anna))
        .await
        .json();
    assert_eq!(mine[0]["id"], id);
    assert_eq!(mine[0]["waiting"]["attesters"], serde_json::json!(["Erik Johansson"]));
    assert!(mine[0]["waiting"]["since"].is_string(), "{mine}");
    // The attester reads the order over the API; someone else does not.
    let his = get_with(&app, &format!("/api/v1/orders/{id}"), ("cookie", &erik)).await;
    assert_eq!(his.status, StatusCode::OK, "{}", his.body);
    assert_eq!(
        his.json()["attestation"]["waiting_for"],
        serde_json::json!(["Erik Johansson"])
    );
    assert_eq!(his.json()["lines"][0]["article_number"], "DL-WD22TB4");
    let oskar = login_as(&app, "oskar.lund").await;
    let other = get_with(&app, &format!("/api/v1/orders/{id}"), ("cookie", &oskar)).await;
    assert_eq!(other.status, StatusCode::NOT_FOUND, "{}", other.body);

    let r = decide(&app, &erik, id, serde_json::json!({"decision": "approve"})).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["order_id"], id);
    assert_eq!(r.json()["attestation"]["state"], "approved");
    assert_eq!(r.json()["attestation"]["decided_by"], "Erik Johansson");

    let again = decide(
        &app,
        &erik,
        id,
        serde_json::json!({"decision": "reject", "comment": "Nej."}),
    )
    .await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.body);
    assert_eq!(again.json()["error"], "conflict");
    let msg = again.json()["message"].as_str().unwrap().to_owned();
    assert!(msg.contains("redan attesterad av Erik Johansson"), "{msg}");

    let seen = get_with(&app, &format!("/api/v1/orders/{id}"), ("cookie", &anna)).await;
    assert_eq!(seen.status, StatusCode::OK, "{}", seen.body);
    let seen = seen.json();
    assert_eq!(seen["status"], "attested");
    assert_eq!(seen["attestation"]["state"], "approved");
    assert_eq!(seen["attestation"]["decided_by"], "Erik Johansson");
    assert_eq!(seen["attestation"]["waiting_for"], serde_json::json!([]));
    let mine = get_with(&app, "/api/v1/orders?mine=true", ("cookie", &anna))
        .await
        .json();
    assert_eq!(mine[0]["id"], id);
    assert_eq!(mine[0]["recipient_id"], me["id"]);
    assert_eq!(mine[0]["waiting"], Value::Null, "decided: waits for nobody");
    assert!(pending_ids(&app, &erik).await.is_empty());
    // Whoever decided still reads it.
    let his = get_with(&app, &format!("/api/v1/orders/{id}"), ("cookie", &erik)).await;
    assert_eq!(his.status, StatusCode::OK, "{}", his.body);
    assert_eq!(his.json()["attestation"]["decided_by"], "Erik Johansson");
    // Neither a retry of the submit reads differently from the stored answer.
    let retry = send(&app, post_order(&anna, "attest-1", &body)).await;
    assert_eq!(retry.json(), order);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_order_over_the_attesters_limit_is_refused_him_with_the_reason_and_approved_higher_up() {
    let app = spawn_app().await;
    let anna = login_as(&app, "anna.lindqvist").await;
    let erik = login_as(&app, "erik.johansson").await;
    let eva = login_as(&app, "eva.karlsson").await;
    // Five laptops (each needs its dock): some 84 000 kr in all.
    let order = annas(&app, &anna, &[("DL-5450", 5), ("DL-WD22TB4", 5)]).await;
    let id = order["id"].as_i64().unwrap();
    assert!(order["commitment"].as_i64().unwrap() > 5_000_000, "{order}");
    assert_eq!(order["attestation"]["waiting_for"], serde_json::json!(["Eva Karlsson"]));

    assert!(!pending_ids(&app, &erik).await.contains(&id));
    let r = decide(&app, &erik, id, serde_json::json!({"decision": "approve"})).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    assert_eq!(r.json()["error"], "forbidden");
    let msg = r.json()["message"].as_str().unwrap().to_owned();
    assert!(msg.contains("attestgräns"), "{msg}");

    assert_eq!(pending_ids(&app, &eva).await, vec![id]);
    let r = decide(
        &app,
        &eva,
        id,
        serde_json::json!({"decision": "approve", "comment": "OK."}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["attestation"]["decided_by"], "Eva Karlsson");
    assert_eq!(r.json()["attestation"]["comment"], "OK.");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_requester_cancels_a_waiting_order_and_then_nobody_decides_it() {
    let app = spawn_app().await;
    let anna = login_as(&app, "anna.lindqvist").await;
    let erik = login_as(&app, "erik.johansson").await;
    let per = login_as(&app, "per.svensson").await;
    let id = annas(&app, &anna, DOCK).await["id"].as_i64().unwrap();

    // Not someone else's to withdraw, nor the attester's (everyone orders).
    for other in [&per, &erik] {
        let r = cancel(&app, other, id).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
        assert_eq!(r.json()["error"], "not_found");
    }
    assert_eq!(cancel(&app, &anna, 2_000_000_000).await.status, StatusCode::NOT_FOUND);

    let r = cancel(&app, &anna, id).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["status"], "cancelled");
    assert_eq!(r.json()["attestation"]["state"], "withdrawn");
    assert!(pending_ids(&app, &erik).await.is_empty());

    let r = decide(&app, &erik, id, serde_json::json!({"decision": "approve"})).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert!(
        r.json()["message"].as_str().unwrap().contains("drogs tillbaka"),
        "{}",
        r.body
    );
    let r = cancel(&app, &anna, id).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);

    // A decided order is not withdrawn either.
    let id = annas(&app, &anna, DOCK).await["id"].as_i64().unwrap();
    let r = decide(&app, &erik, id, serde_json::json!({"decision": "approve"})).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = cancel(&app, &anna, id).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert!(
        r.json()["message"].as_str().unwrap().contains("Erik Johansson"),
        "{}",
        r.body
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_decision_that_does_not_parse_is_a_4xx_and_decides_nothing() {
    let app = spawn_app().await;
    let anna = login_as(&app, "anna.lindqvist").await;
    let erik = login_as(&app, "erik.johansson").await;
    let id = annas(&app, &anna, DOCK).await["id"].as_i64().unwrap();

    let r = decide(
        &app,
        &erik,
        id,
        serde_json::json!({"decision": "reject", "comment": "  "}),
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(r.json()["field"], "comment");
    let r = decide(&app, &erik, id, serde_json::json!({"decision": "reject"})).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(r.json()["field"], "comment");
    let r = decide(&app, &erik, id, serde_json::json!({"decision": "godkänn"})).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(r.json()["field"], "decision");
    for body in [
        r#"{"decision": 5}"#,
        r#"{"decision": "approve", "comment": ["nej"]}"#,
        r#"{"comment": "saknar beslut"}"#,
        "[]",
    ] {
        let r = send(&app, post_json(&format!("/api/v1/orders/{id}/decision"), &erik, body)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {}", r.body);
        assert_eq!(r.json()["error"], "validation", "{body}");
    }
    // Not JSON at all: a 4xx (axum's plain text until issue 21), never a 5xx.
    for body in ["{", "decision=approve", ""] {
        let r = send(&app, post_json(&format!("/api/v1/orders/{id}/decision"), &erik, body)).await;
        assert!(r.status.is_client_error(), "{body:?}: {} {}", r.status, r.body);
    }
    // Nor an order that does not exist.
    let r = decide(&app, &erik, 2_000_000_000, serde_json::json!({"decision": "approve"})).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);

    assert_eq!(pending_ids(&app, &erik).await, vec![id], "still waiting");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_attest_read_token_lists_pending_orders_but_decides_nothing() {
    let app = spawn_app().await;
    let per = login_as(&app, "per.svensson").await;
    let created = send(
        &app,
        Request::post("/api/auth/tokens/create")
            .header("cookie", &per)
            .header(header::ORIGIN, ORIGIN)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from("name=attest&expires_on=&permissions%5B%5D=attest%3Aread"))
            .unwrap(),
    )
    .await;
    assert_eq!(created.status, StatusCode::OK, "{}", created.body);
    let key = format!("Bearer {}", created.json()["secret"].as_str().unwrap());

    let r = get_with(&app, "/api/v1/attest/pending", ("authorization", &key)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json(), serde_json::json!([]));
    // It may ask for an order it attests: one it does not is not found.
    let r = get_with(&app, "/api/v1/orders/1", ("authorization", &key)).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
    let r = send(
        &app,
        Request::post("/api/v1/orders/1/decision")
            .header("authorization", &key)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(r#"{"decision": "approve"}"#))
            .unwrap(),
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    assert!(
        r.json()["message"].as_str().unwrap().contains("attest:write"),
        "{}",
        r.body
    );
}
