use super::dto::{AuditFilter, AuditPage};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::{domain::authz::Permission, state::serve};
use leptos::prelude::*;

#[server(endpoint = "audit/list")]
pub async fn list_audit(filter: AuditFilter) -> Result<AuditPage, AppError> {
    serve(Permission::ReadAudit, |ctx, db| async move {
        super::service::list(&ctx, &db, &filter, super::service::PAGE_SIZE).await
    })
    .await
}
