//! The asset register's service: registering delivered hardware, the list
//! with its filters, an asset with its history, and status changes.

use super::dto::{AssetChangeDto, AssetDetail, AssetFilter, AssetPage, AssetRow, ReplacedAsset};
use crate::ctx::{require, require_signed_in, Ctx};
use crate::domain::assets::{self, AssetStatus};
use crate::domain::authz::Permission;
use crate::entities::{asset, asset_change};
use crate::error::AppError;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use std::collections::HashMap;

/// Rows on one page of the list.
pub const PAGE: u64 = 50;

/// The longest reason kept with a change.
const REASON_MAX: usize = 1000;

/// A supplier part just delivered, as the asset register needs it.
#[derive(Debug, Clone)]
pub struct Delivered {
    pub order_id: i32,
    /// Whose the hardware is: the order's recipient.
    pub user_id: i32,
    /// Delivered to the region's stock: registered På lager, nobody's.
    pub to_stock: bool,
    pub cost_center_id: i32,
    pub supplier_id: i32,
    /// The delivery address.
    pub location: String,
    pub on: NaiveDate,
    /// The part's lines with the serial numbers the supplier reported.
    pub lines: Vec<(i32, Vec<String>)>,
    /// The same lines as ordered (read once by the delivery, for the assets
    /// and the subscriptions both).
    pub ordered: Vec<crate::orders::service::lifecycle::OrderedLine>,
}

/// Registers each unit of the hardware lines of a delivered part as an
/// asset in use by the order's recipient (På lager and nobody's when the
/// order went to a stock address), with the reported serial numbers
/// in order (one statement: the assets). In the delivery's
/// transaction; a unit registered before (its tag exists) is left as it
/// is, so a delivery registers once. Returns how many were new.
pub async fn register_delivered<C: ConnectionTrait>(db: &C, d: &Delivered) -> Result<u64, AppError> {
    let serials: HashMap<i32, &Vec<String>> = d.lines.iter().map(|(id, s)| (*id, s)).collect();
    let now = Utc::now();
    let mut rows = Vec::new();
    for line in d
        .ordered
        .iter()
        .filter(|l| l.kind == crate::domain::catalog::ItemKind::Hardware.as_str())
    {
        for n in 1..=line.quantity.max(0) {
            let serial = serials
                .get(&line.id)
                .and_then(|s| s.get((n - 1) as usize))
                .map(|s| s.chars().take(assets::SERIAL_MAX).collect::<String>());
            rows.push(asset::ActiveModel {
                tag: Set(assets::tag_for(line.id, n)),
                serial_number: Set(serial),
                item_id: Set(Some(line.item_id)),
                model: Set(line.name.chars().take(200).collect()),
                supplier_id: Set(Some(d.supplier_id)),
                user_id: Set((!d.to_stock).then_some(d.user_id)),
                cost_center_id: Set(d.cost_center_id),
                location: Set(d.location.chars().take(300).collect()),
                delivered_on: Set(Some(d.on)),
                order_id: Set(Some(d.order_id)),
                order_line_id: Set(Some(line.id)),
                warranty_end: Set(Some(assets::warranty_end(d.on))),
                status: Set(if d.to_stock {
                    AssetStatus::InStock
                } else {
                    AssetStatus::InUse
                }
                .as_str()
                .to_owned()),
                status_since: Set(now),
                inventoried_on: Set(None),
                inventoried_by: Set(None),
                inventory_found: Set(None),
                version: Set(1),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            });
        }
    }
    if rows.is_empty() {
        return Ok(0);
    }
    let mut new = 0;
    // Within both databases' limits on bound parameters (21 a row).
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<_> = rows.by_ref().take(1000).collect();
        new += asset::Entity::insert_many(chunk)
            .on_conflict(OnConflict::column(asset::Column::Tag).do_nothing().to_owned())
            .exec_without_returning(db)
            .await?;
    }
    Ok(new)
}

fn manager(ctx: &Ctx) -> bool {
    require(ctx, Permission::ManageAssets).is_ok()
}

fn number(field: &str, text: &str, message: &str) -> Result<Option<i32>, AppError> {
    if text.is_empty() {
        return Ok(None);
    }
    text.parse::<i32>()
        .ok()
        .filter(|n| *n > 0)
        .map(Some)
        .ok_or_else(|| AppError::validation(field, message))
}

fn status_of(a: &asset::Model) -> Result<AssetStatus, AppError> {
    AssetStatus::parse(&a.status)
        .ok_or_else(|| AppError::internal(format!("asset {} has unknown status {:?}", a.id, a.status)))
}

/// The Swedish day of `at`.
pub fn day(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&chrono::Local).date_naive()
}

