//! Server functions of governance objects: thin adapters over `service`.

use super::dto::{ObjectDetail, ObjectInput};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::{
    domain::authz::Permission,
    state::{serve, Gate},
};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// `id` 0: the empty form of a new object.
#[server(endpoint = "objects/get")]
pub async fn get_object(id: i32) -> Result<ObjectDetail, AppError> {
    serve(Gate::SignedIn, |ctx, db| async move {
        super::service::detail(&ctx, &db, id).await
    })
    .await
}

/// Creates (`id` 0) or updates an object; returns its id.
#[server(endpoint = "objects/save", input = Json)]
pub async fn save_object(id: i32, input: ObjectInput) -> Result<i32, AppError> {
    serve(Gate::SignedIn, |ctx, db| async move {
        super::service::save(&ctx, &db, (id != 0).then_some(id), input).await
    })
    .await
}

#[server(endpoint = "objects/add_family")]
pub async fn add_family(name: String) -> Result<i32, AppError> {
    serve(Permission::ManageGovernance, |ctx, db| async move {
        super::service::add_family(&ctx, &db, &name).await
    })
    .await
}
