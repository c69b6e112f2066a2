//! Where a submitted order goes: the first auto-approval rule that matches,
//! else the attesters of its cost centre whose limit covers it, else up the
//! organisation (unit, förvaltning), else the coordinators' queue flagged
//! "saknar attestant". Written in the order's own transaction, so an order
//! never exists without its attestation.

use crate::ctx::Ctx;
use crate::domain::attest::{route, AttestState, AutoRule, Candidate, Level, OrderFacts, Route};
use crate::domain::money::Sek;
use crate::domain::orders::OrderEvent;
use crate::entities::{attest_assignment, attest_right, attestation, auto_approval_rule};
use crate::error::AppError;
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter};

/// A freshly written order, as routing needs it.
#[derive(Debug, Clone)]
pub struct Submitted {
    pub order_id: i32,
    pub requester_id: i32,
    pub recipient_id: i32,
    pub cost_center_id: i32,
    pub amount: Sek,
    /// Kind codes of the items on its lines.
    pub item_kinds: Vec<String>,
}

/// What routing decided: the order's next step and the sentence for its
/// timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Routed {
    pub event: OrderEvent,
    pub comment: String,
    /// The attesters it now waits for (none when auto-approved or unassigned).
    pub attesters: Vec<i32>,
}

/// The attest rights on `centers` valid on `day`, as candidates at
/// `level`; with `at_least`, only those whose limit covers it (the others
/// can never be chosen for that amount).
async fn rights_on<C: ConnectionTrait>(
    db: &C,
    centers: &[i32],
    level: impl Fn(i32) -> Level,
    day: NaiveDate,
    at_least: Option<Sek>,
) -> Result<Vec<Candidate>, AppError> {
    let mut out = Vec::new();
    for chunk in centers.chunks(500) {
        let mut q = attest_right::Entity::find()
            .filter(attest_right::Column::CostCenterId.is_in(chunk.iter().copied()))
            .filter(attest_right::Column::ValidFrom.lte(day))
            .filter(
                Condition::any()
                    .add(attest_right::Column::ValidTo.is_null())
                    .add(attest_right::Column::ValidTo.gte(day)),
            );
        if let Some(amount) = at_least {
            q = q.filter(attest_right::Column::LimitOre.gte(amount.ore()));
        }
        out.extend(q.all(db).await?.into_iter().map(|r| Candidate {
            person_id: r.person_id,
            level: level(r.cost_center_id),
            limit: Sek::from_ore(r.limit_ore),
        }));
    }
    Ok(out)
}

/// The valid attest rights in the förvaltning of `cost_center_id` on `day`,
/// each as a candidate at its level seen from that cost centre.
pub(crate) async fn candidates<C: ConnectionTrait>(
    db: &C,
    cost_center_id: i32,
    day: NaiveDate,
) -> Result<Vec<Candidate>, AppError> {
    let Some(hood) = crate::org::structure::neighbourhood(db, cost_center_id).await? else {
        return Ok(vec![]);
    };
    let unit_of: std::collections::HashMap<i32, i32> = hood.centers.iter().copied().collect();
    let centers: Vec<i32> = hood.centers.iter().map(|(cc, _)| *cc).collect();
    let level = |cc: i32| {
        if cc == cost_center_id {
            Level::CostCenter
        } else if unit_of.get(&cc) == Some(&hood.unit_id) {
            Level::Unit
        } else {
            Level::Administration
        }
    };
    rights_on(db, &centers, level, day, None).await
}

/// Routing one level at a time: the rules first (an automatic order reads
/// no rights), then the rights of the cost centre, of its unit, of its
/// förvaltning, each read only when the level below had nobody eligible.
/// The same answer as [`route`] over every candidate of the förvaltning
/// (`route` takes the lowest level with an eligible attester), but most
/// orders never read the förvaltning's few hundred cost centres.
pub(crate) async fn route_by_level<C: ConnectionTrait>(
    db: &C,
    facts: &OrderFacts,
    rules: &[AutoRule],
    place: Option<crate::org::structure::Place>,
    day: NaiveDate,
) -> Result<Route, AppError> {
    let auto = route(facts, rules, &[]);
    if matches!(auto, Route::Auto { .. }) {
        return Ok(auto);
    }
    let Some(place) = place else {
        return Ok(Route::NoAttester);
    };
    let amount = Some(facts.amount);
    let own = [place.cost_center_id];
    let found = rights_on(db, &own, |_| Level::CostCenter, day, amount).await?;
    if let r @ Route::Attesters { .. } = route(facts, &[], &found) {
        return Ok(r);
    }
    // The unit's and the rest of the förvaltning's in one statement: `route`
    // takes the unit's eligible attesters before the förvaltning's.
    let found = rights_above(db, place, day, facts.amount).await?;
    Ok(route(facts, &[], &found))
}

