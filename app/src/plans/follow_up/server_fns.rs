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

/// The report's page for `period`: the goals of page `page` (`""` is the
/// first) of family `family`'s objects (`""`: of every family), as the
/// address gives them.
#[server(endpoint = "follow_up/report")]
pub async fn get_follow_up_report(period: String, family: String, page: String) -> Result<FollowUpReport, AppError> {
    serve(Gate::SignedIn, |ctx, db| async move {
        let part = report_part(&family, &page)?;
        let figures = crate::state::kept::<super::service::ReportFigures>()?;
        let report = super::service::report(&ctx, &db, &figures, self::period(&period)?, part).await?;
        Ok(super::service::for_page(report))
    })
    .await
}

/// Reads the report's `familj` and `sida` from the address.
#[cfg(feature = "ssr")]
pub fn report_part(family: &str, page: &str) -> Result<super::service::ReportPart, AppError> {
    let family = match family.trim() {
        "" => None,
        id => Some(
            id.parse::<i32>()
                .ok()
                .filter(|id| *id > 0)
                .ok_or_else(|| AppError::validation("familj", "Välj en objektfamilj i listan."))?,
        ),
    };
    let page = match page.trim() {
        "" => 1,
        n => n
            .parse::<u32>()
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(|| AppError::validation("sida", "Sidan ska vara ett heltal från 1."))?,
    };
    Ok(super::service::ReportPart::Page { family, page })
}
