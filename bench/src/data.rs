//! Generated data for the bench harness, at a multiple of the reference
//! customer's volumes (see README, "Bench"): scale 1 ≈ 52 000 people on ~2 000
//! workplaces (cost centres) in ~600 units.

use anyhow::Context as _;
use app::entities::{
    administration, category, cost_center, delivery_address, item, item_price, local_credential, person, person_role,
    supplier, unit,
};
use avrop_server::settings::Settings;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, TransactionTrait,
};

pub const UNITS_PER_SCALE: u32 = 600;
pub const COST_CENTERS_PER_UNIT: u32 = 3;
pub const PEOPLE_PER_SCALE: u32 = 52_000;
/// Catalogue items per scale, on top of the demo catalogue.
pub const ITEMS_PER_SCALE: u32 = 10_000;
/// Governance objects per scale, each with adopted plans for this year and
/// last year of `GOALS_PER_PLAN` goals.
pub const OBJECTS_PER_SCALE: u32 = 500;
pub const GOALS_PER_PLAN: u32 = 100;
/// The object whose draft plan has 200 goals, edited by `per.svensson`.
pub const BIG_PLAN_OBJECT: &str = "Bänkobjekt: plan med 200 mål";
/// Requesters who can log in (password as the demo's), for the order bench.
pub const BENCH_REQUESTERS: u32 = 50;
const CHUNK: usize = 500;