/// The assets under `f` that the caller may see (every asset for the
/// register's keepers, one's own for everyone else), without the page's
/// cursor, and whether oldest come first.
async fn filtered<C: ConnectionTrait>(
    ctx: &Ctx,
    db: &C,
    f: &AssetFilter,
    manager: bool,
) -> Result<(sea_orm::Select<asset::Entity>, bool), AppError> {
    let me = ctx.person_id().ok_or(AppError::Unauthorized)?;
    let today = day(Utc::now());
    let mut q = asset::Entity::find();
    if !manager {
        q = q.filter(asset::Column::UserId.eq(me));
    }
    let text = crate::domain::search::term(&f.q)
        .map_err(|m| AppError::validation("q", m))?
        .unwrap_or_default();
    if !text.is_empty() {
        let exact = Condition::any()
            .add(asset::Column::Tag.eq(text.to_uppercase()))
            .add(asset::Column::Tag.eq(text))
            .add(asset::Column::SerialNumber.eq(text));
        // A tag or serial number that exists is what was looked for: the
        // names are searched only when none does (one indexed lookup).
        let identifies = asset::Entity::find()
            .select_only()
            .column(asset::Column::Id)
            .filter(exact.clone())
            .into_tuple::<i32>()
            .one(db)
            .await?
            .is_some();
        let mut any = exact;
        if !identifies {
            let models = crate::catalog::service::hardware_matching(db, text, 500).await?;
            if !models.is_empty() {
                any = any.add(asset::Column::ItemId.is_in(models));
            }
            if manager {
                let people = crate::org::directory::search_people(ctx, db, text).await?;
                if !people.is_empty() {
                    any = any.add(asset::Column::UserId.is_in(people.iter().map(|p| p.id)));
                }
            }
        }
        q = q.filter(any);
    }
    if !f.status.is_empty() {
        let status =
            AssetStatus::parse(&f.status).ok_or_else(|| AppError::validation("status", "Välj en status i listan."))?;
        q = q.filter(asset::Column::Status.eq(status.as_str()));
    }
    if let Some(model) = number("modell", &f.model, "Välj en modell i listan.")? {
        q = q.filter(asset::Column::ItemId.eq(model));
    }
    let name = crate::domain::search::term(&f.model_name)
        .map_err(|m| AppError::validation("modellnamn", m))?
        .unwrap_or_default();
    if !name.is_empty() {
        let models = crate::catalog::service::hardware_matching(db, name, MODELS_MAX + 1).await?;
        if models.len() > MODELS_MAX {
            return Err(AppError::validation(
                "modellnamn",
                format!("Fler än {MODELS_MAX} modeller har det i namnet. Skriv mer av modellens namn."),
            ));
        }
        // No model of that name: no asset either.
        q = q.filter(asset::Column::ItemId.is_in(models));
    }
    if let Some(id) = number("forvaltning", &f.administration, "Välj en förvaltning i listan.")? {
        // The förvaltning's few cost centres as values: a subquery here
        // made PostgreSQL join them against every asset it walked.
        let centers = crate::org::structure::centers_of_administration(db, id).await?;
        q = q.filter(asset::Column::CostCenterId.is_in(centers.into_iter().map(|(c, _)| c)));
    }
    if !f.cost_center.is_empty() {
        let found = crate::org::directory::cost_centers_by_code(db, std::slice::from_ref(&f.cost_center)).await?;
        let (center, _) = found.get(&f.cost_center).ok_or_else(|| {
            AppError::validation(
                "kostnadsstalle",
                format!("Det finns inget kostnadsställe med koden {}.", f.cost_center),
            )
        })?;
        q = q.filter(asset::Column::CostCenterId.eq(center.id));
    }
    match f.warranty.as_str() {
        "" => {}
        "utgangen" => q = q.filter(asset::Column::WarrantyEnd.lt(today)),
        "snart" => {
            q = q
                .filter(asset::Column::WarrantyEnd.gte(today))
                .filter(asset::Column::WarrantyEnd.lte(today + chrono::Days::new(90)))
        }
        "giltig" => q = q.filter(asset::Column::WarrantyEnd.gte(today)),
        _ => return Err(AppError::validation("garanti", "Välj ett garantival i listan.")),
    }
    if let Some(years) = number("aldre_an", &f.older_than, "Välj en ålder i listan.")? {
        if years > 20 {
            return Err(AppError::validation("aldre_an", "Välj en ålder i listan."));
        }
        let before = today
            .with_year(today.year() - years)
            .unwrap_or_else(|| today - chrono::Days::new(365 * years as u64));
        q = q.filter(asset::Column::DeliveredOn.lte(before));
    }
    match f.not_inventoried.as_str() {
        "" => {}
        "6" | "12" | "24" => {
            let months: u32 = f.not_inventoried.parse().unwrap_or(12);
            let since = today.checked_sub_months(chrono::Months::new(months)).unwrap_or(today);
            // Held assets only: the stolen, lost and retired are not looked for.
            q = q
                .filter(
                    asset::Column::Status
                        .is_not_in([AssetStatus::Stolen, AssetStatus::Lost, AssetStatus::Retired].map(|s| s.as_str())),
                )
                .filter(
                    Condition::any()
                        .add(asset::Column::InventoriedOn.is_null())
                        .add(asset::Column::InventoriedOn.lt(since)),
                );
        }
        _ => {
            return Err(AppError::validation(
                "ej_inventerad",
                "Välj 6, 12 eller 24 månader i listan.",
            ))
        }
    }
    let oldest_first = match f.sort.as_str() {
        "" | "nyast" => false,
        "aldst" => true,
        _ => return Err(AppError::validation("sortering", "Välj en ordning i listan.")),
    };
    Ok((q, oldest_first))
}

