//! Batches of attest-rights writes, shared by the form, the import and the
//! API: the people and cost centres a batch names (looked up at once), what
//! each right will do against the open rights ([`plan`]), and the writes
//! with their audit rows and the attester roles ([`write`]).

use crate::ctx::Ctx;
use crate::domain::money::Sek;
use crate::entities::attest_right;
use crate::error::AppError;
use crate::org::directory::{CostCenter, Person};
use chrono::NaiveDate;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter};
use std::collections::{BTreeSet, HashMap};

/// The people and cost centres a batch of rights names, looked up at once.
pub(crate) struct Refs {
    people: HashMap<String, Person>,
    centers: HashMap<String, (CostCenter, bool)>,
}

impl Refs {
    pub(crate) async fn load<C: ConnectionTrait>(
        db: &C,
        people: &[String],
        codes: &[String],
    ) -> Result<Refs, AppError> {
        Ok(Refs {
            people: crate::org::directory::people_by_login(db, people).await?,
            centers: crate::org::directory::cost_centers_by_code(db, codes).await?,
        })
    }

    /// The person with this username or email address, employed or not.
    pub(crate) fn person_any(&self, key: &str) -> Result<&Person, String> {
        let key = key.trim();
        if key.is_empty() {
            return Err("Ange personens användarnamn eller e-postadress.".into());
        }
        self.people
            .get(&key.to_lowercase())
            .ok_or_else(|| format!("Det finns ingen person med användarnamnet eller e-postadressen ”{key}”."))
    }

    /// The employed person with this username or email address.
    pub(crate) fn person(&self, key: &str) -> Result<&Person, String> {
        match self.person_any(key)? {
            p if !p.active => Err(format!(
                "{} är inte anställd längre och kan inte få attesträtt.",
                p.name
            )),
            p => Ok(p),
        }
    }

    /// The cost centre with this code, active or not.
    pub(crate) fn any_center(&self, code: &str) -> Result<&(CostCenter, bool), String> {
        let code = code.trim();
        if code.is_empty() {
            return Err("Ange kostnadsställets kod, till exempel 41210.".into());
        }
        self.centers
            .get(code)
            .ok_or_else(|| format!("Kostnadsstället ”{code}” finns inte."))
    }

    /// The active cost centre with this code.
    pub(crate) fn center(&self, code: &str) -> Result<&CostCenter, String> {
        match self.any_center(code)? {
            (c, false) => Err(format!("Kostnadsstället {} är inte aktivt.", c.label())),
            (c, true) => Ok(c),
        }
    }
}

/// A right as asked for: references found, values checked.
#[derive(Debug, Clone)]
pub(crate) struct Wanted {
    pub person: Person,
    pub center: CostCenter,
    pub limit: Sek,
    pub from: NaiveDate,
    pub to: Option<NaiveDate>,
}

/// One write of a batch.
#[derive(Debug, Clone)]
pub(crate) enum Step {
    Create(Wanted),
    Update(attest_right::Model, Wanted),
    Same(attest_right::Model),
    End(attest_right::Model),
}

impl Step {
    pub(crate) fn person_id(&self) -> i32 {
        match self {
            Step::Create(w) | Step::Update(_, w) => w.person.id,
            Step::Same(r) | Step::End(r) => r.person_id,
        }
    }
}

/// How many rights a batch creates, changes, leaves and ends.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Counts {
    pub created: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub ended: u64,
}

impl Counts {
    pub(crate) fn of(steps: &[Step]) -> Counts {
        let mut c = Counts::default();
        for s in steps {
            match s {
                Step::Create(_) => c.created += 1,
                Step::Update(..) => c.updated += 1,
                Step::Same(_) => c.unchanged += 1,
                Step::End(_) => c.ended += 1,
            }
        }
        c
    }
}

/// The open condition: a right whose last day is not past on `today`.
pub(crate) fn open_on(today: NaiveDate) -> Condition {
    Condition::any()
        .add(attest_right::Column::ValidTo.is_null())
        .add(attest_right::Column::ValidTo.gte(today))
}

