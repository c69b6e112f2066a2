//! Service tests of plans on the demo governance.

use super::dto::*;
use super::service::*;
use crate::domain::money::Sek;
use crate::domain::plan::{Days, PlanEvent, PlanStatus};
use crate::entities::plan as plan_e;
use crate::error::AppError;
use crate::testing::{demo_db, person_ctx, TestDb};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

async fn plan_of(t: &TestDb, year: i32) -> plan_e::Model {
    plan_e::Entity::find()
        .filter(plan_e::Column::Year.eq(year))
        .one(&t.db)
        .await
        .unwrap()
        .unwrap()
}

fn day(y: i32, m: u32, d: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[tokio::test]
async fn a_stale_save_is_refused_with_the_other_persons_plan() {
    let t = demo_db().await;
    let johan = person_ctx(&t.db, "johan.ek").await;
    let lars = person_ctx(&t.db, "lars.andersson").await;
    let draft = plan_of(&t, 2027).await;
    let start = get(&johan, &t.db, draft.id).await.unwrap();

    let mut theirs = start.content.clone();
    theirs.goals[0].text = "Lars ändrade först.".into();
    let saved = save(&lars, &t.db, draft.id, start.version, theirs, None).await.unwrap();
    assert!(matches!(saved, SaveOutcome::Saved { version, .. } if version == start.version + 1));

    let mut mine = start.content.clone();
    mine.goals[0].days_business = Days::from_tenths(999);
    match save(&johan, &t.db, draft.id, start.version, mine, None).await.unwrap() {
        SaveOutcome::Conflict(current) => {
            assert_eq!(current.content.goals[0].text, "Lars ändrade först.");
            assert_eq!(current.updated_by, "Lars Andersson");
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
    let stored = get(&johan, &t.db, draft.id).await.unwrap();
    assert_eq!(
        stored.content.goals[0].text, "Lars ändrade först.",
        "nothing of johan's was written"
    );
}

#[tokio::test]
async fn a_save_stores_the_roll_up_the_browser_showed() {
    let t = demo_db().await;
    let johan = person_ctx(&t.db, "johan.ek").await;
    let draft = plan_of(&t, 2027).await;
    let p = get(&johan, &t.db, draft.id).await.unwrap();
    let mut c = p.content.clone();
    c.goals[0].fixed_it = Sek::from_kronor(100_000);
    save(&johan, &t.db, draft.id, p.version, c, None).await.unwrap();
    let after = get(&johan, &t.db, draft.id).await.unwrap();
    assert_eq!(
        after.roll_up.total.kronor,
        p.roll_up.total.kronor.checked_add(Sek::from_kronor(100_000)).unwrap()
    );
    let row = plan_of(&t, 2027).await;
    assert_eq!(row.total_ore, after.roll_up.total.kronor.ore());
    assert_eq!(row.fte_hundredths, after.roll_up.total.fte.hundredths());
}

#[tokio::test]
async fn only_the_objects_forvaltningsledare_may_edit_and_an_adopted_plan_not_at_all() {
    let t = demo_db().await;
    let karin = person_ctx(&t.db, "karin.holm").await;
    let johan = person_ctx(&t.db, "johan.ek").await;
    let draft = get(&johan, &t.db, plan_of(&t, 2027).await.id).await.unwrap();
    let err = save(&karin, &t.db, draft.id, draft.version, draft.content.clone(), None)
        .await
        .unwrap_err();
    assert!(matches!(err, AppError::ForbiddenWithMessage { .. }), "{err:?}");
    assert!(!get(&karin, &t.db, draft.id).await.unwrap().rights.edit);

    let adopted = get(&johan, &t.db, plan_of(&t, 2026).await.id).await.unwrap();
    assert!(!adopted.rights.edit);
    let err = save(
        &johan,
        &t.db,
        adopted.id,
        adopted.version,
        adopted.content.clone(),
        None,
    )
    .await
    .unwrap_err();
    assert!(matches!(err, AppError::Conflict { .. }), "{err:?}");
}

#[tokio::test]
async fn a_draft_is_private_to_the_objects_people_and_an_adopted_plan_open_to_all() {
    let t = demo_db().await;
    let oskar = person_ctx(&t.db, "oskar.lund").await;
    assert!(matches!(
        get(&oskar, &t.db, plan_of(&t, 2027).await.id).await,
        Err(AppError::NotFound { .. })
    ));
    let adopted = get(&oskar, &t.db, plan_of(&t, 2026).await.id).await.unwrap();
    assert_eq!(adopted.status, PlanStatus::Faststalld);
    assert_eq!(adopted.rights, PlanRights::default());
}

#[tokio::test]
async fn the_plan_goes_to_review_back_with_a_comment_and_is_adopted_on_a_date() {
    let t = demo_db().await;
    let johan = person_ctx(&t.db, "johan.ek").await;
    let karin = person_ctx(&t.db, "karin.holm").await;
    let id = plan_of(&t, 2027).await.id;

    let err = decide(&karin, &t.db, id, PlanEvent::Submit, "", None)
        .await
        .unwrap_err();
    assert!(matches!(err, AppError::ForbiddenWithMessage { .. }));
    let p = decide(&johan, &t.db, id, PlanEvent::Submit, "", None).await.unwrap();
    assert_eq!(p.status, PlanStatus::UnderAvstamning);
    assert!(!p.rights.edit, "under review the draft is locked");

    let err = decide(&karin, &t.db, id, PlanEvent::Return, "  ", None)
        .await
        .unwrap_err();
    assert_eq!(err.field(), Some("comment"));
    let p = decide(&karin, &t.db, id, PlanEvent::Return, "Räkna om driften.", None)
        .await
        .unwrap();
    assert_eq!(p.status, PlanStatus::Utkast);
    assert_eq!(p.events.last().unwrap().comment, "Räkna om driften.");

    decide(&johan, &t.db, id, PlanEvent::Submit, "Omräknad.", None)
        .await
        .unwrap();
    let err = decide(&karin, &t.db, id, PlanEvent::Adopt, "", None).await.unwrap_err();
    assert_eq!(err.field(), Some("decided_on"));
    // A decision is not dated in the future.
    let err = decide(&karin, &t.db, id, PlanEvent::Adopt, "§ 12", Some(day(2030, 1, 1)))
        .await
        .unwrap_err();
    assert_eq!(err.field(), Some("decided_on"));
    let p = decide(&karin, &t.db, id, PlanEvent::Adopt, "§ 12", Some(day(2026, 11, 20)))
        .await
        .unwrap();
    assert_eq!(p.status, PlanStatus::Faststalld);
    assert_eq!(p.decided_on, Some(day(2026, 11, 20)));
    assert_eq!(p.decision_minutes, "§ 12");
    assert_eq!(p.events.len(), 4);
}

#[tokio::test]
async fn a_goal_that_refers_to_a_missing_need_is_refused() {
    let t = demo_db().await;
    let johan = person_ctx(&t.db, "johan.ek").await;
    let p = get(&johan, &t.db, plan_of(&t, 2027).await.id).await.unwrap();
    let mut c = p.content.clone();
    c.goals[1].needs = "7".into();
    let err = save(&johan, &t.db, p.id, p.version, c, None).await.unwrap_err();
    assert_eq!(err.to_string(), "Mål 2 hänvisar till behov 7, som inte finns.");
}

#[tokio::test]
async fn the_objects_list_groups_by_family_with_people_and_plans() {
    let t = demo_db().await;
    let anna = person_ctx(&t.db, "anna.lindqvist").await;
    let families = objects(&anna, &t.db).await.unwrap();
    assert_eq!(families[0].name, "Vårdsystem");
    let samverkan = &families[0]
        .objects
        .iter()
        .find(|o| o.name == "Samverkan vid vårdövergångar")
        .unwrap();
    assert_eq!(samverkan.owners, vec!["Karin Holm"]);
    assert_eq!(
        samverkan.plans.iter().map(|p| p.year).collect::<Vec<_>>(),
        vec![2027, 2026]
    );
}

#[tokio::test]
async fn an_adopted_plan_gets_a_new_revision_and_next_years_copy_and_the_diff_shows_the_change() {
    let t = demo_db().await;
    let johan = person_ctx(&t.db, "johan.ek").await;
    let karin = person_ctx(&t.db, "karin.holm").await;
    let adopted = plan_of(&t, 2026).await;
    let draft = plan_of(&t, 2027).await;

    assert!(matches!(
        new_revision(&johan, &t.db, draft.id).await,
        Err(AppError::Conflict { .. })
    ));
    assert!(matches!(
        new_revision(&karin, &t.db, adopted.id).await,
        Err(AppError::ForbiddenWithMessage { .. })
    ));
    let rev2 = new_revision(&johan, &t.db, adopted.id).await.unwrap();
    assert_eq!(
        new_revision(&johan, &t.db, adopted.id).await.unwrap(),
        rev2,
        "one open revision"
    );
    let p = get(&johan, &t.db, rev2).await.unwrap();
    assert_eq!((p.year, p.revision, p.status), (2026, 2, PlanStatus::Utkast));

    let mut c = p.content.clone();
    c.goals.retain(|g| g.id != "demo-goal-8");
    c.goals[0].days_it = Days::from_tenths(200);
    save(&johan, &t.db, rev2, p.version, c, None).await.unwrap();
    let cmp = compare(&johan, &t.db, adopted.id, rev2).await.unwrap();
    let kinds: Vec<_> = cmp.diff.goals.iter().map(|g| g.kind).collect();
    assert_eq!(
        kinds,
        vec![super::diff::ChangeKind::Changed, super::diff::ChangeKind::Removed]
    );
    assert_eq!(cmp.diff.goals[0].details, vec!["dagar IT 10 → 20"]);
    // One goal of 2 350 000 kr + 112 kr less, 10 IT days (56 000 kr) more.
    assert_eq!(
        cmp.diff.total.kronor(),
        Sek::from_ore(-(2_350_000 + 2 * 5_600 - 56_000) * 100)
    );

    // Next year exists already (the 2027 draft): it is returned, not copied.
    assert_eq!(next_year(&johan, &t.db, adopted.id).await.unwrap(), draft.id);
    let y2028 = next_year(&johan, &t.db, draft.id).await.unwrap();
    let p2028 = get(&johan, &t.db, y2028).await.unwrap();
    assert_eq!((p2028.year, p2028.revision), (2028, 1));
    assert_eq!(p2028.content, get(&johan, &t.db, draft.id).await.unwrap().content);
}

#[tokio::test]
async fn the_portfolio_sums_adopted_plans_and_lists_the_rest() {
    let t = demo_db().await;
    let anna = person_ctx(&t.db, "anna.lindqvist").await;
    let p2026 = portfolio(&anna, &t.db, 2026).await.unwrap();
    assert_eq!(p2026.sum.total, Sek::from_kronor(5_401_200));
    assert_eq!(p2026.sum.fte.to_string(), "1,46");
    assert_eq!(p2026.not_adopted, 3);
    assert_eq!(p2026.families[0].rows[0].object_name, "Samverkan vid vårdövergångar");

    let p2027 = portfolio(&anna, &t.db, 2027).await.unwrap();
    assert_eq!(p2027.sum.total, Sek::ZERO, "the 2027 plan is still a draft");
    assert_eq!(p2027.last_year_sum.total, Sek::from_kronor(5_401_200));
    let row = &p2027.families[0].rows[0];
    assert_eq!(row.status, Some(PlanStatus::Utkast));
    assert!(row.adopted.is_none() && row.last_year.is_some());
    assert!(portfolio(&anna, &t.db, 1900).await.is_err());
}

#[tokio::test]
async fn the_plans_settings_drive_its_arithmetic_and_are_checked() {
    use crate::domain::plan::PlanSettings;
    let t = demo_db().await;
    let johan = person_ctx(&t.db, "johan.ek").await;
    let p = get(&johan, &t.db, plan_of(&t, 2027).await.id).await.unwrap();
    let cheaper = PlanSettings {
        day_rate_business: Sek::from_kronor(5_000),
        day_rate_it: Sek::from_kronor(5_600),
        days_per_fte: 200,
    };
    save(&johan, &t.db, p.id, p.version, p.content.clone(), Some(cheaper))
        .await
        .unwrap();
    let after = get(&johan, &t.db, p.id).await.unwrap();
    assert_eq!(after.settings, cheaper);
    // 133 business days at 600 kr less.
    assert_eq!(
        after.roll_up.total.kronor,
        Sek::from_ore(p.roll_up.total.kronor.ore() - 133 * 60_000)
    );
    assert_eq!(after.roll_up.total.fte.to_string(), "1,39");
    let bad = PlanSettings {
        days_per_fte: 20,
        ..cheaper
    };
    let err = save(&johan, &t.db, p.id, after.version, p.content.clone(), Some(bad))
        .await
        .unwrap_err();
    assert_eq!(err.field(), Some("days_per_fte"));
}

#[tokio::test]
async fn whoever_submitted_a_plan_cannot_adopt_it_even_as_its_objektagare() {
    use crate::entities::{object_person, person};
    use sea_orm::{ActiveModelTrait, Set};
    let t = demo_db().await;
    let id = plan_of(&t, 2027).await.id;
    let object_id = plan_of(&t, 2027).await.object_id;
    // Karin is the objektägare; give her the förvaltningsledare role too,
    // as data from before the appointment rules could have it.
    let karin_id = person::Entity::find()
        .filter(person::Column::Username.eq("karin.holm"))
        .one(&t.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    object_person::ActiveModel {
        object_id: Set(object_id),
        person_id: Set(karin_id),
        role: Set("forvaltningsledare".into()),
        ..Default::default()
    }
    .insert(&t.db)
    .await
    .unwrap();
    let karin = person_ctx(&t.db, "karin.holm").await;

    let p = decide(&karin, &t.db, id, PlanEvent::Submit, "", None).await.unwrap();
    assert_eq!(p.status, PlanStatus::UnderAvstamning);
    assert!(!p.rights.decide, "the one who submitted is not offered the adoption");
    let err = decide(&karin, &t.db, id, PlanEvent::Adopt, "§ 1", Some(day(2026, 11, 20)))
        .await
        .unwrap_err();
    match err {
        AppError::ForbiddenWithMessage { message } => {
            assert!(message.contains("kan inte själv fastställa"), "{message}")
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    // She may withdraw it; once Johan submits it, she adopts it.
    decide(&karin, &t.db, id, PlanEvent::Return, "Johan skickar den.", None)
        .await
        .unwrap();
    let johan = person_ctx(&t.db, "johan.ek").await;
    decide(&johan, &t.db, id, PlanEvent::Submit, "", None).await.unwrap();
    let p = decide(&karin, &t.db, id, PlanEvent::Adopt, "§ 1", Some(day(2026, 11, 20)))
        .await
        .unwrap();
    assert_eq!(p.status, PlanStatus::Faststalld);
}

#[tokio::test]
async fn a_stored_plan_status_that_does_not_parse_is_an_internal_error_not_a_draft() {
    use sea_orm::sea_query::Expr;
    let t = demo_db().await;
    let johan = person_ctx(&t.db, "johan.ek").await;
    let id = plan_of(&t, 2027).await.id;
    plan_e::Entity::update_many()
        .col_expr(plan_e::Column::Status, Expr::value("okänd"))
        .filter(plan_e::Column::Id.eq(id))
        .exec(&t.db)
        .await
        .unwrap();
    assert_eq!(get(&johan, &t.db, id).await.unwrap_err(), AppError::Internal);
    assert_eq!(
        decide(&johan, &t.db, id, PlanEvent::Submit, "", None)
            .await
            .unwrap_err(),
        AppError::Internal
    );
}
