//! The catalogue as a CSV file: export, and import with a dry run.
//!
//! The file is semicolon-separated UTF-8 (what Excel in Swedish writes and
//! reads); commas are accepted too. One row per item, keyed by article
//! number: a new article number creates an item, a known one updates it. The
//! prices are the price in force from `pris_från`; a different price there
//! enters a new price from that day. Every row is checked before anything is
//! written, and one bad row stops the whole import.

use super::dto::{ImportProblem, ImportReport};
use super::service::{refs, validate_item, write_price, Refs, ValidItem};
use crate::audit::service::record;
use crate::catalog::snapshot::{self, Change};
use crate::ctx::{require, Ctx};
use crate::domain::catalog::{price_on, ItemKind, Price, ServiceLevel};
use crate::domain::money::Sek;
use crate::entities::{item, item_price};
use crate::error::AppError;
use chrono::NaiveDate;
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryOrder, Set, TransactionTrait};
use serde_json::json;
use std::collections::{HashMap, HashSet};

use super::dto::CSV_COLUMNS as COLUMNS;

const REQUIRED: [&str; 5] = ["artikelnummer", "namn", "typ", "kategori", "leverantör"];

/// The CSV column a validation field belongs to.
fn column_of(field: &str) -> &'static str {
    match field {
        "article_number" => "artikelnummer",
        "name" => "namn",
        "description" => "beskrivning",
        "kind" => "typ",
        "category_id" => "kategori",
        "supplier_id" => "leverantör",
        "agreement_id" => "avtal",
        "service_level" => "servicenivå",
        "binding_months" => "bindningstid_mån",
        "notice_months" => "uppsägningstid_mån",
        _ => "artikelnummer",
    }
}

/// The stored price in force on `day`, by the catalogue's one rule.
fn price_in_force(prices: &[item_price::Model], day: NaiveDate) -> Option<&item_price::Model> {
    let domain: Vec<Price> = prices
        .iter()
        .map(|p| Price {
            valid_from: p.valid_from,
            valid_to: p.valid_to,
            one_off: Sek::from_ore(p.one_off_ore),
            monthly: Sek::from_ore(p.monthly_ore),
        })
        .collect();
    let chosen = price_on(&domain, day)?;
    prices.iter().find(|p| p.valid_from == chosen.valid_from)
}

async fn prices_by_item<C: ConnectionTrait>(db: &C) -> Result<HashMap<i32, Vec<item_price::Model>>, AppError> {
    let mut map: HashMap<i32, Vec<item_price::Model>> = HashMap::new();
    for p in item_price::Entity::find()
        .order_by_asc(item_price::Column::ValidFrom)
        .all(db)
        .await?
    {
        map.entry(p.item_id).or_default().push(p);
    }
    Ok(map)
}

/// The whole catalogue, retired items included, with the price in force
/// today (or, for an item whose price has not started, its first price).
pub async fn export_csv<C: ConnectionTrait>(ctx: &Ctx, db: &C, today: NaiveDate) -> Result<String, AppError> {
    require(ctx, crate::domain::authz::Permission::ManageCatalog)?;
    let refs = refs(db).await?;
    let items = item::Entity::find()
        .order_by_asc(item::Column::ArticleNumber)
        .all(db)
        .await?;
    let prices = prices_by_item(db).await?;
    let mut w = csv::WriterBuilder::new().delimiter(b';').from_writer(vec![]);
    w.write_record(COLUMNS).map_err(AppError::internal)?;
    for it in &items {
        let mine = prices.get(&it.id).map(Vec::as_slice).unwrap_or_default();
        let price = price_in_force(mine, today).or_else(|| mine.iter().find(|p| p.valid_from > today));
        let name_of = |id: i32, list: Vec<(i32, String)>| {
            list.into_iter()
                .find(|(i, _)| *i == id)
                .map(|(_, n)| n)
                .unwrap_or_default()
        };
        let category = name_of(
            it.category_id,
            refs.categories.iter().map(|c| (c.id, c.code.clone())).collect(),
        );
        let supplier = name_of(
            it.supplier_id,
            refs.suppliers.iter().map(|s| (s.id, s.name.clone())).collect(),
        );
        let agreement = it
            .agreement_id
            .map(|a| name_of(a, refs.agreements.iter().map(|x| (x.id, x.code.clone())).collect()))
            .unwrap_or_default();
        w.write_record([
            it.article_number.as_str(),
            it.name.as_str(),
            it.description.as_str(),
            ItemKind::parse(&it.kind).map(ItemKind::label_sv).unwrap_or_default(),
            category.as_str(),
            supplier.as_str(),
            agreement.as_str(),
            it.service_level
                .as_deref()
                .and_then(ServiceLevel::parse)
                .map(ServiceLevel::label_sv)
                .unwrap_or_default(),
            &it.binding_months.to_string(),
            &it.notice_months.to_string(),
            &price
                .map(|p| Sek::from_ore(p.one_off_ore).to_input())
                .unwrap_or_default(),
            &price
                .map(|p| Sek::from_ore(p.monthly_ore).to_input())
                .unwrap_or_default(),
            &price.map(|p| p.valid_from.to_string()).unwrap_or_default(),
            if it.active { "ja" } else { "nej" },
        ])
        .map_err(AppError::internal)?;
    }
    let bytes = w.into_inner().map_err(AppError::internal)?;
    let body = String::from_utf8(bytes).map_err(AppError::internal)?;
    Ok(format!("\u{feff}{body}"))
}