/// Up to `limit` of `q`'s assets after asset `after`, in the list's order.
async fn chunk<C: ConnectionTrait>(
    db: &C,
    q: sea_orm::Select<asset::Entity>,
    oldest_first: bool,
    after: Option<i32>,
    limit: u64,
) -> Result<Vec<asset::Model>, AppError> {
    let mut q = q;
    if let Some(after) = after {
        q = q.filter(if oldest_first {
            asset::Column::Id.gt(after)
        } else {
            asset::Column::Id.lt(after)
        });
    }
    q = if oldest_first {
        q.order_by_asc(asset::Column::Id)
    } else {
        q.order_by_desc(asset::Column::Id)
    };
    Ok(q.limit(limit).all(db).await?)
}

/// The list under `f`, a page at a time: every asset for the register's
/// keepers, the caller's own for everyone else; newest first unless `f`
/// says oldest. Without the filter form's options (see
/// [`page_with_options`]).
pub async fn page<C: ConnectionTrait>(ctx: &Ctx, db: &C, f: AssetFilter) -> Result<AssetPage, AppError> {
    require_signed_in(ctx)?;
    let manager = manager(ctx);
    let (q, oldest_first) = filtered(ctx, db, &f, manager).await?;
    let after = number(
        "efter",
        &f.cursor,
        "Sidan finns inte längre: börja om från första sidan.",
    )?;
    let mut found = chunk(db, q, oldest_first, after, PAGE + 1).await?;
    let next_cursor = (found.len() as u64 > PAGE).then(|| {
        found.truncate(PAGE as usize);
        found.last().map(|a| a.id.to_string()).unwrap_or_default()
    });
    let rows = rows_of(db, found).await?;
    Ok(AssetPage {
        filter: f,
        rows,
        next_cursor,
        manager,
        administrations: Vec::new(),
        model: None,
    })
}

/// [`page`] with what the keepers' filter form offers (förvaltningar, and
/// the name of the model the filter names), for the list page. Models are
/// searched by name: a region's register holds thousands of them, too many
/// for a list to choose from.
pub async fn page_with_options<C: ConnectionTrait>(ctx: &Ctx, db: &C, f: AssetFilter) -> Result<AssetPage, AppError> {
    let mut p = page(ctx, db, f).await?;
    if p.manager {
        p.administrations = crate::org::directory::administrations(db).await?;
        if let Ok(id) = p.filter.model.parse::<i32>() {
            p.model = crate::catalog::service::hardware_model_name(db, id).await?;
        }
    }
    Ok(p)
}

/// Most models one search by model name may match.
pub const MODELS_MAX: usize = 2_000;

/// Most rows one CSV export holds.
pub const EXPORT_MAX: usize = 200_000;

/// The list under `f` (every page, from the first) as CSV for a
/// spreadsheet: semicolon-separated, one asset a line.
pub async fn export_csv<C: ConnectionTrait>(ctx: &Ctx, db: &C, f: AssetFilter) -> Result<String, AppError> {
    require_signed_in(ctx)?;
    let manager = manager(ctx);
    let (q, oldest_first) = filtered(ctx, db, &f, manager).await?;
    let mut w = csv::WriterBuilder::new().delimiter(b';').from_writer(vec![]);
    let csv_err = |e: csv::Error| AppError::internal(e.to_string());
    w.write_record([
        "Inventarienummer",
        "Serienummer",
        "Modell",
        "Status",
        "Användare",
        "Kostnadsställe",
        "Levererad",
        "Garanti t.o.m.",
    ])
    .map_err(csv_err)?;
    let text = |s: &str| crate::domain::format::spreadsheet_text(s).into_owned();
    let date = |d: Option<NaiveDate>| d.map(crate::domain::format::date).unwrap_or_default();
    let mut after = None;
    let mut written = 0usize;
    loop {
        let found = chunk(db, q.clone(), oldest_first, after, 1000).await?;
        let Some(last) = found.last().map(|a| a.id) else {
            break;
        };
        after = Some(last);
        written += found.len();
        if written > EXPORT_MAX {
            return Err(AppError::validation(
                "q",
                "Filtret ger fler än 200 000 tillgångar: välj ett smalare filter för att ladda ner.",
            ));
        }
        for r in rows_of(db, found).await? {
            w.write_record([
                text(&r.tag),
                text(r.serial_number.as_deref().unwrap_or_default()),
                text(&r.model),
                r.status.label_sv().to_owned(),
                text(r.user.as_deref().unwrap_or_default()),
                text(&r.cost_center),
                date(r.delivered_on),
                date(r.warranty_end),
            ])
            .map_err(csv_err)?;
        }
    }
    String::from_utf8(w.into_inner().map_err(|e| AppError::internal(e.to_string()))?).map_err(AppError::internal)
}

