//! Router tests of attest-rights administration: the API (`GET`/`PUT
//! /api/v1/attest/rights`, the CSV import), its access and segregation of
//! duties, the page and its server functions.

#[allow(unused_imports)]
use super::*;

fn json_put(uri: &str, auth: (&str, &str), body: serde_json::Value) -> Request<Body> {
    Request::put(uri)
        .header(auth.0, auth.1)
        .header(header::ORIGIN, ORIGIN)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_string()))
        .unwrap()
}

fn csv_post(dry_run: bool, auth: (&str, &str), body: String) -> Request<Body> {
    Request::post(format!("/api/v1/attest/rights/import?dry_run={dry_run}"))
        .header(auth.0, auth.1)
        .header(header::ORIGIN, ORIGIN)
        .header(header::CONTENT_TYPE, "text/csv")
        .body(Body::from(body))
        .unwrap()
}

fn form_post(uri: &str, cookie: &str, body: String) -> Request<Body> {
    Request::post(uri)
        .header("cookie", cookie)
        .header(header::ORIGIN, ORIGIN)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body))
        .unwrap()
}

fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

const HEADER: &str = "kostnadsstalle;person;belopp;giltig_fran;giltig_till";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_administrator_lists_replaces_and_imports_attest_rights_through_the_api() {
    let app = spawn_app().await;
    let per = login_as(&app, "per.svensson").await;
    let auth = ("cookie", per.as_str());

    let list = get_with(&app, "/api/v1/attest/rights?cost_center=41210", auth).await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.body);
    let rights = list.json()["rights"].clone();
    assert_eq!(rights.as_array().unwrap().len(), 1, "{rights}");
    assert_eq!(rights[0]["username"], "erik.johansson");
    assert_eq!(rights[0]["limit"], 5_000_000);
    assert_eq!(rights[0]["state"], "current");

    // Kardiologi vårdavdelning gets Anna instead of Erik.
    let body = serde_json::json!({
        "cost_center": "41210",
        "rights": [{"person": "anna.lindqvist", "limit_ore": 4_000_000, "valid_from": today()}],
    });
    let replaced = send(&app, json_put("/api/v1/attest/rights", auth, body)).await;
    assert_eq!(replaced.status, StatusCode::OK, "{}", replaced.body);
    let out = replaced.json();
    assert_eq!((out["created"].as_u64(), out["ended"].as_u64()), (Some(1), Some(1)));
    assert_eq!(out["rights"][0]["username"], "anna.lindqvist");

    // A bad item: 422 naming its path; nothing written.
    let bad = serde_json::json!({
        "cost_center": "41210",
        "rights": [{"person": "anna.lindqvist", "limit_ore": 0, "valid_from": today()}],
    });
    let refused = send(&app, json_put("/api/v1/attest/rights", auth, bad)).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
    assert_eq!(refused.json()["field"], "rights[0].limit_ore");

    // The import: a bad row is a 422 with its line; a clean file is written.
    let file = format!(
        "\u{feff}{HEADER}\n41310;anna.lindqvist;25 000;{};\n41320;finns.inte;1 000;{};\n",
        today(),
        today()
    );
    let checked = send(&app, csv_post(false, auth, file)).await;
    assert_eq!(checked.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", checked.body);
    let report = checked.json();
    assert_eq!(report["written"], false);
    assert_eq!(report["problems"][0]["line"], 3);
    assert_eq!(report["problems"][0]["column"], "person");
    let file = format!("{HEADER}\n41310;anna.lindqvist@regionnorrvik.se;25 000;{};\n", today());
    let dry = send(&app, csv_post(true, auth, file.clone())).await;
    assert_eq!(dry.status, StatusCode::OK, "{}", dry.body);
    assert_eq!(
        (dry.json()["created"].as_u64(), dry.json()["written"].as_bool()),
        (Some(1), Some(false))
    );
    let done = send(&app, csv_post(false, auth, file)).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    assert_eq!(done.json()["written"], true);

    let annas = get_with(&app, "/api/v1/attest/rights?person=anna.lindqvist", auth)
        .await
        .json();
    let codes: Vec<&str> = annas["rights"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["cost_center_code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, vec!["41210", "41310"]);
    // Anna is now an attester: her session says so.
    let anna = login_as(&app, "anna.lindqvist").await;
    let me = get_with(&app, "/api/v1/me", ("cookie", &anna)).await.json();
    assert!(me["roles"].as_array().unwrap().iter().any(|r| r == "attester"), "{me}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_attest_rights_api_is_the_administrators_never_for_their_own_rights_and_a_key_needs_its_permission() {
    let app = spawn_app().await;
    let per = login_as(&app, "per.svensson").await;
    let erik = login_as(&app, "erik.johansson").await;

    let by_erik = get_with(&app, "/api/v1/attest/rights", ("cookie", &erik)).await;
    assert_eq!(by_erik.status, StatusCode::FORBIDDEN);
    let raise = serde_json::json!({
        "person": "erik.johansson",
        "rights": [{"cost_center": "41210", "limit_ore": 900_000_000, "valid_from": today()}],
    });
    assert_eq!(
        send(&app, json_put("/api/v1/attest/rights", ("cookie", &erik), raise))
            .await
            .status,
        StatusCode::FORBIDDEN
    );

    let own = serde_json::json!({
        "person": "per.svensson",
        "rights": [{"cost_center": "51110", "limit_ore": 100_000, "valid_from": today()}],
    });
    let refused = send(&app, json_put("/api/v1/attest/rights", ("cookie", &per), own)).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
    assert!(refused.json()["message"].as_str().unwrap().contains("för dig själv"));
    let own_row = format!("{HEADER}\n51110;per.svensson;1 000;{};\n", today());
    let report = send(&app, csv_post(false, ("cookie", &per), own_row)).await;
    assert_eq!(report.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(report.json()["problems"][0]["message"]
        .as_str()
        .unwrap()
        .contains("för dig själv"));

    // An API key: only with `attest:rights`.
    let key = |permissions: &'static [&'static str]| {
        let (app, per) = (&app, &per);
        async move {
            let mut body = "name=ekonomi&expires_on=".to_owned();
            for p in permissions {
                body.push_str(&format!("&permissions%5B%5D={}", p.replace(':', "%3A")));
            }
            let r = send(app, form_post("/api/auth/tokens/create", per, body)).await;
            assert_eq!(r.status, StatusCode::OK, "{}", r.body);
            format!("Bearer {}", r.json()["secret"].as_str().unwrap())
        }
    };
    let audit_key = key(&["audit:read"]).await;
    let wrong = get_with(&app, "/api/v1/attest/rights", ("authorization", &audit_key)).await;
    assert_eq!(wrong.status, StatusCode::FORBIDDEN, "{}", wrong.body);
    let rights_key = key(&["attest:rights"]).await;
    let right = get_with(&app, "/api/v1/attest/rights", ("authorization", &rights_key)).await;
    assert_eq!(right.status, StatusCode::OK, "{}", right.body);
    let file = format!("{HEADER}\n41310;anna.lindqvist;25 000;{};\n", today());
    let imported = send(&app, csv_post(false, ("authorization", &rights_key), file)).await;
    assert_eq!(imported.status, StatusCode::OK, "{}", imported.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_is_the_administrators_and_its_forms_reach_the_service() {
    let app = spawn_app().await;
    let per = login_as(&app, "per.svensson").await;
    let anna = login_as(&app, "anna.lindqvist").await;

    let page = get_with(&app, "/admin/attestratt", ("cookie", &per)).await;
    assert_eq!(page.status, StatusCode::OK);
    for text in [
        "<h1",
        "Attesträtt",
        "Ge attesträtt",
        "Importera från ekonomisystemet",
        "Regler för automatisk attest",
        "erik.johansson",
    ] {
        assert!(page.body.contains(text), "{text}");
    }
    assert_eq!(
        get_with(&app, "/admin/attestratt", ("cookie", &anna)).await.status,
        StatusCode::FORBIDDEN
    );

    // The add form, as the browser sends it.
    let add = format!(
        "form%5Bperson%5D=anna.lindqvist&form%5Bcost_center%5D=41310&form%5Blimit%5D=25+000&form%5Bvalid_from%5D={}&form%5Bvalid_to%5D=",
        today()
    );
    let added = send(&app, form_post("/api/attest_admin/rights/add", &per, add)).await;
    assert_eq!(added.status, StatusCode::OK, "{}", added.body);
    assert_eq!(added.json()["cost_center_code"], "41310");
    let own = format!(
        "form%5Bperson%5D=per.svensson&form%5Bcost_center%5D=41310&form%5Blimit%5D=25+000&form%5Bvalid_from%5D={}&form%5Bvalid_to%5D=",
        today()
    );
    let refused = send(&app, form_post("/api/attest_admin/rights/add", &per, own)).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
    let by_anna = send(
        &app,
        form_post(
            "/api/attest_admin/rights/end",
            &anna,
            format!("id={}", added.json()["id"]),
        ),
    )
    .await;
    assert_eq!(by_anna.status, StatusCode::FORBIDDEN);

    // A rule with ticked kinds, and one with the box for the own cost centre left empty.
    let rule = "name=Tillbeh%C3%B6r&max_commitment=2+000&own_cost_center_only=true&item_kinds%5B%5D=hardware&item_kinds%5B%5D=service";
    let r = send(&app, form_post("/api/attest_admin/auto_rules/add", &per, rule.into())).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["item_kinds"], serde_json::json!(["hardware", "service"]));
    assert_eq!(r.json()["own_cost_center_only"], true);
    let r = send(
        &app,
        form_post(
            "/api/attest_admin/auto_rules/add",
            &per,
            "name=Alla&max_commitment=500".into(),
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["item_kinds"], serde_json::json!([]));
    assert_eq!(r.json()["own_cost_center_only"], false);
}
