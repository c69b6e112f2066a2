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
    // Vårdsystem's plans need the objektägare and the objektägare IT.
    let p = decide(
        &karin,
        &t.db,
        id,
        PlanEvent::Adopt,
        "Styrgruppen § 11",
        Some(day(2026, 11, 19)),
    )
    .await
    .unwrap();
    assert_eq!(p.status, PlanStatus::UnderAvstamning);
    let ahmed = person_ctx(&t.db, "ahmed.hassan").await;
    let p = decide(&ahmed, &t.db, id, PlanEvent::Adopt, "§ 12", Some(day(2026, 11, 20)))
        .await
        .unwrap();
    assert_eq!(p.status, PlanStatus::Faststalld);
    assert_eq!(p.decided_on, Some(day(2026, 11, 20)));
    assert_eq!(p.decision_minutes, "§ 12");
    // Submitted, returned, submitted, Karin's approval, Ahmed's (adopting).
    assert_eq!(p.events.len(), 5);
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
    assert_eq!(samverkan.owners, vec!["Karin Holm", "Ahmed Hassan"]);
    assert_eq!(
        samverkan.plans.iter().map(|p| p.year).collect::<Vec<_>>(),
        vec![2027, 2026]
    );
}

#[tokio::test]
async fn the_overview_shows_ones_own_objects_and_pages_through_all_by_name_and_family() {
    use crate::entities::object_family;
    let t = demo_db().await;
    let johan = person_ctx(&t.db, "johan.ek").await;
    let o = overview(&johan, &t.db, "", None, 1).await.unwrap();
    // Johan leads two objects; the demo's four are on one page, family by family.
    assert_eq!(
        o.mine.iter().map(|l| l.object.name.as_str()).collect::<Vec<_>>(),
        ["Samverkan vid vårdövergångar", "Vårdinformationsstöd öppenvård"]
    );
    assert_eq!(o.mine[0].family, "Vårdsystem");
    assert_eq!(o.mine[0].object.owners, vec!["Karin Holm", "Ahmed Hassan"]);
    assert_eq!(
        o.mine[0].object.plans.iter().map(|p| p.year).collect::<Vec<_>>(),
        vec![2027, 2026]
    );
    assert_eq!((o.total, o.page, o.pages), (4, 1, 1));
    assert_eq!(
        o.rows
            .iter()
            .map(|l| (l.family.as_str(), l.object.name.as_str()))
            .collect::<Vec<_>>(),
        [
            ("Vårdsystem", "Samverkan vid vårdövergångar"),
            ("Vårdsystem", "Vårdinformationsstöd öppenvård"),
            ("Stödsystem", "Ekonomi och inköp"),
            ("Digital arbetsplats", "Digital arbetsplats"),
        ]
    );
    let vard = o.families.iter().find(|f| f.name == "Vårdsystem").unwrap();
    assert_eq!(vard.objects, 2);

    // Thirty more in Stödsystem: two pages of all, in family and name order.
    let stod = object_family::Entity::find()
        .filter(object_family::Column::Name.eq("Stödsystem"))
        .one(&t.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    crate::testing::add_objects(&t.db, stod, "Stödobjekt", "stod", 30).await;
    let first = overview(&johan, &t.db, "", None, 1).await.unwrap();
    assert_eq!(
        (first.total, first.pages, first.rows.len()),
        (34, 2, OBJECTS_PAGE_SIZE as usize)
    );
    let second = overview(&johan, &t.db, "", None, 2).await.unwrap();
    assert_eq!(second.rows.len(), 9);
    assert_eq!(second.rows.last().unwrap().object.name, "Digital arbetsplats");
    assert_eq!(second.rows[0].object.name, "Stödobjekt 22");
    // A page past the last is the last.
    assert_eq!(overview(&johan, &t.db, "", None, 99).await.unwrap().page, 2);
    // By part of the name, any case; by family.
    let found = overview(&johan, &t.db, "  OBJEKT 1", None, 1).await.unwrap();
    assert_eq!(found.total, 10);
    assert!(found.rows.iter().all(|l| l.object.name.starts_with("Stödobjekt 1")));
    let family = overview(&johan, &t.db, "", Some(stod), 1).await.unwrap();
    assert_eq!(family.total, 31);
    assert_eq!(family.families.iter().find(|f| f.id == stod).unwrap().objects, 31);
    let none = overview(&johan, &t.db, "inget sådant", None, 1).await.unwrap();
    assert_eq!((none.total, none.pages, none.rows.len()), (0, 1, 0));
    assert_eq!(none.mine.len(), 2, "one's own objects whatever the filter");

    // Someone with no role on any object has none of their own.
    let erik = person_ctx(&t.db, "oskar.lund").await;
    assert!(overview(&erik, &t.db, "", None, 1).await.unwrap().mine.is_empty());
    // A search longer than a search may be is refused on its field.
    let long = overview(&johan, &t.db, &"x".repeat(201), None, 1).await.unwrap_err();
    assert!(long.has_field("q"));
    // Signed out: refused.
    let anonymous = crate::ctx::Ctx::anonymous();
    assert!(matches!(
        overview(&anonymous, &t.db, "", None, 1).await,
        Err(AppError::Unauthorized)
    ));
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
    let all = PortfolioQuery::default();
    let p2026 = portfolio(&anna, &t.db, &PortfolioCache::default(), 2026, all.clone())
        .await
        .unwrap();
    assert_eq!(p2026.sum.total, Sek::from_kronor(5_401_200));
    assert_eq!(p2026.sum.fte.to_string(), "1,46");
    assert_eq!(p2026.not_adopted, 3);
    assert_eq!(p2026.rows[0].object_name, "Samverkan vid vårdövergångar");
    assert_eq!(p2026.rows[0].family_name, "Vårdsystem");
    assert_eq!(p2026.families[0].sum.total, Sek::from_kronor(5_401_200));
    assert_eq!(p2026.families.iter().map(|f| f.objects).sum::<usize>(), p2026.matching);
    assert_eq!((p2026.pages, p2026.rows.len()), (1, p2026.matching));
    // The adopted plan's 60/40 split of 5 401 200 kr.
    let split: Vec<(&str, Sek, u32)> = p2026
        .financing
        .iter()
        .map(|t| (t.name.as_str(), t.amount, t.plans))
        .collect();
    assert_eq!(
        split,
        vec![
            ("Region Norrvik", Sek::from_kronor(3_240_720), 1),
            ("Länets sju kommuner", Sek::from_kronor(2_160_480), 1),
        ]
    );
    assert_eq!(p2026.unsplit, Sek::ZERO);

    let p2027 = portfolio(&anna, &t.db, &PortfolioCache::default(), 2027, all.clone())
        .await
        .unwrap();
    assert_eq!(p2027.sum.total, Sek::ZERO, "the 2027 plan is still a draft");
    assert_eq!(p2027.last_year_sum.total, Sek::from_kronor(5_401_200));
    let row = &p2027.rows[0];
    assert_eq!(row.status, Some(PlanStatus::Utkast));
    assert!(row.adopted.is_none() && row.last_year.is_some());
    assert_eq!(
        portfolio(&anna, &t.db, &PortfolioCache::default(), 1900, all.clone())
            .await
            .unwrap_err()
            .field(),
        Some("year")
    );
}

#[tokio::test]
async fn the_portfolio_lists_a_page_of_the_objects_asked_for_and_sums_them_all() {
    use crate::entities::{governance_object, object_family};
    use sea_orm::{ActiveModelTrait, ActiveValue::Set};
    let t = demo_db().await;
    let anna = person_ctx(&t.db, "anna.lindqvist").await;
    let support = object_family::Entity::find()
        .all(&t.db)
        .await
        .unwrap()
        .into_iter()
        .find(|f| f.name == "Stödsystem")
        .unwrap();
    let template = governance_object::Entity::find()
        .all(&t.db)
        .await
        .unwrap()
        .into_iter()
        .find(|o| o.family_id == support.id)
        .unwrap();
    // 250 more support systems, without plans: three pages of them.
    for i in 0..250 {
        let mut o: governance_object::ActiveModel = template.clone().into();
        o.id = sea_orm::ActiveValue::NotSet;
        o.name = Set(format!("Stödobjekt {i:03}"));
        o.insert(&t.db).await.unwrap();
    }
    let ask = |family: Option<i32>, q: &str, page: u64| PortfolioQuery {
        family,
        q: q.into(),
        page,
    };
    let all = portfolio(&anna, &t.db, &PortfolioCache::default(), 2026, ask(None, "", 1))
        .await
        .unwrap();
    let objects: usize = all.families.iter().map(|f| f.objects).sum();
    assert_eq!(all.matching, objects);
    assert!(objects > 250);
    assert_eq!(all.rows.len(), PORTFOLIO_PAGE);
    assert_eq!(all.pages, objects.div_ceil(PORTFOLIO_PAGE) as u64);
    assert_eq!(all.not_adopted, objects - 1, "one adopted plan in 2026");
    // By family and name, each once over the pages; the sums of every page
    // are those of the region.
    let mut seen = vec![];
    for page in 1..=all.pages {
        let p = portfolio(&anna, &t.db, &PortfolioCache::default(), 2026, ask(None, "", page))
            .await
            .unwrap();
        assert_eq!((p.sum, p.not_adopted), (all.sum, all.not_adopted));
        assert_eq!(p.query.page, page);
        seen.extend(p.rows.into_iter().map(|r| (r.family_id, r.object_id)));
    }
    assert_eq!(seen.len(), objects);
    let families: Vec<i32> = all.families.iter().map(|f| f.id).collect();
    assert!(seen.windows(2).all(|w| {
        let at = |id: i32| families.iter().position(|f| *f == id).unwrap();
        at(w[0].0) <= at(w[1].0)
    }));
    let mut unique = seen.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), objects);
    // A page past the last answers the last.
    let past = portfolio(&anna, &t.db, &PortfolioCache::default(), 2026, ask(None, "", 999))
        .await
        .unwrap();
    assert_eq!(past.query.page, all.pages);
    assert_eq!(past.rows.last().map(|r| r.object_id), seen.last().map(|s| s.1));

    // One family, by name: its objects alone.
    let family = portfolio(
        &anna,
        &t.db,
        &PortfolioCache::default(),
        2026,
        ask(Some(support.id), "", 3),
    )
    .await
    .unwrap();
    assert!(family
        .rows
        .iter()
        .all(|r| r.family_id == support.id && r.family_name == "Stödsystem"));
    assert_eq!(
        family.matching,
        all.families.iter().find(|f| f.id == support.id).unwrap().objects
    );
    assert_eq!(family.sum, all.sum, "the sums are the region's whatever is listed");
    let named = portfolio(
        &anna,
        &t.db,
        &PortfolioCache::default(),
        2026,
        ask(None, "  stödobjekt 12 ", 1),
    )
    .await
    .unwrap();
    let names: Vec<&str> = named.rows.iter().map(|r| r.object_name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Stödobjekt 120",
            "Stödobjekt 121",
            "Stödobjekt 122",
            "Stödobjekt 123",
            "Stödobjekt 124",
            "Stödobjekt 125",
            "Stödobjekt 126",
            "Stödobjekt 127",
            "Stödobjekt 128",
            "Stödobjekt 129"
        ]
    );
    assert_eq!(named.query.q, "stödobjekt 12");
    let none = portfolio(
        &anna,
        &t.db,
        &PortfolioCache::default(),
        2026,
        ask(Some(i32::MAX), "", 1),
    )
    .await
    .unwrap();
    assert_eq!((none.matching, none.rows.len(), none.pages), (0, 0, 1));

    // Refused: a page outside 1–100 000, a search longer than 200
    // characters; signed out.
    let refused = |q: PortfolioQuery| {
        let t = &t;
        let anna = &anna;
        async move {
            portfolio(anna, &t.db, &PortfolioCache::default(), 2026, q)
                .await
                .unwrap_err()
                .field()
                .map(str::to_owned)
        }
    };
    assert_eq!(refused(ask(None, "", 0)).await.as_deref(), Some("page"));
    assert_eq!(refused(ask(None, "", 100_001)).await.as_deref(), Some("page"));
    assert_eq!(refused(ask(None, "", u64::MAX)).await.as_deref(), Some("page"));
    assert_eq!(refused(ask(None, &"å".repeat(201), 1)).await.as_deref(), Some("q"));
    assert!(matches!(
        portfolio(
            &crate::ctx::Ctx::anonymous(),
            &t.db,
            &PortfolioCache::default(),
            2026,
            ask(None, "", 1)
        )
        .await,
        Err(crate::error::AppError::Unauthorized)
    ));
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
    decide(&karin, &t.db, id, PlanEvent::Adopt, "§ 1", Some(day(2026, 11, 20)))
        .await
        .unwrap();
    let ahmed = person_ctx(&t.db, "ahmed.hassan").await;
    let p = decide(&ahmed, &t.db, id, PlanEvent::Adopt, "§ 1", Some(day(2026, 11, 20)))
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

