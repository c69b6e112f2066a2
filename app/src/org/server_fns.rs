//! Server functions of the organisation area: thin adapters over `service`.

use super::dto::{OrgSummary, OrgTree};
use crate::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "org/summary")]
pub async fn get_org_summary() -> Result<OrgSummary, AppError> {
    crate::state::with_status(async move {
        let ctx = crate::state::ctx();
        crate::ctx::require_signed_in(&ctx)?;
        let state = crate::state::app_state()?;
        let db = state.db.clone();
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
    crate::state::with_status(async move {
        let ctx = crate::state::ctx();
        crate::ctx::require_signed_in(&ctx)?;
        let db = crate::state::db()?;
        let q = q.map(|q| q.chars().take(100).collect::<String>());
        super::service::tree(&ctx, &db, q).await
    })
    .await
}
