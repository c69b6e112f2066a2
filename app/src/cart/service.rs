use super::dto::{Cart, CartFix, CartLine, CartProblem, RuleCheck, MAX_QUANTITY};
use crate::catalog::service as catalog;
use crate::ctx::{require, Ctx};
use crate::domain::catalog::{evaluate, Totals, Violation};
use crate::entities::cart_line;
use crate::error::AppError;
use chrono::NaiveDate;
use sea_orm::sea_query::{Expr, ExprTrait, Func, OnConflict, Query, SelectStatement, SimpleExpr};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait};
use std::collections::BTreeSet;

fn owner(ctx: &Ctx) -> Result<i32, AppError> {
    require(ctx, crate::domain::authz::Permission::Order)?;
    ctx.person_id().ok_or(AppError::Unauthorized)
}

pub(crate) fn overflow() -> AppError {
    AppError::validation("quantity", "Beloppet blir för stort. Minska antalet.")
}

fn out_of_range() -> AppError {
    AppError::validation("quantity", format!("Antalet ska vara mellan 0 och {MAX_QUANTITY}."))
}

fn check_quantity(q: i32) -> Result<(), AppError> {
    if !(0..=MAX_QUANTITY).contains(&q) {
        return Err(out_of_range());
    }
    Ok(())
}

/// The caller's cart with today's prices, totals and broken rules.
pub async fn get<C: ConnectionTrait>(ctx: &Ctx, db: &C, day: NaiveDate) -> Result<Cart, AppError> {
    let person = owner(ctx)?;
    let rows = cart_line::Entity::find()
        .filter(cart_line::Column::PersonId.eq(person))
        .order_by_asc(cart_line::Column::Id)
        .all(db)
        .await?;
    let ids: Vec<i32> = rows.iter().map(|r| r.item_id).collect();
    let items = catalog::summaries(db, ids.clone(), day).await?;
    let mut lines = Vec::new();
    for r in rows {
        let Some(item) = items.get(&r.item_id).cloned() else {
            continue;
        };
        let t = Totals::of_units(item.one_off, item.monthly, item.total_commitment, r.quantity).ok_or_else(overflow)?;
        lines.push(CartLine {
            one_off: t.one_off,
            monthly: t.monthly,
            commitment: t.commitment,
            item,
            quantity: r.quantity,
        });
    }
    let Totals {
        one_off,
        monthly,
        commitment,
    } = Totals::sum(lines.iter().map(|l| Totals {
        one_off: l.one_off,
        monthly: l.monthly,
        commitment: l.commitment,
    }))
    .ok_or_else(overflow)?;
    let RuleCheck { problems, fixes } = problems(db, &lines.iter().map(|l| l.item.id).collect::<Vec<_>>()).await?;
    Ok(Cart {
        lines,
        one_off,
        monthly,
        commitment,
        problems,
        fixes,
    })
}

/// The rules an order of these items breaks, explained, and the items
/// that would fix them (each once, the one that fixes most first).
pub async fn problems<C: ConnectionTrait>(db: &C, ids: &[i32]) -> Result<RuleCheck, AppError> {
    let (rules, models) = catalog::rules_for(db, ids).await?;
    let set: BTreeSet<i32> = ids.iter().copied().collect();
    let violations = evaluate(&set, &rules, &models);
    let mut wanted: Vec<i32> = Vec::new();
    for v in &violations {
        wanted.extend(v.items());
        match v {
            Violation::MissingRequired { one_of, .. } => wanted.extend(one_of),
            Violation::DoesNotFit { with, models, .. } => {
                wanted.extend(with);
                wanted.extend(models);
            }
        }
    }
    let refs = catalog::refs(db, wanted).await?;
    let name = |i: i32| {
        refs.get(&i)
            .map(|r| r.name.clone())
            .unwrap_or_else(|| format!("artikel {i}"))
    };
    // Each fix once, in the order first offered; then most problems fixed first.
    let mut fixes: Vec<CartFix> = Vec::new();
    for id in violations.iter().flat_map(|v| v.fixes()) {
        match fixes.iter_mut().find(|f| f.item.id == *id) {
            Some(f) => f.solves += 1,
            None => {
                if let Some(item) = refs.get(id).cloned() {
                    fixes.push(CartFix { item, solves: 1 });
                }
            }
        }
    }
    fixes.sort_by_key(|f| std::cmp::Reverse(f.solves));
    Ok(RuleCheck {
        problems: violations
            .iter()
            .map(|v| CartProblem {
                items: v.items().to_vec(),
                rule: v.rule_sv().to_owned(),
                message: v.message(name),
            })
            .collect(),
        fixes,
    })
}

async fn active_item<C: ConnectionTrait>(db: &C, item_id: i32) -> Result<(), AppError> {
    if catalog::item_is_active(db, item_id).await? {
        Ok(())
    } else {
        Err(AppError::not_found("Artikeln finns inte i katalogen."))
    }
}

/// How many units the caller's cart holds (one statement).
pub async fn count<C: ConnectionTrait>(ctx: &Ctx, db: &C) -> Result<u64, AppError> {
    let me = ctx.person_id().ok_or(AppError::Unauthorized)?;
    Ok(crate::db::count(db, &count_statement(me)).await?)
}

