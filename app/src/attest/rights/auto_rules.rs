//! Auto-approval rules, kept by an administrator: an order within the
//! rule's amount (and, as the rule says, on the requester's own cost centre
//! and of only some item kinds) is attested at submit with the rule as the
//! reason (`domain::attest::route`). A rule is added or deactivated, never
//! edited, so that the reason an order records keeps meaning what it said.

use super::parse_amount;
use crate::attest::admin_dto::{AutoRuleDto, AutoRuleForm};
use crate::ctx::{require, Ctx};
use crate::domain::authz::Permission;
use crate::domain::catalog::ItemKind;
use crate::domain::money::Sek;
use crate::entities::auto_approval_rule;
use crate::error::AppError;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, EntityTrait, QueryOrder, TransactionTrait};

/// The longest name of a rule, in characters.
pub const MAX_NAME: usize = 200;

fn dto(r: auto_approval_rule::Model) -> AutoRuleDto {
    AutoRuleDto {
        id: r.id,
        name: r.name,
        max_commitment: Sek::from_ore(r.max_commitment_ore),
        own_cost_center_only: r.own_cost_center_only,
        item_kinds: r
            .item_kinds
            .split(',')
            .map(str::trim)
            .filter(|k| !k.is_empty())
            .map(str::to_owned)
            .collect(),
        active: r.active,
    }
}

/// Every rule, the active ones first, each group oldest first.
pub async fn list_auto_rules<C: ConnectionTrait>(ctx: &Ctx, db: &C) -> Result<Vec<AutoRuleDto>, AppError> {
    require(ctx, Permission::Administer)?;
    let mut rules: Vec<AutoRuleDto> = auto_approval_rule::Entity::find()
        .order_by_asc(auto_approval_rule::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(dto)
        .collect();
    rules.sort_by_key(|r| !r.active);
    Ok(rules)
}

/// The item kinds of a rule, checked: known codes, each once, in
/// `ItemKind::ALL` order.
pub fn check_kinds(codes: &[String]) -> Result<Vec<ItemKind>, String> {
    let mut kinds = Vec::new();
    for code in codes.iter().map(|c| c.trim()).filter(|c| !c.is_empty()) {
        kinds.push(ItemKind::parse(code).ok_or_else(|| format!("Okänd artikeltyp ”{code}”."))?);
    }
    Ok(ItemKind::ALL.into_iter().filter(|k| kinds.contains(k)).collect())
}

/// Adds an active rule.
pub async fn add_auto_rule<C>(ctx: &Ctx, db: &C, form: &AutoRuleForm) -> Result<AutoRuleDto, AppError>
where
    C: ConnectionTrait + TransactionTrait,
{
    require(ctx, Permission::Administer)?;
    let name = form.name.trim();
    if name.is_empty() {
        return Err(AppError::validation("name", "Ge regeln ett namn."));
    }
    if name.chars().count() > MAX_NAME {
        return Err(AppError::validation("name", "Namnet får vara högst 200 tecken."));
    }
    let max = parse_amount(&form.max_commitment, "Beloppet").map_err(|m| AppError::validation("max_commitment", m))?;
    let kinds = check_kinds(&form.item_kinds).map_err(|m| AppError::validation("item_kinds", m))?;
    let codes = kinds.iter().map(|k| k.as_str()).collect::<Vec<_>>().join(",");
    let txn = crate::db::begin_write(db).await?;
    let row = auto_approval_rule::ActiveModel {
        name: Set(name.to_owned()),
        max_commitment_ore: Set(max.ore()),
        own_cost_center_only: Set(form.own_cost_center_only),
        item_kinds: Set(codes.clone()),
        active: Set(true),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    crate::audit::service::record(
        &txn,
        ctx,
        "attest.auto_rule.add",
        Some("auto_approval_rule"),
        Some(&row.id.to_string()),
        serde_json::json!({
            "name": row.name,
            "max_commitment_ore": row.max_commitment_ore,
            "own_cost_center_only": row.own_cost_center_only,
            "item_kinds": codes,
        }),
    )
    .await?;
    txn.commit().await?;
    Ok(dto(row))
}

/// Deactivates a rule: orders submitted from now on are routed without it.
/// Deactivating an inactive rule changes nothing.
pub async fn deactivate_auto_rule<C>(ctx: &Ctx, db: &C, id: i32) -> Result<(), AppError>
where
    C: ConnectionTrait + TransactionTrait,
{
    require(ctx, Permission::Administer)?;
    let row = auto_approval_rule::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::not_found("Regeln finns inte."))?;
    if !row.active {
        return Ok(());
    }
    let txn = crate::db::begin_write(db).await?;
    let mut active: auto_approval_rule::ActiveModel = row.clone().into();
    active.active = Set(false);
    active.update(&txn).await?;
    crate::audit::service::record(
        &txn,
        ctx,
        "attest.auto_rule.deactivate",
        Some("auto_approval_rule"),
        Some(&row.id.to_string()),
        serde_json::json!({ "name": row.name }),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
