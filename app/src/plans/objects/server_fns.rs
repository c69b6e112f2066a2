//! Server functions of governance objects: thin adapters over `service`.

use super::dto::{ObjectDetail, ObjectInput};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// `id` 0: the empty form of a new object.
#[server(endpoint = "objects/get")]
pub async fn get_object(id: i32) -> Result<ObjectDetail, AppError> {
    crate::state::with_status(async move {
        let ctx = crate::state::ctx();
        crate::ctx::require_signed_in(&ctx)?;
        let db = crate::state::db()?;
        super::service::detail(&ctx, &db, id).await
    })
    .await
}

/// Creates (`id` 0) or updates an object; returns its id.
#[server(endpoint = "objects/save", input = Json)]
pub async fn save_object(id: i32, input: ObjectInput) -> Result<i32, AppError> {
    crate::state::with_status(async move {
        let ctx = crate::state::ctx();
        crate::ctx::require_signed_in(&ctx)?;
        let db = crate::state::db()?;
        super::service::save(&ctx, &db, (id != 0).then_some(id), input).await
    })
    .await
}

#[server(endpoint = "objects/add_family")]
pub async fn add_family(name: String) -> Result<i32, AppError> {
    crate::state::with_status(async move {
        let ctx = crate::state::ctx();
        crate::ctx::require(&ctx, crate::domain::authz::Permission::ManageGovernance)?;
        let db = crate::state::db()?;
        super::service::add_family(&ctx, &db, &name).await
    })
    .await
}
