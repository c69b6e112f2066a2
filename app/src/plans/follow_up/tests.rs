//! Service tests of follow-up on the demo governance (Samverkan vid
//! vårdövergångar: plan 2026 adopted, tertial 2 reported).

use super::dto::*;
use super::service::*;
use crate::domain::follow_up::{GoalStatus, Measure, Period};
use crate::entities::{follow_up as fu, governance_object};
use crate::error::AppError;
use crate::testing::{demo_db, person_ctx, TestDb};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

async fn object(t: &TestDb, name: &str) -> i32 {
    governance_object::Entity::find()
        .filter(governance_object::Column::Name.eq(name))
        .one(&t.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

fn p(code: &str) -> Period {
    Period::parse(code).unwrap()
}

const SAMVERKAN: &str = "Samverkan vid vårdövergångar";

/// The report's first page of every family's objects.
const FIRST: ReportPart = ReportPart::Page { family: None, page: 1 };

#[tokio::test]
async fn a_new_period_is_prefilled_from_the_last_one_and_saved_by_a_leader() {
    let t = demo_db().await;
    let johan = person_ctx(&t.db, "johan.ek").await;
    let id = object(&t, SAMVERKAN).await;

    let t3 = get(&johan, &t.db, id, p("2026-T3")).await.unwrap();
    assert_eq!(t3.version, 0);
    assert_eq!(t3.carried_from, Some(p("2026-T2")));
    assert!(t3.can_edit);
    assert_eq!(t3.goals.len(), 8);
    assert_eq!(t3.content.goals.len(), 8, "one report per goal of the adopted plan");
    assert_eq!(t3.content.goals[1].status, GoalStatus::Klar, "statuses carried over");
    assert!(
        t3.content.goals.iter().all(|g| g.comment.is_empty()),
        "comments are per period"
    );
    assert_eq!(t3.content.indicators.len(), 5, "indicators carried over");
    assert_eq!(t3.reported, vec![p("2026-T2")]);

    let mut content = t3.content.clone();
    content.goals[0].status = GoalStatus::Klar;
    content.goals[0].comment = "Tertialrapport 3 lämnad.".into();
    content.indicators[0].outcome = Some(Measure::from_hundredths(600_000_000));
    // A negative outcome against a comparison target.
    content.indicators[4].outcome = Some(Measure::from_hundredths(-1_250));
    content.indicators[4].comparison = crate::domain::follow_up::Comparison::AtMost;
    assert_eq!(
        content.indicators[4].fulfilment(),
        Some(crate::domain::follow_up::Fulfilment::Met)
    );
    let saved = save(&johan, &t.db, id, p("2026-T3"), 0, content.clone()).await.unwrap();
    assert!(matches!(saved, FollowUpSaved::Saved { version: 1, .. }));

    let again = get(&johan, &t.db, id, p("2026-T3")).await.unwrap();
    assert_eq!(again.version, 1);
    assert_eq!(again.carried_from, None);
    assert_eq!(again.content, content);
    assert_eq!(again.content.indicators[4].target_text(), "≤ 0");
    assert_eq!(again.updated_by, "Johan Ek");
    assert_eq!(again.reported, vec![p("2026-T2"), p("2026-T3")]);
    // The earlier period is untouched.
    let t2 = get(&johan, &t.db, id, p("2026-T2")).await.unwrap();
    assert_eq!(
        t2.content.goals[0].comment,
        "Tertialrapport 1 och 2 lämnade till förvaltningsgruppen."
    );
}

#[tokio::test]
async fn a_stale_save_is_refused_with_the_other_persons_follow_up() {
    let t = demo_db().await;
    let johan = person_ctx(&t.db, "johan.ek").await;
    let lars = person_ctx(&t.db, "lars.andersson").await;
    let id = object(&t, SAMVERKAN).await;

    // Both start on the unsaved period (version 0): the first save wins.
    let start = get(&johan, &t.db, id, p("2026-T3")).await.unwrap();
    let mut theirs = start.content.clone();
    theirs.goals[2].comment = "Lars skrev först.".into();
    save(&lars, &t.db, id, p("2026-T3"), 0, theirs).await.unwrap();
    let mut mine = start.content.clone();
    mine.goals[2].comment = "Johans text.".into();
    match save(&johan, &t.db, id, p("2026-T3"), 0, mine.clone()).await.unwrap() {
        FollowUpSaved::Conflict(current) => {
            assert_eq!(current.content.goals[2].comment, "Lars skrev först.");
            assert_eq!(current.updated_by, "Lars Andersson");
            assert_eq!(current.version, 1);
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
    // The same on an existing period: version 1 is stale after Lars's save.
    let mut theirs = mine.clone();
    theirs.goals[2].comment = "Lars igen.".into();
    save(&lars, &t.db, id, p("2026-T3"), 1, theirs).await.unwrap();
    assert!(matches!(
        save(&johan, &t.db, id, p("2026-T3"), 1, mine.clone()).await.unwrap(),
        FollowUpSaved::Conflict(_)
    ));
    let stored = get(&johan, &t.db, id, p("2026-T3")).await.unwrap();
    assert_eq!(
        stored.content.goals[2].comment, "Lars igen.",
        "nothing of johan's was written"
    );
    // Johan keeps his changes and saves over theirs, knowingly.
    assert!(matches!(
        save(&johan, &t.db, id, p("2026-T3"), stored.version, mine)
            .await
            .unwrap(),
        FollowUpSaved::Saved { version: 3, .. }
    ));
}

#[tokio::test]
async fn only_the_objects_leaders_report_but_everyone_signed_in_reads() {
    let t = demo_db().await;
    let id = object(&t, SAMVERKAN).await;
    let reader = person_ctx(&t.db, "per.svensson").await;
    let view = get(&reader, &t.db, id, p("2026-T2")).await.unwrap();
    assert!(!view.can_edit);
    assert_eq!(view.content.indicators[2].name, "Nöjd användarindex");
    for who in ["per.svensson", "karin.holm", "anna.lindqvist"] {
        let ctx = person_ctx(&t.db, who).await;
        let err = save(&ctx, &t.db, id, p("2026-T2"), 1, view.content.clone())
            .await
            .unwrap_err();
        assert_eq!(err.status(), 403, "{who}");
    }
    let anonymous = crate::ctx::Ctx::anonymous();
    assert_eq!(
        get(&anonymous, &t.db, id, p("2026-T2")).await.unwrap_err().status(),
        401
    );
}

#[tokio::test]
async fn bad_follow_ups_are_explained_and_write_nothing() {
    let t = demo_db().await;
    let johan = person_ctx(&t.db, "johan.ek").await;
    let id = object(&t, SAMVERKAN).await;
    let before = fu::Entity::find().count(&t.db).await.unwrap();
    let start = get(&johan, &t.db, id, p("2026-T3")).await.unwrap();

    let mut nameless = start.content.clone();
    nameless.indicators.push(Indicator {
        id: "x".into(),
        name: "  ".into(),
        ..Default::default()
    });
    match save(&johan, &t.db, id, p("2026-T3"), 0, nameless).await.unwrap_err() {
        AppError::Validation { message, .. } => assert_eq!(message, "Indikator 6 saknar namn."),
        other => panic!("{other:?}"),
    }
    let mut unknown = start.content.clone();
    unknown.goals[0].goal_id = "finns-inte".into();
    assert!(matches!(
        save(&johan, &t.db, id, p("2026-T3"), 0, unknown).await.unwrap_err(),
        AppError::Validation { .. }
    ));
    let mut long = start.content.clone();
    long.goals[0].comment = "x".repeat(2_001);
    match save(&johan, &t.db, id, p("2026-T3"), 0, long).await.unwrap_err() {
        AppError::Validation { message, .. } => assert!(message.contains("mål 1"), "{message}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(fu::Entity::find().count(&t.db).await.unwrap(), before);

    // An object without an adopted plan for the year has nothing to follow up.
    let ekonomi = object(&t, "Ekonomi och inköp").await;
    assert_eq!(
        get(&johan, &t.db, ekonomi, p("2026-T3")).await.unwrap_err().status(),
        404
    );
    assert_eq!(
        get(&johan, &t.db, id, p("2027-T1")).await.unwrap_err().status(),
        404,
        "2027 is a draft"
    );
}

#[tokio::test]
async fn a_new_revision_does_not_lose_the_follow_up() {
    let t = demo_db().await;
    let johan = person_ctx(&t.db, "johan.ek").await;
    let id = object(&t, SAMVERKAN).await;
    let before = get(&johan, &t.db, id, p("2026-T2")).await.unwrap();
    crate::plans::service::new_revision(&johan, &t.db, before.plan.id)
        .await
        .unwrap();
    let after = get(&johan, &t.db, id, p("2026-T2")).await.unwrap();
    assert_eq!(
        after.plan.id, before.plan.id,
        "the adopted revision is followed up until the new one is adopted"
    );
    assert_eq!(after.content, before.content);
}

#[tokio::test]
async fn the_report_groups_by_family_object_and_activity_kind() {
    let t = demo_db().await;
    let reader = person_ctx(&t.db, "anna.lindqvist").await;
    let r = report(&reader, &t.db, &ReportFigures::default(), p("2026-T2"), ReportPart::All)
        .await
        .unwrap();
    assert_eq!(r.paging, None, "every object's goals");
    assert_eq!(r.objects_with_plan, 1);
    assert_eq!(r.objects_reported, 1);
    assert_eq!(r.status_counts.iter().sum::<u32>(), 8);
    assert_eq!(r.status_counts, [1, 4, 2, 1], "ej påbörjad, pågående, klar, pausad");
    let names: Vec<&str> = r.families.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["Vårdsystem", "Stödsystem", "Digital arbetsplats"]);
    let samverkan = r.families[0].objects.iter().find(|o| o.name == SAMVERKAN).unwrap();
    let kinds: Vec<&str> = samverkan.kinds.iter().map(|k| k.kind.as_str()).collect();
    assert_eq!(
        kinds,
        [
            "Objektstyrning (förvaltningsstyrning)",
            "Stabil och säker drift (daglig IT-drift och underhåll)",
            "Användarstöd",
            "Ständiga förbättringar (ändringshantering)"
        ]
    );
    assert_eq!(samverkan.kinds[1].goals.len(), 2);
    assert_eq!(samverkan.kinds[1].goals[1].status, GoalStatus::Klar);
    assert_eq!(samverkan.indicators.len(), 5);
    assert_eq!(samverkan.projects, crate::demo::plans::demo_content().projects);
    let other = r.families[0].objects.iter().find(|o| o.name != SAMVERKAN).unwrap();
    assert_eq!(other.plan_id, None);

    let csv = report_csv(&r).unwrap();
    assert!(csv.starts_with('\u{feff}'));
    let mut lines = csv.trim_start_matches('\u{feff}').lines();
    assert_eq!(
        lines.next().unwrap(),
        "Period;Objektfamilj;Objekt;Typ;Aktivitet;Namn;VM/VU;Status;Kommentar;Ackumulerad budget;Utfall;Målvärde;Måluppfyllnad"
    );
    assert!(csv.contains("2026-T2;Vårdsystem;Samverkan vid vårdövergångar;Mål;Ständiga förbättringar (ändringshantering);Påminnelse när ett meddelande inte har lästs inom fyra timmar.;VU;Pausad;"));
    assert!(csv.contains(";Indikator;;Nöjd användarindex;;;;;72;75;96 %"), "{csv}");
    assert!(
        csv.contains(";Indikator;;Tillgänglighet, procent;;;;;99,7;≥ 99,5;Uppfyllt"),
        "{csv}"
    );
    // A negative value with the minus a spreadsheet reads as a number.
    assert!(
        csv.contains(";Indikator;;Förändring av ärenden till användarstödet, procent;;;;;-4,5;< 0;Uppfyllt"),
        "{csv}"
    );
    assert!(csv.contains("Ekonomi och inköp;Objekt;;;;Ingen fastställd plan"));
    // A comment that looks like a formula is shown as text by a spreadsheet.
    let mut formula = r.clone();
    formula.families[0]
        .objects
        .iter_mut()
        .find(|o| o.name == SAMVERKAN)
        .unwrap()
        .kinds[1]
        .goals[0]
        .comment = "=1+1".into();
    assert!(report_csv(&formula).unwrap().contains(";'=1+1;"));

    // A period nobody has reported: goals count as not started.
    let t3 = report(&reader, &t.db, &ReportFigures::default(), p("2026-T3"), FIRST)
        .await
        .unwrap();
    assert_eq!(t3.objects_reported, 0);
    assert_eq!(t3.status_counts, [8, 0, 0, 0]);
}

#[test]
fn an_indicator_saved_before_comparisons_is_a_share_of_its_target() {
    let old: Indicator =
        serde_json::from_str(r#"{"id":"i","name":"N","budget":null,"outcome":4500,"target":5000}"#).unwrap();
    assert_eq!(old.comparison, crate::domain::follow_up::Comparison::Share);
    assert_eq!(old.fulfilment().map(|f| f.to_string()), Some("90 %".into()));
    assert_eq!(old.target_text(), "50");
}

#[tokio::test]
async fn actual_days_and_kronor_stand_beside_the_plans_part_of_the_period() {
    use crate::domain::money::Sek;
    use crate::domain::plan::{Activity, Days};
    let t = demo_db().await;
    let johan = person_ctx(&t.db, "johan.ek").await;
    let id = object(&t, SAMVERKAN).await;
    let t2 = get(&johan, &t.db, id, p("2026-T2")).await.unwrap();
    // The plan's user support: 60 + 15 business days and 20 + 2 IT days a
    // year (tenths), 4 of 12 months in a tertial, rounded half up.
    let support = t2
        .planned
        .iter()
        .find(|x| x.activity == Activity::Anvandarstod)
        .unwrap();
    assert_eq!(support.days_business, Days::from_tenths(250));
    assert_eq!(support.days_it, Days::from_tenths(73));
    assert_eq!(
        t2.content.actual(Activity::Anvandarstod).days_business,
        Days::from_tenths(150)
    );

    // A new period starts without actuals: what was used is per period.
    let t3 = get(&johan, &t.db, id, p("2026-T3")).await.unwrap();
    assert!(t3.content.actuals.is_empty());
    let mut content = t3.content.clone();
    content.actuals = vec![Actual {
        activity: Activity::Anvandarstod,
        days_business: Days::from_tenths(300),
        days_it: Days::from_tenths(50),
        kronor: Sek::from_kronor(196_000),
    }];
    save(&johan, &t.db, id, p("2026-T3"), 0, content.clone()).await.unwrap();
    let again = get(&johan, &t.db, id, p("2026-T3")).await.unwrap();
    assert_eq!(again.content.actuals, content.actuals);

    // One row per activity.
    let mut twice = again.content.clone();
    twice.actuals.push(twice.actuals[0]);
    let err = save(&johan, &t.db, id, p("2026-T3"), again.version, twice)
        .await
        .unwrap_err();
    assert_eq!(err.field(), Some("actuals"));
    // Numbers from the wire are checked as they deserialize.
    let bad = r#"{"activity":"anvandarstod","days_business":-10,"days_it":0,"kronor":0}"#;
    assert!(serde_json::from_str::<Actual>(bad).is_err());
}

#[tokio::test]
async fn the_report_puts_the_objects_furthest_behind_their_planned_staffing_first() {
    let t = demo_db().await;
    let anna = person_ctx(&t.db, "anna.lindqvist").await;
    let r = report(&anna, &t.db, &ReportFigures::default(), p("2026-T2"), FIRST)
        .await
        .unwrap();
    let samverkan = r.staffing.iter().find(|s| s.name == SAMVERKAN).unwrap();
    // 277 days a year, 8 of 12 months to the end of tertial 2; the demo
    // reported 77 days in tertial 2 and nothing in tertial 1.
    assert_eq!(samverkan.planned_days, 1_847);
    assert_eq!(samverkan.actual_days, 770);
    assert_eq!(samverkan.staffed.unwrap().to_string(), "41,7 %");
    // Objects without an adopted plan are not in it.
    assert_eq!(r.staffing.len() as u32, r.objects_with_plan);
    let ordered: Vec<_> = r.staffing.iter().filter_map(|s| s.staffed).collect();
    assert!(ordered.windows(2).all(|w| w[0] <= w[1]), "furthest behind first");

    let csv = staffing_csv(&r).unwrap();
    let mut lines = csv.trim_start_matches('\u{feff}').lines();
    assert_eq!(
        lines.next().unwrap(),
        "Period;Objektfamilj;Objekt;Planerade dagar till och med perioden;Rapporterade dagar;Bemanning mot plan;Planerade kronor till och med perioden;Rapporterade kronor;Avvikelse kronor"
    );
    assert!(
        csv.contains("2026-T2;Vårdsystem;Samverkan vid vårdövergångar;184,7;77;41,7 %;"),
        "{csv}"
    );
}

#[tokio::test]
async fn the_reports_page_carries_the_goals_of_one_page_of_objects_and_the_counts_of_all() {
    use crate::domain::plan::PlanStatus;
    use crate::entities::{object_family, plan as plan_e};
    use sea_orm::{ActiveModelTrait, Set};
    let t = demo_db().await;
    let anna = person_ctx(&t.db, "anna.lindqvist").await;
    // A family of 30 objects, each with an adopted plan of the demo's 8 goals.
    let family = object_family::ActiveModel {
        name: Set("Bänkfamilj".into()),
        sort_order: Set(99),
        adopters: Set(String::new()),
        ..Default::default()
    }
    .insert(&t.db)
    .await
    .unwrap();
    let content = crate::demo::plans::demo_content();
    for o in crate::testing::add_objects(&t.db, family.id, "Bänkobjekt", "karn", 30).await {
        let row = crate::demo::plans::plan_row(o.id, 2026, 1, PlanStatus::Faststalld, &content, "test").unwrap();
        plan_e::Entity::insert(row).exec(&t.db).await.unwrap();
    }
    let all = report(&anna, &t.db, &ReportFigures::default(), p("2026-T2"), ReportPart::All)
        .await
        .unwrap();
    let total: u32 = all.overview.iter().map(|f| f.objects).sum();
    let carried = |r: &FollowUpReport| -> Vec<String> {
        r.families
            .iter()
            .flat_map(|f| f.objects.iter().map(|o| o.name.clone()))
            .collect()
    };
    assert_eq!(carried(&all).len() as u32, total);

    // Every family's objects, a page of 25 at a time, in the report's order.
    // One instance's kept figures across the pages: what it keeps of the
    // objects not shown gives the same summary as reading everything.
    let kept = ReportFigures::default();
    let first = report(&anna, &t.db, &kept, p("2026-T2"), FIRST).await.unwrap();
    let paging = first.paging.unwrap();
    assert_eq!(
        (paging.page, paging.pages, paging.first, paging.shown, paging.total),
        (1, 2, 1, 25, total)
    );
    let second = report(
        &anna,
        &t.db,
        &kept,
        p("2026-T2"),
        ReportPart::Page { family: None, page: 2 },
    )
    .await
    .unwrap();
    let mut both = carried(&first);
    both.extend(carried(&second));
    assert_eq!(
        both,
        carried(&all),
        "the pages together are the whole report, once each"
    );
    // A page past the last is the last.
    let past = report(
        &anna,
        &t.db,
        &kept,
        p("2026-T2"),
        ReportPart::Page { family: None, page: 9 },
    )
    .await
    .unwrap();
    assert_eq!(past.paging.unwrap().page, 2);
    assert_eq!(carried(&past), carried(&second));

    // The summary, the overview and the staffing cover every object on
    // every page.
    for r in [&first, &second] {
        assert_eq!(r.status_counts, all.status_counts);
        assert_eq!(r.overview, all.overview);
        assert_eq!(r.staffing, all.staffing);
        assert_eq!(r.objects_with_plan, 31);
    }
    // The page sends the staffing's first rows, and says how many there are.
    let shown = for_page(first.clone());
    assert_eq!((shown.staffing.len(), shown.staffing_total), (STAFFING_SHOWN, 31));
    assert_eq!(shown.staffing[..], first.staffing[..STAFFING_SHOWN]);
    let bench = first.overview.iter().find(|f| f.id == family.id).unwrap();
    assert_eq!((bench.objects, bench.with_plan, bench.reported), (30, 30, 0));
    assert_eq!(
        bench.status_counts,
        [240, 0, 0, 0],
        "30 plans of 8 goals, none reported"
    );

    // One family: its objects only.
    let one = ReportPart::Page {
        family: Some(family.id),
        page: 2,
    };
    let chosen = report(&anna, &t.db, &kept, p("2026-T2"), one).await.unwrap();
    let paging = chosen.paging.unwrap();
    assert_eq!(
        (paging.family, paging.page, paging.first, paging.shown, paging.total),
        (Some(family.id), 2, 26, 5, 30)
    );
    assert_eq!(
        carried(&chosen),
        [
            "Bänkobjekt 25",
            "Bänkobjekt 26",
            "Bänkobjekt 27",
            "Bänkobjekt 28",
            "Bänkobjekt 29"
        ]
    );
    assert_eq!(
        chosen.families[0].objects[0]
            .kinds
            .iter()
            .map(|k| k.goals.len())
            .sum::<usize>(),
        8
    );

    // A family that does not exist is explained.
    let err = report(
        &anna,
        &t.db,
        &kept,
        p("2026-T2"),
        ReportPart::Page {
            family: Some(999_999),
            page: 1,
        },
    )
    .await
    .unwrap_err();
    assert_eq!(err.field(), Some("familj"));
    // So are a family or a page from the address that are not numbers.
    use crate::plans::follow_up::server_fns::report_part;
    assert_eq!(report_part("", "").unwrap(), FIRST);
    assert_eq!(report_part("abc", "").unwrap_err().field(), Some("familj"));
    assert_eq!(report_part("", "0").unwrap_err().field(), Some("sida"));
    assert_eq!(report_part("", "-1").unwrap_err().field(), Some("sida"));
    assert_eq!(report_part("", "99999999999").unwrap_err().field(), Some("sida"));
}

#[tokio::test]
async fn what_an_instance_keeps_for_the_report_follows_every_save() {
    let t = demo_db().await;
    let anna = person_ctx(&t.db, "anna.lindqvist").await;
    let johan = person_ctx(&t.db, "johan.ek").await;
    let kept = ReportFigures::default();
    let before = report(&anna, &t.db, &kept, p("2026-T2"), FIRST).await.unwrap();
    assert_eq!(before.status_counts, [1, 4, 2, 1]);
    let staffed = |r: &FollowUpReport| r.staffing.iter().find(|s| s.name == SAMVERKAN).unwrap().actual_days;
    assert_eq!(staffed(&before), 770);

    // Johan marks every goal done and reports more days.
    let id = object(&t, SAMVERKAN).await;
    let f = get(&johan, &t.db, id, p("2026-T2")).await.unwrap();
    let mut content = f.content.clone();
    for g in &mut content.goals {
        g.status = GoalStatus::Klar;
    }
    for a in &mut content.actuals {
        a.days_business = crate::domain::plan::Days::from_tenths(a.days_business.tenths() + 100);
    }
    let more = content.actuals.len() as i64 * 100;
    save(&johan, &t.db, id, p("2026-T2"), f.version, content).await.unwrap();

    let after = report(&anna, &t.db, &kept, p("2026-T2"), FIRST).await.unwrap();
    assert_eq!(after.status_counts.iter().sum::<u32>(), 8);
    assert!(after.status_counts[2] >= 7, "{:?}", after.status_counts);
    assert_eq!(staffed(&after), 770 + more);
    let fresh = report(&anna, &t.db, &ReportFigures::default(), p("2026-T2"), FIRST)
        .await
        .unwrap();
    assert_eq!(after, fresh, "kept figures never stale");
}

#[tokio::test]
async fn reports_asked_at_once_after_a_start_read_the_documents_once() {
    let t = demo_db().await;
    let anna = person_ctx(&t.db, "anna.lindqvist").await;
    // A page without the demo's one adopted plan (Samverkan, Vårdsystem),
    // so that its documents are beyond the page.
    let family = crate::entities::object_family::Entity::find()
        .all(&t.db)
        .await
        .unwrap()
        .into_iter()
        .find(|f| f.name == "Stödsystem")
        .unwrap()
        .id;
    let kept = ReportFigures::default();
    let others = ReportPart::Page {
        family: Some(family),
        page: 1,
    };
    let asked = (0..8).map(|_| report(&anna, &t.db, &kept, p("2026-T2"), others));
    let answers = futures::future::join_all(asked).await;
    let first = answers[0].as_ref().unwrap();
    assert!(answers.iter().all(|a| a.as_ref().unwrap() == first));
    assert_eq!(kept.reads(), 1, "one of the eight read Samverkan's plan and follow-ups");
    // Later pages read nothing beyond their own.
    report(&anna, &t.db, &kept, p("2026-T2"), FIRST).await.unwrap();
    assert_eq!(kept.reads(), 1);
    assert_eq!(first.status_counts, [1, 4, 2, 1]);
}
