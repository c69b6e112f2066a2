//! The generated organisation of the attestation data: förvaltningar,
//! units and cost centres, attesters with attest rights and the attester
//! role on each of their cost centres (`bench.attestant` on exactly 20, the
//! others on a few each), substitutes, and requesters; and that
//! organisation read back as the orders need it ([`Layout`]).

use super::data::insert_chunks;
use super::{Sizes, ATTESTANT, ATTESTER_PREFIX, CENTER_PREFIX, REQUESTER_PREFIX};
use anyhow::Context as _;
use app::domain::roles::Role;
use app::entities::{
    administration, attest_right, attest_substitute, cost_center, item, local_credential, person, person_role, unit,
};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::BTreeMap;

const UNIT_PREFIX: &str = "AU";
const CENTERS_PER_UNIT: u32 = 5;
const UNITS_PER_ADMINISTRATION: u32 = 100;
/// Cost centres of every attester but `bench.attestant` (more when there
/// are too few attesters to cover every cost centre).
const CENTERS_PER_ATTESTER: u32 = 4;
/// Cost centres of `bench.attestant`.
pub const ATTESTANT_CENTERS: u32 = 20;
const REQUESTERS: u32 = 1_000;
/// Every attester's limit but every twentieth one's, in kronor.
const LIMIT_KR: i64 = 50_000;
const HIGH_LIMIT_KR: i64 = 500_000;
pub(super) fn admin_code(n: u32) -> String {
    format!("ATT{n:02}")
}

/// The cost centres attester `a` (0 = `bench.attestant`) holds rights on,
/// as indexes into the generated cost centres.
fn centers_of(a: u32, sizes: &Sizes) -> Vec<u32> {
    if a == 0 {
        return (0..ATTESTANT_CENTERS).collect();
    }
    let others = sizes.attesters - 1;
    let per = CENTERS_PER_ATTESTER.max(sizes.cost_centers.div_ceil(others));
    (0..per).map(|t| ((a - 1) * per + t) % sizes.cost_centers).collect()
}

fn new_person(username: String, family: String, unit_id: i32, n: u32, now: DateTime<Utc>) -> person::ActiveModel {
    person::ActiveModel {
        email: Set(format!("{username}@regionnorrvik.se")),
        username: Set(username),
        given_name: Set("Bänk".into()),
        family_name: Set(family),
        phone: Set(format!(
            "021-{:02} {:02} {:02}",
            20 + n % 70,
            (n / 70) % 100,
            (n / 7000) % 100
        )),
        unit_id: Set(unit_id),
        active: Set(true),
        created_at: Set(now),
        ..Default::default()
    }
}

/// The generated rows a code (or username) prefix names.
#[derive(Clone, Copy)]
enum Named {
    Unit,
    CostCenter,
    Person,
}

/// Ids of the rows of `what` whose code (or username) starts with `prefix`,
/// in code order: the generated codes sort as they were numbered.
async fn ids_by_prefix<C: ConnectionTrait>(db: &C, what: Named, prefix: &str) -> anyhow::Result<Vec<i32>> {
    let rows: Vec<(i32, String)> = match what {
        Named::Unit => {
            unit::Entity::find()
                .select_only()
                .column(unit::Column::Id)
                .column(unit::Column::Code)
                .filter(unit::Column::Code.starts_with(prefix))
                .order_by_asc(unit::Column::Code)
                .into_tuple()
                .all(db)
                .await?
        }
        Named::CostCenter => {
            cost_center::Entity::find()
                .select_only()
                .column(cost_center::Column::Id)
                .column(cost_center::Column::Code)
                .filter(cost_center::Column::Code.starts_with(prefix))
                .order_by_asc(cost_center::Column::Code)
                .into_tuple()
                .all(db)
                .await?
        }
        Named::Person => {
            person::Entity::find()
                .select_only()
                .column(person::Column::Id)
                .column(person::Column::Username)
                .filter(person::Column::Username.starts_with(prefix))
                .order_by_asc(person::Column::Username)
                .into_tuple()
                .all(db)
                .await?
        }
    };
    Ok(rows.into_iter().map(|(id, _)| id).collect())
}

