//! Server functions of `/admin/attestratt`: one `serve` call around the
//! service each, for administrators only.

use super::admin_dto::*;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::domain::authz::Permission;
#[cfg(feature = "ssr")]
use crate::state::serve;

/// `cost_center`: a code; `person`: a username, an email address or part
/// of a name; `include_ended`: ended rights too.
#[server(endpoint = "attest_admin/rights")]
pub async fn list_attest_rights(
    cost_center: Option<String>,
    person: Option<String>,
    include_ended: bool,
) -> Result<RightList, AppError> {
    serve(Permission::Administer, |ctx, db| async move {
        let filter = RightFilter {
            cost_center,
            person,
            include_ended,
        };
        super::rights::list_rights(&ctx, &db, &filter).await
    })
    .await
}

#[server(endpoint = "attest_admin/rights/add")]
pub async fn add_attest_right(form: RightForm) -> Result<AttestRightDto, AppError> {
    serve(Permission::Administer, |ctx, db| async move {
        super::rights::add_right(&ctx, &db, &form).await
    })
    .await
}

#[server(endpoint = "attest_admin/rights/change")]
pub async fn change_attest_right(change: RightChange) -> Result<AttestRightDto, AppError> {
    serve(Permission::Administer, |ctx, db| async move {
        super::rights::change_right(&ctx, &db, &change).await
    })
    .await
}

#[server(endpoint = "attest_admin/rights/end")]
pub async fn end_attest_right(id: i32) -> Result<(), AppError> {
    serve(Permission::Administer, |ctx, db| async move {
        super::rights::end_right(&ctx, &db, id).await
    })
    .await
}

/// Checks (`dry_run`) or imports the finance system's attest-rights file.
#[server(endpoint = "attest_admin/rights/import")]
pub async fn import_attest_rights(csv: String, dry_run: bool) -> Result<RightsImportReport, AppError> {
    serve(Permission::Administer, |ctx, db| async move {
        super::rights::import::import_csv(&ctx, &db, &csv, dry_run).await
    })
    .await
}

#[server(endpoint = "attest_admin/auto_rules")]
pub async fn list_auto_rules() -> Result<Vec<AutoRuleDto>, AppError> {
    serve(Permission::Administer, |ctx, db| async move {
        super::rights::auto_rules::list_auto_rules(&ctx, &db).await
    })
    .await
}

/// The rule form's fields: `own_cost_center_only` is sent (`true`) when
/// ticked; one `item_kinds[]` per ticked kind (none at all: any kind).
#[server(endpoint = "attest_admin/auto_rules/add")]
pub async fn add_auto_rule(
    name: String,
    max_commitment: String,
    own_cost_center_only: Option<String>,
    item_kinds: Option<Vec<String>>,
) -> Result<AutoRuleDto, AppError> {
    serve(Permission::Administer, |ctx, db| async move {
        let form = AutoRuleForm {
            name,
            max_commitment,
            own_cost_center_only: own_cost_center_only.is_some(),
            item_kinds: item_kinds.unwrap_or_default(),
        };
        super::rights::auto_rules::add_auto_rule(&ctx, &db, &form).await
    })
    .await
}

#[server(endpoint = "attest_admin/auto_rules/deactivate")]
pub async fn deactivate_auto_rule(id: i32) -> Result<(), AppError> {
    serve(Permission::Administer, |ctx, db| async move {
        super::rights::auto_rules::deactivate_auto_rule(&ctx, &db, id).await
    })
    .await
}