async fn rows_of<C: ConnectionTrait>(db: &C, found: Vec<asset::Model>) -> Result<Vec<AssetRow>, AppError> {
    let people = crate::org::directory::people(db, found.iter().filter_map(|a| a.user_id)).await?;
    let centers = crate::org::directory::cost_center_labels(db, found.iter().map(|a| a.cost_center_id)).await?;
    found
        .into_iter()
        .map(|a| {
            Ok(AssetRow {
                id: a.id,
                status: status_of(&a)?,
                user: a.user_id.and_then(|u| people.get(&u)).map(|p| p.name.clone()),
                cost_center: centers.get(&a.cost_center_id).cloned().unwrap_or_default(),
                tag: a.tag,
                serial_number: a.serial_number,
                model: a.model,
                delivered_on: a.delivered_on,
                warranty_end: a.warranty_end,
            })
        })
        .collect()
}

/// The assets registered from order `order_id` that the caller may see
/// (all of them for the register's keepers, one's own for anyone else),
/// for the order's page.
pub async fn of_order<C: ConnectionTrait>(ctx: &Ctx, db: &C, order_id: i32) -> Result<Vec<AssetRow>, AppError> {
    require_signed_in(ctx)?;
    let mut q = asset::Entity::find().filter(asset::Column::OrderId.eq(order_id));
    if !manager(ctx) {
        q = q.filter(asset::Column::UserId.eq(ctx.person_id().ok_or(AppError::Unauthorized)?));
    }
    let found = q.order_by_asc(asset::Column::Id).limit(500).all(db).await?;
    rows_of(db, found).await
}

/// Asset `id` when the caller may see it: a keeper of the register any
/// asset, anyone else their own. Another's is not found.
async fn visible<C: ConnectionTrait>(ctx: &Ctx, db: &C, id: i32) -> Result<asset::Model, AppError> {
    require_signed_in(ctx)?;
    let not_found = || AppError::not_found("Tillgången finns inte.");
    let a = asset::Entity::find_by_id(id).one(db).await?.ok_or_else(not_found)?;
    if manager(ctx) || (a.user_id.is_some() && a.user_id == ctx.person_id()) {
        Ok(a)
    } else {
        Err(not_found())
    }
}

/// The field's name on the history.
fn field_label(field: &str) -> String {
    match field {
        "status" => "Status",
        "user" => "Användare",
        "cost_center" => "Kostnadsställe",
        "location" => "Placering",
        "serial_number" => "Serienummer",
        "inventory" => "Inventering",
        "certificate" => "Intyg om diskdestruktion",
        "imported" => "Import",
        other => other,
    }
    .to_owned()
}

