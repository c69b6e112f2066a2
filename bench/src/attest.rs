//! The attestation benchmarks (issue 16, "Performance"): `attest-data`
//! writes 100 000 orders waiting for attestation across 5 000 cost centres
//! and 2 000 attesters ([`data`], its organisation in [`org`]); `attest`
//! measures in process, on that database, what waits for `bench.attestant`
//! (20 cost centres), routing at submit, and two concurrent decisions on
//! one order ([`race`]). Each
//! measurement is one Markdown table row on stdout:
//! `| db | measurement | n | p50 ms | p95 ms | p99 ms | target | outcome |`.
//! The `/attestera` page itself is measured over HTTP by `bench/run.sh`.

pub mod data;
mod org;
mod race;

use anyhow::Context as _;
use app::attest::service::{pending, route_submitted, Submitted};
use app::ctx::{Actor, Ctx};
use app::domain::money::Sek;
use app::domain::orders::OrderStatus;
use app::entities::{attestation, orders, person, person_role};
use avrop_server::settings::Settings;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseBackend, DatabaseConnection, EntityTrait,
    QueryFilter, TransactionTrait,
};
use std::time::{Duration, Instant};

/// The attester of 20 cost centres who can log in (demo password).
pub const ATTESTANT: &str = "bench.attestant";
pub const ATTESTER_PREFIX: &str = "attest.gen";
pub const REQUESTER_PREFIX: &str = "attest.bestallare";
pub const CENTER_PREFIX: &str = "AK";
pub const ORDER_KEY_PREFIX: &str = "attest-bench-";

/// How much `attest-data` writes.
#[derive(Debug, Clone, Copy)]
pub struct Sizes {
    pub pending: u32,
    pub cost_centers: u32,
    pub attesters: u32,
}

/// How many calls `attest` times.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub pending_calls: u32,
    pub routes: u32,
    pub rounds: u32,
}

/// The targets, in milliseconds at p95.
const PENDING_TARGET_MS: f64 = 30.0;
const ROUTING_TARGET_MS: f64 = 5.0;

/// p50, p95 and p99 in milliseconds.
pub(crate) fn percentiles(mut times: Vec<Duration>) -> (f64, f64, f64) {
    times.sort();
    let at = |p: f64| {
        if times.is_empty() {
            return 0.0;
        }
        let i = ((times.len() as f64 - 1.0) * p).round() as usize;
        times[i].as_secs_f64() * 1000.0
    };
    (at(0.50), at(0.95), at(0.99))
}

/// One result row.
pub(crate) fn row(db: &str, what: &str, n: &str, times: Vec<Duration>, target: &str, outcome: &str) {
    let (p50, p95, p99) = percentiles(times);
    println!("| {db} | {what} | {n} | {p50:.2} | {p95:.2} | {p99:.2} | {target} | {outcome} |");
}

pub(crate) fn verdict(p95: f64, target: f64) -> &'static str {
    if p95 < target {
        "met"
    } else {
        "missed"
    }
}

/// A small deterministic generator (xorshift64): the same draws every run.
pub(crate) struct Draw(u64);

impl Draw {
    pub(crate) fn new(seed: u64) -> Self {
        Draw(seed.max(1))
    }

    pub(crate) fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n.max(1) as u64) as usize
    }
}

/// The context of person `id` signed in, with their roles.
pub(crate) async fn ctx_of<C: ConnectionTrait>(db: &C, id: i32) -> anyhow::Result<Ctx> {
    let p = person::Entity::find_by_id(id)
        .one(db)
        .await?
        .context("a bench person")?;
    let roles = person_role::Entity::find()
        .filter(person_role::Column::PersonId.eq(id))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|r| r.role.parse().ok())
        .collect();
    Ok(Ctx {
        actor: Actor::Person {
            id,
            username: p.username,
        },
        roles,
        ip: None,
    })
}

pub(crate) fn backend(db: &DatabaseConnection) -> &'static str {
    match db.get_database_backend() {
        DatabaseBackend::Sqlite => "sqlite",
        DatabaseBackend::Postgres => "postgres",
        DatabaseBackend::MySql => "mysql",
    }
}

/// Runs the three measurements; fails when a round of concurrent decisions
/// did not end in exactly one decision.
pub async fn run(settings: &Settings, o: Options) -> anyhow::Result<()> {
    let db = app::db::connect(&settings.database_url, 8).await?;
    let label = backend(&db);
    measure_pending(&db, label, o.pending_calls).await?;
    measure_routing(&db, label, o.routes).await?;
    race::run(&db, label, o.rounds).await
}

