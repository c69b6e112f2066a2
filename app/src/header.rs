//! The header's counts: the units in the caller's cart and their unread
//! notifications. Both are read in one statement, each area giving its
//! part (`cart::service::count_statement`, `notify::service::unread_statement`),
//! by one server function that the header calls once per navigation and
//! after the cart or the notifications change: one round trip to the
//! database and, in the browser, one request instead of two. A page's first
//! render reads them with the session (`columns`, `from_columns`, `Read`):
//! the identity middleware puts them into the request, and the server
//! function takes them from there instead of asking again.

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
        // A page's first render: read with the session (see `Read`).
        match crate::state::extension::<Read>() {
            Some(Read(counts)) => Ok(counts),
            None => counts(&ctx, &db).await,
        }
    })
    .await
}

/// The counts of a page request's caller, read beside their session in
/// the session's own statement by the identity middleware
/// (`auth::service::resolve_session_with` with [`columns`]) and kept in
/// the request's extensions: the header's first read then costs no round
/// trip of its own. Its later reads (after the cart or the notifications
/// change in the browser) are server-function calls, which read anew.
#[cfg(feature = "ssr")]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Read(pub HeaderCounts);

/// The header's counts as columns of `person` (an id, or an outer
/// statement's column that holds one), each area giving its part:
/// the unread notifications, then the units in the cart.
#[cfg(feature = "ssr")]
pub fn columns(person: sea_orm::sea_query::SimpleExpr) -> Vec<(&'static str, sea_orm::sea_query::SimpleExpr)> {
    use sea_orm::sea_query::{SelectStatement, SimpleExpr, SubQueryStatement};
    let sub = |s: SelectStatement| SimpleExpr::SubQuery(None, Box::new(SubQueryStatement::SelectStatement(s)));
    vec![
        ("unread", sub(crate::notify::service::unread_statement(person.clone()))),
        ("cart", sub(crate::cart::service::count_statement(person))),
    ]
}

/// The counts from the values of [`columns`], in its order; the cart's only
/// for a caller who may order.
#[cfg(feature = "ssr")]
pub fn from_columns(ctx: &crate::ctx::Ctx, values: &[i64]) -> Option<HeaderCounts> {
    let number = |v: i64| u64::try_from(v).unwrap_or(0);
    let orders = crate::ctx::require(ctx, crate::domain::authz::Permission::Order).is_ok();
    match values {
        [unread, cart] => Some(HeaderCounts {
            cart: orders.then(|| number(*cart)),
            unread: number(*unread),
        }),
        _ => None,
    }
}

/// The caller's counts, in one statement; the cart's only for a caller who
/// may order.
#[cfg(feature = "ssr")]
pub async fn counts<C: sea_orm::ConnectionTrait>(ctx: &crate::ctx::Ctx, db: &C) -> Result<HeaderCounts, AppError> {
    use sea_orm::sea_query::{Alias, Expr, Query};
    crate::ctx::require_signed_in(ctx)?;
    let me = ctx.person_id().ok_or(AppError::Unauthorized)?;
    let columns = columns(Expr::val(me).into());
    let mut q = Query::select();
    for (name, expr) in &columns {
        q.expr_as(expr.clone(), Alias::new(*name));
    }
    // Scalar subqueries without a table: always one row.
    let Some(row) = db.query_one(db.get_database_backend().build(&q)).await? else {
        return Ok(HeaderCounts::default());
    };
    let values = columns
        .iter()
        .map(|(name, _)| row.try_get::<i64>("", name))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(from_columns(ctx, &values).unwrap_or_default())
}

#[cfg(all(test, feature = "ssr"))]
mod tests;
