//! Server functions of the organisation area: thin adapters over `service`
//! and `directory`.

use super::dto::{OrgSummary, OrgTree, PersonRef};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::state::{serve, Gate};

#[server(endpoint = "org/summary")]
pub async fn get_org_summary() -> Result<OrgSummary, AppError> {
    serve(Gate::SignedIn, |ctx, db| async move {
        let state = crate::state::app_state()?;
        state
            .kept::<crate::state::Cached<OrgSummary>>()?
            .get_or_load(std::time::Duration::from_secs(60), || async move {
                super::service::summary(&ctx, &db).await
            })
            .await
    })
    .await
}

#[server(endpoint = "org/tree")]
pub async fn get_org_tree(q: Option<String>) -> Result<OrgTree, AppError> {
    serve(Gate::SignedIn, |ctx, db| async move {
        let q = q.map(|q| q.chars().take(100).collect::<String>());
        let register = crate::state::kept::<super::register::UnitRegister>()?;
        super::service::tree(&ctx, &db, &register, q).await
    })
    .await
}

/// People matching `q`, for choosing a colleague (the checkout's recipient,
/// an object's people), for anyone signed in.
#[server(endpoint = "org/people")]
pub async fn search_people(q: String) -> Result<Vec<PersonRef>, AppError> {
    serve(Gate::SignedIn, |ctx, db| async move {
        super::directory::search_people(&ctx, &db, &q).await
    })
    .await
}
