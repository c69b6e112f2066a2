//! Writing and reading notifications.

use super::dto::{Kind, NotificationDto, NotificationList};
use crate::ctx::{require_signed_in, Ctx};
use crate::entities::{email_outbox, notification};
use crate::error::AppError;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Asterisk, Expr, Query, SelectStatement, SimpleExpr};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
    Set,
};

/// How many notifications the list shows (the newest).
pub const LIST_LIMIT: u64 = 100;

/// The longest title stored (the column's length); a longer one is cut.
const TITLE_MAX: usize = 200;

/// Notifies `person_id`: a notification in the app and an email in the
/// outbox, sent later by the outbox job to the person's address then (none
/// when the person has no address or is no longer active). Two statements.
/// Call it with the transaction of the change it announces, so a change
/// that is rolled back notifies nobody. `link` is a path inside Avrop
/// (`/bestallningar/12`); anything else is a programming error.
///
/// The caller has checked its own caller: this writes for the system.
pub async fn notify<C: ConnectionTrait>(
    db: &C,
    person_id: i32,
    kind: Kind,
    title: &str,
    body: &str,
    link: &str,
) -> Result<i32, AppError> {
    if !link.starts_with('/') || link.starts_with("//") || link.contains(['\r', '\n']) {
        return Err(AppError::internal(format!(
            "a notification's link must be a path inside Avrop: {link:?}"
        )));
    }
    let title: String = title.chars().take(TITLE_MAX).collect();
    let now = Utc::now();
    let row = notification::ActiveModel {
        person_id: Set(person_id),
        kind: Set(kind.as_str().to_owned()),
        title: Set(title.clone()),
        body: Set(body.to_owned()),
        link: Set(link.to_owned()),
        created_at: Set(now),
        read_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    outbox(now, &title, body, link, person_id).insert(db).await?;
    Ok(row.id)
}

/// The email of a notice to `person`: the sender looks the address up when
/// it sends (`mail::send_due`), and gives up on a person without one.
fn outbox(now: DateTime<Utc>, title: &str, body: &str, link: &str, person: i32) -> email_outbox::ActiveModel {
    email_outbox::ActiveModel {
        to_address: Set(String::new()),
        person_id: Set(Some(person)),
        subject: Set(title.to_owned()),
        body: Set(body.to_owned()),
        link: Set(Some(link.to_owned())),
        created_at: Set(now),
        attempts: Set(0),
        next_attempt_at: Set(now),
        sent_at: Set(None),
        last_error: Set(None),
        ..Default::default()
    }
}

/// The same notice to each of `people` (each once), in two statements
/// whatever their number: the notifications and the outbox rows. In the caller's transaction, as [`notify`].
pub async fn notify_many<C: ConnectionTrait>(
    db: &C,
    people: &[i32],
    kind: Kind,
    title: &str,
    body: &str,
    link: &str,
) -> Result<(), AppError> {
    if !link.starts_with('/') || link.starts_with("//") || link.contains(['\r', '\n']) {
        return Err(AppError::internal(format!(
            "a notification's link must be a path inside Avrop: {link:?}"
        )));
    }
    let mut people = people.to_vec();
    people.sort_unstable();
    people.dedup();
    if people.is_empty() {
        return Ok(());
    }
    let title: String = title.chars().take(TITLE_MAX).collect();
    let now = Utc::now();
    notification::Entity::insert_many(people.iter().map(|p| notification::ActiveModel {
        person_id: Set(*p),
        kind: Set(kind.as_str().to_owned()),
        title: Set(title.clone()),
        body: Set(body.to_owned()),
        link: Set(link.to_owned()),
        created_at: Set(now),
        read_at: Set(None),
        ..Default::default()
    }))
    .exec(db)
    .await?;
    email_outbox::Entity::insert_many(people.iter().map(|p| outbox(now, &title, body, link, *p)))
        .exec(db)
        .await?;
    Ok(())
}

fn me(ctx: &Ctx) -> Result<i32, AppError> {
    require_signed_in(ctx)?;
    ctx.person_id().ok_or(AppError::Unauthorized)
}

fn dto(n: notification::Model) -> Result<NotificationDto, AppError> {
    Ok(NotificationDto {
        kind: n.kind.parse().map_err(AppError::internal)?,
        id: n.id,
        title: n.title,
        body: n.body,
        link: n.link,
        created_at: n.created_at,
        read_at: n.read_at,
    })
}

/// The caller's newest notifications (at most `limit`), newest first, and
/// how many of all theirs are unread.
pub async fn list<C: ConnectionTrait>(ctx: &Ctx, db: &C, limit: u64) -> Result<NotificationList, AppError> {
    let person = me(ctx)?;
    let rows = notification::Entity::find()
        .filter(notification::Column::PersonId.eq(person))
        .order_by_desc(notification::Column::Id)
        .limit(limit)
        .all(db)
        .await?;
    Ok(NotificationList {
        items: rows.into_iter().map(dto).collect::<Result<_, _>>()?,
        unread: unread_count(ctx, db).await?,
    })
}

/// How many of the caller's notifications are unread.
pub async fn unread_count<C: ConnectionTrait>(ctx: &Ctx, db: &C) -> Result<u64, AppError> {
    let person = me(ctx)?;
    Ok(crate::db::count(db, &unread_statement(person)).await?)
}

/// The statement that counts `person`'s unread notifications:
/// `unread_count`'s, and for the header to read beside other counts in one
/// statement without naming the notifications' table. `person` is an id,
/// or an outer statement's column that holds one (a correlated subquery).
pub fn unread_statement(person: impl Into<SimpleExpr>) -> SelectStatement {
    Query::select()
        .expr(Expr::col(Asterisk).count())
        .from(notification::Entity)
        .and_where(Expr::col((notification::Entity, notification::Column::PersonId)).eq(person))
        .and_where(notification::Column::ReadAt.is_null())
        .to_owned()
}

/// Marks the caller's notification `id` as read (again is fine); someone
/// else's, or one that does not exist, is not found.
pub async fn mark_read<C: ConnectionTrait>(ctx: &Ctx, db: &C, id: i32) -> Result<(), AppError> {
    let person = me(ctx)?;
    let marked = notification::Entity::update_many()
        .col_expr(notification::Column::ReadAt, Expr::value(Some(Utc::now())))
        .filter(notification::Column::Id.eq(id))
        .filter(notification::Column::PersonId.eq(person))
        .filter(notification::Column::ReadAt.is_null())
        .exec(db)
        .await?;
    if marked.rows_affected == 1 {
        return Ok(());
    }
    let mine = notification::Entity::find_by_id(id)
        .filter(notification::Column::PersonId.eq(person))
        .count(db)
        .await?;
    if mine == 1 {
        Ok(())
    } else {
        Err(AppError::not_found("Aviseringen finns inte."))
    }
}

/// Marks every unread notification of the caller as read; answers how many.
pub async fn mark_all_read<C: ConnectionTrait>(ctx: &Ctx, db: &C) -> Result<u64, AppError> {
    let person = me(ctx)?;
    Ok(notification::Entity::update_many()
        .col_expr(notification::Column::ReadAt, Expr::value(Some(Utc::now())))
        .filter(notification::Column::PersonId.eq(person))
        .filter(notification::Column::ReadAt.is_null())
        .exec(db)
        .await?
        .rows_affected)
}
