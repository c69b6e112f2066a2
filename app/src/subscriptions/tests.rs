//! Service tests of subscriptions and the monthly charging, on SQLite and
//! PostgreSQL, on the demo region: Sara Berg keeps the register (IT Asset
//! Manager) and runs the charging; Anna Lindqvist has her laptop, its
//! Support Silver and a Microsoft 365 licence. (Creation at delivery is
//! tested with fulfilment, where deliveries happen.)

use super::charging;
use super::dto::RunStatus;
use super::service;
use crate::ctx::Ctx;
use crate::domain::money::Sek;
use crate::domain::subscriptions::{binding_end, Period};
use crate::entities::{cost_center, item, subscription, subscription_change, subscription_cost_center};
use crate::error::AppError;
use crate::testing::{demo_db, person_ctx, TestDb};
use chrono::{NaiveDate, Utc};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};

async fn who(t: &TestDb, username: &str) -> Ctx {
    person_ctx(&t.db, username).await
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

async fn center(t: &TestDb, code: &str) -> i32 {
    cost_center::Entity::find()
        .filter(cost_center::Column::Code.eq(code))
        .one(&t.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

/// The demo region without its subscriptions, for tests that count.
async fn without_demo_subscriptions() -> TestDb {
    let t = demo_db().await;
    subscription_change::Entity::delete_many().exec(&t.db).await.unwrap();
    subscription_cost_center::Entity::delete_many()
        .exec(&t.db)
        .await
        .unwrap();
    subscription::Entity::delete_many().exec(&t.db).await.unwrap();
    t
}

/// A subscription of `user` to the item `article` at `monthly_ore` a
/// month, charged to cost centre `code` from `start`; its id.
async fn subscribe(
    t: &TestDb,
    user: &Ctx,
    article: &str,
    monthly_ore: i64,
    code: &str,
    start: NaiveDate,
    end: Option<NaiveDate>,
) -> i32 {
    let it = item::Entity::find()
        .filter(item::Column::ArticleNumber.eq(article))
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    let cc = center(t, code).await;
    let now = Utc::now();
    let id = subscription::Entity::insert(subscription::ActiveModel {
        item_id: Set(it.id),
        service: Set(it.name.clone()),
        monthly_ore: Set(monthly_ore),
        order_id: Set(None),
        order_line_id: Set(None),
        unit: Set(1),
        asset_id: Set(None),
        user_id: Set(user.person_id()),
        cost_center_id: Set(cc),
        service_cost_center_id: Set(it.service_cost_center_id),
        revenue_account: Set(it.revenue_account.clone()),
        expense_account: Set(it.expense_account.clone()),
        start_on: Set(start),
        binding_end: Set(binding_end(start, it.binding_months)),
        notice_months: Set(it.notice_months),
        end_on: Set(end),
        terminated_at: Set(None),
        terminated_by: Set(None),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    })
    .exec(&t.db)
    .await
    .unwrap()
    .last_insert_id;
    subscription_cost_center::Entity::insert(subscription_cost_center::ActiveModel {
        subscription_id: Set(id),
        from_month: Set(Period::of(start).first()),
        cost_center_id: Set(cc),
        ..Default::default()
    })
    .exec(&t.db)
    .await
    .unwrap();
    id
}

/// `(cost centre code, service, subscriptions, days, amount in öre)` of
/// each line of a month.
fn lines(m: &super::dto::ChargeMonth) -> Vec<(String, String, i32, i64, i64)> {
    m.lines
        .iter()
        .map(|l| {
            (
                l.cost_center_code.clone(),
                l.service.clone(),
                l.subscriptions,
                l.days,
                l.amount.ore(),
            )
        })
        .collect()
}

#[tokio::test]
async fn a_month_is_charged_per_cost_centre_and_service_with_partial_months_per_day() {
    let t = without_demo_subscriptions().await;
    let sara = who(&t, "sara.berg").await;
    let anna = who(&t, "anna.lindqvist").await;
    let johan = who(&t, "johan.ek").await;
    // Two whole Octobers on one cost centre and a third begun mid-month on
    // the same line (the database sums the whole months, the part month is
    // prorated here, and they meet in one line), one started mid-month on
    // another, one that ended in September (not charged).
    subscribe(&t, &anna, "DL-5450", 38_900, "41210", d("2025-03-01"), None).await;
    subscribe(&t, &johan, "DL-5450", 38_900, "41210", d("2026-01-10"), None).await;
    subscribe(&t, &anna, "DL-5450", 38_900, "41210", d("2026-10-17"), None).await;
    subscribe(&t, &johan, "TJ-SILV", 5_900, "42110", d("2026-10-17"), None).await;
    subscribe(
        &t,
        &anna,
        "MS-M365E3",
        38_900,
        "41210",
        d("2025-01-01"),
        Some(d("2026-09-30")),
    )
    .await;

    let m = charging::run(&sara, &t.db, "2026-10").await.unwrap();
    assert_eq!(m.status, RunStatus::Open);
    assert_eq!(m.subscriptions, 4);
    // Support Silver for 15 of 31 days: 59 × 15 / 31 = 28,548… kr; the
    // third Dell 389 × 15 / 31 = 188,225… kr.
    assert_eq!(
        lines(&m),
        vec![
            ("41210".into(), "Dell Latitude 5450".into(), 3, 77, 96_623),
            ("42110".into(), "Support Silver".into(), 1, 15, 2_855),
        ]
    );
    assert_eq!(m.total, Sek::from_ore(99_478));
    assert_eq!(m.per_cost_center.len(), 2);
    assert_eq!(m.per_cost_center[0].amount, Sek::from_ore(96_623));
    assert!(
        m.per_administration.iter().all(|a| a.label != "Utan förvaltning"),
        "{:?}",
        m.per_administration
    );
    assert_eq!(m.per_administration.iter().map(|a| a.amount.ore()).sum::<i64>(), 99_478);
    // The API's month has the same totals and the same lines.
    let all = charging::month_all(&sara, &t.db, "2026-10").await.unwrap();
    assert_eq!(
        (all.lines, all.line_count, all.per_cost_center),
        (m.lines.clone(), m.line_count, m.per_cost_center.clone())
    );
    let l = &m.lines[0];
    assert_eq!(
        (
            l.revenue_account.as_str(),
            l.expense_account.as_str(),
            l.service_cost_center_code.as_deref()
        ),
        ("3521", "6421", Some("51120"))
    );
    assert_eq!(l.article_number, "DL-5450");

    // The CSV for the finance system, in the documented layout.
    let csv = charging::csv(&sara, &t.db, "2026-10").await.unwrap();
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(
        rows[0],
        "period;kundens_kostnadsstalle;kundens_kostnadsstalle_namn;forvaltning;artikelnummer;tjanst;tjanstens_kostnadsstalle;intaktskonto;kostnadskonto;antal;dagar;belopp;valuta"
    );
    assert_eq!(rows.len(), 3);
    assert!(rows[1].starts_with("2026-10;41210;"), "{}", rows[1]);
    assert!(
        rows[1].ends_with(";DL-5450;Dell Latitude 5450;51120;3521;6421;3;77;966,23;SEK"),
        "{}",
        rows[1]
    );
    assert!(rows[2].ends_with(";28,55;SEK"), "{}", rows[2]);
}

#[tokio::test]
async fn running_an_open_month_again_gives_the_same_and_a_closed_month_is_frozen() {
    let t = without_demo_subscriptions().await;
    let sara = who(&t, "sara.berg").await;
    let anna = who(&t, "anna.lindqvist").await;
    let first = subscribe(&t, &anna, "DL-5450", 38_900, "41210", d("2025-03-01"), None).await;

    let once = charging::run(&sara, &t.db, "2026-10").await.unwrap();
    let twice = charging::run(&sara, &t.db, "2026-10").await.unwrap();
    assert_eq!(lines(&once), lines(&twice));
    assert_eq!(twice.line_count, 1, "replaced, not added");

    // A change after the run shows in a re-run of the open month.
    subscribe(&t, &anna, "TJ-SILV", 5_900, "41210", d("2026-01-01"), None).await;
    let again = charging::run(&sara, &t.db, "2026-10").await.unwrap();
    assert_eq!(again.line_count, 2);

    let closed = charging::close(&sara, &t.db, "2026-10").await.unwrap();
    assert_eq!(closed.status, RunStatus::Closed);
    assert!(!closed.may_run && !closed.may_close);
    // A subscription ending earlier would change the month; it is frozen.
    subscription::Entity::update_many()
        .col_expr(subscription::Column::MonthlyOre, sea_orm::sea_query::Expr::value(1))
        .filter(subscription::Column::Id.eq(first))
        .exec(&t.db)
        .await
        .unwrap();
    let refused = charging::run(&sara, &t.db, "2026-10").await.unwrap_err();
    match refused {
        AppError::StateConflict { state, message } => {
            assert_eq!(state, "closed");
            assert!(message.contains("stängd"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        lines(&charging::month(&sara, &t.db, "2026-10").await.unwrap()),
        lines(&again)
    );
    assert!(matches!(
        charging::close(&sara, &t.db, "2026-10").await.unwrap_err(),
        AppError::StateConflict { .. }
    ));

    // The run and the closing are in the audit log.
    let logged: Vec<String> = crate::entities::audit_log::Entity::find()
        .filter(crate::entities::audit_log::Column::Action.starts_with("charging."))
        .all(&t.db)
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.action)
        .collect();
    assert_eq!(
        logged,
        ["charging.run", "charging.run", "charging.run", "charging.close"]
    );
}

#[tokio::test]
async fn months_are_checked_and_only_the_asset_manager_charges() {
    let t = demo_db().await;
    let sara = who(&t, "sara.berg").await;
    let today = chrono::Local::now().date_naive();
    for bad in ["", "2026-13", "november", "2026-1"] {
        let e = charging::run(&sara, &t.db, bad).await.unwrap_err();
        assert!(
            matches!(&e, AppError::Validation { field: Some(f), .. } if f == "period"),
            "{bad}: {e:?}"
        );
    }
    let future = Period::of(today).next().to_string();
    assert!(matches!(
        charging::run(&sara, &t.db, &future).await.unwrap_err(),
        AppError::Validation { .. }
    ));
    // This month may be run (preliminary) but not closed before it ends.
    let this = Period::of(today).to_string();
    let m = charging::run(&sara, &t.db, &this).await.unwrap();
    assert!(!m.may_close);
    assert!(matches!(
        charging::close(&sara, &t.db, &this).await.unwrap_err(),
        AppError::StateConflict { .. }
    ));
    // A month not run has no CSV and cannot be closed.
    assert!(matches!(
        charging::csv(&sara, &t.db, "2025-01").await.unwrap_err(),
        AppError::StateConflict { .. }
    ));
    assert!(matches!(
        charging::close(&sara, &t.db, "2025-01").await.unwrap_err(),
        AppError::StateConflict { .. }
    ));
    for user in ["anna.lindqvist", "maria.nilsson", "per.svensson"] {
        let ctx = who(&t, user).await;
        assert!(matches!(
            charging::run(&ctx, &t.db, "2026-10").await.unwrap_err(),
            AppError::Forbidden | AppError::ForbiddenWithMessage { .. }
        ));
        assert!(matches!(
            charging::month(&ctx, &t.db, "2026-10").await.unwrap_err(),
            AppError::Forbidden | AppError::ForbiddenWithMessage { .. }
        ));
    }
}

#[tokio::test]
async fn a_transferred_asset_takes_its_subscriptions_to_the_new_cost_centre_from_next_month() {
    let t = demo_db().await;
    let sara = who(&t, "sara.berg").await;
    // Anna's demo laptop (asset 1) has its own subscription and Support Silver.
    let before = service::of_asset(&t.db, 1).await.unwrap();
    assert_eq!(before.len(), 2, "{before:?}");
    let old = before[0].cost_center.clone();
    let johan = who(&t, "johan.ek").await;
    let new_center = center(&t, "51120").await;
    // Moved on 2026-09-15: September stays with Anna's cost centre,
    // October goes to the new one.
    service::follow_asset(
        &t.db,
        &sara,
        1,
        Some((johan.person_id().unwrap(), "Johan Ek".into())),
        Some((new_center, "51120 IT-support och arbetsplats".into())),
        d("2026-09-15"),
        "Ny användare",
    )
    .await
    .unwrap();
    let sept = charging::run(&sara, &t.db, "2026-09").await.unwrap();
    let oct = charging::run(&sara, &t.db, "2026-10").await.unwrap();
    let centers_of = |m: &super::dto::ChargeMonth, service: &str| -> Vec<String> {
        m.lines
            .iter()
            .filter(|l| l.service == service)
            .map(|l| format!("{} {}", l.cost_center_code, l.cost_center_name))
            .collect()
    };
    assert!(centers_of(&sept, "Support Silver").contains(&old), "{:?}", sept.lines);
    assert_eq!(
        centers_of(&oct, "Support Silver"),
        vec!["51120 IT-support och arbetsplats".to_owned()]
    );
    let after = service::of_asset(&t.db, 1).await.unwrap();
    assert!(after.iter().all(|r| r.user.as_deref() == Some("Johan Ek")));

    // Through the asset's transfer today: the subscription page says from when.
    let a = crate::assets::service::detail(&sara, &t.db, 1).await.unwrap();
    crate::assets::service::transfer(
        &sara,
        &t.db,
        1,
        crate::assets::service::Transfer {
            version: a.version,
            user_id: johan.person_id().unwrap(),
            cost_center: "52110".into(),
            location: a.location.clone(),
            reason: "Flytt till redovisningen".into(),
        },
    )
    .await
    .unwrap();
    let s = service::detail(&sara, &t.db, after[0].id).await.unwrap();
    let next = Period::of(chrono::Local::now().date_naive()).next().to_string();
    let (month, label) = s.next_cost_center.clone().expect("a transfer waits for next month");
    assert_eq!(month, next);
    assert!(label.starts_with("52110"), "{label}");
    assert!(s
        .history
        .iter()
        .any(|c| c.field == "Kostnadsställe" && c.reason == "Flytt till redovisningen"));
}

#[tokio::test]
async fn terminating_follows_notice_and_binding_and_says_so_in_swedish() {
    let t = demo_db().await;
    let anna = who(&t, "anna.lindqvist").await;
    let johan = who(&t, "johan.ek").await;
    let sara = who(&t, "sara.berg").await;
    let today = chrono::Local::now().date_naive();
    let mine = service::page(&anna, &t.db, Default::default()).await.unwrap();
    assert_eq!(mine.rows.len(), 3, "{:?}", mine.rows);
    assert!(!mine.manager);
    let licence = mine.rows.iter().find(|r| r.service == "Microsoft 365 E3").unwrap().id;
    let s = service::detail(&anna, &t.db, licence).await.unwrap();
    assert!(s.may_terminate);
    let earliest = s.earliest_end.unwrap();
    assert_eq!(
        earliest,
        crate::domain::subscriptions::earliest_end(today, 1, s.row.binding_end)
    );

    // Someone else's is not found; too early is refused in words.
    assert!(matches!(
        service::terminate(&johan, &t.db, licence, s.version, None, "")
            .await
            .unwrap_err(),
        AppError::NotFound { .. }
    ));
    let early = service::terminate(&anna, &t.db, licence, s.version, Some(today), "")
        .await
        .unwrap_err();
    match early {
        AppError::Validation { field, message } => {
            assert_eq!(field.as_deref(), Some("end_on"));
            assert!(message.contains("Tidigaste slutdatum"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    let done = service::terminate(&anna, &t.db, licence, s.version, None, "Byter till F3")
        .await
        .unwrap();
    assert_eq!(done.row.end_on, Some(earliest));
    assert!(!done.may_terminate);
    assert_eq!(done.history[0].reason, "Byter till F3");
    // Again, or on the old version: refused.
    assert!(service::terminate(&anna, &t.db, licence, s.version, None, "")
        .await
        .is_err());
    assert!(matches!(
        service::terminate(&anna, &t.db, licence, done.version, None, "")
            .await
            .unwrap_err(),
        AppError::Conflict { .. } | AppError::StateConflict { .. }
    ));

    // Retiring the laptop terminates what is tied to it, by the same rule.
    let on_laptop = service::of_asset(&t.db, 1).await.unwrap();
    assert!(on_laptop.iter().all(|r| r.end_on.is_none()));
    use crate::assets::service::{set_status, StatusChange};
    use crate::domain::assets::AssetStatus;
    let mut v = crate::assets::service::detail(&sara, &t.db, 1).await.unwrap().version;
    for to in [AssetStatus::Collected, AssetStatus::InStock, AssetStatus::Retired] {
        v = set_status(
            &sara,
            &t.db,
            1,
            StatusChange {
                version: v,
                to,
                reason: "Skrotas".into(),
                certificate: None,
            },
        )
        .await
        .unwrap()
        .version;
    }
    let ended = service::of_asset(&t.db, 1).await.unwrap();
    assert!(ended.iter().all(|r| r.end_on.is_some()), "{ended:?}");
    let silver = ended.iter().find(|r| r.service == "Support Silver").unwrap();
    assert_eq!(
        silver.end_on,
        Some(crate::domain::subscriptions::earliest_end(today, 3, silver.binding_end))
    );
}

/// The page reads only the lines of the customer cost centres that come
/// first by code: enough of them for the lines it shows, and every cost
/// centre sharing the last one's code (unknown ones have none and come
/// first).
#[test]
fn the_page_reads_the_lines_of_the_first_cost_centres_by_code() {
    use crate::org::structure::CenterNames;
    let names = |code: &str| CenterNames {
        code: code.into(),
        name: format!("Kostnadsställe {code}"),
        administration: "Förvaltning".into(),
    };
    let centers: std::collections::HashMap<i32, CenterNames> = [
        (1, names("300")),
        (2, names("100")),
        (3, names("200")),
        (4, names("200")),
        (5, names("400")),
    ]
    .into();
    // (cost centre, lines, subscriptions, amount)
    let per = [
        (1, 2, 2, 10),
        (2, 3, 3, 10),
        (3, 1, 1, 10),
        (4, 1, 1, 10),
        (5, 4, 4, 10),
        (9, 1, 1, 10),
    ];
    // Unknown 9 (no code) and 100 give 4 lines: enough for 4.
    assert_eq!(charging::first_customers(&per, &centers, 4), vec![9, 2]);
    // For 5, code 200 as well: both cost centres with that code.
    assert_eq!(charging::first_customers(&per, &centers, 5), vec![9, 2, 3, 4]);
    assert_eq!(charging::first_customers(&per, &centers, 100), vec![9, 2, 3, 4, 1, 5]);
    assert!(charging::first_customers(&[], &centers, 5).is_empty());
}
