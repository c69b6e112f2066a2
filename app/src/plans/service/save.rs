//! Saving a draft: what a plan may store, and the save itself with
//! optimistic locking on the plan's version.

use super::read::{dto, financing_json, find, settings_of, status_of};
use super::standing::{actor_name, actor_of, roles_on};
use crate::ctx::{require_signed_in, Ctx};
use crate::domain::plan::{self, PlanSettings, PlanStatus, RollUp};
use crate::entities::plan as plan_e;
use crate::error::AppError;
use crate::plans::dto::*;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, TransactionTrait};

/// Day rates above zero and at most 100 000 kr; 100–260 working days an FTE.
pub fn check_settings(s: PlanSettings) -> Result<PlanSettings, AppError> {
    s.check()
        .map_err(|(field, message)| AppError::validation(field, message))
}

/// Checks what a save may store: texts within limits, need references that
/// exist, and money that adds up without overflow. A draft's financing
/// shares need not add up yet; [`ready_for_review`] asks that.
pub fn validate(content: &PlanContent, settings: PlanSettings) -> Result<RollUp, AppError> {
    let long = |s: &str, max: usize| s.chars().count() > max;
    for (field, text, max) in [
        ("object_description", &content.object_description, 20_000),
        ("products", &content.products, 20_000),
        ("current_state", &content.current_state, 20_000),
        ("organisation", &content.organisation, 20_000),
        ("projects", &content.projects, 20_000),
        ("background", &content.background, 20_000),
        ("purpose", &content.purpose, 20_000),
        ("target_group", &content.target_group, 20_000),
        ("overall_goals", &content.overall_goals, 20_000),
    ] {
        if long(text, max) {
            return Err(AppError::validation(field, "Texten är för lång (högst 20 000 tecken)."));
        }
    }
    if content.goals.len() > 1_000 || content.needs.len() > 500 || content.forums.len() > 100 {
        return Err(AppError::validation("goals", "Planen har för många rader."));
    }
    for (i, n) in content.needs.iter().enumerate() {
        if long(&n.text, 2_000) {
            return Err(AppError::validation(
                "needs",
                format!("Behov {} är för långt (högst 2 000 tecken).", i + 1),
            ));
        }
        if long(&n.title, 200) {
            return Err(AppError::validation(
                "needs",
                format!("Rubriken på behov {} är för lång (högst 200 tecken).", i + 1),
            ));
        }
    }
    for (i, g) in content.activity_goals.iter().enumerate() {
        if content.activity_goals[..i].iter().any(|o| o.activity == g.activity) {
            return Err(AppError::validation(
                "activity_goals",
                format!("{} har redan ett övergripande mål.", g.activity.label_sv()),
            ));
        }
        if long(&g.text, 2_000) {
            return Err(AppError::validation(
                "activity_goals",
                format!(
                    "Det övergripande målet för {} är för långt (högst 2 000 tecken).",
                    g.activity.in_sentence()
                ),
            ));
        }
    }
    for (i, f) in content.forums.iter().enumerate() {
        let fields = [&f.name, &f.purpose, &f.participants, &f.frequency, &f.convener];
        if fields.iter().any(|t| long(t, 2_000)) {
            return Err(AppError::validation(
                "forums",
                format!("En text i forum {} är för lång (högst 2 000 tecken).", i + 1),
            ));
        }
    }
    for checked in [
        check_table(&content.project_list),
        check_table(&content.staffing),
        check_table(&content.it_services),
        check_table(&content.integrations),
    ] {
        checked.map_err(|(field, message)| AppError::validation(field, message))?;
    }
    if let (Some(start), Some(end)) = (content.period_start, content.period_end) {
        if end < start {
            return Err(AppError::validation(
                "period_end",
                "Planperioden kan inte sluta innan den börjar.",
            ));
        }
        if end.signed_duration_since(start).num_days() > 5 * 366 {
            return Err(AppError::validation(
                "period_end",
                "Planperioden kan vara högst fem år.",
            ));
        }
    }
    if content.financing.len() > 50 {
        return Err(AppError::validation(
            "financing",
            "Planen kan ha högst 50 finansierande parter.",
        ));
    }
    for (i, p) in content.financing.iter().enumerate() {
        if long(&p.name, 200) {
            return Err(AppError::validation(
                "financing",
                format!("Namnet på part {} är för långt (högst 200 tecken).", i + 1),
            ));
        }
    }
    for (i, g) in content.goals.iter().enumerate() {
        if long(&g.text, 2_000) {
            return Err(AppError::validation(
                "goals",
                format!("Mål {} är för långt (högst 2 000 tecken).", i + 1),
            ));
        }
        for n in g.needs.split([',', ' ']).map(str::trim).filter(|n| !n.is_empty()) {
            match n.parse::<usize>() {
                Ok(k) if (1..=content.needs.len()).contains(&k) => {}
                _ => {
                    return Err(AppError::validation(
                        "goals",
                        format!("Mål {} hänvisar till behov {n}, som inte finns.", i + 1),
                    ))
                }
            }
        }
    }
    plan::roll_up(&content.costs(), settings).ok_or_else(too_large)
}

