//! Router tests: numbers and texts on the wire (plans, orders).

#[allow(unused_imports)]
use super::*;

// ------------------------------------------------------- plan numbers --

/// The demo object's plan of `year` (2026 adopted, 2027 draft).
async fn plan_id(app: &TestApp, year: i32) -> i32 {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    app::entities::plan::Entity::find()
        .filter(app::entities::plan::Column::Year.eq(year))
        .one(&app.t.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

fn put_plan(cookie: &str, id: i32, if_match: &str, body: &Value) -> Request<Body> {
    Request::put(format!("/api/v1/plans/{id}"))
        .header("cookie", cookie)
        .header(header::ORIGIN, ORIGIN)
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::IF_MATCH, if_match)
        .body(Body::from(body.to_string()))
        .unwrap()
}

/// A JSON server function call as the browser makes it.
fn server_fn(cookie: &str, path: &str, body: &Value) -> Request<Body> {
    Request::post(path)
        .header("cookie", cookie)
        .header(header::ORIGIN, ORIGIN)
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::ACCEPT, "application/json")
        .body(Body::from(body.to_string()))
        .unwrap()
}

/// A 4xx answer with the JSON error body.
fn assert_refused(r: &Reply, what: &str) {
    assert!(r.status.is_client_error(), "{what}: {} {}", r.status, r.body);
    assert!(
        r.headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("application/json"),
        "{what}: {:?}",
        r.headers
    );
    assert!(
        !r.json()["message"].as_str().unwrap_or("").is_empty(),
        "{what}: {}",
        r.body
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_plan_with_negative_or_huge_days_or_costs_is_refused_naming_the_field_and_nothing_is_stored() {
    let app = spawn_app().await;
    let johan = login_as(&app, "johan.ek").await;
    let id = plan_id(&app, 2027).await;
    let plan = get_with(&app, &format!("/api/v1/plans/{id}"), ("cookie", &johan))
        .await
        .json();
    let total = plan["roll_up"]["total"].clone();
    let cases: [(&str, Value); 8] = [
        ("days_business", (-10).into()),
        ("days_it", (-1).into()),
        ("days_business", 1_000_001.into()),
        ("days_it", i64::MAX.into()),
        ("fixed_business", i64::MIN.into()),
        ("fixed_it", (-100).into()),
        ("fixed_business", 100_000_000_001_i64.into()),
        ("fixed_it", "tusen".into()),
    ];
    for (field, value) in cases {
        let mut content = plan["content"].clone();
        content["goals"][0][field] = value.clone();
        let r = send(
            &app,
            put_plan(&johan, id, "\"1\"", &serde_json::json!({ "content": content })),
        )
        .await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{field} = {value}: {}",
            r.body
        );
        assert_refused(&r, field);
        assert_eq!(r.json()["error"], "validation");
        assert_eq!(r.json()["field"], format!("content.goals[0].{field}"), "{value}");
    }
    let mut settings = plan["settings"].clone();
    settings["day_rate_it"] = (-560_000).into();
    let r = send(
        &app,
        put_plan(
            &johan,
            id,
            "\"1\"",
            &serde_json::json!({ "content": plan["content"], "settings": settings }),
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(r.json()["field"], "settings.day_rate_it");

    // The largest amounts the editor takes are stored and add up.
    let mut content = plan["content"].clone();
    content["goals"][0]["days_business"] = 1_000_000.into();
    content["goals"][0]["fixed_business"] = 100_000_000_000_i64.into();
    let r = send(
        &app,
        put_plan(&johan, id, "\"1\"", &serde_json::json!({ "content": content })),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let after = get_with(&app, &format!("/api/v1/plans/{id}"), ("cookie", &johan))
        .await
        .json();
    assert_eq!(after["version"], 2, "only the valid save was stored");
    assert!(after["roll_up"]["total"]["kronor"].as_i64() > total["kronor"].as_i64());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_plan_save_at_the_largest_version_is_refused_without_a_panic() {
    let app = spawn_app().await;
    let johan = login_as(&app, "johan.ek").await;
    let id = plan_id(&app, 2027).await;
    let plan = get_with(&app, &format!("/api/v1/plans/{id}"), ("cookie", &johan))
        .await
        .json();
    let body = serde_json::json!({ "content": plan["content"] });
    for tag in [
        "\"2147483647\"",
        "\"-1\"",
        "\"0\"",
        "\"2147483648\"",
        "W/\"2147483647\"",
    ] {
        let r = send(&app, put_plan(&johan, id, tag, &body)).await;
        assert!(
            [
                StatusCode::CONFLICT,
                StatusCode::PRECONDITION_FAILED,
                StatusCode::UNPROCESSABLE_ENTITY
            ]
            .contains(&r.status),
            "If-Match {tag}: {} {}",
            r.status,
            r.body
        );
        assert_refused(&r, tag);
    }

    // The browser's save function, with the version in its body.
    let save = serde_json::json!({
        "id": id, "version": i32::MAX, "content": plan["content"], "settings": plan["settings"],
    });
    let r = send(&app, server_fn(&johan, "/api/plans/save", &save)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(r.json()["field"], "version");

    let after = get_with(&app, &format!("/api/v1/plans/{id}"), ("cookie", &johan))
        .await
        .json();
    assert_eq!(after["version"], 1, "nothing was written");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_follow_up_save_at_the_largest_version_is_refused_without_a_panic() {
    let app = spawn_app().await;
    let johan = login_as(&app, "johan.ek").await;
    let plan = get_with(
        &app,
        &format!("/api/v1/plans/{}", plan_id(&app, 2026).await),
        ("cookie", &johan),
    )
    .await
    .json();
    let save = |version: i64| {
        serde_json::json!({
            "object_id": plan["object_id"], "period": "2026-T2", "version": version,
            "content": { "goals": [], "indicators": [] },
        })
    };
    for version in [i32::MAX, -1] {
        let r = send(&app, server_fn(&johan, "/api/follow_up/save", &save(version.into()))).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{version}: {}", r.body);
        assert_eq!(r.json()["field"], "version");
    }
    // An indicator value the editor would not take does not deserialize.
    // (Which 4xx a server function's argument error answers is issue 21's.)
    let mut bad = save(1);
    bad["content"]["indicators"] = serde_json::json!([
        { "id": "i1", "name": "Kostnad", "budget": -100_000_000_000_001i64, "outcome": null, "target": null }
    ]);
    let r = send(&app, server_fn(&johan, "/api/follow_up/save", &bad)).await;
    assert_ne!(r.status, StatusCode::OK, "{}", r.body);

    let ok = send(&app, server_fn(&johan, "/api/follow_up/save", &save(1))).await;
    assert_eq!(
        ok.status,
        StatusCode::OK,
        "the seeded version 1 still saves: {}",
        ok.body
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn portfolio_years_outside_the_plan_years_are_refused_not_a_server_error() {
    let app = spawn_app().await;
    let anna = login_as(&app, "anna.lindqvist").await;
    for year in ["2147483647", "-2147483648", "1999", "2101"] {
        let r = get_with(&app, &format!("/api/v1/portfolio/{year}"), ("cookie", &anna)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{year}: {}", r.body);
        assert_eq!(r.json()["field"], "year");
    }
    for year in ["2147483647", "-2147483648", "2101"] {
        let r = get_with(&app, &format!("/forvaltning/portfolj?ar={year}"), ("cookie", &anna)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "?ar={year}");
        assert!(r.body.contains("Välj ett år mellan 2000 och 2100."), "?ar={year}");
    }
    let r = get_with(&app, "/forvaltning/portfolj?ar=2026", ("cookie", &anna)).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("Förvaltningsportfölj 2026"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_portfolio_api_lists_a_page_of_objects_and_refuses_bad_parameters_with_the_field() {
    let app = spawn_app().await;
    let anna = login_as(&app, "anna.lindqvist").await;
    let r = get_with(&app, "/api/v1/portfolio/2026?q=samverkan&page=1", ("cookie", &anna)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let p = r.json();
    assert_eq!(p["matching"], 1);
    assert_eq!(p["rows"][0]["object_name"], "Samverkan vid vårdövergångar");
    assert_eq!(
        p["sum"]["total"], 540_120_000,
        "the region's sum, whatever is listed: {p}"
    );
    let long = "a".repeat(201);
    for (query, field) in [
        ("page=0", Some("page")),
        ("page=9223372036854775808", Some("page")),
        ("page=100001", Some("page")),
        (&format!("q={long}") as &str, Some("q")),
        ("page=x", None),
        ("family=x", None),
        ("page=99999999999999999999", None),
    ] {
        let r = get_with(&app, &format!("/api/v1/portfolio/2026?{query}"), ("cookie", &anna)).await;
        assert!(r.status.is_client_error(), "{query}: {} {}", r.status, r.body);
        assert!(r.json()["message"].is_string(), "{query}: {}", r.body);
        if let Some(field) = field {
            assert_eq!(r.json()["field"], field, "{query}");
        }
    }
    // The page: one family's objects, a page past the last is the last.
    let r = get_with(
        &app,
        "/forvaltning/portfolj?ar=2026&q=samverkan&sida=7",
        ("cookie", &anna),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("Samverkan vid vårdövergångar") && !r.body.contains("Ekonomi och inköp</th>"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn next_years_plan_is_not_started_beyond_the_last_plan_year() {
    let app = spawn_app().await;
    let johan = login_as(&app, "johan.ek").await;
    let id = plan_id(&app, 2026).await;
    {
        use sea_orm::{sea_query::Expr, ColumnTrait, EntityTrait, QueryFilter};
        app::entities::plan::Entity::update_many()
            .col_expr(app::entities::plan::Column::Year, Expr::value(2100))
            .filter(app::entities::plan::Column::Id.eq(id))
            .exec(&app.t.db)
            .await
            .unwrap();
    }
    let r = send(
        &app,
        Request::post("/api/plans/next_year")
            .header("cookie", &johan)
            .header(header::ORIGIN, ORIGIN)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(format!("id={id}")))
            .unwrap(),
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(r.json()["field"], "year");
}

// -------------------------------------------------------------- orders --

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_same_article_twice_is_one_line_and_the_quantity_cap_applies_to_their_sum() {
    let app = spawn_app().await;
    let anna = login_as(&app, "anna.lindqvist").await;
    let mut body = annas_order(&app, &anna, "JB-E40", 600).await;
    let line = body["lines"][0].clone();
    body["lines"] = serde_json::json!([line.clone(), line.clone()]);
    let r = send(&app, post_order(&anna, "twice-600", &body)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(r.json()["field"], "lines");
    assert!(r.json()["message"].as_str().unwrap().contains("999"), "{}", r.body);

    // A thousand lines of one each: the same.
    let mut many = body.clone();
    let one = serde_json::json!({ "item_id": line["item_id"], "quantity": 1 });
    many["lines"] = Value::Array(vec![one; 1_000]);
    let r = send(&app, post_order(&anna, "thousand-ones", &many)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(r.json()["field"], "lines");

    // One line out of range is refused where it stands.
    for q in [0, 1_000, -1, i64::from(i32::MAX) + 1] {
        let mut one = body.clone();
        one["lines"] = serde_json::json!([{ "item_id": line["item_id"], "quantity": q }]);
        let r = send(&app, post_order(&anna, &format!("q{q}"), &one)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{q}: {}", r.body);
        assert_refused(&r, "quantity");
        assert_eq!(r.json()["field"], "lines[0].quantity", "{q}");
    }

    // Two halves of the cap make one line of the cap.
    body["lines"][0]["quantity"] = 500.into();
    body["lines"][1]["quantity"] = 499.into();
    let r = send(&app, post_order(&anna, "halves", &body)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let lines = r.json()["lines"].clone();
    assert_eq!(lines.as_array().unwrap().len(), 1);
    assert_eq!(lines[0]["quantity"], 999);
    let mine = get_with(&app, "/api/v1/orders?mine=true", ("cookie", &anna))
        .await
        .json();
    assert_eq!(mine.as_array().unwrap().len(), 1, "only the valid order was written");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_order_to_another_units_address_is_refused_naming_address_id() {
    let app = spawn_app().await;
    let anna = login_as(&app, "anna.lindqvist").await;
    let body = annas_order(&app, &anna, "DL-WD22TB4", 1).await;
    let units = get_with(&app, "/api/v1/org/units?limit=100", ("cookie", &anna))
        .await
        .json();
    let own = body["address_id"].clone();
    let other = units["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| u["code"] != "HSF-KARD")
        .flat_map(|u| u["delivery_addresses"].as_array().cloned().unwrap_or_default())
        .map(|a| a["id"].clone())
        .find(|id| *id != own)
        .expect("another unit's address");
    for (what, id) in [("another unit's", other), ("an unknown", 999_999.into())] {
        let mut bad = body.clone();
        bad["address_id"] = id;
        let r = send(&app, post_order(&anna, what, &bad)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{what}: {}", r.body);
        assert_eq!(r.json()["field"], "address_id", "{what}");
    }
    let r = send(&app, post_order(&anna, "own", &body)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_free_text_of_an_order_has_a_length_cap_naming_the_field() {
    let app = spawn_app().await;
    let anna = login_as(&app, "anna.lindqvist").await;
    let body = annas_order(&app, &anna, "DL-WD22TB4", 1).await;
    let long = "å".repeat(10_000);
    let new_address = |b: &mut Value| {
        b["address_id"] = Value::Null;
        b["new_label"] = "Avdelning 12".into();
        b["new_street"] = "Storgatan 1".into();
        b["new_postal_code"] = "721 89".into();
        b["new_city"] = "Västerås".into();
    };
    for field in [
        "contact_name",
        "contact_phone",
        "reference",
        "note",
        "new_label",
        "new_street",
        "new_city",
    ] {
        let mut bad = body.clone();
        if field.starts_with("new_") {
            new_address(&mut bad);
        }
        bad[field] = long.as_str().into();
        let r = send(&app, post_order(&anna, field, &bad)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{field}: {}", r.body);
        assert_eq!(r.json()["field"], field);
        assert!(
            r.json()["message"].as_str().unwrap().contains("tecken"),
            "{field}: {}",
            r.body
        );
    }
    // At the caps, the order goes through (on PostgreSQL too: the columns hold them).
    let mut full = body.clone();
    new_address(&mut full);
    for (field, cap) in [
        ("contact_name", 100),
        ("reference", 200),
        ("note", 2_000),
        ("new_label", 100),
        ("new_street", 100),
        ("new_city", 100),
    ] {
        full[field] = "å".repeat(cap).into();
    }
    full["contact_phone"] = "+46 - 70 - 123 - 45 - 67 - 89 01".into();
    assert_eq!(full["contact_phone"].as_str().unwrap().chars().count(), 32);
    let r = send(&app, post_order(&anna, "at-the-caps", &full)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
}

/// A server function call from an `ActionForm`: its fields url-encoded.
fn form_call(cookie: &str, path: &str, fields: &[(&str, String)]) -> Request<Body> {
    let body = fields
        .iter()
        .map(|(k, v)| format!("{}={}", urlencoding::encode(k), urlencoding::encode(v)))
        .collect::<Vec<_>>()
        .join("&");
    Request::post(path)
        .header("cookie", cookie)
        .header(header::ORIGIN, ORIGIN)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "application/json")
        .body(Body::from(body))
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_checkout_form_posts_its_fields_as_input_and_orders_the_cart_once() {
    let app = spawn_app().await;
    let anna = login_as(&app, "anna.lindqvist").await;
    let order = annas_order(&app, &anna, "DL-WD22TB4", 2).await;
    let item = order["lines"][0]["item_id"].to_string();
    let added = send(
        &app,
        form_call(&anna, "/api/cart/add", &[("item_id", item), ("quantity", "2".into())]),
    )
    .await;
    assert!(added.status.is_success(), "{}", added.body);
    let form = |phone: &str| {
        fn field<'a>(name: &'a str, value: &Value) -> (&'a str, String) {
            (name, value.as_str().map_or_else(|| value.to_string(), str::to_owned))
        }
        vec![
            field("input[recipient_id]", &order["recipient_id"]),
            ("input[idempotency_key]", "form-1".to_owned()),
            field("input[cost_center_id]", &order["cost_center_id"]),
            ("input[reference]", "Ny kollega".to_owned()),
            ("input[wanted_date]", String::new()),
            field("input[address]", &order["address_id"]),
            ("input[new_label]", String::new()),
            ("input[new_street]", String::new()),
            ("input[new_postal_code]", String::new()),
            ("input[new_city]", String::new()),
            ("input[contact_name]", "Anna Lindqvist".to_owned()),
            ("input[contact_phone]", phone.to_owned()),
            ("input[note]", String::new()),
        ]
    };

    let refused = send(&app, form_call(&anna, "/api/orders/submit", &form("ring"))).await;
    let first = send(&app, form_call(&anna, "/api/orders/submit", &form("021-17 52 10"))).await;
    let again = send(&app, form_call(&anna, "/api/orders/submit", &form("021-17 52 10"))).await;

    assert_refused(&refused, "a bad phone");
    assert_eq!(refused.json()["field"], "contact_phone");
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    assert_eq!(first.body, again.body, "the same key gives the same order");
    let mine = get_with(&app, "/api/v1/orders?mine=true", ("cookie", &anna))
        .await
        .json();
    assert_eq!(mine.as_array().unwrap().len(), 1);
    assert_eq!(mine[0]["id"].to_string(), first.body);
    assert_eq!(mine[0]["one_off"], 2 * 289_000);
    let cart = send(&app, form_call(&anna, "/api/cart/get", &[])).await;
    assert_eq!(cart.json()["lines"], serde_json::json!([]), "the cart is emptied");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn server_function_arguments_that_cannot_be_read_are_a_400_with_the_error_body_not_a_500() {
    let app = spawn_app().await;
    let anna = login_as(&app, "anna.lindqvist").await;
    let cases: Vec<(&str, Request<Body>)> = vec![
        (
            "a word for a number",
            form_call(
                &anna,
                "/api/cart/add",
                &[("item_id", "abc".into()), ("quantity", "1".into())],
            ),
        ),
        (
            "a number past i32",
            form_call(
                &anna,
                "/api/cart/add",
                &[("item_id", "2147483648".into()), ("quantity", "1".into())],
            ),
        ),
        (
            "a missing field",
            form_call(&anna, "/api/cart/add", &[("item_id", "1".into())]),
        ),
        ("an empty login", form_call("", "/api/auth/login", &[])),
        (
            "JSON to a form endpoint",
            server_fn(&anna, "/api/cart/add", &serde_json::json!({"item_id": "x"})),
        ),
    ];
    for (what, req) in cases {
        let r = send(&app, req).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{what}: {}", r.body);
        assert_refused(&r, what);
        assert_eq!(r.json()["kind"], "malformed", "{what}");
    }
    // A body over the limit.
    let huge = vec![("item_id", "1".repeat(3 << 20)), ("quantity", "1".into())];
    let r = send(&app, form_call(&anna, "/api/cart/add", &huge)).await;
    assert!(r.status.is_client_error(), "{} {}", r.status, r.body);
    // An error of the function itself keeps its own status.
    let r = send(
        &app,
        form_call(
            &anna,
            "/api/cart/add",
            &[("item_id", "1".into()), ("quantity", "5000".into())],
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_search_term_over_200_characters_is_a_422_naming_it_on_every_search() {
    let app = spawn_app().await;
    let per = login_as(&app, "per.svensson").await;
    let long = "a".repeat(20_000);
    for (uri, field) in [
        (format!("/api/v1/org/units?q={long}"), "q"),
        (format!("/api/v1/catalog/items?q={long}"), "q"),
        (format!("/api/v1/audit?actor={long}"), "actor"),
        (format!("/api/v1/assets?q={long}"), "q"),
    ] {
        let r = get_with(&app, &uri, ("cookie", &per)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}: {}", &uri[..30], r.body);
        assert_eq!(r.json()["field"], field);
        assert_eq!(r.json()["message"], "Sökningen får vara högst 200 tecken.");
    }
    // 200 are fine.
    let r = get_with(
        &app,
        &format!("/api/v1/org/units?q={}", "a".repeat(200)),
        ("cookie", &per),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    // The people search of the checkout, a server function.
    let r = send(&app, form_call(&per, "/api/org/people", &[("q", long.clone())])).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_malformed_authorization_on_the_api_is_401_even_with_a_session_cookie() {
    let app = spawn_app().await;
    let anna = login_as(&app, "anna.lindqvist").await;
    let ok = get_with(&app, "/api/v1/me", ("cookie", &anna)).await;
    assert_eq!(ok.status, StatusCode::OK);
    for auth in ["fev", "Basic YW5uYTphdnJvcA==", "Bearer ", "Bearer nonsense"] {
        let r = send(
            &app,
            Request::get("/api/v1/me")
                .header("cookie", &anna)
                .header(header::AUTHORIZATION, auth)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{auth}: {}", r.body);
        assert_eq!(r.headers[header::WWW_AUTHENTICATE], "Bearer", "{auth}");
        assert_eq!(r.json()["error"], "unauthorized", "{auth}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_api_answers_what_axum_refuses_with_its_json_error_body() {
    let app = spawn_app().await;
    let anna = login_as(&app, "anna.lindqvist").await;
    let cases: Vec<(&str, Request<Body>, StatusCode)> = vec![
        (
            "an id that is not a number",
            Request::get("/api/v1/orders/abc")
                .header("cookie", &anna)
                .body(Body::empty())
                .unwrap(),
            StatusCode::BAD_REQUEST,
        ),
        (
            "a query value of the wrong type",
            Request::get("/api/v1/orders?mine=kanske")
                .header("cookie", &anna)
                .body(Body::empty())
                .unwrap(),
            StatusCode::BAD_REQUEST,
        ),
        (
            "a body that is not JSON",
            Request::post("/api/v1/orders")
                .header("cookie", &anna)
                .header(header::ORIGIN, ORIGIN)
                .header(header::CONTENT_TYPE, "text/plain")
                .body(Body::from("x"))
                .unwrap(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ),
        (
            "broken JSON",
            Request::post("/api/v1/orders")
                .header("cookie", &anna)
                .header(header::ORIGIN, ORIGIN)
                .header(header::CONTENT_TYPE, "application/json")
                .header("Idempotency-Key", "k1")
                .body(Body::from("{"))
                .unwrap(),
            StatusCode::BAD_REQUEST,
        ),
    ];
    for (what, req, status) in cases {
        let r = send(&app, req).await;
        assert_eq!(r.status, status, "{what}: {}", r.body);
        assert_refused(&r, what);
        assert!(
            !r.json()["error"].as_str().unwrap_or("").is_empty(),
            "{what}: {}",
            r.body
        );
    }

    // An address the API has, with a method it does not take: 405 with
    // the methods it takes, in `Allow` and in the message.
    for method in ["DELETE", "TRACE", "PATCH"] {
        let r = send(
            &app,
            Request::builder()
                .method(method)
                .uri("/api/v1/orders")
                .header("cookie", &anna)
                .header(header::ORIGIN, ORIGIN)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
        assert_eq!(r.status, StatusCode::METHOD_NOT_ALLOWED, "{method}: {}", r.body);
        assert_eq!(r.headers[header::ALLOW], "POST, GET", "{method}");
        assert_refused(&r, method);
        assert_eq!(r.json()["error"], "method_not_allowed");
        assert!(
            r.json()["message"].as_str().unwrap().contains("POST, GET"),
            "{}",
            r.body
        );
    }
    let r = send(
        &app,
        Request::head("/api/v1/orders?mine=true")
            .header("cookie", &anna)
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "HEAD is the GET without its body");
}

#[test]
fn an_error_body_known_to_be_larger_than_an_error_passes_as_it_is() {
    use axum::response::Response;
    let big = Response::new(Body::from(vec![b'x'; 70_000]));
    let small = Response::new(Body::from(r#"{"error":"forbidden","message":"Nej."}"#));
    assert!(crate::router::too_large(&big));
    assert!(!crate::router::too_large(&small));
}
