//! The header's counts: the units in the caller's cart and their unread
//! notifications. Both are read in one statement, each area giving its
//! part (`cart::service::count_statement`, `notify::service::unread_statement`),
//! by one server function that the header calls once per navigation and
//! after the cart or the notifications change: one round trip to the
//! database and, in the browser, one request instead of two.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeaderCounts {
    /// Units in the caller's cart; `None` for a caller who may not order.
    pub cart: Option<u64>,
    /// The caller's unread notifications.
    pub unread: u64,
}

/// The header's counts as the links read them.
pub type Counts = Resource<Result<HeaderCounts, AppError>>;

#[server(endpoint = "header/counts")]
pub async fn get_header_counts() -> Result<HeaderCounts, AppError> {
    crate::state::serve(crate::state::Gate::SignedIn, |ctx, db| async move {
        counts(&ctx, &db).await
    })
    .await
}

/// The caller's counts, in one statement; the cart's only for a caller who
/// may order.
#[cfg(feature = "ssr")]
pub async fn counts<C: sea_orm::ConnectionTrait>(ctx: &crate::ctx::Ctx, db: &C) -> Result<HeaderCounts, AppError> {
    use sea_orm::sea_query::{Alias, Query, SelectStatement, SimpleExpr, SubQueryStatement};
    crate::ctx::require_signed_in(ctx)?;
    let me = ctx.person_id().ok_or(AppError::Unauthorized)?;
    let orders = crate::ctx::require(ctx, crate::domain::authz::Permission::Order).is_ok();
    let sub = |s: SelectStatement| SimpleExpr::SubQuery(None, Box::new(SubQueryStatement::SelectStatement(s)));
    let mut q = Query::select();
    q.expr_as(sub(crate::notify::service::unread_statement(me)), Alias::new("unread"));
    if orders {
        q.expr_as(sub(crate::cart::service::count_statement(me)), Alias::new("cart"));
    }
    // Two scalar subqueries without a table: always one row.
    let Some(row) = db.query_one(db.get_database_backend().build(&q)).await? else {
        return Ok(HeaderCounts::default());
    };
    let number = |v: i64| u64::try_from(v).unwrap_or(0);
    Ok(HeaderCounts {
        cart: if orders {
            Some(number(row.try_get::<i64>("", "cart")?))
        } else {
            None
        },
        unread: number(row.try_get::<i64>("", "unread")?),
    })
}

#[cfg(all(test, feature = "ssr"))]
mod tests;