/// What a plan needs before it is sent for review, beyond what any save
/// checks: goals that answer only needs the plan includes, and financing
/// parties with names and shares adding up to 100 %.
pub fn ready_for_review(content: &PlanContent) -> Result<(), AppError> {
    // Flagged needs are listed, but no goal may answer them: what the plan
    // pays for comes from the needs it includes.
    for (i, g) in content.goals.iter().enumerate() {
        for k in g.needs.split([',', ' ']).filter_map(|n| n.trim().parse::<usize>().ok()) {
            if let Some(n) = k
                .checked_sub(1)
                .and_then(|at| content.needs.get(at))
                .filter(|n| n.flagged())
            {
                let why = if n.excluded {
                    "ingår inte i planen"
                } else {
                    "finansieras utanför förvaltningen"
                };
                return Err(AppError::validation(
                    "goals",
                    format!(
                        "Mål {} hänvisar till behov {k}, som {why}. Ta bort hänvisningen eller markeringen på behovet.",
                        i + 1
                    ),
                ));
            }
        }
    }
    if let Some(i) = content.it_services.iter().position(|s| s.level.is_none()) {
        return Err(AppError::validation(
            "it_services",
            format!(
                "IT-tjänst {} saknar servicenivå. Välj Järn, Brons, Silver, Guld eller Platina innan planen skickas på avstämning.",
                i + 1
            ),
        ));
    }
    if let Some(i) = content.financing.iter().position(|p| p.name.trim().is_empty()) {
        return Err(AppError::validation(
            "financing",
            format!("Finansierande part {} saknar namn.", i + 1),
        ));
    }
    let shares: Vec<u32> = content.financing.iter().map(|p| p.share).collect();
    if let Some(problem) = (!shares.is_empty())
        .then(|| crate::domain::cost_split::sum_problem(&shares))
        .flatten()
    {
        return Err(AppError::validation(
            "financing",
            format!("{problem} Rätta fördelningsnyckeln innan planen skickas på avstämning."),
        ));
    }
    Ok(())
}

/// The organisation's people from the directory under their directory
/// names (a name typed by the client is not trusted); a person the directory
/// does not have is refused.
pub async fn with_directory_names<C: ConnectionTrait>(
    db: &C,
    mut content: PlanContent,
) -> Result<PlanContent, AppError> {
    let ids: Vec<i32> = content.staffing.iter().filter_map(|s| s.person_id).collect();
    if ids.is_empty() {
        return Ok(content);
    }
    let people = crate::org::directory::people(db, ids).await?;
    for (i, s) in content.staffing.iter_mut().enumerate() {
        if let Some(id) = s.person_id {
            let p = people.get(&id).ok_or_else(|| {
                AppError::validation(
                    "staffing",
                    format!(
                        "Organisationens rad {}: personen finns inte i katalogen. Välj personen igen.",
                        i + 1
                    ),
                )
            })?;
            s.name = p.name.clone();
        }
    }
    Ok(content)
}

