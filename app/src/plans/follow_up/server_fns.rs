//! Server functions of follow-up: thin adapters over `service`.

use super::dto::{FollowUpContent, FollowUpDto, FollowUpReport, FollowUpSaved};
use crate::domain::follow_up::Period;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::state::{serve, Gate};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// Reads a period code (`2026-T1`, `2026-03`) or explains what is expected.
pub fn period(code: &str) -> Result<Period, AppError> {
    Period::parse(code).ok_or_else(|| {
        AppError::validation(
            "period",
            "Okänd period. Ange tertial som 2026-T1 eller månad som 2026-03.",
        )
    })
}

#[server(endpoint = "follow_up/get")]
pub async fn get_follow_up(object_id: i32, period: String) -> Result<FollowUpDto, AppError> {
    serve(Gate::SignedIn, |ctx, db| async move {
        super::service::get(&ctx, &db, object_id, self::period(&period)?).await
    })
    .await
}

/// Saves the period's follow-up started from `version` (0: new); a stale
/// version gets the other person's follow-up back instead.
#[server(endpoint = "follow_up/save", input = Json)]
pub async fn save_follow_up(
    object_id: i32,
    period: String,
    version: i32,
    content: FollowUpContent,
) -> Result<FollowUpSaved, AppError> {
    serve(Gate::SignedIn, |ctx, db| async move {
        super::service::save(&ctx, &db, object_id, self::period(&period)?, version, content).await
    })
    .await
}

#[server(endpoint = "follow_up/report")]
pub async fn get_follow_up_report(period: String) -> Result<FollowUpReport, AppError> {
    serve(Gate::SignedIn, |ctx, db| async move {
        super::service::report(&ctx, &db, self::period(&period)?).await
    })
    .await
}
