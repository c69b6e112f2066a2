//! Random bodies to every server function, in process (issue 21): whatever
//! a client sends, the answer is never a 5xx, a 4xx carries the error as
//! JSON (`AppError`, what the browser reads back) with its own status, and
//! nothing panics.
//!
//! Each function's argument names are learnt first from its own refusals
//! ("missing field `x`"), with a value it reads for each; the property then
//! sends that body mutated (fields dropped, replaced by odd values or other
//! types, unknown fields added), in the other encoding, or nothing at all, as
//! one of several demo users so that every area's checks are reached.
//! `AVROP_FUZZ_CASES` sets the number of cases (default 2 000);
//! `AVROP_FUZZ_SHOW=1` prints what was learnt of each function.

use super::{login_as, send, spawn_app, Reply, TestApp, ORIGIN};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestRng, TestRunner};
use serde_json::{Map, Value};

/// People whose roles together reach every area's server functions.
const USERS: &[&str] = &[
    "anna.lindqvist",
    "erik.johansson",
    "maria.nilsson",
    "per.svensson",
    "lars.andersson",
    "sara.berg",
    "johan.ek",
];

/// The functions that read a JSON body (`input = Json`); the others read a
/// form. Checked below: a form body to these is refused as unreadable.
const JSON_INPUT: &[&str] = &[
    "/api/follow_up/save",
    "/api/objects/save",
    "/api/plans/save",
    "/api/plans/create",
    "/api/plans/save_template",
    "/api/plans/save_adopters",
    "/api/attest/approve_many",
];

/// Values each learnt field is tried with, in order, until the function
/// reads it (its error moves on to another field or past reading).
fn seeds() -> Vec<Value> {
    vec![
        Value::from(1),
        Value::from("1"),
        Value::from(true),
        Value::from("2026-11-30"),
        Value::Array(vec![]),
        Value::Object(Map::new()),
        Value::from("x"),
    ]
}