/// `attest::service::pending` for `bench.attestant`, as `/attestera` and
/// `GET /api/v1/attest/pending` call it.
async fn measure_pending(db: &DatabaseConnection, label: &str, calls: u32) -> anyhow::Result<()> {
    let me = person::Entity::find()
        .filter(person::Column::Username.eq(ATTESTANT))
        .one(db)
        .await?
        .context("bench.attestant: run `avrop-bench attest-data` first")?;
    let ctx = ctx_of(db, me.id).await?;
    let mut listed = 0;
    for _ in 0..5 {
        listed = pending(&ctx, db).await?.len();
    }
    let mut times = Vec::with_capacity(calls as usize);
    for _ in 0..calls {
        let t = Instant::now();
        let list = pending(&ctx, db).await?;
        times.push(t.elapsed());
        listed = list.len();
    }
    let p95 = percentiles(times.clone()).1;
    row(
        label,
        "attest::service::pending, bench.attestant (20 cost centres), in process",
        &format!("{calls} calls"),
        times,
        &format!("/attestera p95 < {PENDING_TARGET_MS} ms"),
        &format!("{}; {listed} orders listed", verdict(p95, PENDING_TARGET_MS)),
    );
    Ok(())
}

/// `attest::service::route_submitted` for `n` fresh orders on random
/// generated cost centres, each in a transaction that is rolled back (the
/// order row written first in it, as the order's creation does).
async fn measure_routing(db: &DatabaseConnection, label: &str, n: u32) -> anyhow::Result<()> {
    let layout = org::Layout::load(db).await?;
    let mut draw = Draw::new(0x5eed_a77e);
    let run = uuid::Uuid::new_v4().simple().to_string()[..8].to_owned();
    let mut ctxs = std::collections::HashMap::new();
    let mut times = Vec::with_capacity(n as usize);
    // Levels written: cost centre, unit, förvaltning; then nobody, automatic.
    let mut levels = [0u32; 5];
    let warm_up = 20;
    for i in 0..(n + warm_up) {
        let center = layout.centers[draw.below(layout.centers.len())];
        let (requester, _) = layout.requesters[draw.below(layout.requesters.len())].clone();
        // 1 000–100 000 kr: about half over the everyday 50 000 kr limit,
        // so they escalate to the unit or the förvaltning.
        let amount = Sek::from_ore((1_000 + draw.below(99_000) as i64) * 100);
        if let std::collections::hash_map::Entry::Vacant(e) = ctxs.entry(requester) {
            e.insert(ctx_of(db, requester).await?);
        }
        let ctx = &ctxs[&requester];
        let now = chrono::Utc::now();
        let txn = db.begin().await?;
        let order = orders::ActiveModel {
            requester_id: Set(requester),
            recipient_id: Set(requester),
            cost_center_id: Set(center),
            delivery_label: Set("Godsmottagning".into()),
            delivery_street: Set("Attestgatan 1".into()),
            delivery_postal_code: Set("721 30".into()),
            delivery_city: Set("Norrvik".into()),
            contact_name: Set("Bänk Beställare".into()),
            contact_phone: Set("021-10 00 00".into()),
            reference: Set(String::new()),
            wanted_date: Set(None),
            note: Set(String::new()),
            status: Set(OrderStatus::Submitted.as_str().into()),
            one_off_ore: Set(amount.ore()),
            monthly_ore: Set(0),
            commitment_ore: Set(amount.ore()),
            idempotency_key: Set(format!("attest-route-{run}-{i}")),
            created_at: Set(now),
            status_since: Set(Some(now)),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        let submitted = Submitted {
            order_id: order.id,
            requester_id: requester,
            recipient_id: requester,
            cost_center_id: center,
            amount,
            item_kinds: vec!["hardware".into()],
        };
        let t = Instant::now();
        route_submitted(&txn, ctx, &submitted, now).await?;
        let took = t.elapsed();
        let written = attestation::Entity::find_by_id(order.id)
            .one(&txn)
            .await?
            .context("the attestation routing wrote")?;
        txn.rollback().await?;
        if i < warm_up {
            continue;
        }
        times.push(took);
        let slot = match (written.level, written.state.as_str()) {
            (Some(l), _) => l.clamp(0, 2) as usize,
            (None, "unassigned") => 3,
            _ => 4,
        };
        levels[slot] += 1;
    }
    let p95 = percentiles(times.clone()).1;
    row(
        label,
        "attest::service::route_submitted, fresh order on a random cost centre (rolled back)",
        &format!("{n} orders"),
        times,
        &format!("p95 < {ROUTING_TARGET_MS} ms"),
        &format!(
            "{}; cost centre {}, unit {}, förvaltning {}, saknar attestant {}, automatic {}",
            verdict(p95, ROUTING_TARGET_MS),
            levels[0],
            levels[1],
            levels[2],
            levels[3],
            levels[4]
        ),
    );
    Ok(())
}
