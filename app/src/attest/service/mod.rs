//! Attestation on the server:
//!
//! - [`routing`]: where a submitted order goes (auto-approval, the cost
//!   centre's attesters, up the organisation, or nobody) — called by the
//!   order's creation inside its transaction.
//! - [`decisions`]: approve or reject exactly once; the requester's
//!   withdrawal.
//! - [`pending`]: what waits for the caller, one order as its attester sees
//!   it, and where an order's attestation stands.
//! - [`substitutes`]: an attester's substitute for a date range.
//! - [`reminders`]: the background job that reminds and escalates.
//! - [`notices`]: who is notified of what.

pub mod decisions;
pub mod notices;
pub mod pending;
pub mod reminders;
pub mod routing;
pub mod substitutes;

pub use decisions::{decide, withdraw};
pub use pending::{
    attestation_of, pending, unassigned, unassigned_count, unassigned_page, unassigned_query, view, waiting_of,
};
pub use routing::{route_submitted, Submitted};
pub use substitutes::{end_substitute, name_substitute, substitutes};

use crate::entities::attest_substitute;
use crate::error::AppError;
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

/// Attesters `person_id` stands in for on `day` (direct substitutions
/// only: delegation does not cascade).
pub(crate) async fn represented<C: ConnectionTrait>(
    db: &C,
    person_id: i32,
    day: NaiveDate,
) -> Result<Vec<i32>, AppError> {
    Ok(attest_substitute::Entity::find()
        .filter(attest_substitute::Column::SubstituteId.eq(person_id))
        .filter(attest_substitute::Column::ValidFrom.lte(day))
        .filter(attest_substitute::Column::ValidTo.gte(day))
        .all(db)
        .await?
        .into_iter()
        .map(|s| s.attester_id)
        .collect())
}

/// Today's date in the region (Europe/Stockholm is what people mean by
/// "today"; the server's local date is used, as elsewhere in Avrop).
pub(crate) fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}
