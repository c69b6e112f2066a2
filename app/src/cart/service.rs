use super::dto::{Cart, CartLine, CartProblem, MAX_QUANTITY};
use crate::catalog::service as catalog;
use crate::ctx::{require, Ctx};
use crate::domain::catalog::{evaluate, Totals, Violation};
use crate::entities::{bundle, bundle_item, cart_line, item};
use crate::error::AppError;
use chrono::NaiveDate;
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
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
    let problems = problems(db, &lines.iter().map(|l| l.item.id).collect::<Vec<_>>()).await?;
    Ok(Cart {
        lines,
        one_off,
        monthly,
        commitment,
        problems,
    })
}

/// The rules an order of these items breaks, explained.
pub async fn problems<C: ConnectionTrait>(db: &C, ids: &[i32]) -> Result<Vec<CartProblem>, AppError> {
    let (rules, models) = catalog::rules_for(db, ids).await?;
    let set: BTreeSet<i32> = ids.iter().copied().collect();
    let violations = evaluate(&set, &rules, &models);
    let mut wanted: Vec<i32> = Vec::new();
    for v in &violations {
        wanted.push(v.item());
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
    Ok(violations
        .iter()
        .map(|v| CartProblem {
            item_id: v.item(),
            message: v.message(name),
            fixes: match v {
                Violation::MissingRequired { one_of, .. } => {
                    one_of.iter().filter_map(|i| refs.get(i).cloned()).collect()
                }
                Violation::DoesNotFit { .. } => vec![],
            },
        })
        .collect())
}

async fn active_item<C: ConnectionTrait>(db: &C, item_id: i32) -> Result<(), AppError> {
    match item::Entity::find_by_id(item_id).one(db).await? {
        Some(i) if i.active => Ok(()),
        _ => Err(AppError::not_found("Artikeln finns inte i katalogen.")),
    }
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
    let b = bundle::Entity::find_by_id(bundle_id)
        .one(db)
        .await?
        .filter(|b| b.active)
        .ok_or_else(|| AppError::not_found("Paketet finns inte."))?;
    let parts = bundle_item::Entity::find()
        .filter(bundle_item::Column::BundleId.eq(b.id))
        .filter(bundle_item::Column::Required.eq(true))
        .all(db)
        .await?;
    let txn = db.begin().await?;
    add(ctx, &txn, b.main_item_id, 1).await?;
    for p in parts {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ctx::Actor;
    use crate::domain::money::Sek;
    use crate::testing::test_db;
    use std::collections::HashMap;

    async fn setup() -> (crate::testing::TestDb, Ctx, HashMap<String, i32>) {
        let t = test_db().await;
        crate::demo::seed_demo(&t.db).await.unwrap();
        let anna = crate::entities::person::Entity::find()
            .filter(crate::entities::person::Column::Username.eq("anna.lindqvist"))
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        let ctx = Ctx {
            actor: Actor::Person {
                id: anna.id,
                username: anna.username,
            },
            roles: vec![crate::domain::roles::Role::Requester],
            ip: None,
        };
        let ids = item::Entity::find()
            .all(&t.db)
            .await
            .unwrap()
            .into_iter()
            .map(|i| (i.article_number, i.id))
            .collect();
        (t, ctx, ids)
    }

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
    }

    #[tokio::test]
    async fn a_bundle_adds_its_main_and_required_items_and_breaks_no_rule() {
        let (t, ctx, _) = setup().await;
        let b = bundle::Entity::find()
            .filter(bundle::Column::Code.eq("STD-BARBAR"))
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        add_bundle(&ctx, &t.db, b.id).await.unwrap();
        let cart = get(&ctx, &t.db, day()).await.unwrap();
        let articles: Vec<&str> = cart.lines.iter().map(|l| l.item.article_number.as_str()).collect();
        assert_eq!(
            articles,
            vec!["DL-5450", "DL-WD22TB4", "DL-P2425H", "LG-MK295", "TJ-INST"]
        );
        assert!(cart.problems.is_empty(), "{:?}", cart.problems);
        // 2 890 + 2 190 + 399 + 950 one-off; 389/month × 36 for the laptop.
        assert_eq!(cart.one_off, Sek::from_kronor(6429));
        assert_eq!(cart.monthly, Sek::from_kronor(389));
        assert_eq!(cart.commitment, Sek::from_kronor(6429 + 389 * 36));
    }

    #[tokio::test]
    async fn removing_the_dock_explains_what_is_missing_and_offers_it() {
        let (t, ctx, ids) = setup().await;
        add(&ctx, &t.db, ids["DL-5450"], 1).await.unwrap();
        let cart = get(&ctx, &t.db, day()).await.unwrap();
        assert_eq!(cart.problems.len(), 1);
        assert_eq!(
            cart.problems[0].message,
            "Dell Latitude 5450 kräver Dell WD22TB4 Thunderbolt-docka i samma beställning."
        );
        assert_eq!(cart.problems[0].fixes[0].article_number, "DL-WD22TB4");
        add(&ctx, &t.db, ids["DL-WD22TB4"], 1).await.unwrap();
        assert!(get(&ctx, &t.db, day()).await.unwrap().problems.is_empty());
    }

    #[tokio::test]
    async fn a_dock_for_another_brand_does_not_fit() {
        let (t, ctx, ids) = setup().await;
        add(&ctx, &t.db, ids["HP-840"], 1).await.unwrap();
        add(&ctx, &t.db, ids["DL-WD22TB4"], 1).await.unwrap();
        let cart = get(&ctx, &t.db, day()).await.unwrap();
        let messages: Vec<&str> = cart.problems.iter().map(|p| p.message.as_str()).collect();
        assert!(
            messages.contains(&"Dell WD22TB4 Thunderbolt-docka passar inte till HP EliteBook 840 G11. Den passar bara till Dell Latitude 5450 eller Dell Latitude 7450."),
            "{messages:?}"
        );
    }

    #[tokio::test]
    async fn quantities_add_up_and_zero_removes_and_limits_are_checked() {
        let (t, ctx, ids) = setup().await;
        let dock = ids["DL-WD22TB4"];
        add(&ctx, &t.db, dock, 2).await.unwrap();
        add(&ctx, &t.db, dock, 3).await.unwrap();
        assert_eq!(get(&ctx, &t.db, day()).await.unwrap().lines[0].quantity, 5);
        assert_eq!(
            set_quantity(&ctx, &t.db, dock, 1000).await.unwrap_err().field(),
            Some("quantity")
        );
        set_quantity(&ctx, &t.db, dock, 0).await.unwrap();
        assert!(get(&ctx, &t.db, day()).await.unwrap().lines.is_empty());
        assert!(matches!(
            add(&ctx, &t.db, 999_999, 1).await,
            Err(AppError::NotFound { .. })
        ));
    }

    #[tokio::test]
    async fn adds_at_once_cannot_pass_the_cap_together() {
        let (t, ctx, ids) = setup().await;
        let dock = ids["DL-WD22TB4"];
        add(&ctx, &t.db, dock, 500).await.unwrap();
        let (a, b) = tokio::join!(add(&ctx, &t.db, dock, 499), add(&ctx, &t.db, dock, 499));
        assert!(a.is_ok() || b.is_ok());
        let quantity = get(&ctx, &t.db, day()).await.unwrap().lines[0].quantity;
        assert_eq!(quantity, 999);
    }

    #[tokio::test]
    async fn each_person_has_their_own_cart() {
        let (t, ctx, ids) = setup().await;
        add(&ctx, &t.db, ids["JB-E40"], 1).await.unwrap();
        let other = Ctx {
            actor: Actor::Person {
                id: ctx.person_id().unwrap() + 1,
                username: "x".into(),
            },
            ..ctx.clone()
        };
        assert!(get(&other, &t.db, day()).await.unwrap().lines.is_empty());
        assert_eq!(
            get(&Ctx::anonymous(), &t.db, day()).await.unwrap_err(),
            AppError::Unauthorized
        );
    }
}