async fn object_id(t: &TestDb, name: &str) -> i32 {
    use crate::entities::governance_object;
    governance_object::Entity::find()
        .filter(governance_object::Column::Name.eq(name))
        .one(&t.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

#[tokio::test]
async fn a_forvaltningsledare_starts_the_first_plan_of_an_object_with_none() {
    let t = demo_db().await;
    let johan = person_ctx(&t.db, "johan.ek").await;
    let oppen = object_id(&t, "Vårdinformationsstöd öppenvård").await;
    assert!(crate::plans::objects::service::detail(&johan, &t.db, oppen)
        .await
        .unwrap()
        .plans
        .is_empty());

    let p = create(
        &johan,
        &t.db,
        oppen,
        NewPlan {
            year: 2027,
            from_template: false,
        },
    )
    .await
    .unwrap();
    assert_eq!(
        (p.year, p.revision, p.status, p.version),
        (2027, 1, PlanStatus::Utkast, 1)
    );
    assert!(p.rights.edit && p.rights.submit, "its förvaltningsledare writes it");
    assert!(p.content.goals.is_empty() && p.content.forums.is_empty());
    assert_eq!(p.settings, crate::domain::plan::PlanSettings::default());
    assert_eq!(
        (p.content.period_start, p.content.period_end),
        (
            chrono::NaiveDate::from_ymd_opt(2027, 1, 1),
            chrono::NaiveDate::from_ymd_opt(2027, 12, 31)
        ),
        "the calendar year until the förvaltningsledare says otherwise"
    );
    let mut backwards = p.content.clone();
    backwards.period_end = chrono::NaiveDate::from_ymd_opt(2026, 12, 31);
    let refused = save(&johan, &t.db, p.id, p.version, backwards, None).await;
    assert!(
        matches!(refused, Err(AppError::Validation { field: Some(ref f), .. }) if f == "period_end"),
        "{refused:?}"
    );
    let detail = crate::plans::objects::service::detail(&johan, &t.db, oppen)
        .await
        .unwrap();
    assert_eq!(
        p.content.object_description, detail.description,
        "the object's own description"
    );
    assert_eq!(detail.plans.len(), 1);

    // A second plan for the same year is a conflict, and nothing is written.
    let again = create(
        &johan,
        &t.db,
        oppen,
        NewPlan {
            year: 2027,
            from_template: true,
        },
    )
    .await;
    assert!(matches!(again, Err(AppError::Conflict { .. })), "{again:?}");
    let plans = list(&johan, &t.db, Some(oppen), None, None).await.unwrap();
    assert_eq!(plans.len(), 1);
    assert_eq!(plans[0].id, p.id);

    // The year must be one a plan can have.
    let far = create(
        &johan,
        &t.db,
        oppen,
        NewPlan {
            year: 2101,
            from_template: false,
        },
    )
    .await;
    assert!(
        matches!(far, Err(AppError::Validation { field: Some(ref f), .. }) if f == "year"),
        "{far:?}"
    );
}

#[tokio::test]
async fn only_the_objects_forvaltningsledare_or_an_administrator_starts_a_plan() {
    let t = demo_db().await;
    let oppen = object_id(&t, "Vårdinformationsstöd öppenvård").await;
    for who in ["karin.holm", "anna.lindqvist", "erik.johansson"] {
        let ctx = person_ctx(&t.db, who).await;
        let r = create(
            &ctx,
            &t.db,
            oppen,
            NewPlan {
                year: 2027,
                from_template: false,
            },
        )
        .await;
        assert!(matches!(r, Err(AppError::ForbiddenWithMessage { .. })), "{who}: {r:?}");
        assert!(
            !crate::plans::objects::service::detail(&ctx, &t.db, oppen)
                .await
                .unwrap()
                .can_create_plan
        );
    }
    let per = person_ctx(&t.db, "per.svensson").await;
    let p = create(
        &per,
        &t.db,
        oppen,
        NewPlan {
            year: 2028,
            from_template: true,
        },
    )
    .await
    .unwrap();
    assert!(
        !p.rights.edit,
        "an administrator starts it; the förvaltningsledare writes it"
    );
    let missing = create(
        &per,
        &t.db,
        999_999,
        NewPlan {
            year: 2028,
            from_template: false,
        },
    )
    .await;
    assert!(matches!(missing, Err(AppError::NotFound { .. })), "{missing:?}");
}

#[tokio::test]
async fn a_plan_from_the_familys_template_starts_with_its_forums_texts_and_day_rates() {
    let t = demo_db().await;
    let per = person_ctx(&t.db, "per.svensson").await;
    let johan = person_ctx(&t.db, "johan.ek").await;
    let oppen = object_id(&t, "Vårdinformationsstöd öppenvård").await;
    let family = crate::plans::objects::service::detail(&johan, &t.db, oppen)
        .await
        .unwrap()
        .family_id;
    let mut tpl = template(&johan, &t.db, family).await.unwrap();
    assert!(!tpl.can_edit, "a förvaltningsledare reads the template");
    assert_eq!(tpl.content.forums.len(), 2, "the demo template");
    tpl.content.projects = "Projekt som påverkar objektet.".into();
    tpl.content.object_description = "Kastas: planen tar objektets egen.".into();
    tpl.settings.day_rate_it = Sek::from_kronor(7_000);
    let refused = save_template(&johan, &t.db, family, tpl.content.clone(), tpl.settings).await;
    assert!(matches!(refused, Err(AppError::Forbidden)), "{refused:?}");
    let saved = save_template(&per, &t.db, family, tpl.content.clone(), tpl.settings)
        .await
        .unwrap();
    assert_eq!(saved.updated_by, "Per Svensson");
    assert!(saved.content.object_description.is_empty());

    let p = create(
        &johan,
        &t.db,
        oppen,
        NewPlan {
            year: 2027,
            from_template: true,
        },
    )
    .await
    .unwrap();
    assert_eq!(p.content.forums, tpl.content.forums);
    assert_eq!(p.content.projects, "Projekt som påverkar objektet.");
    assert_eq!(p.settings.day_rate_it, Sek::from_kronor(7_000));
    assert_ne!(p.content.object_description, "Kastas: planen tar objektets egen.");

    // A template is checked as a plan is.
    let mut bad = tpl.settings;
    bad.days_per_fte = 20;
    let r = save_template(&per, &t.db, family, tpl.content.clone(), bad).await;
    assert!(matches!(r, Err(AppError::Validation { .. })), "{r:?}");
}

#[tokio::test]
async fn a_family_without_a_template_offers_the_regions_defaults_and_no_plan_from_it() {
    let t = demo_db().await;
    let erik = person_ctx(&t.db, "erik.johansson").await;
    let ekonomi = object_id(&t, "Ekonomi och inköp").await;
    let detail = crate::plans::objects::service::detail(&erik, &t.db, ekonomi)
        .await
        .unwrap();
    assert!(detail.can_create_plan && !detail.has_template);
    let tpl = template(&erik, &t.db, detail.family_id).await.unwrap();
    assert!(tpl.updated_at.is_none());
    let r = create(
        &erik,
        &t.db,
        ekonomi,
        NewPlan {
            year: 2027,
            from_template: true,
        },
    )
    .await;
    assert!(
        matches!(r, Err(AppError::Validation { field: Some(ref f), .. }) if f == "from_template"),
        "{r:?}"
    );
    assert!(list(&erik, &t.db, Some(ekonomi), None, None).await.unwrap().is_empty());
}

#[tokio::test]
async fn the_plan_list_shows_drafts_only_to_the_objects_people_and_administrators() {
    let t = demo_db().await;
    let johan = person_ctx(&t.db, "johan.ek").await;
    let oskar = person_ctx(&t.db, "oskar.lund").await;
    let per = person_ctx(&t.db, "per.svensson").await;
    let all = |ctx| {
        let db = &t.db;
        async move { list(&ctx, db, None, None, None).await.unwrap() }
    };
    let johans = all(johan.clone()).await;
    assert!(johans.iter().any(|p| p.status == PlanStatus::Utkast));
    let oskars = all(oskar.clone()).await;
    assert!(!oskars.is_empty() && oskars.iter().all(|p| p.status == PlanStatus::Faststalld));
    assert_eq!(all(per.clone()).await.len(), johans.len());
    let drafts_2027 = list(&johan, &t.db, None, Some(2027), Some(PlanStatus::Utkast))
        .await
        .unwrap();
    assert!(drafts_2027
        .iter()
        .all(|p| p.year == 2027 && p.status == PlanStatus::Utkast));
    assert_eq!(drafts_2027[0].object_name, "Samverkan vid vårdövergångar");
}

#[tokio::test]
async fn a_plan_stored_before_the_cost_split_opens_saves_and_splits_nothing() {
    use sea_orm::{ActiveModelTrait, Set};
    let t = demo_db().await;
    let johan = person_ctx(&t.db, "johan.ek").await;
    let draft = plan_of(&t, 2027).await;
    // The document as it was stored before `financing`, the overall goals
    // and the needs' titles and flags existed.
    let mut old: serde_json::Value = serde_json::from_str(&draft.content).unwrap();
    let doc = old.as_object_mut().unwrap();
    for field in [
        "financing",
        "overall_goals",
        "activity_goals",
        "staffing",
        "project_list",
        "it_services",
        "integrations",
    ] {
        doc.remove(field);
    }
    for need in doc["needs"].as_array_mut().unwrap() {
        let need = need.as_object_mut().unwrap();
        for field in ["title", "excluded", "financed_elsewhere"] {
            need.remove(field);
        }
    }
    let mut row: plan_e::ActiveModel = draft.clone().into();
    row.content = Set(old.to_string());
    row.update(&t.db).await.unwrap();

    let p = get(&johan, &t.db, draft.id).await.unwrap();
    assert!(p.content.financing.is_empty());
    assert_eq!(p.content.split(p.roll_up.total.kronor), Ok(vec![]));
    assert!(p.content.overall_goals.is_empty() && p.content.activity_goals.is_empty());
    assert!(p.content.needs.iter().all(|n| n.title.is_empty() && !n.flagged()));
    assert!(p.content.staffing.is_empty() && p.content.project_list.is_empty());
    assert!(p.content.it_services.is_empty() && p.content.integrations.is_empty());
    let saved = save(&johan, &t.db, draft.id, p.version, p.content.clone(), None)
        .await
        .unwrap();
    assert!(matches!(saved, SaveOutcome::Saved { .. }), "{saved:?}");
}

#[tokio::test]
async fn a_plan_goes_for_review_only_with_named_parties_whose_shares_make_a_hundred_per_cent() {
    let t = demo_db().await;
    let johan = person_ctx(&t.db, "johan.ek").await;
    let draft = plan_of(&t, 2027).await;
    let p = get(&johan, &t.db, draft.id).await.unwrap();
    // The demo's split: 60 % and 40 % of the plan's total, adding up exactly.
    let parts = p.content.split(p.roll_up.total.kronor).unwrap();
    assert_eq!(parts.len(), 2);
    assert_eq!(parts[0].1.checked_add(parts[1].1), Some(p.roll_up.total.kronor));

    let mut c = p.content.clone();
    c.financing[1].share = 3_000;
    let SaveOutcome::Saved { version, .. } = save(&johan, &t.db, draft.id, p.version, c.clone(), None).await.unwrap()
    else {
        panic!("a draft saves with shares that do not add up yet");
    };
    let refused = decide(&johan, &t.db, draft.id, PlanEvent::Submit, "", None).await;
    match refused {
        Err(AppError::Validation {
            field: Some(f),
            message,
        }) => {
            assert_eq!(f, "financing");
            assert!(message.starts_with("Andelarna blir tillsammans 90 %"), "{message}");
        }
        other => panic!("expected a validation error, got {other:?}"),
    }
    c.financing[1].share = 4_000;
    c.financing[1].name = " ".into();
    save(&johan, &t.db, draft.id, version, c.clone(), None).await.unwrap();
    let unnamed = decide(&johan, &t.db, draft.id, PlanEvent::Submit, "", None).await;
    assert!(matches!(unnamed, Err(AppError::Validation { .. })), "{unnamed:?}");
    assert_eq!(get(&johan, &t.db, draft.id).await.unwrap().status, PlanStatus::Utkast);
}

#[tokio::test]
async fn flagged_needs_are_listed_but_no_goal_of_a_plan_for_review_may_answer_them() {
    let t = demo_db().await;
    let johan = person_ctx(&t.db, "johan.ek").await;
    let draft = plan_of(&t, 2027).await;
    let p = get(&johan, &t.db, draft.id).await.unwrap();
    // The demo's fourth need is financed by the municipalities' project.
    assert!(p.content.needs[3].financed_elsewhere);
    assert_eq!(p.content.needs[0].title, "Utbildning");
    assert!(!p.content.overall_goals.is_empty());

    let mut c = p.content.clone();
    // Goal 4 (webbutbildning) answers need 1; mark need 1 as not in the plan.
    c.needs[0].excluded = true;
    let SaveOutcome::Saved { version, .. } = save(&johan, &t.db, draft.id, p.version, c.clone(), None).await.unwrap()
    else {
        panic!("a draft saves while its needs and goals are being sorted out");
    };
    let refused = decide(&johan, &t.db, draft.id, PlanEvent::Submit, "", None).await;
    match refused {
        Err(AppError::Validation {
            field: Some(f),
            message,
        }) => {
            assert_eq!(f, "goals");
            assert_eq!(
                message,
                "Mål 4 hänvisar till behov 1, som ingår inte i planen. Ta bort hänvisningen eller markeringen på behovet."
            );
        }
        other => panic!("expected a validation error, got {other:?}"),
    }
    // The goal no longer answers it: the plan goes for review, the need
    // still listed with its flag.
    c.goals[3].needs.clear();
    save(&johan, &t.db, draft.id, version, c, None).await.unwrap();
    let p = decide(&johan, &t.db, draft.id, PlanEvent::Submit, "", None)
        .await
        .unwrap();
    assert_eq!(p.status, PlanStatus::UnderAvstamning);
    assert!(p.content.needs[0].excluded);
}

#[tokio::test]
async fn overall_goals_are_one_per_activity_and_texts_are_bounded() {
    use crate::domain::plan::Activity;
    let t = demo_db().await;
    let johan = person_ctx(&t.db, "johan.ek").await;
    let draft = plan_of(&t, 2027).await;
    let p = get(&johan, &t.db, draft.id).await.unwrap();
    assert_eq!(
        p.content.activity_goal(Activity::Anvandarstod),
        "Användarna får svar inom en arbetsdag."
    );
    assert_eq!(p.content.activity_goal(Activity::Andringshantering), "");

    let mut twice = p.content.clone();
    twice.activity_goals.push(ActivityGoal {
        activity: Activity::Anvandarstod,
        text: "Ett till.".into(),
    });
    let err = save(&johan, &t.db, draft.id, p.version, twice, None).await.unwrap_err();
    assert_eq!(err.field(), Some("activity_goals"));
    let mut long = p.content.clone();
    long.needs[1].title = "x".repeat(201);
    let err = save(&johan, &t.db, draft.id, p.version, long, None).await.unwrap_err();
    assert_eq!(err.to_string(), "Rubriken på behov 2 är för lång (högst 200 tecken).");
    let mut long = p.content.clone();
    long.overall_goals = "x".repeat(20_001);
    let err = save(&johan, &t.db, draft.id, p.version, long, None).await.unwrap_err();
    assert_eq!(err.field(), Some("overall_goals"));
}

#[tokio::test]
async fn the_organisation_names_people_from_the_directory_by_their_directory_name() {
    let t = demo_db().await;
    let johan = person_ctx(&t.db, "johan.ek").await;
    let draft = plan_of(&t, 2027).await;
    let p = get(&johan, &t.db, draft.id).await.unwrap();
    // The demo names people as typed, and leaves the IT-tekniker vacant.
    assert_eq!(p.content.staffing[0].holder(), "Karin Holm");
    assert_eq!(p.content.staffing[6].holder(), "Ej tillsatt");
    assert_eq!(p.content.project_list.len(), 2);
    assert_eq!(
        p.content.it_services[0].level,
        Some(crate::domain::catalog::ServiceLevel::Guld)
    );

    let anna = crate::org::directory::person_by_username(&t.db, "anna.lindqvist")
        .await
        .unwrap()
        .unwrap();
    let mut c = p.content.clone();
    // A client sends the directory's id with another name: the directory's wins.
    c.staffing[4].person_id = Some(anna.id);
    c.staffing[4].name = "Någon annan".into();
    let SaveOutcome::Saved { version, .. } = save(&johan, &t.db, draft.id, p.version, c.clone(), None).await.unwrap()
    else {
        panic!("saved");
    };
    let p = get(&johan, &t.db, draft.id).await.unwrap();
    assert_eq!(p.content.staffing[4].name, "Anna Lindqvist");
    assert_eq!(p.content.staffing[4].person_id, Some(anna.id));

    // Nobody by that id: refused, nothing written.
    c.staffing[4].person_id = Some(999_999);
    let err = save(&johan, &t.db, draft.id, version, c.clone(), None)
        .await
        .unwrap_err();
    assert_eq!(err.field(), Some("staffing"));
    assert_eq!(
        err.to_string(),
        "Organisationens rad 5: personen finns inte i katalogen. Välj personen igen."
    );
    assert_eq!(get(&johan, &t.db, draft.id).await.unwrap().version, version);

    // Texts are bounded per column, rows per table.
    c.staffing[4].person_id = None;
    c.project_list[1].name = "x".repeat(201);
    let err = save(&johan, &t.db, draft.id, version, c.clone(), None)
        .await
        .unwrap_err();
    assert_eq!(err.to_string(), "Projekt 2: Texten är för lång (högst 200 tecken).");
    c.project_list[1].name = "Kort".into();
    c.integrations = (0..201)
        .map(|i| Integration {
            id: format!("i{i}"),
            ..Default::default()
        })
        .collect();
    let err = save(&johan, &t.db, draft.id, version, c, None).await.unwrap_err();
    assert_eq!(err.field(), Some("integrations"));
}

#[tokio::test]
async fn a_plan_goes_for_review_only_when_every_it_service_has_a_service_level() {
    let t = demo_db().await;
    let johan = person_ctx(&t.db, "johan.ek").await;
    let draft = plan_of(&t, 2027).await;
    let p = get(&johan, &t.db, draft.id).await.unwrap();
    let mut c = p.content.clone();
    c.it_services[1].level = None;
    let SaveOutcome::Saved { version, .. } = save(&johan, &t.db, draft.id, p.version, c.clone(), None).await.unwrap()
    else {
        panic!("a draft saves without a level yet");
    };
    let err = decide(&johan, &t.db, draft.id, PlanEvent::Submit, "", None)
        .await
        .unwrap_err();
    assert_eq!(err.field(), Some("it_services"));
    assert!(err.to_string().starts_with("IT-tjänst 2 saknar servicenivå."), "{err}");
    c.it_services[1].level = Some(crate::domain::catalog::ServiceLevel::Silver);
    save(&johan, &t.db, draft.id, version, c, None).await.unwrap();
    let p = decide(&johan, &t.db, draft.id, PlanEvent::Submit, "", None)
        .await
        .unwrap();
    assert_eq!(p.status, PlanStatus::UnderAvstamning);
}

#[tokio::test]
async fn a_new_plan_lists_the_objects_people_in_its_organisation() {
    let t = demo_db().await;
    let johan = person_ctx(&t.db, "johan.ek").await;
    let oppen = object_id(&t, "Vårdinformationsstöd öppenvård").await;
    let p = create(
        &johan,
        &t.db,
        oppen,
        NewPlan {
            year: 2027,
            from_template: true,
        },
    )
    .await
    .unwrap();
    let leader = p
        .content
        .staffing
        .iter()
        .find(|s| s.role == "Förvaltningsledare verksamhet")
        .expect("the template's role");
    assert_eq!(leader.name, "Johan Ek");
    assert!(leader.person_id.is_some(), "from the directory");
    assert!(!leader.organisation.is_empty(), "the person's unit");
    let it_owner = p.content.staffing.iter().find(|s| s.role == "Objektägare IT").unwrap();
    assert_eq!(it_owner.name, "Ahmed Hassan");
    // Template roles the object has nobody for stay vacant.
    assert!(p
        .content
        .staffing
        .iter()
        .any(|s| s.role == "Förvaltningsledare IT" && s.vacant()));
}

mod adoption;

/// The portfolio is summed once per change: requests in between are
/// answered from the kept sums, fifty at once after a change cause one
/// summing, and each kind of change the portfolio shows (a new revision, a
/// plan moved on, an object renamed) is in the next answer.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_portfolio_is_summed_once_per_change_and_shows_every_change() {
    use crate::plans::objects::dto::ObjectInput;
    let t = demo_db().await;
    let anna = person_ctx(&t.db, "anna.lindqvist").await;
    let johan = person_ctx(&t.db, "johan.ek").await;
    let cache = PortfolioCache::default();
    let all = PortfolioQuery::default();
    let ask = |cache: PortfolioCache| {
        let (t, anna, all) = (&t, &anna, all.clone());
        async move { portfolio(anna, &t.db, &cache, 2026, all).await.unwrap() }
    };
    let db = std::sync::Arc::new(t.db.clone());
    let fifty = |cache: &PortfolioCache| {
        let tasks: Vec<_> = (0..50)
            .map(|_| {
                let (cache, db, anna) = (cache.clone(), db.clone(), anna.clone());
                tokio::spawn(async move {
                    portfolio(&anna, db.as_ref(), &cache, 2026, PortfolioQuery::default())
                        .await
                        .unwrap()
                })
            })
            .collect();
        async move {
            let mut answers = vec![];
            for task in tasks {
                answers.push(task.await.unwrap());
            }
            answers
        }
    };

    let first = fifty(&cache).await;
    assert_eq!(cache.builds(), 1, "one summing for fifty requests at once");
    assert!(first.windows(2).all(|w| w[0] == w[1]));
    let adopted = first[0].rows.iter().find(|r| r.adopted.is_some()).unwrap().clone();
    assert_eq!(adopted.status, Some(PlanStatus::Faststalld));
    assert_eq!(ask(cache.clone()).await, first[0]);
    assert_eq!(cache.builds(), 1, "no change, no summing");

    // A new revision: the object's newest plan of the year is a draft; the
    // adopted revision is still the one counted.
    let rev2 = new_revision(&johan, &t.db, adopted.plan_id.unwrap()).await.unwrap();
    let after = fifty(&cache).await;
    assert_eq!(cache.builds(), 2, "one summing after the change");
    assert!(after.windows(2).all(|w| w[0] == w[1]));
    let row = after[0].rows.iter().find(|r| r.object_id == adopted.object_id).unwrap();
    assert_eq!(row.status, Some(PlanStatus::Utkast));
    assert_eq!((row.plan_id, row.adopted), (adopted.plan_id, adopted.adopted));
    assert_eq!(after[0].sum, first[0].sum);

    // The revision moved on (sent for adoption): its status is shown.
    decide(&johan, &t.db, rev2, PlanEvent::Submit, "", None).await.unwrap();
    let p = ask(cache.clone()).await;
    assert_eq!(cache.builds(), 3);
    let row = p.rows.iter().find(|r| r.object_id == adopted.object_id).unwrap();
    assert_ne!(row.status, Some(PlanStatus::Utkast));

    // An object renamed: listed under its new name.
    let admin = person_ctx(&t.db, "per.svensson").await;
    let o = crate::plans::objects::service::detail(&admin, &t.db, adopted.object_id)
        .await
        .unwrap();
    let input = ObjectInput {
        name: "Samverkan, nytt namn".into(),
        family_id: o.family_id,
        class: o.class.clone(),
        description: o.description.clone(),
        it_components: o.it_components.clone(),
        products: o.products.clone(),
        people: o.people.iter().map(|p| (p.person_id, p.role.clone())).collect(),
    };
    crate::plans::objects::service::save(&admin, &t.db, Some(adopted.object_id), input)
        .await
        .unwrap();
    let p = ask(cache.clone()).await;
    assert_eq!(cache.builds(), 4);
    assert!(p.rows.iter().any(|r| r.object_name == "Samverkan, nytt namn"));
}