/// Förvaltningar, units, cost centres, attesters with rights and roles,
/// substitutes and requesters.
pub(super) async fn organisation<C: ConnectionTrait>(db: &C, sizes: &Sizes) -> anyhow::Result<()> {
    let now = Utc::now();
    let units = sizes.cost_centers.div_ceil(CENTERS_PER_UNIT);
    let admins = units.div_ceil(UNITS_PER_ADMINISTRATION);
    insert_chunks(
        db,
        (0..admins)
            .map(|n| administration::ActiveModel {
                code: Set(admin_code(n)),
                name: Set(format!("Attestförvaltning {n}")),
                ..Default::default()
            })
            .collect(),
    )
    .await?;
    let mut admin_ids = Vec::new();
    for n in 0..admins {
        let a = administration::Entity::find()
            .filter(administration::Column::Code.eq(admin_code(n)))
            .one(db)
            .await?
            .context("a generated förvaltning")?;
        admin_ids.push(a.id);
    }
    insert_chunks(
        db,
        (0..units)
            .map(|n| unit::ActiveModel {
                administration_id: Set(admin_ids[(n / UNITS_PER_ADMINISTRATION) as usize]),
                code: Set(format!("{UNIT_PREFIX}{n:05}")),
                name: Set(format!("Attestenhet {n}")),
                ..Default::default()
            })
            .collect(),
    )
    .await?;
    let unit_ids = ids_by_prefix(db, Named::Unit, UNIT_PREFIX).await?;
    insert_chunks(
        db,
        (0..sizes.cost_centers)
            .map(|n| cost_center::ActiveModel {
                unit_id: Set(unit_ids[(n / CENTERS_PER_UNIT) as usize]),
                code: Set(format!("{CENTER_PREFIX}{n:06}")),
                name: Set(format!("Attestkostnadsställe {n}")),
                active: Set(true),
                ..Default::default()
            })
            .collect(),
    )
    .await?;
    let center_ids = ids_by_prefix(db, Named::CostCenter, CENTER_PREFIX).await?;
    let unit_of_center = |c: u32| unit_ids[(c / CENTERS_PER_UNIT) as usize];

    // Attesters: bench.attestant first, then attest.gen0001 …
    let mut people = vec![new_person(ATTESTANT.into(), "Attestant".into(), unit_ids[0], 0, now)];
    people.extend((1..sizes.attesters).map(|a| {
        new_person(
            format!("{ATTESTER_PREFIX}{a:04}"),
            format!("Attestant {a:04}"),
            unit_of_center(centers_of(a, sizes)[0]),
            a,
            now,
        )
    }));
    insert_chunks(db, people).await?;
    let attestant = person::Entity::find()
        .filter(person::Column::Username.eq(ATTESTANT))
        .one(db)
        .await?
        .context("bench.attestant")?;
    let mut attester_ids = vec![attestant.id];
    attester_ids.extend(ids_by_prefix(db, Named::Person, ATTESTER_PREFIX).await?);
    anyhow::ensure!(attester_ids.len() == sizes.attesters as usize, "attesters written");
    let year_start = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).context("a date")?;
    let mut rights = Vec::new();
    let mut roles = Vec::new();
    for (a, id) in attester_ids.iter().enumerate() {
        let limit = if a % 20 == 10 { HIGH_LIMIT_KR } else { LIMIT_KR };
        for c in centers_of(a as u32, sizes) {
            let cc = center_ids[c as usize];
            rights.push(attest_right::ActiveModel {
                person_id: Set(*id),
                cost_center_id: Set(cc),
                limit_ore: Set(limit * 100),
                valid_from: Set(year_start),
                valid_to: Set(None),
                created_at: Set(now),
                ..Default::default()
            });
            roles.push(person_role::ActiveModel {
                person_id: Set(*id),
                role: Set(Role::Attester.as_str().into()),
                cost_center_id: Set(Some(cc)),
                ..Default::default()
            });
        }
    }
    insert_chunks(db, rights).await?;
    insert_chunks(db, roles).await?;
    // Every tenth attester (not bench.attestant) has the next one as
    // substitute, from a month ago to a year ahead.
    let today = chrono::Local::now().date_naive();
    let substitutes: Vec<attest_substitute::ActiveModel> = (1..sizes.attesters.saturating_sub(1))
        .filter(|a| a % 10 == 5)
        .map(|a| attest_substitute::ActiveModel {
            attester_id: Set(attester_ids[a as usize]),
            substitute_id: Set(attester_ids[a as usize + 1]),
            valid_from: Set(today - Duration::days(30)),
            valid_to: Set(today + Duration::days(365)),
            created_at: Set(now),
            ..Default::default()
        })
        .collect();
    insert_chunks(db, substitutes).await?;
    let hash = app::auth::password::hash(app::demo::DEMO_PASSWORD).map_err(|e| anyhow::anyhow!("{e}"))?;
    local_credential::Entity::insert(local_credential::ActiveModel {
        person_id: Set(attestant.id),
        password_hash: Set(hash),
        updated_at: Set(now),
    })
    .exec(db)
    .await?;

    insert_chunks(
        db,
        (0..REQUESTERS)
            .map(|r| {
                new_person(
                    format!("{REQUESTER_PREFIX}{r:04}"),
                    format!("Beställare {r:04}"),
                    unit_ids[(r % units) as usize],
                    10_000 + r,
                    now,
                )
            })
            .collect(),
    )
    .await?;
    let requester_ids = ids_by_prefix(db, Named::Person, REQUESTER_PREFIX).await?;
    insert_chunks(
        db,
        requester_ids
            .iter()
            .map(|id| person_role::ActiveModel {
                person_id: Set(*id),
                role: Set(Role::Requester.as_str().into()),
                cost_center_id: Set(None),
                ..Default::default()
            })
            .collect(),
    )
    .await?;
    Ok(())
}

