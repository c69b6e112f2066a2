//! Server functions of the organisation area: thin adapters over `service`.

use super::dto::{OrgSummary, OrgTree};
use crate::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "org/summary")]
pub async fn get_org_summary() -> Result<OrgSummary, AppError> {
    // Authorization arrives with identity and access; the counts are public
    // to everyone who can reach Avrop.
    let ctx = crate::ctx::Ctx::anonymous();
    let db = crate::state::db()?;
    super::service::summary(&ctx, &db).await
}

#[server(endpoint = "org/tree")]
pub async fn get_org_tree(q: Option<String>) -> Result<OrgTree, AppError> {
    let ctx = crate::ctx::Ctx::anonymous();
    let db = crate::state::db()?;
    let q = q.map(|q| q.chars().take(100).collect::<String>());
    super::service::tree(&ctx, &db, q).await
}