/// Asset `id` with its history, newest first.
pub async fn detail<C: ConnectionTrait>(ctx: &Ctx, db: &C, id: i32) -> Result<AssetDetail, AppError> {
    let a = visible(ctx, db, id).await?;
    let status = status_of(&a)?;
    let changes = asset_change::Entity::find()
        .filter(asset_change::Column::AssetId.eq(a.id))
        .order_by_desc(asset_change::Column::Id)
        .all(db)
        .await?;
    let people =
        crate::org::directory::people(db, changes.iter().filter_map(|c| c.actor_person_id).chain(a.user_id)).await?;
    let center = crate::org::directory::cost_centers(db, [a.cost_center_id])
        .await?
        .remove(&a.cost_center_id);
    let administration = match crate::org::structure::place(db, a.cost_center_id).await? {
        Some(place) => crate::org::directory::administrations(db)
            .await?
            .into_iter()
            .find(|(id, _)| *id == place.administration_id)
            .map(|(_, name)| name),
        None => None,
    };
    let facts = match a.item_id {
        Some(item) => crate::catalog::service::model_facts(db, item).await?,
        None => None,
    };
    let supplier = match (&facts, a.supplier_id) {
        (Some(f), _) => Some(f.supplier.clone()),
        (None, Some(s)) => crate::catalog::service::supplier_names(db, [s]).await?.remove(&s),
        (None, None) => None,
    };
    let may_change = manager(ctx);
    let may_replace = status.is_replaceable() && (may_change || (a.user_id.is_some() && a.user_id == ctx.person_id()));
    let history = changes
        .into_iter()
        .map(|c| AssetChangeDto {
            at: c.at,
            actor: c
                .actor_person_id
                .and_then(|p| people.get(&p))
                .map(|p| p.name.clone())
                .unwrap_or(c.actor),
            field: field_label(&c.field),
            old_value: c.old_value,
            new_value: c.new_value,
            reason: c.reason,
        })
        .collect();
    Ok(AssetDetail {
        id: a.id,
        tag: a.tag,
        serial_number: a.serial_number,
        model: a.model,
        type_configuration: facts.as_ref().and_then(|f| f.type_configuration.clone()),
        agreement: facts.as_ref().and_then(|f| f.agreement.clone()),
        supplier,
        status,
        status_since: a.status_since,
        user: a.user_id.and_then(|u| people.get(&u)).map(|p| p.name.clone()),
        user_id: a.user_id,
        cost_center: center
            .as_ref()
            .map(|c| format!("{} {}", c.code, c.name))
            .unwrap_or_default(),
        cost_center_code: center.map(|c| c.code).unwrap_or_default(),
        administration,
        location: a.location,
        delivered_on: a.delivered_on,
        warranty_end: a.warranty_end,
        order_id: a.order_id,
        order_number: a.order_id.map(crate::orders::dto::order_number),
        inventoried_on: a.inventoried_on,
        inventoried_by: a.inventoried_by.and_then(|p| people.get(&p)).map(|p| p.name.clone()),
        inventory_found: a.inventory_found,
        version: a.version,
        history,
        next: if may_change {
            assets::next(status).to_vec()
        } else {
            Vec::new()
        },
        may_change,
        may_replace,
    })
}

/// What a keeper of the register asks to change an asset's status to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusChange {
    /// The version the caller saw.
    pub version: i32,
    pub to: AssetStatus,
    pub reason: String,
    /// The disk destruction certificate's reference (to wipe).
    pub certificate: Option<String>,
}

/// Moves asset `id` to another status (`domain::assets::transition`
/// decides), with the reason on its history; a change made on an older
/// version than the asset's is refused (409) and changes nothing.
pub async fn set_status<C: ConnectionTrait + sea_orm::TransactionTrait>(
    ctx: &Ctx,
    db: &C,
    id: i32,
    change: StatusChange,
) -> Result<AssetDetail, AppError> {
    require(ctx, Permission::ManageAssets)?;
    let reason = change.reason.trim();
    if reason.is_empty() {
        return Err(AppError::validation("reason", "Skriv varför statusen ändras."));
    }
    if reason.chars().count() > REASON_MAX {
        return Err(AppError::validation("reason", "Skälet får vara högst 1 000 tecken."));
    }
    let certificate = change.certificate.as_deref().map(str::trim).filter(|c| !c.is_empty());
    if certificate.is_some_and(|c| c.chars().count() > 100) {
        return Err(AppError::validation(
            "certificate",
            "Referensen får vara högst 100 tecken.",
        ));
    }
    let txn = crate::db::begin_write(db).await?;
    let a = visible(ctx, &txn, id).await?;
    let from = status_of(&a)?;
    if a.version != change.version {
        return Err(stale());
    }
    assets::transition(from, change.to, certificate).map_err(|refusal| {
        let message = refusal.message_sv(from, change.to);
        match refusal {
            assets::Refusal::CertificateRequired => AppError::validation("certificate", message),
            _ => AppError::StateConflict {
                message,
                state: from.as_str().to_owned(),
            },
        }
    })?;
    let now = Utc::now();
    let updated = asset::Entity::update_many()
        .col_expr(asset::Column::Status, Expr::value(change.to.as_str()))
        .col_expr(asset::Column::StatusSince, Expr::value(now))
        .col_expr(asset::Column::Version, Expr::col(asset::Column::Version).add(1))
        .col_expr(asset::Column::UpdatedAt, Expr::value(now))
        .filter(asset::Column::Id.eq(a.id))
        .filter(asset::Column::Version.eq(change.version))
        .exec(&txn)
        .await?;
    if updated.rows_affected != 1 {
        return Err(stale());
    }
    // The status last: the newest row of the history, shown first.
    let mut history = Vec::new();
    if let (AssetStatus::Wiped, Some(c)) = (change.to, certificate) {
        history.push(change_row(
            ctx,
            a.id,
            now,
            "certificate",
            None,
            Some(c.to_owned()),
            reason,
        ));
    }
    history.push(change_row(
        ctx,
        a.id,
        now,
        "status",
        Some(from.label_sv().to_owned()),
        Some(change.to.label_sv().to_owned()),
        reason,
    ));
    asset_change::Entity::insert_many(history).exec(&txn).await?;
    if change.to == AssetStatus::Retired {
        crate::subscriptions::service::terminate_for_asset(&txn, ctx, a.id, day(now), reason).await?;
    }
    txn.commit().await?;
    detail(ctx, db, id).await
}