/// What one good row will do.
struct Planned {
    existing: Option<item::Model>,
    item: ValidItem,
    active: bool,
    new_price: Option<(NaiveDate, Sek, Sek)>,
    changed: bool,
}

struct Checker<'a> {
    refs: &'a Refs,
    items: HashMap<String, item::Model>,
    prices: HashMap<i32, Vec<item_price::Model>>,
    today: NaiveDate,
}

impl Checker<'_> {
    /// Checks one row; problems go to `problems` with the row's line.
    fn row(&self, line: u64, get: &dyn Fn(&str) -> String, problems: &mut Vec<ImportProblem>) -> Option<Planned> {
        let mut mine: Vec<ImportProblem> = Vec::new();
        let push = |mine: &mut Vec<ImportProblem>, column: &str, message: String| {
            mine.push(ImportProblem {
                line,
                column: column.to_owned(),
                message,
            })
        };
        let lookup = |mine: &mut Vec<ImportProblem>, column: &str, value: String, found: Option<i32>, what: &str| match (
            value.trim().is_empty(),
            found,
        ) {
            (true, _) => String::new(),
            (false, Some(id)) => id.to_string(),
            (false, None) => {
                push(mine, column, format!("{what} ”{}” finns inte.", value.trim()));
                String::new()
            }
        };
        let category = get("kategori");
        let category_id = lookup(
            &mut mine,
            "kategori",
            category.clone(),
            self.refs
                .categories
                .iter()
                .find(|c| c.code.eq_ignore_ascii_case(category.trim()))
                .map(|c| c.id),
            "Kategorin",
        );
        let supplier = get("leverantör");
        let supplier_id = lookup(
            &mut mine,
            "leverantör",
            supplier.clone(),
            self.refs
                .suppliers
                .iter()
                .find(|s| s.name.to_lowercase() == supplier.trim().to_lowercase())
                .map(|s| s.id),
            "Leverantören",
        );
        let agreement = get("avtal");
        let agreement_id = lookup(
            &mut mine,
            "avtal",
            agreement.clone(),
            self.refs
                .agreements
                .iter()
                .find(|a| a.code.eq_ignore_ascii_case(agreement.trim()))
                .map(|a| a.id),
            "Avtalet",
        );
        let form = super::dto::ItemForm {
            article_number: get("artikelnummer"),
            name: get("namn"),
            description: get("beskrivning"),
            kind: get("typ"),
            category_id,
            supplier_id,
            agreement_id,
            service_level: get("servicenivå"),
            binding_months: get("bindningstid_mån"),
            notice_months: get("uppsägningstid_mån"),
        };
        let reported: HashSet<String> = mine.iter().map(|p| p.column.clone()).collect();
        let valid = match validate_item(&form, self.refs) {
            Ok(v) => Some(v),
            Err(list) => {
                for (field, message) in list {
                    let column = column_of(field);
                    if !reported.contains(column) {
                        push(&mut mine, column, message);
                    }
                }
                None
            }
        };
        let existing = self.items.get(form.article_number.trim()).cloned();
        let active = match get("aktiv").trim().to_lowercase().as_str() {
            "" => existing.as_ref().is_none_or(|e| e.active),
            "ja" | "j" | "1" | "true" => true,
            "nej" | "n" | "0" | "false" => false,
            other => {
                push(&mut mine, "aktiv", format!("Skriv ja eller nej, inte ”{other}”."));
                true
            }
        };
        let amount = |mine: &mut Vec<ImportProblem>, column: &str| -> Option<Sek> {
            let v = get(column);
            if v.trim().is_empty() {
                return Some(Sek::ZERO);
            }
            Sek::parse_kronor(&v).map_err(|m| push(mine, column, m.to_owned())).ok()
        };
        let priced = !get("engångspris").trim().is_empty() || !get("månadspris").trim().is_empty();
        let one_off = amount(&mut mine, "engångspris");
        let monthly = amount(&mut mine, "månadspris");
        let from = match get("pris_från").trim() {
            "" => Some(self.today),
            d => NaiveDate::parse_from_str(d, "%Y-%m-%d")
                .map_err(|_| {
                    push(
                        &mut mine,
                        "pris_från",
                        "Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2027-01-01.".into(),
                    )
                })
                .ok(),
        };
        let mut new_price = None;
        if let (Some(one_off), Some(monthly), Some(from)) = (one_off, monthly, from) {
            let current = existing
                .as_ref()
                .and_then(|e| price_in_force(self.prices.get(&e.id).map(Vec::as_slice).unwrap_or_default(), from));
            let same = current.is_some_and(|p| p.one_off_ore == one_off.ore() && p.monthly_ore == monthly.ore());
            if !priced && existing.is_none() {
                push(
                    &mut mine,
                    "engångspris",
                    "En ny artikel behöver ett pris (engångspris eller månadspris).".into(),
                );
            } else if priced && !same {
                if from < self.today {
                    push(
                        &mut mine,
                        "pris_från",
                        format!(
                            "Ett ändrat pris kan gälla från i dag ({}) eller senare, inte från {from}.",
                            self.today
                        ),
                    );
                } else {
                    new_price = Some((from, one_off, monthly));
                }
            }
        }
        let ok = mine.is_empty();
        problems.extend(mine);
        let item = valid.filter(|_| ok)?;
        let changed = match &existing {
            None => true,
            Some(e) => {
                e.name != item.name
                    || e.description != item.description
                    || e.kind != item.kind.as_str()
                    || e.category_id != item.category_id
                    || e.supplier_id != item.supplier_id
                    || e.agreement_id != item.agreement_id
                    || e.service_level.as_deref() != item.service_level.map(|l| l.as_str())
                    || e.binding_months != item.binding_months
                    || e.notice_months != item.notice_months
                    || e.active != active
            }
        };
        Some(Planned {
            existing,
            item,
            active,
            new_price,
            changed,
        })
    }
}

