use super::dto::{AuditFilter, AuditPage};
use crate::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "audit/list")]
pub async fn list_audit(filter: AuditFilter) -> Result<AuditPage, AppError> {
    crate::state::with_status(async move {
        let ctx = crate::state::ctx();
        crate::ctx::require(&ctx, crate::domain::authz::Permission::ReadAudit)?;
        let db = crate::state::db()?;
        super::service::list(&ctx, &db, &filter, super::service::PAGE_SIZE).await
    })
    .await
}