/// Migrates, seeds the demo region, then adds the generated volume (once:
/// a second run on the same database does nothing).
pub async fn run(settings: &Settings, scale: u32) -> anyhow::Result<()> {
    let db = avrop_server::startup::prepare_database(settings).await?;
    app::demo::seed_demo(&db).await.context("seeding the demo region")?;
    // Recognised by its förvaltningar (GEN…): `attest-data` adds others.
    let generated = administration::Column::Code.starts_with("GEN");
    if administration::Entity::find().filter(generated).count(&db).await? > 0 {
        println!("bench data already present");
        return Ok(());
    }
    let started = std::time::Instant::now();
    generate(&db, scale).await?;
    settle(&db).await?;
    println!(
        "bench data for scale {scale} generated in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// On PostgreSQL, `VACUUM ANALYZE` after a generator has written its rows,
/// as autovacuum would have done long before a real database held that
/// much: statistics for the planner, visibility for index-only scans.
/// Without it the first minutes of measurement met autovacuum and the first
/// reads of every fresh row (setting its hint bits) on the same two cores
/// as the server (the cold start on PostgreSQL at scale 10 measured them).
///
/// Then a checkpoint (PostgreSQL's `CHECKPOINT`, SQLite's WAL folded into
/// the database file) and a `sync`, so that the gigabytes the generator and
/// the vacuum left dirty are on disk before the first scenario: a database
/// in production has no such backlog, and a measurement should not share
/// the disk with its write-back.
pub(crate) async fn settle<C: ConnectionTrait>(db: &C) -> anyhow::Result<()> {
    match db.get_database_backend() {
        sea_orm::DatabaseBackend::Postgres => {
            db.execute_unprepared("VACUUM ANALYZE").await?;
            db.execute_unprepared("CHECKPOINT").await?;
        }
        sea_orm::DatabaseBackend::Sqlite => {
            db.execute_unprepared("PRAGMA wal_checkpoint(TRUNCATE)").await?;
        }
        _ => {}
    }
    let synced = tokio::task::spawn_blocking(|| std::process::Command::new("sync").status()).await??;
    anyhow::ensure!(synced.success(), "sync failed: {synced}");
    Ok(())
}

pub async fn generate<C: ConnectionTrait + TransactionTrait>(db: &C, scale: u32) -> anyhow::Result<()> {
    let txn = app::db::begin_write(db).await?;
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
    generate_requesters(&txn, unit_ids[0]).await?;
    generate_catalog(&txn, scale).await?;
    generate_governance(&txn, scale).await?;
    txn.commit().await?;
    Ok(())
}

/// `bench.bestallare01` … with the demo password and the requester role.
async fn generate_requesters<C: ConnectionTrait>(db: &C, unit_id: i32) -> anyhow::Result<()> {
    let hash = app::auth::password::hash(app::demo::DEMO_PASSWORD).map_err(|e| anyhow::anyhow!("{e}"))?;
    let now = chrono::Utc::now();
    for n in 1..=BENCH_REQUESTERS {
        let p = person::ActiveModel {
            username: Set(format!("bench.bestallare{n:02}")),
            given_name: Set("Bänk".into()),
            family_name: Set(format!("Beställare {n:02}")),
            email: Set(format!("bench.bestallare{n:02}@regionnorrvik.se")),
            phone: Set(format!("021-10 00 {n:02}")),
            unit_id: Set(unit_id),
            active: Set(true),
            created_at: Set(now),
            ..Default::default()
        };
        let id = person::Entity::insert(p).exec(db).await?.last_insert_id;
        person_role::Entity::insert(person_role::ActiveModel {
            person_id: Set(id),
            role: Set(app::domain::roles::Role::Requester.as_str().into()),
            cost_center_id: Set(None),
            ..Default::default()
        })
        .exec(db)
        .await?;
        local_credential::Entity::insert(local_credential::ActiveModel {
            person_id: Set(id),
            password_hash: Set(hash.clone()),
            updated_at: Set(now),
        })
        .exec(db)
        .await?;
    }
    Ok(())
}

/// `ITEMS_PER_SCALE × scale` items spread over the demo categories and
/// suppliers, with realistic names, a price in force and for every tenth a
/// price change entered for next year.
async fn generate_catalog<C: ConnectionTrait>(db: &C, scale: u32) -> anyhow::Result<()> {
    let categories: Vec<(i32, String)> = category::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.code))
        .collect();
    let suppliers: Vec<i32> = supplier::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|s| s.id)
        .collect();
    let count = ITEMS_PER_SCALE * scale;
    let now = chrono::Utc::now();
    let items: Vec<item::ActiveModel> = (0..count)
        .map(|i| {
            let (brand, line, noun) = PRODUCTS[i as usize % PRODUCTS.len()];
            let (category_id, code) = &categories[i as usize % categories.len()];
            let service = code == "TJANSTER";
            item::ActiveModel {
                article_number: Set(format!("GEN-{i:06}")),
                name: Set(format!("{brand} {line} {}", 100 + i % 900)),
                description: Set(format!(
                    "{noun} från {brand}, variant {i}. Levereras inom fem arbetsdagar enligt avtal."
                )),
                kind: Set(if service { "service" } else { "hardware" }.into()),
                category_id: Set(*category_id),
                supplier_id: Set(suppliers[i as usize % suppliers.len()]),
                agreement_id: Set(None),
                image_path: Set(None),
                active: Set(i % 50 != 0),
                service_level: Set(service.then(|| "silver".into())),
                binding_months: Set(if i % 3 == 0 { 36 } else { 0 }),
                notice_months: Set(if i % 3 == 0 { 3 } else { 0 }),
                created_at: Set(now),
                ..Default::default()
            }
        })
        .collect();
    insert_chunks(db, items).await?;
    let ids: Vec<(i32, String)> = item::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .filter(|i| i.article_number.starts_with("GEN-"))
        .map(|i| (i.id, i.article_number))
        .collect();
    let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).expect("valid date");
    let mut prices = Vec::with_capacity(ids.len() + ids.len() / 10);
    for (n, (id, _)) in ids.iter().enumerate() {
        let n = n as i64;
        let (one_off, monthly) = if n % 3 == 0 {
            (0, (49 + n % 900) * 100)
        } else {
            ((99 + (n * 37) % 15_000) * 100, 0)
        };
        let changes = n % 10 == 0;
        prices.push(item_price::ActiveModel {
            item_id: Set(*id),
            valid_from: Set(day(2026, 1, 1)),
            valid_to: Set(changes.then(|| day(2027, 12, 31))),
            one_off_ore: Set(one_off),
            monthly_ore: Set(monthly),
            ..Default::default()
        });
        if changes {
            prices.push(item_price::ActiveModel {
                item_id: Set(*id),
                valid_from: Set(day(2028, 1, 1)),
                valid_to: Set(None),
                one_off_ore: Set(one_off + one_off / 20),
                monthly_ore: Set(monthly + monthly / 20),
                ..Default::default()
            });
        }
    }
    insert_chunks(db, prices).await?;
    app::catalog::snapshot::changed(db, app::catalog::snapshot::Change::Whole)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(())
}

