//! A first plan for an object, and the family templates it may start from.
//!
//! The object's förvaltningsledare (or an administrator) starts the plan of a
//! year that has none: empty chapters with the region's day rates, or the
//! family's template. Either way the plan's description and products start
//! as the object's own. Administrators keep the templates.

use super::read::{financing_json, get};
use super::save::{check_settings, validate, with_directory_names};
use super::standing::{actor_name, roles_on};
use crate::audit::service::record;
use crate::ctx::{require, require_signed_in, Ctx};
use crate::domain::authz::Permission;
use crate::domain::money::Sek;
use crate::domain::plan::{PlanSettings, PlanStatus, PlanYear};
use crate::domain::roles::ObjectRole;
use crate::entities::{governance_object, object_family, object_person, plan as plan_e, plan_template};
use crate::error::AppError;
use crate::plans::dto::*;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};

fn settings_of(t: &plan_template::Model) -> PlanSettings {
    PlanSettings {
        day_rate_business: Sek::from_ore(t.day_rate_business_ore),
        day_rate_it: Sek::from_ore(t.day_rate_it_ore),
        days_per_fte: t.days_per_fte.max(0) as u32,
    }
}

async fn family<C: ConnectionTrait>(db: &C, id: i32) -> Result<object_family::Model, AppError> {
    object_family::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::not_found("Objektfamiljen finns inte."))
}

/// Whether the family has a saved template.
pub(crate) async fn has_template<C: ConnectionTrait>(db: &C, family_id: i32) -> Result<bool, AppError> {
    Ok(plan_template::Entity::find_by_id(family_id).one(db).await?.is_some())
}

/// A family's template, or the region's defaults when none is saved.
/// Everyone signed in reads it (a förvaltningsledare sees what a new plan
/// would start with); administrators may change it.
pub async fn template<C: ConnectionTrait>(ctx: &Ctx, db: &C, family_id: i32) -> Result<PlanTemplateDto, AppError> {
    require_signed_in(ctx)?;
    let f = family(db, family_id).await?;
    let can_edit = require(ctx, Permission::ManageGovernance).is_ok();
    let adopters = super::adoption::rule_of(&f)?;
    Ok(match plan_template::Entity::find_by_id(family_id).one(db).await? {
        Some(t) => PlanTemplateDto {
            family_id,
            family: f.name,
            content: serde_json::from_str(&t.content).map_err(AppError::internal)?,
            settings: settings_of(&t),
            adopters,
            updated_at: Some(t.updated_at),
            updated_by: t.updated_by,
            can_edit,
        },
        None => PlanTemplateDto {
            family_id,
            family: f.name,
            content: PlanContent::default(),
            settings: PlanSettings::default(),
            adopters,
            updated_at: None,
            updated_by: String::new(),
            can_edit,
        },
    })
}

/// Saves a family's template (administrators). What a plan may hold, a
/// template may hold; its description and products are not kept, since a
/// plan takes them from its object.
pub async fn save_template<C>(
    ctx: &Ctx,
    db: &C,
    family_id: i32,
    mut content: PlanContent,
    settings: PlanSettings,
) -> Result<PlanTemplateDto, AppError>
where
    C: ConnectionTrait + TransactionTrait,
{
    require(ctx, Permission::ManageGovernance)?;
    family(db, family_id).await?;
    let settings = check_settings(settings)?;
    content.object_description.clear();
    content.products.clear();
    content.period_start = None;
    content.period_end = None;
    validate(&content, settings)?;
    let content = with_directory_names(db, content).await?;
    let json = serde_json::to_string(&content).map_err(AppError::internal)?;
    let by = actor_name(db, ctx).await?;
    let now = chrono::SubsecRound::trunc_subsecs(chrono::Utc::now(), 6);
    let txn = crate::db::begin_write(db).await?;
    plan_template::Entity::insert(plan_template::ActiveModel {
        family_id: Set(family_id),
        content: Set(json),
        day_rate_business_ore: Set(settings.day_rate_business.ore()),
        day_rate_it_ore: Set(settings.day_rate_it.ore()),
        days_per_fte: Set(settings.days_per_fte as i32),
        updated_at: Set(now),
        updated_by: Set(by),
    })
    .on_conflict(
        OnConflict::column(plan_template::Column::FamilyId)
            .update_columns([
                plan_template::Column::Content,
                plan_template::Column::DayRateBusinessOre,
                plan_template::Column::DayRateItOre,
                plan_template::Column::DaysPerFte,
                plan_template::Column::UpdatedAt,
                plan_template::Column::UpdatedBy,
            ])
            .to_owned(),
    )
    .exec(&txn)
    .await?;
    record(
        &txn,
        ctx,
        "plan_template.saved",
        Some("object_family"),
        Some(&family_id.to_string()),
        serde_json::json!({ "forums": content.forums.len(), "goals": content.goals.len() }),
    )
    .await?;
    txn.commit().await?;
    template(ctx, db, family_id).await
}

/// The name of an object role in the plan's organisation table (PM3's
/// "förvaltningsledare verksamhet" for the business side's leader).
fn pm3_role(role: ObjectRole) -> &'static str {
    match role {
        ObjectRole::Forvaltningsledare => "Förvaltningsledare verksamhet",
        r => r.label_sv(),
    }
}