/// The statement that sums the units in `person`'s cart (zero when it is
/// empty): `count`'s, and for the header to read beside other counts in
/// one statement without naming the cart's table. `person` is an id, or
/// an outer statement's column that holds one (a correlated subquery).
pub fn count_statement(person: impl Into<SimpleExpr>) -> SelectStatement {
    Query::select()
        .expr(Func::coalesce([
            Expr::col(cart_line::Column::Quantity).sum(),
            Expr::val(0i64).into(),
        ]))
        .from(cart_line::Entity)
        .and_where(Expr::col((cart_line::Entity, cart_line::Column::PersonId)).eq(person))
        .to_owned()
}

/// Adds `quantity` of an item (to what is already there).
pub async fn add<C: ConnectionTrait>(ctx: &Ctx, db: &C, item_id: i32, quantity: i32) -> Result<(), AppError> {
    let person = owner(ctx)?;
    if quantity < 1 {
        return Err(AppError::validation("quantity", "Ange ett antal på minst 1."));
    }
    check_quantity(quantity)?;
    active_item(db, item_id).await?;
    let existing = cart_line::Entity::find()
        .filter(cart_line::Column::PersonId.eq(person))
        .filter(cart_line::Column::ItemId.eq(item_id))
        .one(db)
        .await?
        .map(|l| l.quantity)
        .unwrap_or(0);
    check_quantity(existing + quantity)?;
    // The cap holds in the statement too: two adds at once cannot pass the
    // check above together and store more than the cap between them.
    let sum = || Expr::col((cart_line::Entity, cart_line::Column::Quantity)).add(quantity);
    let written = cart_line::Entity::insert(cart_line::ActiveModel {
        person_id: Set(person),
        item_id: Set(item_id),
        quantity: Set(quantity),
        added_at: Set(chrono::Utc::now()),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([cart_line::Column::PersonId, cart_line::Column::ItemId])
            .value(cart_line::Column::Quantity, sum())
            .action_and_where(sum().lte(MAX_QUANTITY))
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    if written == 0 {
        return Err(out_of_range());
    }
    Ok(())
}

/// Sets the quantity of an item; 0 removes it.
pub async fn set_quantity<C: ConnectionTrait>(ctx: &Ctx, db: &C, item_id: i32, quantity: i32) -> Result<(), AppError> {
    let person = owner(ctx)?;
    check_quantity(quantity)?;
    let scope = cart_line::Entity::find()
        .filter(cart_line::Column::PersonId.eq(person))
        .filter(cart_line::Column::ItemId.eq(item_id));
    if quantity == 0 {
        cart_line::Entity::delete_many()
            .filter(cart_line::Column::PersonId.eq(person))
            .filter(cart_line::Column::ItemId.eq(item_id))
            .exec(db)
            .await?;
        return Ok(());
    }
    if scope.one(db).await?.is_none() {
        return add(ctx, db, item_id, quantity).await;
    }
    cart_line::Entity::update_many()
        .col_expr(cart_line::Column::Quantity, Expr::value(quantity))
        .filter(cart_line::Column::PersonId.eq(person))
        .filter(cart_line::Column::ItemId.eq(item_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Adds a bundle: its main item and its required items, in one transaction.
pub async fn add_bundle<C>(ctx: &Ctx, db: &C, bundle_id: i32) -> Result<(), AppError>
where
    C: ConnectionTrait + TransactionTrait,
{
    owner(ctx)?;
    let b = catalog::bundle_contents(db, bundle_id)
        .await?
        .ok_or_else(|| AppError::not_found("Paketet finns inte."))?;
    let txn = crate::db::begin_write(db).await?;
    add(ctx, &txn, b.main_item_id, 1).await?;
    for p in b.required {
        add(ctx, &txn, p.item_id, p.quantity).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// A line taken out of the cart for an order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TakenLine {
    pub item_id: i32,
    pub quantity: i32,
}

/// Empties the caller's cart on `txn` (the order's transaction, so the cart
/// comes back if the order is not written) and returns its lines that the
/// catalogue offers on `day`, in the order they were added: what the cart
/// page shows.
pub async fn take<C: ConnectionTrait>(ctx: &Ctx, txn: &C, day: NaiveDate) -> Result<Vec<TakenLine>, AppError> {
    let person = owner(ctx)?;
    let rows = cart_line::Entity::find()
        .filter(cart_line::Column::PersonId.eq(person))
        .order_by_asc(cart_line::Column::Id)
        .all(txn)
        .await?;
    let offered = catalog::summaries(txn, rows.iter().map(|r| r.item_id).collect(), day).await?;
    cart_line::Entity::delete_many()
        .filter(cart_line::Column::PersonId.eq(person))
        .exec(txn)
        .await?;
    Ok(rows
        .into_iter()
        .filter(|r| offered.contains_key(&r.item_id))
        .map(|r| TakenLine {
            item_id: r.item_id,
            quantity: r.quantity,
        })
        .collect())
}