/// The open (current and coming) rights of `people`.
pub(crate) async fn open_rights_of<C: ConnectionTrait>(
    db: &C,
    people: &[i32],
    today: NaiveDate,
) -> Result<Vec<attest_right::Model>, AppError> {
    let mut out = Vec::new();
    for chunk in people.chunks(500) {
        out.extend(
            attest_right::Entity::find()
                .filter(attest_right::Column::PersonId.is_in(chunk.iter().copied()))
                .filter(open_on(today))
                .all(db)
                .await?,
        );
    }
    Ok(out)
}

/// Plans `wanted` against the `open` rights: each changes the open right of
/// its person and cost centre, or creates one.
pub(crate) fn plan(wanted: Vec<Wanted>, open: &[attest_right::Model]) -> Vec<Step> {
    let by_pair: HashMap<(i32, i32), &attest_right::Model> =
        open.iter().map(|r| ((r.person_id, r.cost_center_id), r)).collect();
    wanted
        .into_iter()
        .map(|w| match by_pair.get(&(w.person.id, w.center.id)) {
            None => Step::Create(w),
            Some(r) if r.limit_ore == w.limit.ore() && r.valid_from == w.from && r.valid_to == w.to => {
                Step::Same((*r).clone())
            }
            Some(r) => Step::Update((*r).clone(), w),
        })
        .collect()
}

fn right_json(r: &attest_right::Model) -> serde_json::Value {
    serde_json::json!({
        "person_id": r.person_id,
        "cost_center_id": r.cost_center_id,
        "limit_ore": r.limit_ore,
        "valid_from": r.valid_from,
        "valid_to": r.valid_to,
    })
}

/// Writes `steps` (inside the caller's transaction): each right, its audit
/// row (`source`: form, import or api), then the attester roles of every
/// person and cost centre touched.
pub(crate) async fn write<C: ConnectionTrait>(
    db: &C,
    ctx: &Ctx,
    steps: &[Step],
    source: &str,
    today: NaiveDate,
) -> Result<Vec<i32>, AppError> {
    let now = chrono::Utc::now();
    let mut touched: BTreeSet<(i32, i32)> = BTreeSet::new();
    let mut ids = Vec::with_capacity(steps.len());
    for step in steps {
        let (action, row, before, removed) = match step {
            Step::Same(r) => {
                ids.push(r.id);
                continue;
            }
            Step::Create(w) => {
                let row = attest_right::ActiveModel {
                    person_id: Set(w.person.id),
                    cost_center_id: Set(w.center.id),
                    limit_ore: Set(w.limit.ore()),
                    valid_from: Set(w.from),
                    valid_to: Set(w.to),
                    created_at: Set(now),
                    ..Default::default()
                }
                .insert(db)
                .await?;
                ("attest.right.add", row, None, false)
            }
            Step::Update(r, w) => {
                let mut active: attest_right::ActiveModel = r.clone().into();
                active.limit_ore = Set(w.limit.ore());
                active.valid_from = Set(w.from);
                active.valid_to = Set(w.to);
                ("attest.right.change", active.update(db).await?, Some(r.clone()), false)
            }
            Step::End(r) if r.valid_from >= today => {
                // Not started: nothing to keep.
                attest_right::Entity::delete_by_id(r.id).exec(db).await?;
                ("attest.right.end", r.clone(), Some(r.clone()), true)
            }
            Step::End(r) => {
                let mut active: attest_right::ActiveModel = r.clone().into();
                active.valid_to = Set(Some(today.pred_opt().unwrap_or(today).max(r.valid_from)));
                ("attest.right.end", active.update(db).await?, Some(r.clone()), false)
            }
        };
        touched.insert((row.person_id, row.cost_center_id));
        ids.push(row.id);
        crate::audit::service::record(
            db,
            ctx,
            action,
            Some("attest_right"),
            Some(&row.id.to_string()),
            serde_json::json!({
                "source": source,
                "right": right_json(&row),
                "before": before.as_ref().map(right_json),
                "removed": removed,
            }),
        )
        .await?;
    }
    for (person, center) in touched {
        let holds = attest_right::Entity::find()
            .filter(attest_right::Column::PersonId.eq(person))
            .filter(attest_right::Column::CostCenterId.eq(center))
            .filter(open_on(today))
            .one(db)
            .await?
            .is_some();
        crate::org::service::set_attester_role(ctx, db, person, center, holds).await?;
    }
    Ok(ids)
}