fn header_problem(column: &str, message: impl Into<String>) -> ImportProblem {
    ImportProblem {
        line: 1,
        column: column.to_owned(),
        message: message.into(),
    }
}

/// Checks the whole file and, unless `dry_run` or there is any problem,
/// writes it in one transaction.
pub async fn import_csv<C>(
    ctx: &Ctx,
    db: &C,
    text: &str,
    dry_run: bool,
    today: NaiveDate,
) -> Result<ImportReport, AppError>
where
    C: ConnectionTrait + TransactionTrait,
{
    require(ctx, crate::domain::authz::Permission::ManageCatalog)?;
    let text = text.trim_start_matches('\u{feff}');
    let mut report = ImportReport {
        dry_run,
        ..Default::default()
    };
    if text.trim().is_empty() {
        report
            .problems
            .push(header_problem("", "Filen är tom. Den ska börja med en rubrikrad."));
        return Ok(report);
    }
    let first_line = text.lines().next().unwrap_or_default();
    let delimiter = if first_line.contains(';') { b';' } else { b',' };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|h| h.trim().to_lowercase()).collect(),
        Err(_) => {
            report
                .problems
                .push(header_problem("", "Rubrikraden går inte att läsa som CSV i UTF-8."));
            return Ok(report);
        }
    };
    for h in &headers {
        if !COLUMNS.contains(&h.as_str()) {
            report.problems.push(header_problem(
                h,
                format!("Okänd kolumn. Kolumnerna heter: {}.", COLUMNS.join(", ")),
            ));
        }
    }
    for r in REQUIRED {
        if !headers.iter().any(|h| h == r) {
            report
                .problems
                .push(header_problem(r, "Kolumnen saknas i rubrikraden."));
        }
    }
    if !report.problems.is_empty() {
        return Ok(report);
    }
    let refs = refs(db).await?;
    let checker = Checker {
        refs: &refs,
        items: item::Entity::find()
            .all(db)
            .await?
            .into_iter()
            .map(|i| (i.article_number.clone(), i))
            .collect(),
        prices: prices_by_item(db).await?,
        today,
    };
    let mut planned = Vec::new();
    let mut seen: HashMap<String, u64> = HashMap::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                report.problems.push(ImportProblem {
                    line,
                    column: String::new(),
                    message: "Raden går inte att läsa som CSV (kontrollera citattecken och teckenkodning UTF-8)."
                        .into(),
                });
                continue;
            }
        };
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        report.rows += 1;
        if record.len() != headers.len() {
            report.problems.push(ImportProblem {
                line,
                column: String::new(),
                message: format!("Raden har {} fält men rubrikraden har {}.", record.len(), headers.len()),
            });
            continue;
        }
        let get = |column: &str| -> String {
            headers
                .iter()
                .position(|h| h == column)
                .and_then(|i| record.get(i))
                .unwrap_or_default()
                .to_owned()
        };
        let article = get("artikelnummer").trim().to_owned();
        if let Some(earlier) = seen.insert(article.clone(), line) {
            if !article.is_empty() {
                report.problems.push(ImportProblem {
                    line,
                    column: "artikelnummer".into(),
                    message: format!("Artikelnumret {article} finns redan på rad {earlier}."),
                });
                continue;
            }
        }
        if let Some(p) = checker.row(line, &get, &mut report.problems) {
            planned.push(p);
        }
    }
    if report.rows == 0 {
        report
            .problems
            .push(header_problem("", "Filen har inga artikelrader under rubrikraden."));
    }
    for p in &planned {
        match (&p.existing, p.changed, &p.new_price) {
            (None, _, _) => report.created += 1,
            (Some(_), true, _) => report.updated += 1,
            (Some(_), false, None) => report.unchanged += 1,
            (Some(_), false, Some(_)) => {}
        }
        if p.new_price.is_some() {
            report.price_changes += 1;
        }
    }
    if dry_run || !report.problems.is_empty() {
        return Ok(report);
    }

    let txn = crate::db::begin_write(db).await?;
    let now = chrono::Utc::now();
    let mut written = Vec::new();
    for p in planned {
        let touched = p.existing.is_none() || p.changed || p.new_price.is_some();
        let id = match (p.existing, p.changed) {
            (Some(e), false) => e.id,
            (existing, _) => {
                let is_new = existing.is_none();
                let mut model = match existing {
                    Some(e) => e.into_active_model(),
                    None => item::ActiveModel {
                        created_at: Set(now),
                        ..Default::default()
                    },
                };
                super::service::apply(&mut model, &p.item);
                model.active = Set(p.active);
                if is_new {
                    model.insert(&txn).await?.id
                } else {
                    model.update(&txn).await?.id
                }
            }
        };
        if let Some((from, one_off, monthly)) = p.new_price {
            write_price(&txn, id, from, one_off, monthly, today).await?;
        }
        if touched {
            written.push(id);
        }
    }
    snapshot::changed(&txn, Change::Items(&written)).await?;
    record(
        &txn,
        ctx,
        "catalog.imported",
        Some("catalog"),
        None,
        json!({
            "rows": report.rows,
            "created": report.created,
            "updated": report.updated,
            "price_changes": report.price_changes,
        }),
    )
    .await?;
    txn.commit().await?;
    report.written = true;
    Ok(report)
}
