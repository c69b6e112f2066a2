//! Service tests of notifications, on SQLite and PostgreSQL.

use super::dto::Kind;
use super::service::*;
use crate::ctx::Ctx;
use crate::entities::{email_outbox, notification, person};
use crate::error::AppError;
use crate::testing::{demo_db, person_ctx};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, TransactionTrait};

async fn id_of(db: &sea_orm::DatabaseConnection, username: &str) -> i32 {
    person::Entity::find()
        .filter(person::Column::Username.eq(username))
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .id
}

#[tokio::test]
async fn a_notification_is_written_with_an_email_to_the_persons_address() {
    let t = demo_db().await;
    let erik = id_of(&t.db, "erik.johansson").await;
    let id = notify(
        &t.db,
        erik,
        Kind::ToAttest,
        "Beställning 12 väntar på din attest",
        "Anna Lindqvist har beställt en dockningsstation.",
        "/attestera/order/12",
    )
    .await
    .unwrap();
    let n = notification::Entity::find_by_id(id).one(&t.db).await.unwrap().unwrap();
    assert_eq!((n.person_id, n.kind.as_str(), n.read_at), (erik, "to_attest", None));
    let mail = email_outbox::Entity::find().all(&t.db).await.unwrap();
    assert_eq!(mail.len(), 1);
    // The address is looked up when the email is sent (mail::send_due).
    assert_eq!((mail[0].person_id, mail[0].to_address.as_str()), (Some(erik), ""));
    assert_eq!(mail[0].subject, "Beställning 12 väntar på din attest");
    assert_eq!(mail[0].link.as_deref(), Some("/attestera/order/12"));
    assert_eq!((mail[0].attempts, mail[0].sent_at), (0, None));
}

#[tokio::test]
async fn a_rolled_back_change_notifies_nobody() {
    let t = demo_db().await;
    let erik = id_of(&t.db, "erik.johansson").await;
    let txn = t.db.begin().await.unwrap();
    notify(&txn, erik, Kind::Decision, "Beslut", "Godkänd", "/bestallningar/1")
        .await
        .unwrap();
    txn.rollback().await.unwrap();
    assert_eq!(notification::Entity::find().count(&t.db).await.unwrap(), 0);
    assert_eq!(email_outbox::Entity::find().count(&t.db).await.unwrap(), 0);
}

#[tokio::test]
async fn a_link_outside_avrop_is_refused() {
    let t = demo_db().await;
    let erik = id_of(&t.db, "erik.johansson").await;
    for link in [
        "https://evil.example/",
        "//evil.example/x",
        "attestera",
        "/a\r\nBcc: x@y",
    ] {
        assert_eq!(
            notify(&t.db, erik, Kind::Decision, "t", "b", link).await.unwrap_err(),
            AppError::Internal,
            "{link}"
        );
    }
    assert_eq!(notification::Entity::find().count(&t.db).await.unwrap(), 0);
}

#[tokio::test]
async fn a_person_sees_only_their_own_notifications_newest_first_with_the_unread_count() {
    let t = demo_db().await;
    let erik = id_of(&t.db, "erik.johansson").await;
    let anna = id_of(&t.db, "anna.lindqvist").await;
    notify(&t.db, erik, Kind::ToAttest, "Första", "b", "/attestera")
        .await
        .unwrap();
    notify(&t.db, anna, Kind::Decision, "Annas", "b", "/bestallningar/1")
        .await
        .unwrap();
    notify(&t.db, erik, Kind::Reminder, "Andra", "b", "/attestera")
        .await
        .unwrap();
    let erik_ctx = person_ctx(&t.db, "erik.johansson").await;
    let list = list(&erik_ctx, &t.db, LIST_LIMIT).await.unwrap();
    let titles: Vec<&str> = list.items.iter().map(|n| n.title.as_str()).collect();
    assert_eq!(titles, vec!["Andra", "Första"]);
    assert_eq!(list.items[0].kind, Kind::Reminder);
    assert_eq!(list.unread, 2);
    assert_eq!(unread_count(&erik_ctx, &t.db).await.unwrap(), 2);
    let anna_ctx = person_ctx(&t.db, "anna.lindqvist").await;
    assert_eq!(unread_count(&anna_ctx, &t.db).await.unwrap(), 1);
}

#[tokio::test]
async fn marking_another_persons_notification_read_is_not_found_and_changes_nothing() {
    let t = demo_db().await;
    let anna = id_of(&t.db, "anna.lindqvist").await;
    let annas = notify(&t.db, anna, Kind::Decision, "Annas", "b", "/bestallningar/1")
        .await
        .unwrap();
    let erik_ctx = person_ctx(&t.db, "erik.johansson").await;
    assert!(matches!(
        mark_read(&erik_ctx, &t.db, annas).await.unwrap_err(),
        AppError::NotFound { .. }
    ));
    assert!(matches!(
        mark_read(&erik_ctx, &t.db, 999_999).await.unwrap_err(),
        AppError::NotFound { .. }
    ));
    assert_eq!(mark_all_read(&erik_ctx, &t.db).await.unwrap(), 0);
    let n = notification::Entity::find_by_id(annas)
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(n.read_at, None);
}

#[tokio::test]
async fn marking_read_once_twice_or_all_at_once_touches_only_the_callers_own() {
    let t = demo_db().await;
    let erik = id_of(&t.db, "erik.johansson").await;
    let anna = id_of(&t.db, "anna.lindqvist").await;
    let first = notify(&t.db, erik, Kind::ToAttest, "1", "b", "/attestera")
        .await
        .unwrap();
    notify(&t.db, erik, Kind::ToAttest, "2", "b", "/attestera")
        .await
        .unwrap();
    notify(&t.db, erik, Kind::ToAttest, "3", "b", "/attestera")
        .await
        .unwrap();
    notify(&t.db, anna, Kind::Decision, "Annas", "b", "/bestallningar/1")
        .await
        .unwrap();
    let erik_ctx = person_ctx(&t.db, "erik.johansson").await;
    mark_read(&erik_ctx, &t.db, first).await.unwrap();
    mark_read(&erik_ctx, &t.db, first).await.unwrap();
    assert_eq!(unread_count(&erik_ctx, &t.db).await.unwrap(), 2);
    assert_eq!(mark_all_read(&erik_ctx, &t.db).await.unwrap(), 2);
    let list = list(&erik_ctx, &t.db, LIST_LIMIT).await.unwrap();
    assert_eq!(list.unread, 0);
    assert!(list.items.iter().all(|n| n.read_at.is_some()));
    let anna_ctx = person_ctx(&t.db, "anna.lindqvist").await;
    assert_eq!(unread_count(&anna_ctx, &t.db).await.unwrap(), 1);
}

#[tokio::test]
async fn an_anonymous_caller_has_no_notifications() {
    let t = demo_db().await;
    let nobody = Ctx::anonymous();
    assert_eq!(list(&nobody, &t.db, 10).await.unwrap_err(), AppError::Unauthorized);
    assert_eq!(unread_count(&nobody, &t.db).await.unwrap_err(), AppError::Unauthorized);
    assert_eq!(mark_read(&nobody, &t.db, 1).await.unwrap_err(), AppError::Unauthorized);
    assert_eq!(mark_all_read(&nobody, &t.db).await.unwrap_err(), AppError::Unauthorized);
}
