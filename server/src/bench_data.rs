//! Generated data for the bench harness, at a multiple of the reference
//! customer's volumes (DOMAIN.md): scale 1 ≈ 52 000 people on ~2 000
//! workplaces (cost centres) in ~600 units.

use crate::settings::Settings;
use anyhow::Context as _;
use app::entities::{administration, cost_center, delivery_address, person, unit};
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait, PaginatorTrait, TransactionTrait};

pub const UNITS_PER_SCALE: u32 = 600;
pub const COST_CENTERS_PER_UNIT: u32 = 3;
pub const PEOPLE_PER_SCALE: u32 = 52_000;
const CHUNK: usize = 500;

/// Migrates, seeds the demo region, then adds the generated volume (once:
/// a second run on the same database does nothing).
pub async fn run(settings: &Settings, scale: u32) -> anyhow::Result<()> {
    let db = crate::startup::prepare_database(settings).await?;
    app::org::seed::seed_demo(&db)
        .await
        .context("seeding the demo region")?;
    if administration::Entity::find().count(&db).await? > app::org::seed::ADMINISTRATIONS.len() as u64 {
        println!("bench data already present");
        return Ok(());
    }
    let started = std::time::Instant::now();
    generate(&db, scale).await?;
    println!(
        "bench data for scale {scale} generated in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

pub async fn generate<C: ConnectionTrait + TransactionTrait>(db: &C, scale: u32) -> anyhow::Result<()> {
    let txn = db.begin().await?;
    let admins: Vec<administration::ActiveModel> = (0..(4 * scale))
        .map(|i| administration::ActiveModel {
            code: Set(format!("GEN{i:04}")),
            name: Set(format!("Genererad förvaltning {i}")),
            ..Default::default()
        })
        .collect();
    insert_chunks(&txn, admins).await?;
    let admin_ids: Vec<i32> = administration::Entity::find()
        .all(&txn)
        .await?
        .into_iter()
        .filter(|a| a.code.starts_with("GEN"))
        .map(|a| a.id)
        .collect();

    let unit_count = UNITS_PER_SCALE * scale;
    let units: Vec<unit::ActiveModel> = (0..unit_count)
        .map(|i| unit::ActiveModel {
            administration_id: Set(admin_ids[i as usize % admin_ids.len()]),
            code: Set(format!("U{i:06}")),
            name: Set(format!("{} {}", UNIT_KINDS[i as usize % UNIT_KINDS.len()], i)),
            ..Default::default()
        })
        .collect();
    insert_chunks(&txn, units).await?;
    let unit_ids: Vec<i32> = unit::Entity::find()
        .all(&txn)
        .await?
        .into_iter()
        .filter(|u| u.code.starts_with('U'))
        .map(|u| u.id)
        .collect();

    let mut centers = Vec::new();
    let mut addresses = Vec::new();
    for (n, unit_id) in unit_ids.iter().enumerate() {
        for k in 0..COST_CENTERS_PER_UNIT {
            centers.push(cost_center::ActiveModel {
                unit_id: Set(*unit_id),
                code: Set(format!("K{:07}", n as u32 * COST_CENTERS_PER_UNIT + k)),
                name: Set(format!("Kostnadsställe {n}-{k}")),
                active: Set(true),
                ..Default::default()
            });
        }
        addresses.push(delivery_address::ActiveModel {
            unit_id: Set(*unit_id),
            label: Set(format!("Godsmottagning enhet {n}")),
            street: Set(format!("Industrigatan {}", n % 200 + 1)),
            postal_code: Set(format!("7{:02} {:02}", n % 90 + 10, n % 90 + 10)),
            city: Set("Norrvik".into()),
            ..Default::default()
        });
    }
    insert_chunks(&txn, centers).await?;
    insert_chunks(&txn, addresses).await?;

    let now = chrono::Utc::now();
    let people_count = PEOPLE_PER_SCALE * scale;
    let mut batch = Vec::with_capacity(CHUNK);
    for i in 0..people_count {
        let given = GIVEN[i as usize % GIVEN.len()];
        let family = FAMILY[(i as usize / GIVEN.len()) % FAMILY.len()];
        batch.push(person::ActiveModel {
            username: Set(format!("gen{i}")),
            given_name: Set(given.into()),
            family_name: Set(family.into()),
            email: Set(format!("gen{i}@regionnorrvik.se")),
            phone: Set(format!(
                "021-{:02} {:02} {:02}",
                i % 90 + 10,
                (i / 90) % 100,
                (i / 9000) % 100
            )),
            unit_id: Set(unit_ids[i as usize % unit_ids.len()]),
            active: Set(true),
            created_at: Set(now),
            ..Default::default()
        });
        if batch.len() == CHUNK {
            person::Entity::insert_many(std::mem::take(&mut batch))
                .exec(&txn)
                .await?;
        }
    }
    if !batch.is_empty() {
        person::Entity::insert_many(batch).exec(&txn).await?;
    }
    txn.commit().await?;
    Ok(())
}

async fn insert_chunks<C, A>(db: &C, rows: Vec<A>) -> anyhow::Result<()>
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

const UNIT_KINDS: &[&str] = &[
    "Vårdcentralen",
    "Avdelning",
    "Mottagning",
    "Enhet",
    "Kansli",
    "Tandvårdsklinik",
];
const GIVEN: &[&str] = &[
    "Anna", "Erik", "Maria", "Lars", "Karin", "Johan", "Eva", "Per", "Sara", "Nils", "Lena", "Ali",
];
const FAMILY: &[&str] = &[
    "Andersson",
    "Johansson",
    "Karlsson",
    "Nilsson",
    "Eriksson",
    "Larsson",
    "Olsson",
    "Persson",
];
