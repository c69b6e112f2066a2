//! Router tests of the governance objects and a first plan through the API.

use super::*;

fn post_plan(object: i64, cookie: &str, body: &str) -> Request<Body> {
    Request::post(format!("/api/v1/objects/{object}/plans"))
        .header("cookie", cookie)
        .header(header::ORIGIN, ORIGIN)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_owned()))
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forvaltningsledare_finds_an_object_without_a_plan_and_starts_one_through_the_api() {
    let app = spawn_app().await;
    let johan = login_as(&app, "johan.ek").await;
    let karin = login_as(&app, "karin.holm").await;

    let families = get_with(&app, "/api/v1/objects", ("cookie", &johan)).await;
    assert_eq!(families.status, StatusCode::OK, "{}", families.body);
    let object = families.json()[0]["objects"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["name"] == "Vårdinformationsstöd öppenvård")
        .cloned()
        .expect("the demo object");
    assert_eq!(object["plans"], serde_json::json!([]));
    let id = object["id"].as_i64().unwrap();

    let detail = get_with(&app, &format!("/api/v1/objects/{id}"), ("cookie", &johan)).await;
    assert_eq!(detail.status, StatusCode::OK);
    assert_eq!(detail.json()["can_create_plan"], true);
    assert_eq!(detail.json()["has_template"], true);
    assert_eq!(
        get_with(&app, &format!("/api/v1/objects/{id}"), ("cookie", &karin))
            .await
            .json()["can_create_plan"],
        false
    );

    let refused = send(&app, post_plan(id, &karin, r#"{"year": 2027}"#)).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let created = send(&app, post_plan(id, &johan, r#"{"year": 2027, "from_template": true}"#)).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let plan = created.json();
    let location = format!("/api/v1/plans/{}", plan["id"]);
    assert_eq!(created.headers[header::LOCATION], location.as_str());
    assert_eq!(
        (plan["year"].as_i64(), plan["status"].as_str()),
        (Some(2027), Some("utkast"))
    );
    assert_eq!(
        plan["content"]["forums"].as_array().map(Vec::len),
        Some(2),
        "the family's template"
    );
    assert_eq!(
        get_with(&app, &location, ("cookie", &johan)).await.status,
        StatusCode::OK
    );

    let again = send(&app, post_plan(id, &johan, r#"{"year": 2027}"#)).await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert_eq!(again.json()["error"], "conflict");
    for bad in [r#"{"year": 1999}"#, r#"{"year": "2027"}"#, r#"{}"#] {
        let r = send(&app, post_plan(id, &johan, bad)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}: {}", r.body);
    }
    assert_eq!(
        send(&app, post_plan(999_999, &johan, r#"{"year": 2027}"#)).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get_with(&app, "/api/v1/objects/0", ("cookie", &johan)).await.status,
        StatusCode::NOT_FOUND
    );

    // The list: the new draft for its people, not for someone outside.
    let mine = get_with(&app, &format!("/api/v1/plans?object={id}"), ("cookie", &johan)).await;
    assert_eq!(mine.status, StatusCode::OK);
    assert_eq!(mine.json().as_array().map(Vec::len), Some(1));
    let oskar = login_as(&app, "oskar.lund").await;
    let theirs = get_with(&app, &format!("/api/v1/plans?object={id}"), ("cookie", &oskar)).await;
    assert_eq!(theirs.json(), serde_json::json!([]));
    let adopted = get_with(&app, "/api/v1/plans?status=faststalld&year=2026", ("cookie", &oskar)).await;
    assert_eq!(adopted.json()[0]["object_name"], "Samverkan vid vårdövergångar");
    for bad in ["status=klar", "year=1999", "year=2101", "object=0", "object=-3"] {
        let r = get_with(&app, &format!("/api/v1/plans?{bad}"), ("cookie", &oskar)).await;
        assert_eq!(r.status.as_u16() / 100, 4, "{bad}: {}", r.body);
    }
    assert_eq!(
        get_with(&app, "/api/v1/plans?year=1999", ("cookie", &oskar))
            .await
            .status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
}
