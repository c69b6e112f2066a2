//! Generated attestation data on top of the demo region: cost centres in
//! their own units and förvaltningar, attesters with attest rights on a few
//! cost centres each (one known attester, `bench.attestant`, on exactly 20),
//! some substitutes, requesters, and orders waiting for attestation with
//! their `attestation` and `attest_assignment` rows — written directly, as
//! routing at submit would have written them (level: the cost centre, all
//! of its attesters, every limit covering the amount). The routing step's
//! audit rows are not written.
//!
//! Idempotent-ish: the organisation is written once (recognised by its
//! first förvaltning), orders are written in batches of one transaction
//! each, and a second run goes on from the orders already there.

use super::org::{admin_code, organisation, Layout, ATTESTANT_CENTERS};
use super::{Sizes, ORDER_KEY_PREFIX};
use anyhow::Context as _;
use app::domain::attest::{AttestState, Level};
use app::domain::money::Sek;
use app::domain::orders::OrderStatus;
use app::entities::{administration, attest_assignment, attestation, order_event, order_line, orders};
use avrop_server::settings::Settings;
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect};
use std::collections::BTreeMap;

/// Orders written per transaction.
const BATCH: u32 = 5_000;
/// Rows per INSERT (orders have 20 columns: 10 000 parameters, under
/// SQLite's 32 766 and PostgreSQL's 65 535).
const CHUNK: usize = 500;

/// Migrates, seeds the demo region, writes the organisation and the people
/// unless they are there, then the orders still missing.
pub async fn run(settings: &Settings, sizes: Sizes) -> anyhow::Result<()> {
    anyhow::ensure!(
        sizes.cost_centers >= ATTESTANT_CENTERS && sizes.attesters >= 2,
        "at least {ATTESTANT_CENTERS} cost centres and 2 attesters"
    );
    let db = avrop_server::startup::prepare_database(settings).await?;
    app::demo::seed_demo(&db).await.context("seeding the demo region")?;
    let started = std::time::Instant::now();
    let present = administration::Entity::find()
        .filter(administration::Column::Code.eq(admin_code(0)))
        .one(&db)
        .await?
        .is_some();
    if present {
        eprintln!("attestation organisation already present");
    } else {
        let txn = app::db::begin_write(&db).await?;
        organisation(&txn, &sizes).await?;
        txn.commit().await?;
        eprintln!(
            "attestation organisation generated in {:.1} s",
            started.elapsed().as_secs_f64()
        );
    }
    let layout = Layout::load(&db).await?;
    let done = orders::Entity::find()
        .filter(orders::Column::IdempotencyKey.starts_with(ORDER_KEY_PREFIX))
        .count(&db)
        .await? as u32;
    if done >= sizes.pending {
        eprintln!("{done} generated orders already present");
        return Ok(());
    }
    let now = Utc::now();
    let mut from = done;
    while from < sizes.pending {
        let to = (from + BATCH).min(sizes.pending);
        let txn = app::db::begin_write(&db).await?;
        write_orders(&txn, &layout, from..to, now).await?;
        txn.commit().await?;
        eprintln!(
            "orders {to}/{} written ({:.1} s)",
            sizes.pending,
            started.elapsed().as_secs_f64()
        );
        from = to;
    }
    crate::data::settle(&db).await?;
    eprintln!("attestation data generated in {:.1} s", started.elapsed().as_secs_f64());
    Ok(())
}

pub(crate) async fn insert_chunks<C, A>(db: &C, rows: Vec<A>) -> anyhow::Result<()>
where
    C: ConnectionTrait,
    A: sea_orm::ActiveModelTrait + Send,
{
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<A> = rows.by_ref().take(CHUNK).collect();
        <A::Entity as EntityTrait>::insert_many(chunk).exec(db).await?;
    }
    Ok(())
}

/// One generated order before it has an id.
struct Planned {
    n: u32,
    requester: usize,
    center: i32,
    created: DateTime<Utc>,
    one_off: i64,
    monthly: i64,
    binding: i32,
}

impl Planned {
    fn commitment(&self) -> i64 {
        self.one_off + self.monthly * i64::from(self.binding)
    }
}