fn stale() -> AppError {
    AppError::conflict("Tillgången har ändrats av någon annan sedan du öppnade den. Ladda om sidan och försök igen.")
}

fn change_row(
    ctx: &Ctx,
    asset_id: i32,
    at: DateTime<Utc>,
    field: &str,
    old_value: Option<String>,
    new_value: Option<String>,
    reason: &str,
) -> asset_change::ActiveModel {
    asset_change::ActiveModel {
        asset_id: Set(asset_id),
        at: Set(at),
        actor_person_id: Set(ctx.person_id()),
        actor: Set(ctx.label()),
        field: Set(field.to_owned()),
        old_value: Set(old_value),
        new_value: Set(new_value),
        reason: Set(reason.to_owned()),
        ..Default::default()
    }
}

/// What a keeper of the register asks to move an asset to: a user, a cost
/// centre (by code) and a location, as the form sends them (unchanged ones
/// as they were), on the version the form showed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transfer {
    pub version: i32,
    pub user_id: i32,
    pub cost_center: String,
    pub location: String,
    pub reason: String,
}

/// Moves asset `id` to another user, cost centre or location (any of
/// them), each change a row of its history with the reason; a transfer on
/// an older version is refused (409) and changes nothing.
pub async fn transfer<C: ConnectionTrait + sea_orm::TransactionTrait>(
    ctx: &Ctx,
    db: &C,
    id: i32,
    t: Transfer,
) -> Result<AssetDetail, AppError> {
    require(ctx, Permission::ManageAssets)?;
    let reason = t.reason.trim();
    if reason.is_empty() {
        return Err(AppError::validation("reason", "Skriv varför tillgången flyttas."));
    }
    if reason.chars().count() > REASON_MAX {
        return Err(AppError::validation("reason", "Skälet får vara högst 1 000 tecken."));
    }
    let location = t.location.trim();
    if location.is_empty() || location.chars().count() > 300 {
        return Err(AppError::validation("location", "Skriv placeringen, högst 300 tecken."));
    }
    let user = crate::org::directory::person(db, t.user_id)
        .await?
        .filter(|p| p.active)
        .ok_or_else(|| AppError::validation("user_id", "Välj en aktiv medarbetare som användare."))?;
    let code = t.cost_center.trim().to_owned();
    let found = crate::org::directory::cost_centers_by_code(db, std::slice::from_ref(&code)).await?;
    let center = match found.get(&code) {
        Some((c, true)) => c.clone(),
        Some((_, false)) => {
            return Err(AppError::validation(
                "cost_center",
                format!("Kostnadsställe {code} är inte längre aktivt."),
            ))
        }
        None => {
            return Err(AppError::validation(
                "cost_center",
                format!("Det finns inget kostnadsställe med koden {code}."),
            ))
        }
    };
    let txn = crate::db::begin_write(db).await?;
    let a = visible(ctx, &txn, id).await?;
    if a.version != t.version {
        return Err(stale());
    }
    if status_of(&a)? == AssetStatus::Retired {
        return Err(AppError::StateConflict {
            message: "En avvecklad tillgång kan inte ändras.".into(),
            state: AssetStatus::Retired.as_str().to_owned(),
        });
    }
    let now = Utc::now();
    let mut history = Vec::new();
    let mut update = asset::Entity::update_many()
        .col_expr(asset::Column::Version, Expr::col(asset::Column::Version).add(1))
        .col_expr(asset::Column::UpdatedAt, Expr::value(now))
        .filter(asset::Column::Id.eq(a.id))
        .filter(asset::Column::Version.eq(t.version));
    if a.user_id != Some(user.id) {
        let before = match a.user_id {
            Some(u) => crate::org::directory::person(&txn, u).await?.map(|p| p.name),
            None => None,
        };
        update = update.col_expr(asset::Column::UserId, Expr::value(user.id));
        history.push(change_row(
            ctx,
            a.id,
            now,
            "user",
            before,
            Some(user.name.clone()),
            reason,
        ));
    }
    if a.cost_center_id != center.id {
        let before = crate::org::directory::cost_center_labels(&txn, [a.cost_center_id])
            .await?
            .remove(&a.cost_center_id);
        update = update.col_expr(asset::Column::CostCenterId, Expr::value(center.id));
        history.push(change_row(
            ctx,
            a.id,
            now,
            "cost_center",
            before,
            Some(format!("{} {}", center.code, center.name)),
            reason,
        ));
    }
    if a.location != location {
        update = update.col_expr(asset::Column::Location, Expr::value(location));
        history.push(change_row(
            ctx,
            a.id,
            now,
            "location",
            Some(a.location.clone()),
            Some(location.to_owned()),
            reason,
        ));
    }
    if history.is_empty() {
        return Err(AppError::validation(
            "reason",
            "Inget har ändrats: välj en ny användare, ett nytt kostnadsställe eller en ny placering.",
        ));
    }
    if update.exec(&txn).await?.rows_affected != 1 {
        return Err(stale());
    }
    asset_change::Entity::insert_many(history).exec(&txn).await?;
    // Its subscriptions follow: the new cost centre is charged from next month.
    crate::subscriptions::service::follow_asset(
        &txn,
        ctx,
        a.id,
        (a.user_id != Some(user.id)).then(|| (user.id, user.name.clone())),
        (a.cost_center_id != center.id).then(|| (center.id, format!("{} {}", center.code, center.name))),
        day(now),
        reason,
    )
    .await?;
    txn.commit().await?;
    detail(ctx, db, id).await
}