const PRODUCTS: &[(&str, &str, &str)] = &[
    ("Dell", "Latitude", "Bärbar dator"),
    ("Dell", "OptiPlex", "Stationär dator"),
    ("Dell", "P-serien skärm", "Skärm"),
    ("HP", "EliteBook", "Bärbar dator"),
    ("HP", "Elite Mini", "Stationär dator"),
    ("Lenovo", "ThinkPad", "Bärbar dator"),
    ("Lenovo", "ThinkCentre", "Stationär dator"),
    ("Logitech", "MX", "Tangentbord och mus"),
    ("Jabra", "Evolve2", "Headset"),
    ("Poly", "Voyager", "Headset"),
    ("Samsung", "Galaxy", "Mobiltelefon"),
    ("Apple", "iPhone", "Mobiltelefon"),
    ("Kensington", "Dockningsstation", "Dockningsstation"),
    ("Regionservice IT", "Installation", "Tjänst"),
    ("Microsoft", "365", "Programlicens"),
];

/// A plan of `goals` goals spread over the four activities, both classes
/// and both sides, varied by `seed` so that no two objects sum alike.
fn generated_plan(goals: u32, seed: u32) -> app::plans::dto::PlanContent {
    use app::domain::plan::{Activity, GoalClass};
    use app::plans::dto::{Need, PlanContent};
    let needs = (1..=10)
        .map(|n| Need {
            id: format!("need-{n}"),
            title: format!("Behov {n}"),
            text: format!("Behov {n}: svarstider, utbildning och integrationer behöver förbättras."),
            excluded: n == 9,
            financed_elsewhere: n == 10,
        })
        .collect();
    let goals = (0..goals)
        .map(|g| {
            let v = i64::from((g * 7 + seed * 13) % 97);
            let activity = Activity::ALL[(g % 4) as usize];
            let class = if g % 3 == 0 { GoalClass::Vu } else { GoalClass::Vm };
            let fixed = if g % 5 == 0 { (0, v * 1_000) } else { (0, 0) };
            let mut goal = app::demo::plans::goal(
                g + 1,
                activity,
                class,
                &format!("Mål {} för objektet: förbättra tjänsten steg {}.", g + 1, v),
                if g % 4 == 0 { "1, 2" } else { "" },
                (v * 5, (97 - v) * 5),
                fixed,
            );
            goal.id = format!("goal-{}", g + 1);
            goal
        })
        .collect();
    PlanContent {
        object_description: "Genererat förvaltningsobjekt för lasttester.".into(),
        products: "Tjänst A\nTjänst B".into(),
        current_state: "Objektet fungerar stabilt men behöver utvecklas.".into(),
        needs,
        overall_goals: "Objektet ska vara stabilt och utvecklas i takt med verksamheten.".into(),
        activity_goals: Activity::ALL
            .iter()
            .map(|a| app::plans::dto::ActivityGoal {
                activity: *a,
                text: format!("Övergripande mål för {}.", a.in_sentence()),
            })
            .collect(),
        goals,
        organisation: "Förvaltningsledare, objektägare och IT-specialister enligt objektets bemanning.".into(),
        forums: vec![],
        projects: String::new(),
        // The full structure: the organisation, projects, services and
        // integrations a real plan states.
        staffing: app::plans::dto::PM3_ROLES
            .iter()
            .enumerate()
            .map(|(i, role)| app::plans::dto::Staffing {
                id: format!("staff-{i}"),
                role: (*role).into(),
                person_id: None,
                name: if i % 4 == 3 {
                    String::new()
                } else {
                    format!("Person {i}")
                },
                organisation: "Regionservice".into(),
                fte: Some(1_000 * (i as u32 % 10)),
                paid_by: "Förvaltningen".into(),
            })
            .collect(),
        project_list: (0..5)
            .map(|i| app::plans::dto::Project {
                id: format!("project-{i}"),
                name: format!("Projekt {i}"),
                effect: "Objektet får en ny funktion och användarna behöver utbildning.".into(),
                when: "Hösten".into(),
                paid_by: "Regionen".into(),
            })
            .collect(),
        it_services: app::domain::catalog::ServiceLevel::ALL
            .iter()
            .enumerate()
            .map(|(i, level)| app::plans::dto::ItService {
                id: format!("service-{i}"),
                service: format!("IT-tjänst {i}"),
                level: Some(*level),
                note: String::new(),
            })
            .collect(),
        integrations: (0..6)
            .map(|i| app::plans::dto::Integration {
                id: format!("integration-{i}"),
                name: format!("Integration {i}"),
                counterpart: format!("System {i}"),
                description: "Överför patientuppgifter varje natt.".into(),
            })
            .collect(),
        background: "Objektet togs i bruk för flera år sedan och förvaltas enligt PM3.".into(),
        purpose: "Planen styr årets förvaltning och dess resurser.".into(),
        target_group: "Objektägare, förvaltningsgrupp och verksamheterna som använder objektet.".into(),
        period_start: None,
        period_end: None,
        // Three financing parties (a cost split to compute on the portfolio).
        financing: [("Regionen", 5_000), ("Kommun A", 3_334), ("Kommun B", 1_666)]
            .iter()
            .enumerate()
            .map(|(i, (name, share))| app::plans::dto::FinancingParty {
                id: format!("party-{i}"),
                name: (*name).into(),
                share: *share,
            })
            .collect(),
    }
}

