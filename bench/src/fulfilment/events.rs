//! `avrop-bench supplier-events`: the supplier-event benchmark against a
//! running server. It creates an integration key for the event supplier
//! (as the demo administrator, through the key service), takes that
//! supplier's parts waiting in `sent_to_supplier`, and has `senders`
//! senders walk them: for each part `confirmed`, `shipped` and `delivered`,
//! every event posted twice at the same moment on two connections, as a
//! supplier's retry would. Afterwards the database is counted: one claim
//! (`supplier_event`) and one timeline entry (`order_event`) per event
//! answered 200 — none lost, none applied twice — and every part in the
//! state of its last event.

use super::data::EVENT_SUPPLIER_ITEMS;
use crate::attest::{ctx_of, percentiles};
use crate::orders::{connect, send, Sender};
use anyhow::Context as _;
use app::entities::{item, order_event, order_part, person, supplier_event};
use avrop_server::settings::Settings;
use chrono::Utc;
use http_body_util::Full;
use hyper::body::Bytes;
use hyper::Request;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashMap;
use std::time::{Duration, Instant};

pub struct Options {
    /// `127.0.0.1:3300`
    pub addr: String,
    pub senders: u32,
    /// Longest run; it ends sooner when the parts run out.
    pub duration: Duration,
}

const STEPS: [&str; 3] = ["confirmed", "shipped", "delivered"];
const TARGET_PER_SECOND: f64 = 1_000.0;

/// What one sender saw.
#[derive(Default)]
struct Seen {
    /// Events both copies of which were answered 200 with the same answer,
    /// per order: how many.
    applied: HashMap<i32, usize>,
    times: Vec<Duration>,
    requests: u64,
    /// Copies answered otherwise, or two different answers.
    errors: Vec<String>,
}

pub async fn run(settings: &Settings, options: Options) -> anyhow::Result<()> {
    let db = app::db::connect(&settings.database_url, 4).await?;
    let label = crate::attest::backend(&db);
    let admin = person::Entity::find()
        .filter(person::Column::Username.eq("per.svensson"))
        .one(&db)
        .await?
        .context("the demo administrator")?;
    let admin = ctx_of(&db, admin.id).await?;
    let supplier = item::Entity::find()
        .filter(item::Column::ArticleNumber.starts_with(EVENT_SUPPLIER_ITEMS))
        .filter(item::Column::Active.eq(true))
        .order_by_asc(item::Column::Id)
        .one(&db)
        .await?
        .context("a generated item (run `avrop-bench data`)")?
        .supplier_id;
    let run_id = Utc::now().format("%Y%m%dT%H%M%S").to_string();
    let key = app::fulfilment::service::keys::create(&admin, &db, supplier, &format!("Bänknyckel {run_id}"))
        .await
        .map_err(|e| anyhow::anyhow!("creating the supplier key: {e}"))?;
    let parts: Vec<i32> = order_part::Entity::find()
        .select_only()
        .column(order_part::Column::OrderId)
        .filter(order_part::Column::SupplierId.eq(supplier))
        .filter(order_part::Column::State.eq("sent_to_supplier"))
        .order_by_asc(order_part::Column::Id)
        .into_tuple()
        .all(&db)
        .await?;
    anyhow::ensure!(
        parts.len() >= options.senders as usize,
        "too few parts in sent_to_supplier (run `avrop-bench fulfilment-data`)"
    );
    let started = Utc::now();
    let clock = Instant::now();
    let deadline = clock + options.duration;
    let mut tasks = Vec::new();
    for s in 0..options.senders as usize {
        let mine: Vec<i32> = parts
            .iter()
            .skip(s)
            .step_by(options.senders as usize)
            .copied()
            .collect();
        let (addr, secret, run_id) = (options.addr.clone(), key.secret.clone(), run_id.clone());
        tasks.push(tokio::spawn(async move {
            sender(&addr, &secret, &run_id, mine, deadline).await
        }));
    }
    let mut seen = Seen::default();
    for t in tasks {
        let s = t.await??;
        seen.applied.extend(s.applied);
        seen.times.extend(s.times);
        seen.requests += s.requests;
        seen.errors.extend(s.errors);
    }
    let elapsed = clock.elapsed().as_secs_f64();
    let events: usize = seen.applied.values().sum();

    // Count what the database holds.
    let prefix = format!("bench-{run_id}-");
    let claims = supplier_event::Entity::find()
        .filter(supplier_event::Column::SupplierId.eq(supplier))
        .filter(supplier_event::Column::EventId.starts_with(&prefix))
        .filter(supplier_event::Column::Status.eq(200))
        .count(&db)
        .await? as usize;
    let orders: Vec<i32> = seen.applied.keys().copied().collect();
    let mut entries = 0usize;
    let mut wrong_state = 0usize;
    for chunk in orders.chunks(500) {
        entries += order_event::Entity::find()
            .filter(order_event::Column::OrderId.is_in(chunk.iter().copied()))
            .filter(order_event::Column::ActorKind.eq("supplier"))
            .filter(order_event::Column::At.gte(started - chrono::Duration::seconds(1)))
            .count(&db)
            .await? as usize;
        let states: Vec<(i32, String)> = order_part::Entity::find()
            .select_only()
            .column(order_part::Column::OrderId)
            .column(order_part::Column::State)
            .filter(order_part::Column::OrderId.is_in(chunk.iter().copied()))
            .into_tuple()
            .all(&db)
            .await?;
        wrong_state += states
            .iter()
            .filter(|(order, state)| STEPS[seen.applied[order] - 1] != state.as_str())
            .count();
    }
    let lost = events.saturating_sub(claims.min(entries)) + wrong_state;
    let twice = entries.saturating_sub(events) + claims.saturating_sub(events);
    let rate = events as f64 / elapsed;
    let (p50, p95, p99) = percentiles(seen.times);
    // The rate's target is PostgreSQL's (the production database); on
    // SQLite, one writer at a time, the rate is reported beside it.
    let rated = db.get_database_backend() == sea_orm::DbBackend::Postgres;
    let sound = lost == 0 && twice == 0 && seen.errors.is_empty();
    let (target, verdict) = if rated {
        (
            format!("≥ {TARGET_PER_SECOND:.0} events/s, none lost or applied twice"),
            if rate >= TARGET_PER_SECOND && sound {
                "met"
            } else {
                "missed"
            },
        )
    } else {
        (
            format!("none lost or applied twice (≥ {TARGET_PER_SECOND:.0} events/s is PostgreSQL's)"),
            if sound { "met" } else { "missed" },
        )
    };
    println!(
        "| {label} | POST /api/v1/supplier/events, {} senders, each event twice at once | {events} events in {elapsed:.1} s ({} requests) | {p50:.2} | {p95:.2} | {p99:.2} | {target} | {verdict}: {rate:.0} events/s; lost {lost}, applied twice {twice}, other answers {} |",
        options.senders,
        seen.requests,
        seen.errors.len()
    );
    for e in seen.errors.iter().take(5) {
        eprintln!("unexpected answer: {e}");
    }
    anyhow::ensure!(
        lost == 0 && twice == 0 && seen.errors.is_empty(),
        "events were lost, applied twice or refused"
    );
    Ok(())
}