/// A keeper of the register records an inventory of asset `id` today:
/// found where the register says, or not found (then the page proposes
/// Borttappad). On its history; a stale form is refused (409).
pub async fn inventory<C: ConnectionTrait + sea_orm::TransactionTrait>(
    ctx: &Ctx,
    db: &C,
    id: i32,
    version: i32,
    found: bool,
    note: &str,
) -> Result<AssetDetail, AppError> {
    require(ctx, Permission::ManageAssets)?;
    let note = note.trim();
    if note.chars().count() > REASON_MAX {
        return Err(AppError::validation(
            "note",
            "Anteckningen får vara högst 1 000 tecken.",
        ));
    }
    if !found && note.is_empty() {
        return Err(AppError::validation(
            "note",
            "Skriv var du letade när tillgången inte hittades.",
        ));
    }
    let txn = crate::db::begin_write(db).await?;
    let a = visible(ctx, &txn, id).await?;
    if a.version != version {
        return Err(stale());
    }
    let status = status_of(&a)?;
    if !status.is_held() {
        return Err(AppError::StateConflict {
            message: format!("En tillgång med status {} inventeras inte.", status.label_sv()),
            state: status.as_str().to_owned(),
        });
    }
    let now = Utc::now();
    let today = day(now);
    let updated = asset::Entity::update_many()
        .col_expr(asset::Column::InventoriedOn, Expr::value(today))
        .col_expr(asset::Column::InventoriedBy, Expr::value(ctx.person_id()))
        .col_expr(asset::Column::InventoryFound, Expr::value(found))
        .col_expr(asset::Column::Version, Expr::col(asset::Column::Version).add(1))
        .col_expr(asset::Column::UpdatedAt, Expr::value(now))
        .filter(asset::Column::Id.eq(a.id))
        .filter(asset::Column::Version.eq(version))
        .exec(&txn)
        .await?;
    if updated.rows_affected != 1 {
        return Err(stale());
    }
    let result = if found { "Hittad" } else { "Inte hittad" };
    let reason = if note.is_empty() { "Inventering" } else { note };
    asset_change::Entity::insert(change_row(
        ctx,
        a.id,
        now,
        "inventory",
        a.inventoried_on.map(crate::domain::format::date),
        Some(format!("{} {result}", crate::domain::format::date(today))),
        reason,
    ))
    .exec(&txn)
    .await?;
    txn.commit().await?;
    detail(ctx, db, id).await
}

/// `(id, tag)` of the assets registered from order `order_id`, by id (one
/// statement): for subscriptions to name the hardware they belong to.
pub async fn tags_of_order<C: ConnectionTrait>(db: &C, order_id: i32) -> Result<Vec<(i32, String)>, AppError> {
    Ok(asset::Entity::find()
        .select_only()
        .column(asset::Column::Id)
        .column(asset::Column::Tag)
        .filter(asset::Column::OrderId.eq(order_id))
        .order_by_asc(asset::Column::Id)
        .into_tuple()
        .all(db)
        .await?)
}

/// The tags of the assets among `ids`, by id (one statement).
pub async fn tags<C: ConnectionTrait>(
    db: &C,
    ids: impl IntoIterator<Item = i32>,
) -> Result<HashMap<i32, String>, AppError> {
    let rows: Vec<(i32, String)> = asset::Entity::find()
        .select_only()
        .column(asset::Column::Id)
        .column(asset::Column::Tag)
        .filter(asset::Column::Id.is_in(ids))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().collect())
}

