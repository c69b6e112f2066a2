//! Who hears about what in attestation: the attesters an order comes to
//! (and their substitutes of the day), the requester when it is decided,
//! the attesters again when it waits too long. Written in the caller's
//! transaction: a rolled-back step notifies nobody. Email follows through
//! the notification area's outbox.

use crate::entities::attest_substitute;
use crate::error::AppError;
use crate::notify::dto::Kind;
use crate::notify::service::{notify, notify_many};
use crate::orders::dto::order_number;
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

/// `attesters` and whoever stands in for one of them on `day`, each once.
async fn with_substitutes<C: ConnectionTrait>(db: &C, attesters: &[i32], day: NaiveDate) -> Result<Vec<i32>, AppError> {
    let mut people = attesters.to_vec();
    if !attesters.is_empty() {
        people.extend(
            attest_substitute::Entity::find()
                .filter(attest_substitute::Column::AttesterId.is_in(attesters.iter().copied()))
                .filter(attest_substitute::Column::ValidFrom.lte(day))
                .filter(attest_substitute::Column::ValidTo.gte(day))
                .all(db)
                .await?
                .into_iter()
                .map(|s| s.substitute_id),
        );
    }
    people.sort_unstable();
    people.dedup();
    Ok(people)
}

/// An order has come to `attesters` (at submit, or escalated to them).
pub async fn to_attest<C: ConnectionTrait>(
    db: &C,
    order_id: i32,
    attesters: &[i32],
    kind: Kind,
    what: &str,
    day: NaiveDate,
) -> Result<(), AppError> {
    let number = order_number(order_id);
    let (title, body) = match kind {
        Kind::Escalation => (
            format!("Beställning {number} har eskalerats till dig"),
            format!("{what} Den har väntat för länge på attest och väntar nu på ditt beslut."),
        ),
        Kind::Reminder => (
            format!("Påminnelse: beställning {number} väntar på attest"),
            format!("{what} Den väntar fortfarande på ditt beslut."),
        ),
        _ => (
            format!("Beställning {number} väntar på din attest"),
            format!("{what} Öppna den för att godkänna eller avslå."),
        ),
    };
    let people = with_substitutes(db, attesters, day).await?;
    notify_many(db, &people, kind, &title, &body, &format!("/attestera/{order_id}")).await
}

/// The requester hears that their order was decided.
pub async fn decided<C: ConnectionTrait>(
    db: &C,
    order_id: i32,
    requester_id: i32,
    approved: bool,
    line: &str,
) -> Result<(), AppError> {
    let number = order_number(order_id);
    let title = if approved {
        format!("Beställning {number} är attesterad")
    } else {
        format!("Beställning {number} är avslagen")
    };
    notify(
        db,
        requester_id,
        Kind::Decision,
        &title,
        line,
        &format!("/bestallningar/{order_id}"),
    )
    .await?;
    Ok(())
}
