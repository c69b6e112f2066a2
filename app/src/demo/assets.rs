//! The demo's asset register: what Region Norrvik brought over from its old
//! register (tags `NRV-…`): the demo people's computers and accessories in
//! use, a few in stock, one in repair, one stolen, one on its way to
//! retirement and one retired, with the history of the changes. A database
//! seeded before the register existed gets them too.

use crate::entities::{asset, asset_change, cost_center, delivery_address, item, person};
use chrono::{NaiveDate, TimeZone, Utc};
use sea_orm::{ActiveValue::Set, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait};
use std::collections::HashMap;

/// (tag, article number, user (none: in stock at Sara Berg's unit),
/// delivered, status, serial number)
type AssetSeed = (
    &'static str,
    &'static str,
    Option<&'static str>,
    (i32, u32, u32),
    &'static str,
    &'static str,
);

const ASSETS: &[AssetSeed] = &[
    (
        "NRV-100231",
        "DL-5450",
        Some("anna.lindqvist"),
        (2023, 2, 14),
        "in_use",
        "5CG3071ABC",
    ),
    (
        "NRV-100232",
        "DL-P2425H",
        Some("anna.lindqvist"),
        (2023, 2, 14),
        "in_use",
        "CN0P24H7731",
    ),
    (
        "NRV-100233",
        "DL-WD22TB4",
        Some("anna.lindqvist"),
        (2023, 2, 14),
        "in_use",
        "CN0WD22T0412",
    ),
    (
        "NRV-100410",
        "HP-840",
        Some("erik.johansson"),
        (2022, 9, 5),
        "in_use",
        "5CG2361XYZ",
    ),
    (
        "NRV-100411",
        "HP-TBG4",
        Some("erik.johansson"),
        (2022, 9, 5),
        "in_use",
        "HPTB4G0918",
    ),
    (
        "NRV-100522",
        "DL-7450",
        Some("maria.nilsson"),
        (2024, 5, 20),
        "in_use",
        "5CG4140MNO",
    ),
    (
        "NRV-100523",
        "DL-OP7020",
        Some("johan.ek"),
        (2021, 11, 8),
        "in_use",
        "7020MC1108",
    ),
    (
        "NRV-100524",
        "DL-P2725H",
        Some("johan.ek"),
        (2021, 11, 8),
        "in_repair",
        "CN0P27H1108",
    ),
    (
        "NRV-100601",
        "HP-ZB16",
        Some("karin.holm"),
        (2025, 3, 3),
        "in_use",
        "5CG5062KHL",
    ),
    (
        "NRV-100602",
        "DL-5450",
        Some("lars.andersson"),
        (2024, 1, 15),
        "in_use",
        "5CG4015LAS",
    ),
    (
        "NRV-100603",
        "DL-5450",
        Some("sara.berg"),
        (2025, 8, 18),
        "in_use",
        "5CG5330SBG",
    ),
    (
        "NRV-100604",
        "DL-7450",
        Some("per.svensson"),
        (2023, 10, 2),
        "in_use",
        "5CG3400PSV",
    ),
    ("NRV-100700", "DL-5450", None, (2026, 10, 5), "in_stock", "5CG6401STK"),
    ("NRV-100701", "DL-5450", None, (2026, 10, 5), "in_stock", "5CG6402STK"),
    ("NRV-100702", "DL-5450", None, (2026, 10, 5), "in_stock", "5CG6403STK"),
    (
        "NRV-100703",
        "DL-P2425H",
        None,
        (2026, 10, 5),
        "in_stock",
        "CN0P24H6404",
    ),
    ("NRV-100801", "HP-840", None, (2020, 4, 1), "collected", "5CG0140OLD"),
    ("NRV-100802", "DL-5450", None, (2024, 2, 1), "stolen", "5CG4032STL"),
    ("NRV-100803", "DL-OP7020", None, (2019, 3, 1), "retired", "7020MC0301"),
];

/// (tag, field, old, new, reason, when)
type ChangeSeed = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    (i32, u32, u32),
);

const CHANGES: &[ChangeSeed] = &[
    (
        "NRV-100524",
        "status",
        "I drift",
        "På reparation",
        "Bilden flimrar; skickad till Dustin på garanti",
        (2026, 11, 16),
    ),
    (
        "NRV-100802",
        "status",
        "I drift",
        "Stulen",
        "Polisanmäld, anmälan 5000-K123456-26",
        (2026, 6, 12),
    ),
    (
        "NRV-100801",
        "status",
        "I drift",
        "Insamlad för avveckling",
        "Ersatt av ny dator; hämtad av IT-servicen",
        (2026, 10, 20),
    ),
    (
        "NRV-100803",
        "status",
        "Raderad",
        "Avvecklad",
        "Lämnad till återvinning",
        (2024, 4, 2),
    ),
];