/// Asset `id` as an order may replace it: one the caller sees (their own,
/// or any for a keeper of the register) that is in use or in repair; a
/// field error (`replaces_asset_id`) in words otherwise.
pub async fn replaceable<C: ConnectionTrait>(ctx: &Ctx, db: &C, id: i32) -> Result<ReplacedAsset, AppError> {
    let a = replaceable_row(ctx, db, id).await?;
    replaced_of(db, a).await
}

/// Asset `id` if the caller may replace it (see [`replaceable`]).
async fn replaceable_row<C: ConnectionTrait>(ctx: &Ctx, db: &C, id: i32) -> Result<asset::Model, AppError> {
    let field = "replaces_asset_id";
    let a = visible(ctx, db, id)
        .await
        .map_err(|_| AppError::validation(field, "Tillgången som ska ersättas finns inte bland dina tillgångar."))?;
    let status = status_of(&a)?;
    if !status.is_replaceable() {
        return Err(AppError::validation(
            field,
            format!(
                "{} har status {} och kan inte ersättas. Bara en tillgång i drift eller på reparation kan bytas ut.",
                a.tag,
                status.label_sv()
            ),
        ));
    }
    Ok(a)
}

/// Asset `a` as an order names what it replaces, with its user's name.
async fn replaced_of<C: ConnectionTrait>(db: &C, a: asset::Model) -> Result<ReplacedAsset, AppError> {
    let user = match a.user_id {
        Some(u) => crate::org::directory::person(db, u).await?.map(|p| p.name),
        None => None,
    };
    Ok(ReplacedAsset {
        id: a.id,
        tag: a.tag,
        model: a.model,
        user_id: a.user_id,
        user,
    })
}

/// "Byt ut" on asset `id`: puts the model's standard replacement (see
/// `catalog::service::replacement_bundle`) in the caller's cart and
/// answers where the order continues: the checkout, linked to the asset.
pub async fn start_replacement<C: ConnectionTrait + sea_orm::TransactionTrait>(
    ctx: &Ctx,
    db: &C,
    id: i32,
) -> Result<String, AppError> {
    require(ctx, Permission::Order)?;
    let replaced = replaceable_row(ctx, db, id).await?;
    let bundle = match replaced.item_id {
        Some(item) => crate::catalog::service::replacement_bundle(db, item).await?,
        None => None,
    };
    let Some(bundle) = bundle else {
        return Err(AppError::validation(
            "replaces_asset_id",
            format!(
                "Katalogen har ingen standardersättare för {}. Lägg en dator i varukorgen och välj den här tillgången i kassan.",
                replaced.model
            ),
        ));
    };
    crate::cart::service::add_bundle(ctx, db, bundle).await?;
    Ok(format!("/kassa?ersatter={}", replaced.id))
}

/// The replacement ordered for asset `old` was delivered (in the
/// delivery's transaction): the old one enters the return flow (Insamlad
/// för avveckling), on its history, when its status allows the move; one
/// already on its way is left as it is.
pub async fn return_replaced<C: ConnectionTrait>(db: &C, ctx: &Ctx, old: i32, order_id: i32) -> Result<bool, AppError> {
    let Some(a) = asset::Entity::find_by_id(old).one(db).await? else {
        return Ok(false);
    };
    let from = status_of(&a)?;
    if assets::transition(from, AssetStatus::Collected, None).is_err() {
        return Ok(false);
    }
    let now = Utc::now();
    asset::Entity::update_many()
        .col_expr(asset::Column::Status, Expr::value(AssetStatus::Collected.as_str()))
        .col_expr(asset::Column::StatusSince, Expr::value(now))
        .col_expr(asset::Column::Version, Expr::col(asset::Column::Version).add(1))
        .col_expr(asset::Column::UpdatedAt, Expr::value(now))
        .filter(asset::Column::Id.eq(a.id))
        .exec(db)
        .await?;
    asset_change::Entity::insert(change_row(
        ctx,
        a.id,
        now,
        "status",
        Some(from.label_sv().to_owned()),
        Some(AssetStatus::Collected.label_sv().to_owned()),
        &format!(
            "Ersatt av ny utrustning på beställning {}, som är levererad. Hämtas för diskdestruktion och avveckling.",
            crate::orders::dto::order_number(order_id)
        ),
    ))
    .exec(db)
    .await?;
    Ok(true)
}

/// Asset `id` as an order page names the asset it replaces (whoever may
/// see the order sees which computer it replaces).
pub async fn replaced_ref<C: ConnectionTrait>(db: &C, id: i32) -> Result<Option<ReplacedAsset>, AppError> {
    match asset::Entity::find_by_id(id).one(db).await? {
        Some(a) => Ok(Some(replaced_of(db, a).await?)),
        None => Ok(None),
    }
}
