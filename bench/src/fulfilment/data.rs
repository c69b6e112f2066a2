//! Generated fulfilment data on top of `avrop-bench data` (its cost
//! centres, people, items and suppliers): `orders` orders at `volume` times
//! the customer's 7 800 a month (at 1, 1 000 000 orders span about 10.7
//! years; at 10, 13 months with ten times as many open at once), oldest
//! first, each with one line, its attestation and — once attested — one
//! supplier part, in the status its age gives it:
//!
//! | age | status |
//! |---|---|
//! | under 1½ days | awaiting attestation (every 25th: saknar attestant) |
//! | 1½–2 days | attested |
//! | 2–3 days | sent to the supplier |
//! | 3–10 days | confirmed |
//! | 10–14 days | shipped |
//! | older | delivered after 8–40 days, closed 30 days later (as the system does); every 100th cancelled |
//!
//! Every 50th order between 14 and 60 days old is stuck in `confirmed`
//! (past its target time: the "overdue" filter); every 10th open order is
//! taken by `maria.nilsson`; every 97th open order has an open deviation.
//! Delivered and closed orders have their `order_outcome` row in one of the
//! four categories. Timelines (`order_event`) are not written: the queue
//! and the statistics do not read them.
//!
//! Then `event_parts` more orders for the supplier-event benchmark, all in
//! `sent_to_supplier` with the supplier [`EVENT_SUPPLIER_ITEMS`] picks.
//! Written in batches of one transaction each; a second run on the same
//! database does nothing.

