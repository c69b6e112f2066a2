//! Server functions of governance and plans: thin adapters over `service`.

use super::dto::{FamilyDto, PlanContent, PlanDto, SaveOutcome};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

#[server(endpoint = "plans/objects")]
pub async fn get_objects() -> Result<Vec<FamilyDto>, AppError> {
    crate::state::with_status(async move {
        let ctx = crate::state::ctx();
        crate::ctx::require_signed_in(&ctx)?;
        let db = crate::state::db()?;
        super::service::objects(&ctx, &db).await
    })
    .await
}

#[server(endpoint = "plans/get")]
pub async fn get_plan(id: i32) -> Result<PlanDto, AppError> {
    crate::state::with_status(async move {
        let ctx = crate::state::ctx();
        crate::ctx::require_signed_in(&ctx)?;
        let db = crate::state::db()?;
        super::service::get(&ctx, &db, id).await
    })
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
    crate::state::with_status(async move {
        let ctx = crate::state::ctx();
        crate::ctx::require_signed_in(&ctx)?;
        let db = crate::state::db()?;
        super::service::save(&ctx, &db, id, version, content, Some(settings)).await
    })
    .await
}

/// `event`: `submit`, `adopt` or `return`.
#[server(endpoint = "plans/decide")]
pub async fn decide_plan(id: i32, event: String, comment: String, decided_on: String) -> Result<PlanDto, AppError> {
    crate::state::with_status(async move {
        use crate::domain::plan::PlanEvent;
        let ctx = crate::state::ctx();
        crate::ctx::require_signed_in(&ctx)?;
        let db = crate::state::db()?;
        let event = match event.as_str() {
            "submit" => PlanEvent::Submit,
            "adopt" => PlanEvent::Adopt,
            "return" => PlanEvent::Return,
            _ => return Err(AppError::validation("event", "Okänd åtgärd.")),
        };
        let decided_on = match decided_on.trim() {
            "" => None,
            d => Some(
                chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
                    .map_err(|_| AppError::validation("decided_on", "Skriv datumet som ÅÅÅÅ-MM-DD."))?,
            ),
        };
        super::service::decide(&ctx, &db, id, event, &comment, decided_on).await
    })
    .await
}

/// Starts a new draft revision of an adopted plan; returns its id.
#[server(endpoint = "plans/revision")]
pub async fn start_revision(id: i32) -> Result<i32, AppError> {
    crate::state::with_status(async move {
        let ctx = crate::state::ctx();
        crate::ctx::require_signed_in(&ctx)?;
        let db = crate::state::db()?;
        super::service::new_revision(&ctx, &db, id).await
    })
    .await
}

/// Copies the plan into a draft for the next year; returns its id.
#[server(endpoint = "plans/next_year")]
pub async fn start_next_year(id: i32) -> Result<i32, AppError> {
    crate::state::with_status(async move {
        let ctx = crate::state::ctx();
        crate::ctx::require_signed_in(&ctx)?;
        let db = crate::state::db()?;
        super::service::next_year(&ctx, &db, id).await
    })
    .await
}

#[server(endpoint = "plans/compare")]
pub async fn get_comparison(from: i32, to: i32) -> Result<super::dto::Comparison, AppError> {
    crate::state::with_status(async move {
        let ctx = crate::state::ctx();
        crate::ctx::require_signed_in(&ctx)?;
        let db = crate::state::db()?;
        super::service::compare(&ctx, &db, from, to).await
    })
    .await
}

#[server(endpoint = "plans/portfolio")]
pub async fn get_portfolio(year: i32) -> Result<super::dto::Portfolio, AppError> {
    crate::state::with_status(async move {
        let ctx = crate::state::ctx();
        crate::ctx::require_signed_in(&ctx)?;
        let db = crate::state::db()?;
        super::service::portfolio(&ctx, &db, year).await
    })
    .await
}
