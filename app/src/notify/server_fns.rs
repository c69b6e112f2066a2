use super::dto::NotificationList;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::state::{serve, Gate};
use leptos::prelude::*;

#[server(endpoint = "notifications/list")]
pub async fn list_notifications() -> Result<NotificationList, AppError> {
    serve(Gate::SignedIn, |ctx, db| async move {
        super::service::list(&ctx, &db, super::service::LIST_LIMIT).await
    })
    .await
}

#[server(endpoint = "notifications/read")]
pub async fn mark_notification_read(id: i32) -> Result<(), AppError> {
    serve(Gate::SignedIn, |ctx, db| async move {
        super::service::mark_read(&ctx, &db, id).await
    })
    .await
}

#[server(endpoint = "notifications/read-all")]
pub async fn mark_all_notifications_read() -> Result<u64, AppError> {
    serve(Gate::SignedIn, |ctx, db| async move {
        super::service::mark_all_read(&ctx, &db).await
    })
    .await
}