/// The generated organisation as the orders need it.
pub(super) struct Layout {
    pub centers: Vec<i32>,
    /// Requesters: id and username.
    pub requesters: Vec<(i32, String)>,
    /// Per cost centre: its attesters, by id, with their names.
    pub attesters: BTreeMap<i32, Vec<(i32, String)>>,
    /// Demo catalogue items for the order lines: id, article number, name.
    pub items: Vec<(i32, String, String)>,
}

impl Layout {
    pub(super) async fn load<C: ConnectionTrait>(db: &C) -> anyhow::Result<Layout> {
        let centers = ids_by_prefix(db, Named::CostCenter, CENTER_PREFIX).await?;
        anyhow::ensure!(!centers.is_empty(), "no generated cost centres: run attest-data first");
        let name = |p: &person::Model| (p.id, format!("{} {}", p.given_name, p.family_name));
        let requesters: Vec<(i32, String)> = person::Entity::find()
            .filter(person::Column::Username.starts_with(REQUESTER_PREFIX))
            .order_by_asc(person::Column::Username)
            .all(db)
            .await?
            .into_iter()
            .map(|p| (p.id, p.username))
            .collect();
        let people: BTreeMap<i32, String> = person::Entity::find()
            .filter(
                sea_orm::Condition::any()
                    .add(person::Column::Username.starts_with(ATTESTER_PREFIX))
                    .add(person::Column::Username.eq(ATTESTANT)),
            )
            .all(db)
            .await?
            .iter()
            .map(name)
            .collect();
        let mut attesters: BTreeMap<i32, Vec<(i32, String)>> = BTreeMap::new();
        // All rights (a few per attester): no IN list of thousands.
        let rights = attest_right::Entity::find().all(db).await?;
        for r in rights {
            if let Some(n) = people.get(&r.person_id) {
                attesters
                    .entry(r.cost_center_id)
                    .or_default()
                    .push((r.person_id, n.clone()));
            }
        }
        for list in attesters.values_mut() {
            list.sort();
            list.dedup();
        }
        let items = item::Entity::find()
            .filter(item::Column::Active.eq(true))
            .filter(item::Column::ArticleNumber.not_like("GEN-%"))
            .order_by_asc(item::Column::Id)
            .limit(50)
            .all(db)
            .await?
            .into_iter()
            .map(|i| (i.id, i.article_number, i.name))
            .collect::<Vec<_>>();
        anyhow::ensure!(!items.is_empty(), "no catalogue items for the order lines");
        Ok(Layout {
            centers,
            requesters,
            attesters,
            items,
        })
    }
}