use super::{EVENT_KEY_PREFIX, ORDER_KEY_PREFIX};
use crate::attest::data::insert_chunks;
use anyhow::Context as _;
use app::domain::attest::AttestState;
use app::domain::automation::{lead_days, Category};
use app::domain::coordination::{DeviationKind, DeviationState};
use app::domain::orders::OrderStatus;
use app::entities::{
    attestation, cost_center, deviation, item, order_line, order_outcome, order_part, order_part_line, orders, person,
};
use avrop_server::settings::Settings;
use chrono::{DateTime, Datelike, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use std::collections::HashMap;

/// Orders a day at the customer's 7 800 a month.
const PER_DAY: f64 = 7_800.0 / 30.4;
/// Orders written per transaction.
const BATCH: u32 = 10_000;
/// The supplier of the event benchmark's parts: the one of the first
/// active generated item.
pub const EVENT_SUPPLIER_ITEMS: &str = "GEN-";

/// What `fulfilment-data` writes.
#[derive(Debug, Clone, Copy)]
pub struct Sizes {
    pub orders: u32,
    pub event_parts: u32,
    /// Orders a month as a multiple of the customer's 7 800: 1 spreads
    /// 1 000 000 orders over about 10.7 years; 10 over 13 months, with ten
    /// times as many open at once.
    pub volume: u32,
}

struct Layout {
    centers: Vec<i32>,
    requesters: Vec<i32>,
    /// (id, article number, name, supplier)
    items: Vec<(i32, String, String, i32)>,
    coordinator: i32,
    event_supplier: i32,
}

impl Layout {
    async fn load<C: ConnectionTrait>(db: &C) -> anyhow::Result<Layout> {
        let centers: Vec<i32> = cost_center::Entity::find()
            .select_only()
            .column(cost_center::Column::Id)
            .order_by_asc(cost_center::Column::Id)
            .into_tuple()
            .all(db)
            .await?;
        let requesters: Vec<i32> = person::Entity::find()
            .select_only()
            .column(person::Column::Id)
            .order_by_asc(person::Column::Id)
            .limit(20_000)
            .into_tuple()
            .all(db)
            .await?;
        let items: Vec<(i32, String, String, i32)> = item::Entity::find()
            .select_only()
            .column(item::Column::Id)
            .column(item::Column::ArticleNumber)
            .column(item::Column::Name)
            .column(item::Column::SupplierId)
            .filter(item::Column::Active.eq(true))
            .filter(item::Column::ArticleNumber.starts_with(EVENT_SUPPLIER_ITEMS))
            .order_by_asc(item::Column::Id)
            .into_tuple()
            .all(db)
            .await?;
        anyhow::ensure!(
            centers.len() > 100 && requesters.len() > 100 && !items.is_empty(),
            "run `avrop-bench data` first: the fulfilment data uses its cost centres, people and items"
        );
        let coordinator = person::Entity::find()
            .filter(person::Column::Username.eq(super::COORDINATOR))
            .one(db)
            .await?
            .context("the demo coordinator")?
            .id;
        let event_supplier = items[0].3;
        Ok(Layout {
            centers,
            requesters,
            items,
            coordinator,
            event_supplier,
        })
    }
}

/// Migrates, seeds the demo region, then writes the orders unless they are
/// there.
pub async fn run(settings: &Settings, sizes: Sizes) -> anyhow::Result<()> {
    let db = avrop_server::startup::prepare_database(settings).await?;
    app::demo::seed_demo(&db).await.context("seeding the demo region")?;
    let present = orders::Entity::find()
        .filter(orders::Column::IdempotencyKey.starts_with(ORDER_KEY_PREFIX))
        .count(&db)
        .await?;
    if present > 0 {
        eprintln!("fulfilment data already present ({present} orders)");
        return Ok(());
    }
    let layout = Layout::load(&db).await?;
    let started = std::time::Instant::now();
    let now = Utc::now();
    let mut from = 0;
    while from < sizes.orders {
        let to = (from + BATCH).min(sizes.orders);
        let txn = app::db::begin_write(&db).await?;
        write(
            &txn,
            &layout,
            Kind::History {
                total: sizes.orders,
                per_day: PER_DAY * f64::from(sizes.volume.max(1)),
            },
            from..to,
            now,
        )
        .await?;
        txn.commit().await?;
        if to.is_multiple_of(100_000) || to == sizes.orders {
            eprintln!(
                "orders {to}/{} written ({:.1} s)",
                sizes.orders,
                started.elapsed().as_secs_f64()
            );
        }
        from = to;
    }
    let mut from = 0;
    while from < sizes.event_parts {
        let to = (from + BATCH).min(sizes.event_parts);
        let txn = app::db::begin_write(&db).await?;
        write(&txn, &layout, Kind::Events, from..to, now).await?;
        txn.commit().await?;
        from = to;
    }
    crate::data::settle(&db).await?;
    eprintln!(
        "fulfilment data generated in {:.1} s ({} orders, {} for the supplier events)",
        started.elapsed().as_secs_f64(),
        sizes.orders,
        sizes.event_parts
    );
    Ok(())
}

#[derive(Clone, Copy)]
enum Kind {
    /// Orders `0..total`, oldest first, ending now, `per_day` a day.
    History { total: u32, per_day: f64 },
    /// The event benchmark's orders, sent to the event supplier 2 days ago.
    Events,
}

/// One order before it has an id.
struct Planned {
    created: DateTime<Utc>,
    status: OrderStatus,
    status_since: DateTime<Utc>,
    delivered: Option<DateTime<Utc>>,
    item: usize,
    open: bool,
}

fn plan(kind: Kind, n: u32, now: DateTime<Utc>, layout: &Layout) -> Planned {
    let days = |d: f64| Duration::seconds((d * 86_400.0) as i64);
    match kind {
        Kind::Events => {
            let created = now - days(2.5);
            let supplier_items: Vec<usize> = (0..layout.items.len().min(200))
                .filter(|i| layout.items[*i].3 == layout.event_supplier)
                .collect();
            Planned {
                created,
                status: OrderStatus::SentToSupplier,
                status_since: created + days(0.5),
                delivered: None,
                item: supplier_items[n as usize % supplier_items.len()],
                open: true,
            }
        }
        Kind::History { total, per_day } => {
            let age = f64::from(total - 1 - n) / per_day;
            let created = now - days(age) - Duration::seconds(i64::from(n % 60));
            let stuck = (14.0..60.0).contains(&age) && n.is_multiple_of(50);
            // Deliveries take 8–40 days (less for orders younger than 41
            // days, delivered before today), so that the lead times vary;
            // the system closes an order 30 days after its delivery.
            let lead = 8.0 + f64::from(n % 33) * (age.min(41.0) - 9.0) / 32.0;
            let (status, since) = if stuck {
                (OrderStatus::Confirmed, 3.0)
            } else if age < 1.5 {
                (OrderStatus::AwaitingAttestation, 0.0)
            } else if age < 2.0 {
                (OrderStatus::Attested, 1.5)
            } else if age < 3.0 {
                (OrderStatus::SentToSupplier, 2.0)
            } else if age < 10.0 {
                (OrderStatus::Confirmed, 3.0)
            } else if age < 14.0 {
                (OrderStatus::Shipped, 10.0)
            } else if n.is_multiple_of(100) {
                (OrderStatus::Cancelled, 2.5)
            } else if age - lead < 30.0 {
                (OrderStatus::Delivered, lead)
            } else {
                (OrderStatus::Closed, lead + 30.0)
            };
            let delivered =
                matches!(status, OrderStatus::Delivered | OrderStatus::Closed).then(|| created + days(lead));
            Planned {
                created,
                status,
                status_since: created + days(since),
                delivered,
                item: n as usize % layout.items.len(),
                open: app::domain::coordination::OPEN.contains(&status),
            }
        }
    }
}

fn attestation(
    order: i32,
    state: AttestState,
    amount: i64,
    since: DateTime<Utc>,
    by: Option<i32>,
) -> attestation::ActiveModel {
    attestation::ActiveModel {
        order_id: Set(order),
        state: Set(state.as_str().into()),
        level: Set(None),
        amount_ore: Set(amount),
        waiting_since: Set(since),
        reminded_at: Set(None),
        decided_by: Set(by),
        on_behalf_of: Set(None),
        decided_at: Set(None),
        comment: Set(String::new()),
        reason: Set(String::new()),
    }
}

/// The category of a generated delivered order: about the region's mix.
fn category(n: u32) -> Category {
    match n % 20 {
        0..=5 => Category::AutomatiseradLeverans,
        6..=13 => Category::AutomatiseradSjalvservice,
        14..=16 => Category::AutomatiseradOrder,
        _ => Category::EjAutomatiserad,
    }
}

fn month_of(at: DateTime<Utc>) -> String {
    format!("{:04}-{:02}", at.year(), at.month())
}

async fn write<C: ConnectionTrait>(
    db: &C,
    layout: &Layout,
    kind: Kind,
    range: std::ops::Range<u32>,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let prefix = match kind {
        Kind::History { .. } => ORDER_KEY_PREFIX,
        Kind::Events => EVENT_KEY_PREFIX,
    };
    let before: i32 = orders::Entity::find()
        .select_only()
        .column_as(Expr::col(orders::Column::Id).max(), "m")
        .into_tuple::<Option<i32>>()
        .one(db)
        .await?
        .flatten()
        .unwrap_or(0);
    let mut planned: HashMap<u32, Planned> = HashMap::with_capacity(range.len());
    let mut rows = Vec::with_capacity(range.len());
    for n in range {
        let p = plan(kind, n, now, layout);
        let requester = layout.requesters[n as usize % layout.requesters.len()];
        let amount = (1_000 + i64::from(n.wrapping_mul(7_919) % 44_000)) * 100;
        rows.push(orders::ActiveModel {
            requester_id: Set(requester),
            recipient_id: Set(requester),
            cost_center_id: Set(layout.centers[(n as usize * 7) % layout.centers.len()]),
            delivery_label: Set("Godsmottagning".into()),
            delivery_street: Set(format!("Leveransvägen {}", n % 200 + 1)),
            delivery_postal_code: Set("721 30".into()),
            delivery_city: Set("Norrvik".into()),
            contact_name: Set("Bänk Beställare".into()),
            contact_phone: Set("021-10 00 00".into()),
            reference: Set(String::new()),
            wanted_date: Set(None),
            note: Set(String::new()),
            status: Set(p.status.as_str().into()),
            one_off_ore: Set(amount),
            monthly_ore: Set(0),
            commitment_ore: Set(amount),
            idempotency_key: Set(format!("{prefix}{n:07}")),
            created_at: Set(p.created),
            status_since: Set(Some(p.status_since)),
            coordinator_id: Set((p.open && n % 10 == 0).then_some(layout.coordinator)),
            ..Default::default()
        });
        planned.insert(n, p);
    }
    insert_chunks(db, rows).await?;
    let written: Vec<(i32, String)> = orders::Entity::find()
        .select_only()
        .column(orders::Column::Id)
        .column(orders::Column::IdempotencyKey)
        .filter(orders::Column::Id.gt(before))
        .filter(orders::Column::IdempotencyKey.starts_with(prefix))
        .into_tuple()
        .all(db)
        .await?;
    anyhow::ensure!(written.len() == planned.len(), "orders read back after writing them");
    let mut ids: Vec<(i32, u32)> = written
        .into_iter()
        .map(|(id, key)| Ok((id, key[prefix.len()..].parse::<u32>()?)))
        .collect::<anyhow::Result<_>>()?;
    ids.sort_unstable();
    let (mut lines, mut parts, mut outcomes, mut attestations, mut deviations) =
        (vec![], vec![], vec![], vec![], vec![]);
    for (id, n) in &ids {
        let p = &planned[n];
        let (item_id, article, name, supplier) = &layout.items[p.item];
        let amount = (1_000 + i64::from(n.wrapping_mul(7_919) % 44_000)) * 100;
        lines.push(order_line::ActiveModel {
            order_id: Set(*id),
            item_id: Set(*item_id),
            article_number: Set(article.clone()),
            name: Set(name.clone()),
            quantity: Set(1),
            unit_one_off_ore: Set(amount),
            unit_monthly_ore: Set(0),
            binding_months: Set(0),
            ..Default::default()
        });
        if p.status == OrderStatus::AwaitingAttestation {
            let state = if n % 25 == 0 {
                AttestState::Unassigned
            } else {
                AttestState::Waiting
            };
            attestations.push(attestation(*id, state, amount, p.created, None));
        } else {
            // Decided 1½ days after submit: every third by a rule, the
            // others by an attester.
            let (state, by) = if n % 3 == 0 {
                (AttestState::AutoApproved, None)
            } else {
                (
                    AttestState::Approved,
                    Some(layout.requesters[(*n as usize + 1) % layout.requesters.len()]),
                )
            };
            let decided = p.created + Duration::hours(36);
            let mut a = attestation(*id, state, amount, p.created, by);
            a.decided_at = Set(Some(decided));
            attestations.push(a);
            parts.push(order_part::ActiveModel {
                order_id: Set(*id),
                supplier_id: Set(*supplier),
                state: Set(p.status.as_str().into()),
                state_since: Set(p.status_since),
                expected_delivery: Set(None),
                tracking_number: Set(None),
                last_occurred_at: Set(None),
                created_at: Set(p.created),
                delivered_at: Set(p.delivered),
                lead_days: Set(p.delivered.map(|d| lead_days(p.created, d))),
                via_api: Set(n % 5 != 0),
                ..Default::default()
            });
        }
        if let Some(delivered) = p.delivered {
            outcomes.push(order_outcome::ActiveModel {
                order_id: Set(*id),
                month: Set(month_of(delivered)),
                submitted_at: Set(p.created),
                delivered_at: Set(delivered),
                category: Set(category(*n).as_str().into()),
                lead_days: Set(lead_days(p.created, delivered)),
            });
        }
        if p.open && n % 97 == 0 {
            deviations.push(deviation::ActiveModel {
                order_id: Set(*id),
                kind: Set(DeviationKind::ALL[*n as usize % DeviationKind::ALL.len()]
                    .as_str()
                    .into()),
                note: Set("Leveransen dröjer enligt leverantören.".into()),
                state: Set(DeviationState::Open.as_str().into()),
                owner_id: Set(layout.coordinator),
                raised_by: Set(layout.coordinator),
                raised_at: Set(p.status_since),
                ..Default::default()
            });
        }
    }
    insert_chunks(db, lines).await?;
    // The coordinators' category filter finds the open ones by their items' categories.
    let order_ids: Vec<i32> = ids.iter().map(|(id, _)| *id).collect();
    app::orders::service::lifecycle::relist_open_categories(db, &order_ids).await?;
    insert_chunks(db, parts).await?;
    insert_chunks(db, outcomes).await?;
    insert_chunks(db, attestations).await?;
    insert_chunks(db, deviations).await?;
    if matches!(kind, Kind::Events) {
        // The event benchmark's parts name their lines (serial numbers
        // could be reported on them).
        let first = ids.first().map(|(id, _)| *id).unwrap_or(0);
        let line_of: HashMap<i32, i32> = order_line::Entity::find()
            .select_only()
            .column(order_line::Column::OrderId)
            .column(order_line::Column::Id)
            .filter(order_line::Column::OrderId.gte(first))
            .into_tuple::<(i32, i32)>()
            .all(db)
            .await?
            .into_iter()
            .collect();
        let part_ids: Vec<(i32, i32)> = order_part::Entity::find()
            .select_only()
            .column(order_part::Column::Id)
            .column(order_part::Column::OrderId)
            .filter(order_part::Column::OrderId.gte(first))
            .into_tuple()
            .all(db)
            .await?;
        let links: Vec<order_part_line::ActiveModel> = part_ids
            .into_iter()
            .filter_map(|(part, order)| {
                Some(order_part_line::ActiveModel {
                    part_id: Set(part),
                    line_id: Set(*line_of.get(&order)?),
                    serial_numbers: Set(String::new()),
                })
            })
            .collect();
        insert_chunks(db, links).await?;
    }
    Ok(())
}