/// `OBJECTS_PER_SCALE × scale` objects in ten families, each with adopted
/// plans for this year and last year, plus one object whose draft plan of
/// 200 goals `per.svensson` edits (the plan-page bench).
async fn generate_governance<C: ConnectionTrait>(db: &C, scale: u32) -> anyhow::Result<()> {
    use app::domain::plan::PlanStatus;
    use app::entities::{governance_object, object_family, object_person};
    use chrono::Datelike;
    let year = chrono::Local::now().date_naive().year();
    let families: Vec<object_family::ActiveModel> = (0..10)
        .map(|f| object_family::ActiveModel {
            name: Set(format!("Genererad objektfamilj {f:02}")),
            sort_order: Set(100 + f),
            ..Default::default()
        })
        .collect();
    insert_chunks(db, families).await?;
    let family_ids: Vec<i32> = object_family::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .filter(|f| f.name.starts_with("Genererad"))
        .map(|f| f.id)
        .collect();
    let count = OBJECTS_PER_SCALE * scale;
    let objects: Vec<governance_object::ActiveModel> = (0..=count)
        .map(|i| governance_object::ActiveModel {
            family_id: Set(family_ids[i as usize % family_ids.len()]),
            name: Set(if i == count {
                BIG_PLAN_OBJECT.into()
            } else {
                format!("Genererat objekt {i:05}")
            }),
            class: Set(["karn", "stod", "it"][i as usize % 3].into()),
            description: Set("Genererat förvaltningsobjekt för lasttester.".into()),
            it_components: Set("System A".into()),
            products: Set("Tjänst A".into()),
            ..Default::default()
        })
        .collect();
    insert_chunks(db, objects).await?;
    let generated: Vec<governance_object::Model> = governance_object::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .filter(|o| o.name.starts_with("Genererat objekt") || o.name == BIG_PLAN_OBJECT)
        .collect();
    let mut plans = Vec::new();
    for (n, o) in generated.iter().enumerate() {
        if o.name == BIG_PLAN_OBJECT {
            plans.push(app::demo::plans::plan_row(
                o.id,
                year,
                1,
                PlanStatus::Utkast,
                &generated_plan(200, n as u32),
                "Per Svensson",
            )?);
            continue;
        }
        for (y, seed) in [(year - 1, n as u32 + 1), (year, n as u32)] {
            plans.push(app::demo::plans::plan_row(
                o.id,
                y,
                1,
                PlanStatus::Faststalld,
                &generated_plan(GOALS_PER_PLAN, seed),
                "Genererad",
            )?);
        }
        if plans.len() >= 100 {
            insert_chunks(db, std::mem::take(&mut plans)).await?;
        }
    }
    insert_chunks(db, plans).await?;
    let per = person::Entity::find()
        .filter(person::Column::Username.eq("per.svensson"))
        .one(db)
        .await?
        .context("the demo administrator per.svensson")?;
    let big = generated
        .iter()
        .find(|o| o.name == BIG_PLAN_OBJECT)
        .context("the 200-goal object")?;
    object_person::Entity::insert(object_person::ActiveModel {
        object_id: Set(big.id),
        person_id: Set(per.id),
        role: Set("forvaltningsledare".into()),
        ..Default::default()
    })
    .exec(db)
    .await?;
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