/// Odd values a field is replaced with.
fn odd_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        prop_oneof![
            Just(i32::MAX as i64),
            Just(i32::MAX as i64 + 1),
            Just(i32::MIN as i64),
            Just(i64::MIN),
            Just(-1i64),
            Just(0i64)
        ]
        .prop_map(Value::from),
        any::<f64>().prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        "\\PC{0,40}".prop_map(Value::from),
        prop_oneof![
            Just(""),
            Just(" "),
            Just("0"),
            Just("-1"),
            Just("2147483648"),
            Just("99999999999999999999999"),
            Just("1e308"),
            Just("NaN"),
            Just("true"),
            Just("null"),
            Just("2026-02-30"),
            Just("9999-12-31"),
            Just("2026-11"),
            Just("abc"),
            Just("'; drop table person; --"),
            Just("%"),
            Just("_"),
            Just("\u{0}"),
        ]
        .prop_map(Value::from),
        proptest::collection::vec("[a-zåäö]{1,3}", 250..320).prop_map(|v| Value::from(v.concat())),
    ];
    leaf.prop_recursive(2, 12, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            proptest::collection::btree_map("[a-z_]{1,12}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// How one case changes a function's learnt body.
#[derive(Debug, Clone)]
enum Change {
    Keep,
    Drop,
    Replace(Value),
}

#[derive(Debug, Clone)]
enum Encoding {
    /// The function's own encoding.
    Own,
    /// The other one (JSON to a form function, a form to a JSON one).
    Other,
    /// No body at all.
    Empty,
    /// Bytes that are neither.
    Garbage(Vec<u8>),
}

#[derive(Debug, Clone)]
struct Case {
    function: usize,
    user: usize,
    changes: Vec<Change>,
    extra: Vec<(String, Value)>,
    encoding: Encoding,
}

fn case(functions: usize) -> impl Strategy<Value = Case> {
    let change = prop_oneof![
        6 => Just(Change::Keep),
        1 => Just(Change::Drop),
        2 => odd_value().prop_map(Change::Replace),
    ];
    let encoding = prop_oneof![
        16 => Just(Encoding::Own),
        2 => Just(Encoding::Other),
        1 => Just(Encoding::Empty),
        1 => proptest::collection::vec(any::<u8>(), 0..64).prop_map(Encoding::Garbage),
    ];
    (
        0..functions,
        0..USERS.len(),
        proptest::collection::vec(change, 12),
        proptest::collection::vec(("[a-z_\\[\\]]{1,10}", odd_value()), 0..2),
        encoding,
    )
        .prop_map(|(function, user, changes, extra, encoding)| Case {
            function,
            user,
            changes,
            extra,
            encoding,
        })
}

/// A form body as a browser (or `serde_qs`) writes it: arrays as `k[]`,
/// objects as `k[sub]`.
fn form_pairs(key: &str, value: &Value, out: &mut Vec<(String, String)>) {
    match value {
        Value::Null => out.push((key.to_owned(), String::new())),
        Value::String(s) => out.push((key.to_owned(), s.clone())),
        Value::Array(items) => {
            for item in items {
                form_pairs(&format!("{key}[]"), item, out);
            }
        }
        Value::Object(map) => {
            for (k, v) in map {
                form_pairs(&format!("{key}[{k}]"), v, out);
            }
        }
        other => out.push((key.to_owned(), other.to_string())),
    }
}

fn form_body(fields: &Map<String, Value>) -> String {
    let mut pairs = Vec::new();
    for (k, v) in fields {
        form_pairs(k, v, &mut pairs);
    }
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", urlencoding::encode(k), urlencoding::encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn request(cookie: &str, path: &str, content_type: &str, body: Vec<u8>) -> Request<Body> {
    Request::post(path)
        .header(header::COOKIE, cookie)
        .header(header::ORIGIN, ORIGIN)
        .header(header::CONTENT_TYPE, content_type)
        .header(header::ACCEPT, "application/json")
        .body(Body::from(body))
        .unwrap()
}

fn encoded(cookie: &str, path: &str, json: bool, fields: &Map<String, Value>) -> Request<Body> {
    if json {
        request(
            cookie,
            path,
            "application/json",
            Value::Object(fields.clone()).to_string().into_bytes(),
        )
    } else {
        request(
            cookie,
            path,
            "application/x-www-form-urlencoded",
            form_body(fields).into_bytes(),
        )
    }
}

/// The field a refusal says is missing.
fn missing_field(r: &Reply) -> Option<String> {
    let message = serde_json::from_str::<Value>(&r.body).ok()?["message"]
        .as_str()?
        .to_owned();
    let rest = message.split("missing field `").nth(1)?;
    Some(rest.split('`').next()?.to_owned())
}

/// Whether the function could not read its arguments at all.
fn unreadable(r: &Reply) -> bool {
    r.status == StatusCode::BAD_REQUEST
}

/// Learns a function's fields and a value it reads for each.
async fn learn(app: &TestApp, cookie: &str, path: &str, json: bool) -> Map<String, Value> {
    let mut fields = Map::new();
    let mut r = send(app, encoded(cookie, path, json, &fields)).await;
    for _ in 0..24 {
        let Some(name) = missing_field(&r) else { break };
        if fields.contains_key(&name) {
            break;
        }
        let mut chosen = None;
        for seed in seeds() {
            let mut tried = fields.clone();
            tried.insert(name.clone(), seed.clone());
            let answer = send(app, encoded(cookie, path, json, &tried)).await;
            let moved_on = !unreadable(&answer) || missing_field(&answer).is_some_and(|f| !tried.contains_key(&f));
            if moved_on {
                chosen = Some((seed, answer));
                break;
            }
        }
        let Some((seed, answer)) = chosen else {
            // Nothing simple reads: keep the field (the fuzz varies it).
            fields.insert(name, Value::from("1"));
            break;
        };
        fields.insert(name, seed);
        r = answer;
    }
    fields
}

fn check(r: &Reply, what: &str) -> Result<(), TestCaseError> {
    prop_assert!(!r.status.is_server_error(), "{what}: answered {} {}", r.status, r.body);
    if r.status.is_client_error() {
        let json = r
            .headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/json"));
        prop_assert!(json, "{what}: a {} without the JSON error body: {}", r.status, r.body);
        // The error a server function's caller reads back, with the status
        // that belongs to it.
        let error: app::error::AppError = serde_json::from_str(&r.body)
            .map_err(|e| TestCaseError::fail(format!("{what}: not an AppError ({e}): {}", r.body)))?;
        prop_assert_eq!(
            error.status(),
            r.status.as_u16(),
            "{}: the status is not the error's: {}",
            what,
            r.body
        );
    }
    Ok(())
}

#[test]
fn random_bodies_to_every_server_function_answer_4xx_with_the_error_body_never_5xx_or_a_panic() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let app = rt.block_on(spawn_app());
    let cookies: Vec<String> = USERS.iter().map(|u| rt.block_on(login_as(&app, u))).collect();

    let mut paths: Vec<&'static str> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path)
        .collect();
    paths.sort_unstable();
    paths.dedup();
    assert!(paths.len() >= 90, "only {} server functions registered", paths.len());
    for path in JSON_INPUT {
        assert!(paths.contains(path), "{path} is not a server function any more");
    }

    // What each function reads, learnt as a user who may call it.
    let admin = &cookies[USERS.iter().position(|u| *u == "per.svensson").unwrap()];
    let learnt: Vec<(&str, bool, Map<String, Value>)> = paths
        .iter()
        .map(|path| {
            let json = JSON_INPUT.contains(path);
            (*path, json, rt.block_on(learn(&app, admin, path, json)))
        })
        .collect();
    // A form body to a JSON function cannot be read (so the list is right).
    for path in JSON_INPUT {
        let r = rt.block_on(send(
            &app,
            request(admin, path, "application/x-www-form-urlencoded", b"a=1".to_vec()),
        ));
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{path} reads a form: {}", r.body);
    }

    let cases: u32 = std::env::var("AVROP_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000);
    let config = Config {
        cases,
        failure_persistence: None,
        max_shrink_iters: 200,
        ..Config::default()
    };
    // A fixed seed: a failure is the same failure on the next run.
    let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &[21; 32]);
    let statuses = std::cell::RefCell::new(std::collections::BTreeMap::<u16, u32>::new());
    let mut runner = TestRunner::new_with_rng(config, rng);
    let outcome = runner.run(&case(learnt.len()), |c| {
        let (path, json, fields) = &learnt[c.function];
        let mut body = Map::new();
        for (i, (name, value)) in fields.iter().enumerate() {
            match c.changes.get(i).cloned().unwrap_or(Change::Keep) {
                Change::Keep => {
                    body.insert(name.clone(), value.clone());
                }
                Change::Drop => {}
                Change::Replace(v) => {
                    body.insert(name.clone(), v);
                }
            }
        }
        for (k, v) in &c.extra {
            body.insert(k.clone(), v.clone());
        }
        let cookie = &cookies[c.user];
        let req = match &c.encoding {
            Encoding::Own => encoded(cookie, path, *json, &body),
            Encoding::Other => encoded(cookie, path, !*json, &body),
            Encoding::Empty => request(cookie, path, "application/x-www-form-urlencoded", Vec::new()),
            Encoding::Garbage(bytes) => request(cookie, path, "application/json", bytes.clone()),
        };
        let r = rt.block_on(send(&app, req));
        *statuses.borrow_mut().entry(r.status.as_u16()).or_default() += 1;
        check(&r, &format!("{path} as {}", USERS[c.user]))
    });
    if let Err(e) = outcome {
        panic!("{e}");
    }
    let fields: usize = learnt.iter().map(|(_, _, f)| f.len()).sum();
    eprintln!(
        "{cases} random bodies to {} server functions ({fields} arguments learnt): no 5xx, no panic; \
         answers by status {:?}",
        learnt.len(),
        statuses.borrow()
    );
    if std::env::var_os("AVROP_FUZZ_SHOW").is_some() {
        for (path, json, fields) in &learnt {
            eprintln!(
                "{path} ({}): {}",
                if *json { "JSON" } else { "form" },
                Value::Object(fields.clone())
            );
        }
    }
}
