//! Router tests: route access, object roles, segregation of duties, token permissions.

#[allow(unused_imports)]
use super::*;

// ---- the role matrix and the guard before rendering (holes 1 and 11) ----

use app::domain::access::{decide, Decision, PAGES};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

/// Who may see a sample beyond the page's rule: `None` when the page's rule
/// alone decides, else the people the service lets in (404 for the rest).
struct Sample {
    pattern: &'static str,
    path: String,
    only: Option<&'static [&'static str]>,
}

async fn object_id(app: &TestApp, name: &str) -> i32 {
    use app::entities::governance_object as g;
    g::Entity::find()
        .filter(g::Column::Name.eq(name))
        .one(&app.t.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

/// The demo register's asset of Anna Lindqvist (her laptop): she and the
/// IT Asset Manager see it, nobody else.
async fn annas_asset(app: &TestApp) -> i32 {
    use app::entities::asset;
    asset::Entity::find()
        .filter(asset::Column::Tag.eq("NRV-100231"))
        .one(&app.t.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

const ASSET_SEERS: &[&str] = &["anna.lindqvist", "sara.berg"];

/// A subscription on Anna's demo laptop: she and the IT Asset Manager see it.
async fn annas_subscription(app: &TestApp, asset_id: i32) -> i32 {
    use app::entities::subscription;
    subscription::Entity::find()
        .filter(subscription::Column::AssetId.eq(asset_id))
        .one(&app.t.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

/// A path for every declared page (own and someone else's object where the
/// service decides per object). A page declared without a sample here fails
/// the matrix.
async fn samples(app: &TestApp) -> Vec<Sample> {
    use app::entities::{bundle, item, plan};
    let anna = login_as(app, "anna.lindqvist").await;
    let body = annas_order(app, &anna, "DL-WD22TB4", 1).await;
    let order = send(app, post_order(&anna, "matris-1", &body)).await;
    assert_eq!(order.status, StatusCode::CREATED, "{}", order.body);
    let order_id = order.json()["id"].as_i64().unwrap();
    let item_id = item::Entity::find().one(&app.t.db).await.unwrap().unwrap().id;
    let bundle_id = bundle::Entity::find().one(&app.t.db).await.unwrap().unwrap().id;
    let samverkan = object_id(app, "Samverkan vid vårdövergångar").await;
    let plan_of = |year: i32| {
        plan::Entity::find()
            .filter(plan::Column::ObjectId.eq(samverkan))
            .filter(plan::Column::Year.eq(year))
            .one(&app.t.db)
    };
    let draft = plan_of(2027).await.unwrap().unwrap().id;
    let adopted = plan_of(2026).await.unwrap().unwrap().id;
    let family = app::entities::governance_object::Entity::find_by_id(samverkan)
        .one(&app.t.db)
        .await
        .unwrap()
        .unwrap()
        .family_id;
    let asset_id = annas_asset(app).await;
    let subscription_id = annas_subscription(app, asset_id).await;
    let mut out = Vec::new();
    for page in PAGES {
        let mut add = |path: String, only: Option<&'static [&'static str]>| {
            out.push(Sample {
                pattern: page.path,
                path,
                only,
            })
        };
        match page.path {
            "/katalog/artikel/:id" | "/admin/katalog/artikel/:id" => {
                add(page.path.replace(":id", &item_id.to_string()), None)
            }
            "/admin/katalog/paket/:id" => add(page.path.replace(":id", &bundle_id.to_string()), None),
            "/bestallningar/:id" => add(
                format!("/bestallningar/{order_id}"),
                Some(&["anna.lindqvist", "maria.nilsson", "per.svensson"]),
            ),
            // Anna's order waits for Erik, the cost centre's attester: the
            // others are told it does not wait for them.
            "/attestera/:id" => add(format!("/attestera/{order_id}"), Some(&["erik.johansson"])),
            "/forvaltning/plan/:id" | "/forvaltning/plan/:id/utskrift" => {
                // A draft: the object's people and administrators; the rest
                // are told it does not exist.
                add(
                    page.path.replace(":id", &draft.to_string()),
                    Some(&[
                        "johan.ek",
                        "karin.holm",
                        "lars.andersson",
                        "anna.lindqvist",
                        "per.svensson",
                    ]),
                );
                add(page.path.replace(":id", &adopted.to_string()), None);
            }
            "/forvaltning/jamfor" => add(
                format!("/forvaltning/jamfor?fran={adopted}&till={draft}"),
                Some(&[
                    "johan.ek",
                    "karin.holm",
                    "lars.andersson",
                    "anna.lindqvist",
                    "per.svensson",
                ]),
            ),
            "/forvaltning/objekt/:id" | "/forvaltning/uppfoljning/:id" => {
                add(page.path.replace(":id", &samverkan.to_string()), None)
            }
            "/forvaltning/mall/:family" => add(format!("/forvaltning/mall/{family}"), None),
            "/tillgangar/:id" => add(format!("/tillgangar/{asset_id}"), Some(ASSET_SEERS)),
            "/prenumerationer/:id" => add(format!("/prenumerationer/{subscription_id}"), Some(ASSET_SEERS)),
            p if p.contains(':') => panic!("the role matrix has no sample for {p}: add one"),
            p => add(p.to_owned(), None),
        }
    }
    out
}

#[test]
fn every_route_of_the_app_declares_its_access() {
    let routes = crate::router::route_list();
    let paths: Vec<&str> = routes.iter().map(|r| r.path()).collect();
    assert!(paths.len() >= PAGES.len(), "{paths:?}");
    assert_eq!(crate::guard::undeclared(paths.iter().copied()), Vec::<String>::new());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_answers_every_demo_role_and_anonymous_as_its_rule_says() {
    let app = spawn_app().await;
    let samples = samples(&app).await;
    for s in &samples {
        let r = get(&app, &s.path).await;
        if s.pattern == "/logga-in" {
            assert_eq!(r.status, StatusCode::OK, "anonymous {}", s.path);
            continue;
        }
        assert_eq!(r.status, StatusCode::SEE_OTHER, "anonymous {}: {}", s.path, r.body);
        assert_eq!(
            r.headers[header::LOCATION].to_str().unwrap(),
            format!("/logga-in?next={}", urlencoding::encode(&s.path)),
            "anonymous {}",
            s.path
        );
        assert!(
            r.body.is_empty(),
            "nothing of {} is rendered for an anonymous caller",
            s.path
        );
    }
    for (username, _) in DEMO {
        let cookie = login_as(&app, username).await;
        let me = get_with(&app, "/api/v1/me", ("cookie", &cookie)).await.json();
        let roles: Vec<app::domain::roles::Role> = serde_json::from_value(me["roles"].clone()).unwrap();
        for s in &samples {
            let access = app::domain::access::declared(s.pattern);
            let r = get_with(&app, &s.path, ("cookie", &cookie)).await;
            let expected = match decide(access, Some(&roles)) {
                Decision::Forbidden => StatusCode::FORBIDDEN,
                Decision::Allowed if s.only.is_some_and(|who| !who.contains(username)) => StatusCode::NOT_FOUND,
                Decision::Allowed => StatusCode::OK,
                Decision::SignIn => unreachable!("{username} is signed in"),
            };
            assert_eq!(
                r.status,
                expected,
                "{username} {}: {}",
                s.path,
                &r.body[r.body.len().saturating_sub(1500)..]
            );
            if expected == StatusCode::FORBIDDEN {
                assert!(
                    r.body.contains("Du har inte behörighet"),
                    "{username} {}: the Swedish 403 page",
                    s.path
                );
            }
        }
    }
}

#[test]
fn every_api_operation_declares_its_access_and_every_declaration_is_an_operation() {
    use crate::api::access::OPERATIONS;
    let (_, doc) = crate::api::router();
    let mut documented: Vec<(String, String)> = doc
        .paths
        .paths
        .iter()
        .flat_map(|(path, item)| {
            let item = serde_json::to_value(item).unwrap();
            item.as_object()
                .unwrap()
                .keys()
                .filter(|m| ["get", "post", "put", "patch", "delete"].contains(&m.as_str()))
                .map(|m| (m.to_uppercase(), path.clone()))
                .collect::<Vec<_>>()
        })
        .collect();
    documented.push(("GET".into(), "/api/v1/openapi.json".into()));
    documented.sort();
    let mut declared: Vec<(String, String)> = OPERATIONS
        .iter()
        .map(|o| (o.method.to_owned(), o.path.to_owned()))
        .collect();
    declared.sort();
    assert_eq!(documented, declared);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_api_operation_answers_every_demo_role_and_anonymous_as_declared() {
    use crate::api::access::OPERATIONS;
    use app::domain::access::Access;
    let app = spawn_app().await;
    let anna = login_as(&app, "anna.lindqvist").await;
    let body = annas_order(&app, &anna, "DL-WD22TB4", 1).await;
    let order = send(&app, post_order(&anna, "api-matris-1", &body)).await;
    let order_id = order.json()["id"].as_i64().unwrap();
    let item_id = app::entities::item::Entity::find()
        .one(&app.t.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let draft = app::entities::plan::Entity::find()
        .filter(app::entities::plan::Column::Year.eq(2027))
        .one(&app.t.db)
        .await
        .unwrap()
        .unwrap();
    let (draft, object_id) = (draft.id, draft.object_id);
    let asset_id = annas_asset(&app).await;
    const MEMBERS: &[&str] = &[
        "johan.ek",
        "karin.holm",
        "lars.andersson",
        "anna.lindqvist",
        "per.svensson",
    ];
    // Anna ordered it; Erik attests it; the coordinator and the administrator follow orders.
    const ORDER_SEERS: &[&str] = &["anna.lindqvist", "erik.johansson", "maria.nilsson", "per.svensson"];
    // (path to call, who gets past the object-level rule of a GET)
    let sample = |path: &str| -> (String, Option<&'static [&'static str]>) {
        match path {
            "/api/v1/catalog/items/{id}" => (format!("/api/v1/catalog/items/{item_id}"), None),
            "/api/v1/orders/{id}" => (format!("/api/v1/orders/{order_id}"), Some(ORDER_SEERS)),
            // The empty body is refused before anything is decided.
            "/api/v1/orders/{id}/decision" => (format!("/api/v1/orders/{order_id}/decision"), None),
            // No such order: nothing is withdrawn whoever calls.
            "/api/v1/orders/{id}/cancel" => (format!("/api/v1/orders/{}/cancel", i32::MAX), None),
            "/api/v1/orders" => ("/api/v1/orders?mine=true".into(), None),
            "/api/v1/plans/{id}" => (format!("/api/v1/plans/{draft}"), Some(MEMBERS)),
            "/api/v1/objects/{id}" => (format!("/api/v1/objects/{object_id}"), None),
            // The empty body is refused before anything is decided.
            "/api/v1/objects/{id}/plans" => (format!("/api/v1/objects/{object_id}/plans"), None),
            // An action that does not exist: nothing changes whoever calls.
            "/api/v1/plans/{id}/{action}" => (format!("/api/v1/plans/{draft}/finns-inte"), None),
            "/api/v1/portfolio/{year}" => ("/api/v1/portfolio/2026".into(), None),
            // Nobody's notification: 404 for everyone signed in.
            "/api/v1/notifications/{id}/read" => ("/api/v1/notifications/0/read".into(), None),
            "/api/v1/supplier/orders/{id}/ack" => (format!("/api/v1/supplier/orders/{order_id}/ack"), None),
            "/api/v1/assets/{id}" => (format!("/api/v1/assets/{asset_id}"), Some(ASSET_SEERS)),
            // A month that has begun and has not been run: the JSON answers.
            "/api/v1/charging/{period}" => ("/api/v1/charging/2026-10".into(), None),
            p if p.contains('{') => panic!("the API matrix has no sample for {p}: add one"),
            p => (p.to_owned(), None),
        }
    };
    let call = |method: &str, uri: &str, cookie: Option<&str>| {
        let mut r = Request::builder()
            .method(method)
            .uri(uri)
            .header(header::ORIGIN, ORIGIN)
            .header(header::CONTENT_TYPE, "application/json");
        if let Some(c) = cookie {
            r = r.header("cookie", c);
        }
        // Writes get an empty object: refused by validation, never written.
        r.body(Body::from(if method == "GET" { "" } else { "{}" })).unwrap()
    };
    for op in OPERATIONS {
        let (uri, _) = sample(op.path);
        let r = send(&app, call(op.method, &uri, None)).await;
        if op.access == Access::Public {
            assert_eq!(r.status, StatusCode::OK, "anonymous {} {uri}", op.method);
        } else {
            assert_eq!(
                r.status,
                StatusCode::UNAUTHORIZED,
                "anonymous {} {uri}: {}",
                op.method,
                r.body
            );
            assert_eq!(r.json()["error"], "unauthorized");
        }
    }
    for (username, _) in DEMO {
        let cookie = login_as(&app, username).await;
        let me = get_with(&app, "/api/v1/me", ("cookie", &cookie)).await.json();
        let roles: Vec<app::domain::roles::Role> = serde_json::from_value(me["roles"].clone()).unwrap();
        for op in OPERATIONS {
            let (uri, only) = sample(op.path);
            let r = send(&app, call(op.method, &uri, Some(&cookie))).await;
            let what = format!("{username} {} {uri}: {} {}", op.method, r.status, r.body);
            match decide(op.access, Some(&roles)) {
                Decision::Forbidden => {
                    assert_eq!(r.status, StatusCode::FORBIDDEN, "{what}");
                    assert_eq!(r.json()["error"], "forbidden", "{what}");
                }
                Decision::Allowed if op.method != "GET" => {
                    assert!(
                        r.status.is_client_error()
                            && r.status != StatusCode::FORBIDDEN
                            && r.status != StatusCode::UNAUTHORIZED,
                        "an empty write is refused by validation, not by access: {what}"
                    );
                }
                Decision::Allowed if only.is_some_and(|who| !who.contains(username)) => {
                    assert_eq!(r.status, StatusCode::NOT_FOUND, "{what}")
                }
                Decision::Allowed => assert_eq!(r.status, StatusCode::OK, "{what}"),
                Decision::SignIn => unreachable!("{username} is signed in"),
            }
        }
    }
}

fn form_post(uri: &str, cookie: &str, body: String) -> Request<Body> {
    Request::post(uri)
        .header("cookie", cookie)
        .header(header::ORIGIN, ORIGIN)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body))
        .unwrap()
}

fn json_post(uri: &str, cookie: &str, body: serde_json::Value) -> Request<Body> {
    Request::post(uri)
        .header("cookie", cookie)
        .header(header::ORIGIN, ORIGIN)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_string()))
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forvaltningsledare_can_neither_make_themselves_objektagare_nor_adopt_their_own_plan() {
    use app::entities::plan;
    let app = spawn_app().await;
    let johan = login_as(&app, "johan.ek").await;
    let karin = login_as(&app, "karin.holm").await;
    let per = login_as(&app, "per.svensson").await;
    let object = object_id(&app, "Samverkan vid vårdövergångar").await;
    let detail = send(&app, form_post("/api/objects/get", &johan, format!("id={object}"))).await;
    assert_eq!(detail.status, StatusCode::OK, "{}", detail.body);
    let d = detail.json();
    let me = get_with(&app, "/api/v1/me", ("cookie", &johan)).await.json()["id"].clone();
    let people: Vec<serde_json::Value> = d["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| serde_json::json!([p["person_id"], p["role"]]))
        .collect();
    let input = |extra: serde_json::Value| {
        let mut people = people.clone();
        people.push(extra);
        serde_json::json!({
            "id": object,
            "input": {
                "name": d["name"], "family_id": d["family_id"], "class": d["class"],
                "description": d["description"], "it_components": d["it_components"],
                "products": d["products"], "people": people,
            }
        })
    };

    let save_as =
        |cookie: &str, role: &str| json_post("/api/objects/save", cookie, input(serde_json::json!([me, role])));

    // Themselves as objektägare: refused, nothing written.
    let r = send(&app, save_as(&johan, "objektagare")).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(r.json()["field"], "people");
    // Nor can an administrator make him both.
    let r = send(&app, save_as(&per, "objektagare_it")).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let after = send(&app, form_post("/api/objects/get", &johan, format!("id={object}"))).await;
    assert_eq!(after.json()["people"], d["people"], "nothing written");

    // He submits his plan and cannot adopt it; the objektägare can.
    let draft = plan::Entity::find()
        .filter(plan::Column::ObjectId.eq(object))
        .filter(plan::Column::Year.eq(2027))
        .one(&app.t.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let decide = |cookie: &str, what: &str| {
        json_post(
            &format!("/api/v1/plans/{draft}/{what}"),
            cookie,
            serde_json::json!({ "comment": "§ 4", "decided_on": "2026-11-20" }),
        )
    };
    assert_eq!(send(&app, decide(&johan, "submit")).await.status, StatusCode::OK);
    let r = send(&app, decide(&johan, "adopt")).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    // Vårdsystem's plans need the objektägare and the objektägare IT.
    let r = send(&app, decide(&karin, "adopt")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["status"], "under_avstamning");
    assert_eq!(r.json()["adoption"]["approvals"][0]["role"], "objektagare");
    let r = send(&app, decide(&karin, "adopt")).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "one approval each: {}", r.body);
    let ahmed = login_as(&app, "ahmed.hassan").await;
    let r = send(&app, decide(&ahmed, "adopt")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["status"], "faststalld");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_anonymous_request_for_a_guarded_page_is_a_303_before_anything_renders() {
    let app = spawn_app().await;
    for path in [
        "/admin/katalog",
        "/bestallningar",
        "/forvaltning",
        "/katalog?q=docka&typ=hardware",
    ] {
        let r = get(&app, path).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{path}");
        assert_eq!(
            r.headers[header::LOCATION].to_str().unwrap(),
            format!("/logga-in?next={}", urlencoding::encode(path))
        );
        assert!(r.body.is_empty(), "{path}: {}", r.body);
    }
    // A path that is no page is a 404 page for everyone, not a login.
    assert_eq!(get(&app, "/finns-inte").await.status, StatusCode::NOT_FOUND);
}

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
        if get_with(app, &format!("/api/v1/plans/{}", p.id), ("cookie", &per))
            .await
            .status
            == StatusCode::OK
        {
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
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{permissions:?}: {}",
            r.body
        );
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
