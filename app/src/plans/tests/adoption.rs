//! Joint adoption on the demo governance: Vårdsystem's plans need the
//! objektägare (Karin) and the objektägare IT (Ahmed); the other families
//! the objektägare alone.

use super::{day, plan_of};
use crate::domain::plan::{PlanEvent, PlanStatus};
use crate::domain::roles::ObjectRole;
use crate::error::AppError;
use crate::plans::service::*;
use crate::testing::{demo_db, person_ctx, TestDb};

/// The 2027 draft of "Samverkan vid vårdövergångar", sent for review by Johan.
async fn in_review(t: &TestDb) -> i32 {
    let id = plan_of(t, 2027).await.id;
    let johan = person_ctx(&t.db, "johan.ek").await;
    decide(&johan, &t.db, id, PlanEvent::Submit, "", None).await.unwrap();
    id
}

fn refusal(err: AppError) -> String {
    match err {
        AppError::ForbiddenWithMessage { message } => message,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[tokio::test]
async fn the_plan_is_adopted_only_when_the_second_required_role_approves() {
    let t = demo_db().await;
    let id = in_review(&t).await;
    let karin = person_ctx(&t.db, "karin.holm").await;
    let ahmed = person_ctx(&t.db, "ahmed.hassan").await;

    let before = get(&karin, &t.db, id).await.unwrap();
    assert_eq!(
        before.adoption.required,
        vec![ObjectRole::Objektagare, ObjectRole::ObjektagareIt]
    );
    assert_eq!(before.rights.approve_as, Some(ObjectRole::Objektagare));
    assert!(before.rights.decide && !before.rights.approval_adopts && before.rights.send_back);

    let p = decide(
        &karin,
        &t.db,
        id,
        PlanEvent::Adopt,
        "Styrgruppen § 4",
        Some(day(2026, 11, 19)),
    )
    .await
    .unwrap();
    assert_eq!(p.status, PlanStatus::UnderAvstamning);
    assert_eq!(p.adoption.approvals.len(), 1);
    assert_eq!(p.adoption.approvals[0].name, "Karin Holm");
    assert_eq!(p.adoption.waiting(), vec![ObjectRole::ObjektagareIt]);
    assert!(!p.rights.decide, "Karin has approved; she is offered nothing more");
    let last = p.events.last().unwrap();
    assert_eq!(last.approved_as, Some(ObjectRole::Objektagare));
    assert_eq!(last.comment, "Styrgruppen § 4");

    // Karin again: one person, one approval.
    let again = decide(&karin, &t.db, id, PlanEvent::Adopt, "", Some(day(2026, 11, 19)))
        .await
        .unwrap_err();
    assert!(refusal(again).contains("redan godkänt"));

    let theirs = get(&ahmed, &t.db, id).await.unwrap();
    assert!(theirs.rights.decide && theirs.rights.approval_adopts);
    let p = decide(&ahmed, &t.db, id, PlanEvent::Adopt, "§ 5", Some(day(2026, 11, 20)))
        .await
        .unwrap();
    assert_eq!(p.status, PlanStatus::Faststalld);
    assert_eq!(p.decided_on, Some(day(2026, 11, 20)));
    assert_eq!(p.adoption.approvals.len(), 2);
    assert!(p.adoption.waiting().is_empty());
    // The last approval is the step to fastställd, shown once.
    let last = p.events.last().unwrap();
    assert_eq!(
        (last.to, last.approved_as),
        (PlanStatus::Faststalld, Some(ObjectRole::ObjektagareIt))
    );
    assert_eq!(p.events.len(), 3);
}

#[tokio::test]
async fn a_returned_plan_needs_every_approval_again() {
    let t = demo_db().await;
    let id = in_review(&t).await;
    let karin = person_ctx(&t.db, "karin.holm").await;
    let ahmed = person_ctx(&t.db, "ahmed.hassan").await;
    let johan = person_ctx(&t.db, "johan.ek").await;
    decide(&karin, &t.db, id, PlanEvent::Adopt, "", Some(day(2026, 11, 19)))
        .await
        .unwrap();
    let p = decide(&ahmed, &t.db, id, PlanEvent::Return, "Driftkostnaden saknas.", None)
        .await
        .unwrap();
    assert_eq!(p.status, PlanStatus::Utkast);
    assert!(p.adoption.approvals.is_empty());
    decide(&johan, &t.db, id, PlanEvent::Submit, "", None).await.unwrap();
    // Ahmed's approval alone does not adopt it: Karin's was for the last round.
    let p = decide(&ahmed, &t.db, id, PlanEvent::Adopt, "", Some(day(2026, 11, 20)))
        .await
        .unwrap();
    assert_eq!(p.status, PlanStatus::UnderAvstamning);
    assert_eq!(p.adoption.waiting(), vec![ObjectRole::Objektagare]);
    // The earlier round's approval stays on the timeline.
    assert_eq!(p.events.iter().filter(|e| e.approved_as.is_some()).count(), 2);
}

#[tokio::test]
async fn the_submitter_and_people_without_a_required_role_approve_nothing() {
    let t = demo_db().await;
    let id = in_review(&t).await;
    for who in ["johan.ek", "anna.lindqvist", "lars.andersson", "per.svensson"] {
        let ctx = person_ctx(&t.db, who).await;
        let p = get(&ctx, &t.db, id).await.unwrap();
        assert!(!p.rights.decide && !p.rights.send_back, "{who}");
        let err = decide(&ctx, &t.db, id, PlanEvent::Adopt, "", Some(day(2026, 11, 20)))
            .await
            .unwrap_err();
        assert!(
            matches!(err, AppError::ForbiddenWithMessage { .. } | AppError::Forbidden),
            "{who}: {err:?}"
        );
        let err = decide(&ctx, &t.db, id, PlanEvent::Return, "Nej.", None)
            .await
            .unwrap_err();
        assert!(matches!(err, AppError::ForbiddenWithMessage { .. }), "{who}: {err:?}");
    }
    let p = get(&person_ctx(&t.db, "karin.holm").await, &t.db, id).await.unwrap();
    assert!(p.adoption.approvals.is_empty());
}

#[tokio::test]
async fn a_family_rule_of_the_objektagare_it_alone_leaves_the_objektagare_out() {
    let t = demo_db().await;
    let per = person_ctx(&t.db, "per.svensson").await;
    let family = plan_of(&t, 2027).await;
    let family_id = crate::entities::governance_object::Entity::find_by_id(family.object_id)
        .one(&t.db)
        .await
        .unwrap()
        .unwrap()
        .family_id;
    use sea_orm::EntityTrait;
    // Only administrators set the rule, and it names at least one owner role.
    let karin = person_ctx(&t.db, "karin.holm").await;
    assert!(matches!(
        save_adopters(&karin, &t.db, family_id, vec![ObjectRole::Objektagare]).await,
        Err(AppError::Forbidden | AppError::ForbiddenWithMessage { .. })
    ));
    let err = save_adopters(&per, &t.db, family_id, vec![]).await.unwrap_err();
    assert_eq!(err.field(), Some("adopters"));
    let err = save_adopters(&per, &t.db, family_id, vec![ObjectRole::Forvaltningsledare])
        .await
        .unwrap_err();
    assert_eq!(err.field(), Some("adopters"));
    assert!(matches!(
        save_adopters(&per, &t.db, 999_999, vec![ObjectRole::Objektagare]).await,
        Err(AppError::NotFound { .. })
    ));
    assert_eq!(
        save_adopters(&per, &t.db, family_id, vec![ObjectRole::ObjektagareIt])
            .await
            .unwrap(),
        vec![ObjectRole::ObjektagareIt]
    );
    assert_eq!(
        template(&karin, &t.db, family_id).await.unwrap().adopters,
        vec![ObjectRole::ObjektagareIt]
    );

    let id = in_review(&t).await;
    let err = decide(&karin, &t.db, id, PlanEvent::Adopt, "", Some(day(2026, 11, 20)))
        .await
        .unwrap_err();
    assert!(refusal(err).contains("fastställs planen av objektägare IT"));
    let ahmed = person_ctx(&t.db, "ahmed.hassan").await;
    let p = decide(&ahmed, &t.db, id, PlanEvent::Adopt, "", Some(day(2026, 11, 20)))
        .await
        .unwrap();
    assert_eq!(p.status, PlanStatus::Faststalld);
}

#[tokio::test]
async fn two_approvals_at_once_adopt_the_plan_exactly_once() {
    let t = demo_db().await;
    let id = in_review(&t).await;
    let karin = person_ctx(&t.db, "karin.holm").await;
    let ahmed = person_ctx(&t.db, "ahmed.hassan").await;
    let (a, b) = tokio::join!(
        decide(&karin, &t.db, id, PlanEvent::Adopt, "", Some(day(2026, 11, 20))),
        decide(&ahmed, &t.db, id, PlanEvent::Adopt, "", Some(day(2026, 11, 20)))
    );
    // On SQLite one of them may find the database busy and be refused as a
    // conflict; whatever lands, the plan is adopted only with both.
    let landed = [&a, &b].iter().filter(|r| r.is_ok()).count();
    for r in [&a, &b] {
        if let Err(e) = r {
            assert!(matches!(e, AppError::Conflict { .. }), "{e:?}");
        }
    }
    let p = get(&karin, &t.db, id).await.unwrap();
    assert_eq!(p.adoption.approvals.len(), landed);
    assert_eq!(p.status == PlanStatus::Faststalld, landed == 2);
    let adopted = p.events.iter().filter(|e| e.to == PlanStatus::Faststalld).count();
    assert_eq!(adopted, usize::from(landed == 2));
}