/// The attest rights valid on `day` whose limit covers `amount` on the
/// cost centres of `place`'s förvaltning other than its own: at the unit's
/// level on the unit's cost centres, at the förvaltning's on the others.
async fn rights_above<C: ConnectionTrait>(
    db: &C,
    place: crate::org::structure::Place,
    day: NaiveDate,
    amount: Sek,
) -> Result<Vec<Candidate>, AppError> {
    use sea_orm::sea_query::{Alias, Expr, JoinType, Query};
    let (c, center, unit) = (Alias::new("c"), Alias::new("center"), Alias::new("unit"));
    let centers =
        crate::org::structure::administration_centers_with_units_query(place.administration_id, place.cost_center_id);
    let mut q = Query::select();
    q.column((attest_right::Entity, attest_right::Column::PersonId))
        .column((attest_right::Entity, attest_right::Column::LimitOre))
        .expr(Expr::col((c.clone(), unit)))
        .from(attest_right::Entity)
        .join_subquery(
            JoinType::InnerJoin,
            centers,
            c.clone(),
            Expr::col((c, center)).equals((attest_right::Entity, attest_right::Column::CostCenterId)),
        )
        .and_where(attest_right::Column::ValidFrom.lte(day))
        .cond_where(
            Condition::any()
                .add(attest_right::Column::ValidTo.is_null())
                .add(attest_right::Column::ValidTo.gte(day)),
        )
        .and_where(attest_right::Column::LimitOre.gte(amount.ore()));
    db.query_all(db.get_database_backend().build(&q))
        .await?
        .iter()
        .map(|r| {
            let (person_id, limit, unit_id): (i32, i64, i32) =
                (r.try_get_by_index(0)?, r.try_get_by_index(1)?, r.try_get_by_index(2)?);
            Ok(Candidate {
                person_id,
                level: if unit_id == place.unit_id {
                    Level::Unit
                } else {
                    Level::Administration
                },
                limit: Sek::from_ore(limit),
            })
        })
        .collect()
}

/// The active auto-approval rules, oldest first.
pub(crate) async fn rules<C: ConnectionTrait>(db: &C) -> Result<Vec<AutoRule>, AppError> {
    use sea_orm::QueryOrder;
    Ok(auto_approval_rule::Entity::find()
        .filter(auto_approval_rule::Column::Active.eq(true))
        .order_by_asc(auto_approval_rule::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|r| AutoRule {
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
        })
        .collect())
}

/// The routing facts of an order whose cost centre sits at `place`. The
/// requester's unit is read only when a rule asks for the requester's own
/// cost centre (`needs_own`).
pub(crate) async fn order_facts<C: ConnectionTrait>(
    db: &C,
    o: &Submitted,
    place: Option<crate::org::structure::Place>,
    needs_own: bool,
) -> Result<OrderFacts, AppError> {
    let requester_unit = if needs_own {
        crate::org::directory::person(db, o.requester_id)
            .await?
            .map(|p| p.unit_id)
    } else {
        None
    };
    let center_unit = place.map(|p| p.unit_id);
    Ok(OrderFacts {
        requester_id: o.requester_id,
        recipient_id: o.recipient_id,
        amount: o.amount,
        own_cost_center: requester_unit.is_some() && requester_unit == center_unit,
        item_kinds: o.item_kinds.clone(),
    })
}

