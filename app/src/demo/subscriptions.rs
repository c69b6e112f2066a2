//! The demo's subscriptions and the catalogue's charge facts: each item's
//! crediting cost centre (Regionservice IT's) and accounts, and a
//! subscription for every computer and phone in use in the demo register
//! (its monthly price as in the catalogue, from its delivery day), with
//! Anna Lindqvist's Microsoft 365 licence and support on her laptop. A
//! database seeded before subscriptions existed gets them too.

use super::catalog::ITEMS;
use crate::domain::subscriptions::{binding_end, Period};
use crate::entities::{asset, cost_center, item, person, subscription, subscription_change, subscription_cost_center};
use chrono::{TimeZone, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter};
use std::collections::HashMap;

/// (item kind, crediting cost centre, revenue account, expense account):
/// the region's internal accounts for computers and phones, licences and
/// services.
const CHARGE_FACTS: &[(&str, &str, &str, &str)] = &[
    ("hardware", "51120", "3521", "6421"),
    ("software_licence", "51130", "3522", "6422"),
    ("service", "51120", "3523", "6423"),
];

/// Gives every item without accounts its kind's charge facts.
pub async fn seed_charge_facts<C: ConnectionTrait>(txn: &C) -> Result<(), DbErr> {
    let centers: HashMap<String, i32> = cost_center::Entity::find()
        .all(txn)
        .await?
        .into_iter()
        .map(|c| (c.code, c.id))
        .collect();
    for (kind, center, revenue, expense) in CHARGE_FACTS {
        item::Entity::update_many()
            .col_expr(
                item::Column::ServiceCostCenterId,
                Expr::value(centers.get(*center).copied()),
            )
            .col_expr(item::Column::RevenueAccount, Expr::value(*revenue))
            .col_expr(item::Column::ExpenseAccount, Expr::value(*expense))
            .filter(item::Column::Kind.eq(*kind))
            .filter(item::Column::RevenueAccount.eq(""))
            .exec(txn)
            .await?;
    }
    Ok(())
}

/// Anna's own subscriptions besides her laptop's: (article, on her laptop).
const ANNA: &[(&str, bool)] = &[("MS-M365E3", false), ("TJ-SILV", true)];

pub async fn seed_subscriptions<C: ConnectionTrait>(txn: &C) -> Result<(), DbErr> {
    if subscription::Entity::find().count(txn).await? > 0 {
        return Ok(());
    }
    let items: HashMap<String, item::Model> = item::Entity::find()
        .all(txn)
        .await?
        .into_iter()
        .map(|i| (i.article_number.clone(), i))
        .collect();
    let monthly: HashMap<&str, i64> = ITEMS.iter().map(|i| (i.0, i.7 * 100)).collect();
    let by_id: HashMap<i32, &item::Model> = items.values().map(|i| (i.id, i)).collect();
    let held = asset::Entity::find()
        .filter(asset::Column::Status.is_in(["in_use", "in_repair"]))
        .filter(asset::Column::UserId.is_not_null())
        .all(txn)
        .await?;
    let anna = person::Entity::find()
        .filter(person::Column::Username.eq("anna.lindqvist"))
        .one(txn)
        .await?;
    // (item, monthly öre, asset, user, cost centre, start)
    let mut seeds = Vec::new();
    for a in &held {
        let Some(it) = a.item_id.and_then(|i| by_id.get(&i)) else {
            continue;
        };
        let price = monthly.get(it.article_number.as_str()).copied().unwrap_or(0);
        if price > 0 {
            if let Some(on) = a.delivered_on {
                seeds.push((*it, price, Some(a.id), a.user_id, a.cost_center_id, on));
            }
        }
    }
    if let Some(anna) = &anna {
        let laptop = held.iter().find(|a| a.tag == "NRV-100231");
        for (article, on_laptop) in ANNA {
            let (Some(it), Some(l)) = (items.get(*article), laptop) else {
                continue;
            };
            let price = monthly.get(*article).copied().unwrap_or(0);
            let Some(on) = l.delivered_on else { continue };
            seeds.push((
                it,
                price,
                on_laptop.then_some(l.id),
                Some(anna.id),
                l.cost_center_id,
                on,
            ));
        }
    }
    for (it, price, asset_id, user_id, center, start) in seeds {
        let at = Utc.from_utc_datetime(&start.and_hms_opt(10, 0, 0).unwrap_or_default());
        let s = subscription::Entity::insert(subscription::ActiveModel {
            item_id: Set(it.id),
            service: Set(it.name.clone()),
            monthly_ore: Set(price),
            order_id: Set(None),
            order_line_id: Set(None),
            unit: Set(1),
            asset_id: Set(asset_id),
            user_id: Set(user_id),
            cost_center_id: Set(center),
            service_cost_center_id: Set(it.service_cost_center_id),
            revenue_account: Set(it.revenue_account.clone()),
            expense_account: Set(it.expense_account.clone()),
            start_on: Set(start),
            binding_end: Set(binding_end(start, it.binding_months)),
            notice_months: Set(it.notice_months),
            end_on: Set(None),
            terminated_at: Set(None),
            terminated_by: Set(None),
            version: Set(1),
            created_at: Set(at),
            updated_at: Set(at),
            ..Default::default()
        })
        .exec(txn)
        .await?;
        let id = s.last_insert_id;
        subscription_cost_center::Entity::insert(subscription_cost_center::ActiveModel {
            subscription_id: Set(id),
            from_month: Set(Period::of(start).first()),
            cost_center_id: Set(center),
            ..Default::default()
        })
        .exec(txn)
        .await?;
        subscription_change::Entity::insert(subscription_change::ActiveModel {
            subscription_id: Set(id),
            at: Set(at),
            actor_person_id: Set(None),
            actor: Set("system".into()),
            field: Set("created".into()),
            old_value: Set(None),
            new_value: Set(Some(format!(
                "{} {} i månaden",
                it.name,
                crate::domain::money::Sek::from_ore(price)
            ))),
            reason: Set("Överförd från det gamla tillgångsregistret".into()),
            ..Default::default()
        })
        .exec(txn)
        .await?;
    }
    Ok(())
}
