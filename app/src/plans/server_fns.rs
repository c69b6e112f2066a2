//! Server functions of governance and plans: thin adapters over `service`.

use super::dto::{NewPlan, ObjectsOverview, PlanContent, PlanDto, PlanTemplateDto, SaveOutcome};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::state::{serve, Gate};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// `/forvaltning`: the caller's objects and a page of all (`q` part of a
/// name, `family` one family, `page` from 1).
#[server(endpoint = "plans/overview")]
pub async fn get_overview(q: String, family: Option<i32>, page: u64) -> Result<ObjectsOverview, AppError> {
    serve(Gate::SignedIn, |ctx, db| async move {
        super::service::overview(&ctx, &db, &q, family, page).await
    })
    .await
}

#[server(endpoint = "plans/get")]
pub async fn get_plan(id: i32) -> Result<PlanDto, AppError> {
    serve(Gate::SignedIn, |ctx, db| async move {
        super::service::get(&ctx, &db, id).await
    })
    .await
}

/// Starts an object's first plan for a year; returns the new plan.
#[server(endpoint = "plans/create", input = Json)]
pub async fn create_plan(object_id: i32, new: NewPlan) -> Result<PlanDto, AppError> {
    serve(Gate::SignedIn, |ctx, db| async move {
        super::service::create(&ctx, &db, object_id, new).await
    })
    .await
}

/// A family's template for new plans (the region's defaults if none is saved).
#[server(endpoint = "plans/template")]
pub async fn get_template(family_id: i32) -> Result<PlanTemplateDto, AppError> {
    serve(Gate::SignedIn, |ctx, db| async move {
        super::service::template(&ctx, &db, family_id).await
    })
    .await
}

/// Saves a family's template (administrators).
#[server(endpoint = "plans/save_template", input = Json)]
pub async fn save_template(
    family_id: i32,
    content: PlanContent,
    settings: crate::domain::plan::PlanSettings,
) -> Result<PlanTemplateDto, AppError> {
    serve(
        crate::domain::authz::Permission::ManageGovernance,
        |ctx, db| async move { super::service::save_template(&ctx, &db, family_id, content, settings).await },
    )
    .await
}

/// Sets which object roles must each approve a family's plans (administrators).
#[server(endpoint = "plans/save_adopters", input = Json)]
pub async fn save_adopters(
    family_id: i32,
    adopters: Vec<crate::domain::roles::ObjectRole>,
) -> Result<Vec<crate::domain::roles::ObjectRole>, AppError> {
    serve(
        crate::domain::authz::Permission::ManageGovernance,
        |ctx, db| async move { super::service::save_adopters(&ctx, &db, family_id, adopters).await },
    )
    .await
}

/// Saves a draft started from `version`; a stale version gets the other
/// person's plan back instead.
#[server(endpoint = "plans/save", input = Json)]
pub async fn save_plan(
    id: i32,
    version: i32,
    content: PlanContent,
    settings: crate::domain::plan::PlanSettings,
) -> Result<SaveOutcome, AppError> {
    serve(Gate::SignedIn, |ctx, db| async move {
        super::service::save(&ctx, &db, id, version, content, Some(settings)).await
    })
    .await
}

/// `event`: `submit`, `adopt` or `return`.
#[server(endpoint = "plans/decide")]
pub async fn decide_plan(id: i32, event: String, comment: String, decided_on: String) -> Result<PlanDto, AppError> {
    serve(Gate::SignedIn, |ctx, db| async move {
        let event = plan_event(&event)?;
        let decided_on = decision_date(&decided_on)?;
        super::service::decide(&ctx, &db, id, event, &comment, decided_on).await
    })
    .await
}

/// The event a decision form posts.
#[cfg(feature = "ssr")]
fn plan_event(event: &str) -> Result<crate::domain::plan::PlanEvent, AppError> {
    use crate::domain::plan::PlanEvent;
    match event {
        "submit" => Ok(PlanEvent::Submit),
        "adopt" => Ok(PlanEvent::Adopt),
        "return" => Ok(PlanEvent::Return),
        _ => Err(AppError::validation("event", "Okänd åtgärd.")),
    }
}

/// The decision's date as posted (`ÅÅÅÅ-MM-DD`); empty means none given.
#[cfg(feature = "ssr")]
fn decision_date(decided_on: &str) -> Result<Option<chrono::NaiveDate>, AppError> {
    match decided_on.trim() {
        "" => Ok(None),
        d => chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| AppError::validation("decided_on", "Skriv datumet som ÅÅÅÅ-MM-DD.")),
    }
}

/// Starts a new draft revision of an adopted plan; returns its id.
#[server(endpoint = "plans/revision")]
pub async fn start_revision(id: i32) -> Result<i32, AppError> {
    serve(Gate::SignedIn, |ctx, db| async move {
        super::service::new_revision(&ctx, &db, id).await
    })
    .await
}

/// Copies the plan into a draft for the next year; returns its id.
#[server(endpoint = "plans/next_year")]
pub async fn start_next_year(id: i32) -> Result<i32, AppError> {
    serve(Gate::SignedIn, |ctx, db| async move {
        super::service::next_year(&ctx, &db, id).await
    })
    .await
}

#[server(endpoint = "plans/compare")]
pub async fn get_comparison(from: i32, to: i32) -> Result<super::dto::Comparison, AppError> {
    serve(Gate::SignedIn, |ctx, db| async move {
        super::service::compare(&ctx, &db, from, to).await
    })
    .await
}

#[server(endpoint = "plans/portfolio")]
pub async fn get_portfolio(year: i32, query: super::dto::PortfolioQuery) -> Result<super::dto::Portfolio, AppError> {
    serve(Gate::SignedIn, |ctx, db| async move {
        let cache = crate::state::kept::<super::service::PortfolioCache>()?;
        super::service::portfolio(&ctx, &db, &cache, year, query).await
    })
    .await
}