fn day((y, m, d): (i32, u32, u32)) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

pub async fn seed_assets<C: ConnectionTrait>(txn: &C) -> Result<(), DbErr> {
    if asset::Entity::find().count(txn).await? > 0 {
        return Ok(());
    }
    let items: HashMap<String, (i32, String, i32)> = item::Entity::find()
        .all(txn)
        .await?
        .into_iter()
        .map(|i| (i.article_number, (i.id, i.name, i.supplier_id)))
        .collect();
    let people: HashMap<String, (i32, i32)> = person::Entity::find()
        .all(txn)
        .await?
        .into_iter()
        .map(|p| (p.username, (p.id, p.unit_id)))
        .collect();
    let centers: HashMap<i32, i32> = cost_center::Entity::find()
        .all(txn)
        .await?
        .into_iter()
        .rev()
        .map(|c| (c.unit_id, c.id))
        .collect();
    let addresses: HashMap<i32, String> = delivery_address::Entity::find()
        .all(txn)
        .await?
        .into_iter()
        .rev()
        .map(|a| {
            (
                a.unit_id,
                format!("{}, {}, {} {}", a.label, a.street, a.postal_code, a.city),
            )
        })
        .collect();
    let Some(&(_, stock_unit)) = people.get("sara.berg") else {
        return Ok(());
    };
    let mut rows = Vec::new();
    for (tag, article, user, delivered, status, serial) in ASSETS {
        let Some((item_id, model, supplier_id)) = items.get(*article) else {
            continue;
        };
        let (user_id, unit) = match user.and_then(|u| people.get(u)) {
            Some((id, unit)) => (Some(*id), *unit),
            None => (None, stock_unit),
        };
        let Some(center) = centers.get(&unit) else {
            continue;
        };
        let delivered = day(*delivered);
        let at = Utc.from_utc_datetime(&delivered.and_hms_opt(10, 0, 0).unwrap_or_default());
        let since = CHANGES
            .iter()
            .find(|c| c.0 == *tag)
            .map(|c| Utc.from_utc_datetime(&day(c.5).and_hms_opt(9, 30, 0).unwrap_or_default()))
            .unwrap_or(at);
        rows.push(asset::ActiveModel {
            tag: Set((*tag).to_owned()),
            serial_number: Set(Some((*serial).to_owned())),
            item_id: Set(Some(*item_id)),
            model: Set(model.clone()),
            supplier_id: Set(Some(*supplier_id)),
            user_id: Set(user_id),
            cost_center_id: Set(*center),
            location: Set(addresses.get(&unit).cloned().unwrap_or_default()),
            delivered_on: Set(Some(delivered)),
            order_id: Set(None),
            order_line_id: Set(None),
            warranty_end: Set(Some(crate::domain::assets::warranty_end(delivered))),
            status: Set((*status).to_owned()),
            status_since: Set(since),
            inventoried_on: Set(None),
            inventoried_by: Set(None),
            inventory_found: Set(None),
            version: Set(if since == at { 1 } else { 2 }),
            created_at: Set(at),
            updated_at: Set(since),
            ..Default::default()
        });
    }
    if rows.is_empty() {
        return Ok(());
    }
    asset::Entity::insert_many(rows).exec(txn).await?;
    let ids: HashMap<String, i32> = asset::Entity::find()
        .all(txn)
        .await?
        .into_iter()
        .map(|a| (a.tag, a.id))
        .collect();
    let sara = people.get("sara.berg").map(|(id, _)| *id);
    let changes: Vec<asset_change::ActiveModel> = CHANGES
        .iter()
        .filter_map(|(tag, field, old, new, reason, when)| {
            Some(asset_change::ActiveModel {
                asset_id: Set(*ids.get(*tag)?),
                at: Set(Utc.from_utc_datetime(&day(*when).and_hms_opt(9, 30, 0)?)),
                actor_person_id: Set(sara),
                actor: Set("sara.berg".into()),
                field: Set((*field).to_owned()),
                old_value: Set(Some((*old).to_owned())),
                new_value: Set(Some((*new).to_owned())),
                reason: Set((*reason).to_owned()),
                ..Default::default()
            })
        })
        .collect();
    if !changes.is_empty() {
        asset_change::Entity::insert_many(changes).exec(txn).await?;
    }
    Ok(())
}