/// A plan whose sums do not fit: refused, never wrapped or saturated.
fn too_large() -> AppError {
    AppError::validation("goals", "Beloppen blir för stora att räkna med.")
}

/// Saves a draft if nobody else has saved since `version`; otherwise
/// returns the plan as it now is and writes nothing.
pub async fn save<C>(
    ctx: &Ctx,
    db: &C,
    id: i32,
    version: i32,
    content: PlanContent,
    settings: Option<PlanSettings>,
) -> Result<SaveOutcome, AppError>
where
    C: ConnectionTrait + TransactionTrait,
{
    require_signed_in(ctx)?;
    let next = plan::next_version(version, 1)
        .ok_or_else(|| AppError::validation("version", "Planen har ingen sådan version. Läs in den igen."))?;
    let p = find(db, id).await?;
    let roles = roles_on(db, ctx, p.object_id).await?;
    if !actor_of(&roles).editor {
        return Err(AppError::ForbiddenWithMessage {
            message: "Bara objektets förvaltningsledare kan ändra planen.".into(),
        });
    }
    let status = status_of(&p)?;
    if !status.editable() {
        return Err(AppError::conflict(match status {
            PlanStatus::Faststalld => "Planen är fastställd och kan inte ändras. Starta en ny revision.",
            _ => "Planen är skickad på avstämning och kan inte ändras förrän den skickas tillbaka.",
        }));
    }
    let settings = match settings {
        Some(s) => check_settings(s)?,
        None => settings_of(&p),
    };
    let roll_up = validate(&content, settings)?;
    let content = with_directory_names(db, content).await?;
    let by = actor_name(db, ctx).await?;
    let json = serde_json::to_string(&content).map_err(AppError::internal)?;
    let now = chrono::SubsecRound::trunc_subsecs(chrono::Utc::now(), 6);
    let t = Totals::checked_of(&roll_up).ok_or_else(too_large)?;
    let res = plan_e::Entity::update_many()
        .col_expr(plan_e::Column::Content, Expr::value(json))
        .col_expr(plan_e::Column::Version, Expr::value(next))
        .col_expr(
            plan_e::Column::DayRateBusinessOre,
            Expr::value(settings.day_rate_business.ore()),
        )
        .col_expr(plan_e::Column::DayRateItOre, Expr::value(settings.day_rate_it.ore()))
        .col_expr(plan_e::Column::DaysPerFte, Expr::value(settings.days_per_fte as i32))
        .col_expr(plan_e::Column::TotalOre, Expr::value(t.total.ore()))
        .col_expr(plan_e::Column::VmOre, Expr::value(t.vm.ore()))
        .col_expr(plan_e::Column::VuOre, Expr::value(t.vu.ore()))
        .col_expr(plan_e::Column::BusinessOre, Expr::value(t.business.ore()))
        .col_expr(plan_e::Column::ItOre, Expr::value(t.it.ore()))
        .col_expr(plan_e::Column::FteHundredths, Expr::value(t.fte.hundredths()))
        .col_expr(plan_e::Column::Financing, Expr::value(financing_json(&content)?))
        .col_expr(plan_e::Column::UpdatedAt, Expr::value(now))
        .col_expr(plan_e::Column::UpdatedBy, Expr::value(by))
        .filter(plan_e::Column::Id.eq(id))
        .filter(plan_e::Column::Version.eq(version))
        .filter(plan_e::Column::Status.eq(PlanStatus::Utkast.as_str()))
        .exec(db)
        .await?;
    if res.rows_affected == 0 {
        let current = find(db, id).await?;
        return Ok(SaveOutcome::Conflict(Box::new(dto(db, current, &roles).await?)));
    }
    Ok(SaveOutcome::Saved {
        version: next,
        updated_at: now,
    })
}
