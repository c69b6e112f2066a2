//! Server functions of attestation: one `serve` call around the service.

use super::dto::{AttestView, DecisionOutcome, PendingOrder, Substitutes};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::state::{serve, Gate};

#[server(endpoint = "attest/pending")]
pub async fn get_pending() -> Result<Vec<PendingOrder>, AppError> {
    serve(Gate::SignedIn, |ctx, db| async move {
        super::service::pending(&ctx, &db).await
    })
    .await
}

/// The coordinators' queue of orders nobody may attest.
#[server(endpoint = "attest/unassigned")]
pub async fn get_unassigned() -> Result<Vec<PendingOrder>, AppError> {
    serve(crate::domain::authz::Permission::Coordinate, |ctx, db| async move {
        super::service::unassigned(&ctx, &db).await
    })
    .await
}

#[server(endpoint = "attest/view")]
pub async fn get_attest_view(order_id: i32) -> Result<AttestView, AppError> {
    serve(Gate::SignedIn, |ctx, db| async move {
        super::service::view(&ctx, &db, order_id).await
    })
    .await
}

/// `decision`: `approve` or `reject` (a rejection needs a comment).
#[server(endpoint = "attest/decide")]
pub async fn decide_order(order_id: i32, decision: String, comment: String) -> Result<DecisionOutcome, AppError> {
    serve(Gate::SignedIn, |ctx, db| async move {
        let decision = crate::domain::attest::Decision::parse(&decision)
            .ok_or_else(|| AppError::validation("decision", "Välj godkänn eller avslå."))?;
        super::service::decide(&ctx, &db, order_id, decision, &comment).await
    })
    .await
}

/// Approves several orders together (after the page's confirmation): each
/// is decided on its own; the answer lists what happened to each.
#[server(endpoint = "attest/approve_many", input = leptos::server_fn::codec::Json)]
pub async fn approve_many(order_ids: Vec<i32>) -> Result<Vec<(i32, Result<(), String>)>, AppError> {
    serve(Gate::SignedIn, |ctx, db| async move {
        if order_ids.len() > super::service::pending::PENDING_LIMIT {
            return Err(AppError::validation(
                "order_ids",
                "Välj högst 500 beställningar åt gången.",
            ));
        }
        let mut out = Vec::with_capacity(order_ids.len());
        for id in order_ids {
            let r = super::service::decide(&ctx, &db, id, crate::domain::attest::Decision::Approve, "").await;
            match r {
                Ok(_) => out.push((id, Ok(()))),
                Err(AppError::Internal) => return Err(AppError::Internal),
                Err(e) => out.push((id, Err(e.to_string()))),
            }
        }
        Ok(out)
    })
    .await
}

#[server(endpoint = "attest/withdraw")]
pub async fn withdraw_order(order_id: i32) -> Result<(), AppError> {
    serve(Gate::SignedIn, |ctx, db| async move {
        super::service::withdraw(&ctx, &db, order_id).await
    })
    .await
}

#[server(endpoint = "attest/substitutes")]
pub async fn get_substitutes() -> Result<Substitutes, AppError> {
    serve(Gate::SignedIn, |ctx, db| async move {
        super::service::substitutes(&ctx, &db).await
    })
    .await
}

/// `valid_from`, `valid_to`: `YYYY-MM-DD`.
#[server(endpoint = "attest/substitutes/name")]
pub async fn name_substitute(substitute: String, valid_from: String, valid_to: String) -> Result<i32, AppError> {
    serve(Gate::SignedIn, |ctx, db| async move {
        let day = |field: &str, s: &str| {
            chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
                .map_err(|_| AppError::validation(field, "Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2026-12-21."))
        };
        let from = day("valid_from", &valid_from)?;
        let to = day("valid_to", &valid_to)?;
        super::service::name_substitute(&ctx, &db, &substitute, from, to).await
    })
    .await
}

#[server(endpoint = "attest/substitutes/end")]
pub async fn end_substitute(id: i32) -> Result<(), AppError> {
    serve(Gate::SignedIn, |ctx, db| async move {
        super::service::end_substitute(&ctx, &db, id).await
    })
    .await
}