/// Fills the organisation's table of a new plan with the object's people:
/// a role of the template nobody holds takes the first person holding it on
/// the object, and everyone else is added after (role order), each with
/// their unit as organisation.
async fn staff_from_object<C: ConnectionTrait>(
    db: &C,
    object_id: i32,
    content: &mut PlanContent,
) -> Result<(), AppError> {
    let links = object_person::Entity::find()
        .filter(object_person::Column::ObjectId.eq(object_id))
        .order_by_asc(object_person::Column::Id)
        .all(db)
        .await?;
    let people = crate::org::directory::people(db, links.iter().map(|l| l.person_id)).await?;
    let units = crate::org::directory::person_refs(db, &people.values().collect::<Vec<_>>()).await?;
    for role in ObjectRole::ALL {
        for l in links.iter().filter(|l| l.role == role.as_str()) {
            let Some(p) = people.get(&l.person_id) else { continue };
            let organisation = units.get(&p.id).map(|r| r.unit.clone()).unwrap_or_default();
            let label = pm3_role(role);
            match content
                .staffing
                .iter_mut()
                .find(|s| s.role.eq_ignore_ascii_case(label) && s.vacant())
            {
                Some(open) => {
                    open.person_id = Some(p.id);
                    if open.organisation.trim().is_empty() {
                        open.organisation = organisation;
                    }
                }
                None => content.staffing.push(Staffing {
                    id: format!("o{}-{}", l.id, role.as_str()),
                    role: label.to_owned(),
                    person_id: Some(p.id),
                    name: p.name.clone(),
                    organisation,
                    fte: None,
                    paid_by: String::new(),
                }),
            }
        }
    }
    Ok(())
}

/// May start plans for the object: its förvaltningsledare, administrators.
pub(crate) fn may_create(ctx: &Ctx, editor: bool) -> bool {
    editor || require(ctx, Permission::ManageGovernance).is_ok()
}

/// Starts the object's first plan for `year` (revision 1, a draft). A year
/// that has a plan already is a conflict: that plan is revised or copied
/// from its page instead.
pub async fn create<C>(ctx: &Ctx, db: &C, object_id: i32, new: NewPlan) -> Result<PlanDto, AppError>
where
    C: ConnectionTrait + TransactionTrait,
{
    require_signed_in(ctx)?;
    let o = governance_object::Entity::find_by_id(object_id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::not_found("Förvaltningsobjektet finns inte."))?;
    let standing = roles_on(db, ctx, object_id).await?;
    if !may_create(ctx, standing.can(Permission::EditPlan)) {
        return Err(AppError::ForbiddenWithMessage {
            message: "Bara objektets förvaltningsledare eller en administratör kan starta en förvaltningsplan.".into(),
        });
    }
    let year = PlanYear::new(new.year)
        .map_err(|m| AppError::validation("year", m))?
        .get();
    let taken = || {
        AppError::conflict(format!(
            "{} har redan en förvaltningsplan för {year}. Öppna den i stället.",
            o.name
        ))
    };
    let existing = plan_e::Entity::find()
        .filter(plan_e::Column::ObjectId.eq(object_id))
        .filter(plan_e::Column::Year.eq(year))
        .count(db)
        .await?;
    if existing > 0 {
        return Err(taken());
    }
    let (mut content, settings) = match new.from_template {
        true => match plan_template::Entity::find_by_id(o.family_id).one(db).await? {
            Some(t) => (
                serde_json::from_str::<PlanContent>(&t.content).map_err(AppError::internal)?,
                settings_of(&t),
            ),
            None => return Err(AppError::validation(
                "from_template",
                "Objektfamiljen har ingen planmall. Börja med en tom plan, eller be en administratör lägga upp mallen.",
            )),
        },
        false => (PlanContent::default(), PlanSettings::default()),
    };
    content.period_start = chrono::NaiveDate::from_ymd_opt(year, 1, 1);
    content.period_end = chrono::NaiveDate::from_ymd_opt(year, 12, 31);
    content.object_description = o.description.clone();
    content.products = o.products.clone();
    staff_from_object(db, object_id, &mut content).await?;
    let roll_up = validate(&content, check_settings(settings)?)?;
    let content = with_directory_names(db, content).await?;
    let totals = Totals::checked_of(&roll_up).ok_or(AppError::Internal)?;
    let by = actor_name(db, ctx).await?;
    let now = chrono::SubsecRound::trunc_subsecs(chrono::Utc::now(), 6);
    let txn = crate::db::begin_write(db).await?;
    let inserted = plan_e::ActiveModel {
        object_id: Set(object_id),
        year: Set(year),
        revision: Set(1),
        status: Set(PlanStatus::Utkast.as_str().into()),
        version: Set(1),
        content: Set(serde_json::to_string(&content).map_err(AppError::internal)?),
        day_rate_business_ore: Set(settings.day_rate_business.ore()),
        day_rate_it_ore: Set(settings.day_rate_it.ore()),
        days_per_fte: Set(settings.days_per_fte as i32),
        total_ore: Set(totals.total.ore()),
        vm_ore: Set(totals.vm.ore()),
        vu_ore: Set(totals.vu.ore()),
        business_ore: Set(totals.business.ore()),
        it_ore: Set(totals.it.ore()),
        fte_hundredths: Set(totals.fte.hundredths()),
        financing: Set(financing_json(&content)?),
        decided_on: Set(None),
        decision_minutes: Set(String::new()),
        updated_at: Set(now),
        updated_by: Set(by),
        ..Default::default()
    }
    .insert(&txn)
    .await;
    let p = match inserted {
        Ok(p) => p,
        // Someone started the same year at the same moment.
        Err(e) if crate::db::is_unique_violation(&e) => return Err(taken()),
        Err(e) => return Err(e.into()),
    };
    super::portfolio::changed(&txn).await?;
    record(
        &txn,
        ctx,
        "plan.created",
        Some("plan"),
        Some(&p.id.to_string()),
        serde_json::json!({ "object": object_id, "year": year, "from_template": new.from_template }),
    )
    .await?;
    txn.commit().await?;
    get(ctx, db, p.id).await
}