/// Orders `range` (numbered from 0 across runs) with one line each, their
/// two timeline events, their attestation and their assignments.
async fn write_orders<C: ConnectionTrait>(
    db: &C,
    layout: &Layout,
    range: std::ops::Range<u32>,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let before: Option<i32> = orders::Entity::find()
        .select_only()
        .column_as(Expr::col(orders::Column::Id).max(), "m")
        .into_tuple()
        .one(db)
        .await?
        .flatten();
    let mut planned = BTreeMap::new();
    let mut rows = Vec::with_capacity(range.len());
    for i in range {
        let requester = i as usize % layout.requesters.len();
        let recipient = if i % 3 == 0 {
            layout.requesters[(requester + 1) % layout.requesters.len()].0
        } else {
            layout.requesters[requester].0
        };
        // Oldest first spread over 30 days; amounts 1 000–45 000 kr, every
        // fourth a monthly cost over 36 months (at most 43 164 kr).
        let (one_off, monthly, binding) = if i % 4 == 0 {
            (0, (500 + i64::from(i % 700)) * 100, 36)
        } else {
            ((1_000 + i64::from(i.wrapping_mul(7_919) % 44_000)) * 100, 0, 0)
        };
        let p = Planned {
            n: i,
            requester,
            center: layout.centers[i as usize % layout.centers.len()],
            created: now
                - Duration::minutes(i64::from(i) * 43_200 / 100_000 + 1)
                - Duration::seconds(i64::from(i % 60)),
            one_off,
            monthly,
            binding,
        };
        let key = format!("{ORDER_KEY_PREFIX}{i:07}");
        rows.push(orders::ActiveModel {
            requester_id: Set(layout.requesters[requester].0),
            recipient_id: Set(recipient),
            cost_center_id: Set(p.center),
            delivery_label: Set("Godsmottagning".into()),
            delivery_street: Set(format!("Attestgatan {}", i % 200 + 1)),
            delivery_postal_code: Set("721 30".into()),
            delivery_city: Set("Norrvik".into()),
            contact_name: Set("Bänk Beställare".into()),
            contact_phone: Set("021-10 00 00".into()),
            reference: Set(String::new()),
            wanted_date: Set(None),
            note: Set(String::new()),
            status: Set(OrderStatus::AwaitingAttestation.as_str().into()),
            one_off_ore: Set(p.one_off),
            monthly_ore: Set(p.monthly),
            commitment_ore: Set(p.commitment()),
            idempotency_key: Set(key.clone()),
            created_at: Set(p.created),
            status_since: Set(Some(p.created)),
            ..Default::default()
        });
        planned.insert(key, p);
    }
    insert_chunks(db, rows).await?;
    let written: Vec<(i32, String)> = orders::Entity::find()
        .select_only()
        .column(orders::Column::Id)
        .column(orders::Column::IdempotencyKey)
        .filter(orders::Column::Id.gt(before.unwrap_or(0)))
        .filter(orders::Column::IdempotencyKey.starts_with(ORDER_KEY_PREFIX))
        .into_tuple()
        .all(db)
        .await?;
    anyhow::ensure!(written.len() == planned.len(), "orders read back after writing them");
    let (mut lines, mut events, mut attestations, mut assignments) = (vec![], vec![], vec![], vec![]);
    let order_ids: Vec<i32> = written.iter().map(|(id, _)| *id).collect();
    for (id, key) in written {
        let p = planned.get(&key).context("an order written by this batch")?;
        let (item_id, article, name) = &layout.items[p.n as usize % layout.items.len()];
        lines.push(order_line::ActiveModel {
            order_id: Set(id),
            item_id: Set(*item_id),
            article_number: Set(article.clone()),
            name: Set(name.clone()),
            quantity: Set(1),
            unit_one_off_ore: Set(p.one_off),
            unit_monthly_ore: Set(p.monthly),
            binding_months: Set(p.binding),
            ..Default::default()
        });
        let (center, created, commitment) = (p.center, p.created, p.commitment());
        let who = layout
            .attesters
            .get(&center)
            .filter(|w| !w.is_empty())
            .context("a generated cost centre without attesters")?;
        let names: Vec<&str> = who.iter().map(|(_, n)| n.as_str()).collect();
        let reason = format!(
            "Väntar på attest hos {} ({}, attestgräns minst {}).",
            names.join(", "),
            Level::CostCenter.label_sv(),
            Sek::from_ore(commitment)
        );
        let (requester, actor) = &layout.requesters[p.requester];
        for (from, to, comment) in [
            (None, OrderStatus::Submitted, "Beställningen skickades.".to_owned()),
            (
                Some(OrderStatus::Submitted),
                OrderStatus::AwaitingAttestation,
                reason.clone(),
            ),
        ] {
            events.push(order_event::ActiveModel {
                order_id: Set(id),
                at: Set(created),
                actor_person_id: Set(Some(*requester)),
                actor: Set(actor.clone()),
                from_status: Set(from.map(|s| s.as_str().to_owned())),
                to_status: Set(to.as_str().to_owned()),
                comment: Set(comment),
                ..Default::default()
            });
        }
        attestations.push(attestation::ActiveModel {
            order_id: Set(id),
            state: Set(AttestState::Waiting.as_str().into()),
            level: Set(Some(Level::CostCenter.code())),
            amount_ore: Set(commitment),
            waiting_since: Set(created),
            reminded_at: Set(None),
            decided_by: Set(None),
            on_behalf_of: Set(None),
            decided_at: Set(None),
            comment: Set(String::new()),
            reason: Set(reason),
        });
        assignments.extend(who.iter().map(|(p, _)| attest_assignment::ActiveModel {
            order_id: Set(id),
            person_id: Set(*p),
            level: Set(Level::CostCenter.code()),
            assigned_at: Set(created),
            ..Default::default()
        }));
    }
    insert_chunks(db, lines).await?;
    // The coordinators' category filter finds them by their items' categories.
    app::orders::service::lifecycle::relist_open_categories(db, &order_ids).await?;
    insert_chunks(db, events).await?;
    insert_chunks(db, attestations).await?;
    insert_chunks(db, assignments).await?;
    Ok(())
}