/// Writes the assignments of `order_id` to `people` at `level`.
pub(crate) async fn assign<C: ConnectionTrait>(
    db: &C,
    order_id: i32,
    level: Level,
    people: &[i32],
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    if people.is_empty() {
        return Ok(());
    }
    attest_assignment::Entity::insert_many(people.iter().map(|p| attest_assignment::ActiveModel {
        order_id: Set(order_id),
        person_id: Set(*p),
        level: Set(level.code()),
        assigned_at: Set(now),
        ..Default::default()
    }))
    .exec(db)
    .await?;
    Ok(())
}

/// Routes a freshly written order (inside its transaction): writes its
/// attestation and assignments, audits the step, and answers the order's
/// next event for the order service to apply.
pub async fn route_submitted<C: ConnectionTrait>(
    db: &C,
    ctx: &Ctx,
    order: &Submitted,
    now: DateTime<Utc>,
) -> Result<Routed, AppError> {
    let place = crate::org::structure::place(db, order.cost_center_id).await?;
    let rules = rules(db).await?;
    let needs_own = rules.iter().any(|r| r.own_cost_center_only);
    let facts = order_facts(db, order, place, needs_own).await?;
    let decided = route_by_level(db, &facts, &rules, place, now.date_naive()).await?;
    let names = |ids: &[i32]| {
        let ids = ids.to_vec();
        async move {
            let people = crate::org::directory::people(db, ids.iter().copied()).await?;
            Ok::<_, AppError>(
                ids.iter()
                    .filter_map(|id| people.get(id).map(|p| p.name.clone()))
                    .collect::<Vec<_>>()
                    .join(", "),
            )
        }
    };
    let (state, level, reason, routed) = match &decided {
        Route::Auto { reason, .. } => (
            AttestState::AutoApproved,
            None,
            reason.clone(),
            Routed {
                event: OrderEvent::AutoApprove,
                comment: reason.clone(),
                attesters: vec![],
            },
        ),
        Route::Attesters { level, people } => {
            let reason = format!(
                "Väntar på attest hos {} ({}, attestgräns minst {}).",
                names(people).await?,
                level.label_sv(),
                order.amount
            );
            (
                AttestState::Waiting,
                Some(*level),
                reason.clone(),
                Routed {
                    event: OrderEvent::AwaitAttestation,
                    comment: reason,
                    attesters: people.clone(),
                },
            )
        }
        Route::NoAttester => {
            let reason = format!(
                "Saknar attestant: ingen med attesträtt för kostnadsstället, enheten eller förvaltningen har en attestgräns på minst {}. Beställningen ligger hos koordinatorerna.",
                order.amount
            );
            (
                AttestState::Unassigned,
                None,
                reason.clone(),
                Routed {
                    event: OrderEvent::AwaitAttestation,
                    comment: reason,
                    attesters: vec![],
                },
            )
        }
    };
    let written = attestation::ActiveModel {
        order_id: Set(order.order_id),
        state: Set(state.as_str().to_owned()),
        level: Set(level.map(Level::code)),
        amount_ore: Set(order.amount.ore()),
        waiting_since: Set(now),
        reminded_at: Set(None),
        decided_by: Set(None),
        on_behalf_of: Set(None),
        decided_at: Set(if state == AttestState::AutoApproved {
            Some(now)
        } else {
            None
        }),
        comment: Set(String::new()),
        reason: Set(reason.clone()),
    };
    // Nothing read back: the row is what was written.
    attestation::Entity::insert(written).exec_without_returning(db).await?;
    if let Some(level) = level {
        assign(db, order.order_id, level, &routed.attesters, now).await?;
        let what = format!("En beställning på {} väntar på attest.", order.amount);
        super::notices::to_attest(
            db,
            order.order_id,
            &routed.attesters,
            crate::notify::dto::Kind::ToAttest,
            &what,
            now.date_naive(),
        )
        .await?;
    }
    let rule_id = match &decided {
        Route::Auto { rule_id, .. } => Some(*rule_id),
        _ => None,
    };
    crate::audit::service::record(
        db,
        ctx,
        "attest.route",
        Some("order"),
        Some(&order.order_id.to_string()),
        serde_json::json!({
            "state": state.as_str(),
            "level": level.map(Level::code),
            "attesters": routed.attesters,
            "rule_id": rule_id,
            "amount_ore": order.amount.ore(),
        }),
    )
    .await?;
    Ok(routed)
}