fn body(run_id: &str, order: i32, step: usize) -> String {
    let now = Utc::now();
    let kind = STEPS[step];
    let mut v = serde_json::json!({
        "event_id": format!("bench-{run_id}-{order}-{kind}"),
        "order_id": order,
        "type": kind,
        "occurred_at": (now - chrono::Duration::seconds(10 - step as i64)).to_rfc3339(),
    });
    match kind {
        "confirmed" => v["expected_delivery"] = serde_json::json!((now + chrono::Duration::days(7)).date_naive()),
        "shipped" => v["tracking_number"] = serde_json::json!(format!("BENCH{order}")),
        _ => {}
    }
    v.to_string()
}

fn request(addr: &str, secret: &str, body: String) -> anyhow::Result<Request<Full<Bytes>>> {
    Ok(Request::post("/api/v1/supplier/events")
        .header("host", addr)
        .header("authorization", format!("Bearer {secret}"))
        .header("content-type", "application/json")
        .body(Full::new(Bytes::from(body)))?)
}

async fn post(conn: &mut Sender, addr: &str, secret: &str, body: String) -> anyhow::Result<(u16, Bytes)> {
    let (status, _, answer) = send(conn, request(addr, secret, body)?).await?;
    Ok((status, answer))
}

async fn sender(addr: &str, secret: &str, run_id: &str, parts: Vec<i32>, deadline: Instant) -> anyhow::Result<Seen> {
    let (mut a, mut b) = (connect(addr).await?, connect(addr).await?);
    let mut seen = Seen::default();
    'parts: for order in parts {
        for (step, kind) in STEPS.iter().enumerate() {
            if Instant::now() >= deadline {
                break 'parts;
            }
            let text = body(run_id, order, step);
            let t = Instant::now();
            let (one, two) = tokio::join!(
                post(&mut a, addr, secret, text.clone()),
                post(&mut b, addr, secret, text)
            );
            seen.times.push(t.elapsed());
            seen.requests += 2;
            let (one, two) = (one?, two?);
            let same = serde_json::from_slice::<serde_json::Value>(&one.1).ok()
                == serde_json::from_slice::<serde_json::Value>(&two.1).ok();
            if one.0 == 200 && two.0 == 200 && same {
                *seen.applied.entry(order).or_default() += 1;
            } else {
                seen.errors.push(format!(
                    "order {order} {kind}: {} {} / {} {}",
                    one.0,
                    String::from_utf8_lossy(&one.1),
                    two.0,
                    String::from_utf8_lossy(&two.1)
                ));
                continue 'parts;
            }
        }
    }
    Ok(seen)
}
