//! Service tests of maintaining governance objects on the demo FOA.

use super::dto::*;
use super::service::*;
use crate::entities::{governance_object, object_family, person};
use crate::error::AppError;
use crate::testing::{demo_db, person_ctx, TestDb};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

async fn object_id(t: &TestDb, name: &str) -> i32 {
    governance_object::Entity::find()
        .filter(governance_object::Column::Name.eq(name))
        .one(&t.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

async fn person_id(t: &TestDb, username: &str) -> i32 {
    person::Entity::find()
        .filter(person::Column::Username.eq(username))
        .one(&t.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

fn input_of(d: &ObjectDetail) -> ObjectInput {
    ObjectInput {
        name: d.name.clone(),
        family_id: d.family_id,
        class: d.class.clone(),
        description: d.description.clone(),
        it_components: d.it_components.clone(),
        products: d.products.clone(),
        people: d.people.iter().map(|p| (p.person_id, p.role.clone())).collect(),
    }
}

fn field_of(e: AppError) -> String {
    match e {
        AppError::Validation { field, .. } => field.unwrap_or_default(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_leader_maintains_the_description_but_appoints_nobody_and_not_the_objects_place_in_the_foa() {
    let t = demo_db().await;
    let johan = person_ctx(&t.db, "johan.ek").await;
    let id = object_id(&t, "Samverkan vid vårdövergångar").await;
    let d = detail(&johan, &t.db, id).await.unwrap();
    assert!(d.can_edit);
    assert!(!d.can_edit_identity);
    assert!(d.appointable.is_empty(), "a förvaltningsledare appoints nobody");
    assert_eq!(d.people[0].role, "objektagare", "people in role order");

    let mut input = input_of(&d);
    input.name = "Nytt namn".into();
    input.class = "it".into();
    input.description = "Ny beskrivning.".into();
    save(&johan, &t.db, Some(id), input.clone()).await.unwrap();
    let after = detail(&johan, &t.db, id).await.unwrap();
    assert_eq!(after.name, "Samverkan vid vårdövergångar", "a leader cannot rename");
    assert_eq!(after.class, "karn");
    assert_eq!(after.description, "Ny beskrivning.");

    // Appointing anyone, or making themselves objektägare, is refused.
    let sara = person_id(&t, "sara.berg").await;
    let me = person_id(&t, "johan.ek").await;
    for extra in [(sara, "it_specialist"), (me, "objektagare")] {
        let mut i = input.clone();
        i.people.push((extra.0, extra.1.into()));
        assert_eq!(field_of(save(&johan, &t.db, Some(id), i).await.unwrap_err()), "people");
    }
    assert_eq!(detail(&johan, &t.db, id).await.unwrap().people.len(), d.people.len());
}

#[tokio::test]
async fn the_objektagare_appoints_the_roles_below_theirs_and_every_appointment_is_audited() {
    use crate::entities::audit_log;
    let t = demo_db().await;
    let karin = person_ctx(&t.db, "karin.holm").await;
    let id = object_id(&t, "Samverkan vid vårdövergångar").await;
    let d = detail(&karin, &t.db, id).await.unwrap();
    assert!(d.can_edit);
    assert!(d.appointable.contains(&"forvaltningsledare".to_owned()));
    assert!(!d.appointable.contains(&"objektagare".to_owned()));
    assert!(!d.appointable.contains(&"objektagare_it".to_owned()));

    let sara = person_id(&t, "sara.berg").await;
    let mut input = input_of(&d);
    input.people.push((sara, "it_specialist".into()));
    save(&karin, &t.db, Some(id), input.clone()).await.unwrap();
    let after = detail(&karin, &t.db, id).await.unwrap();
    assert!(after
        .people
        .iter()
        .any(|p| p.username == "sara.berg" && p.role == "it_specialist"));

    let entry = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("object_role.appointed"))
        .one(&t.db)
        .await
        .unwrap()
        .expect("the appointment is audited");
    let detail_json: serde_json::Value = serde_json::from_str(&entry.detail).unwrap();
    assert_eq!(detail_json["person_id"], sara);
    assert_eq!(detail_json["role"], "it_specialist");
    assert_eq!(detail_json["before"], serde_json::json!([]));
    assert_eq!(detail_json["after"], serde_json::json!(["it_specialist"]));
    assert_eq!(entry.object_id.as_deref(), Some(id.to_string().as_str()));

    // Not another objektägare, not themselves in any role.
    let karin_id = person_id(&t, "karin.holm").await;
    for extra in [(sara, "objektagare_it"), (karin_id, "forvaltningsledare")] {
        let mut i = input.clone();
        i.people.push((extra.0, extra.1.into()));
        assert_eq!(field_of(save(&karin, &t.db, Some(id), i).await.unwrap_err()), "people");
    }
}

#[tokio::test]
async fn an_administrator_appoints_any_role_but_not_one_person_to_write_and_adopt() {
    let t = demo_db().await;
    let admin = person_ctx(&t.db, "per.svensson").await;
    let id = object_id(&t, "Samverkan vid vårdövergångar").await;
    let d = detail(&admin, &t.db, id).await.unwrap();
    assert_eq!(d.appointable.len(), 9);
    let johan = person_id(&t, "johan.ek").await;
    let mut both = input_of(&d);
    both.people.push((johan, "objektagare_it".into()));
    let err = save(&admin, &t.db, Some(id), both).await.unwrap_err();
    assert!(
        err.to_string().contains("både förvaltningsledare och objektägare"),
        "{err}"
    );

    let mut other = input_of(&d);
    other
        .people
        .push((person_id(&t, "maria.nilsson").await, "objektagare_it".into()));
    save(&admin, &t.db, Some(id), other).await.unwrap();
    let mut own = input_of(&detail(&admin, &t.db, id).await.unwrap());
    own.people
        .push((person_id(&t, "per.svensson").await, "objektspecialist".into()));
    assert_eq!(
        field_of(save(&admin, &t.db, Some(id), own).await.unwrap_err()),
        "people"
    );
}

#[tokio::test]
async fn others_read_but_cannot_change_an_object() {
    let t = demo_db().await;
    let id = object_id(&t, "Samverkan vid vårdövergångar").await;
    let anna = person_ctx(&t.db, "anna.lindqvist").await;
    let d = detail(&anna, &t.db, id).await.unwrap();
    assert!(!d.can_edit);
    for who in ["anna.lindqvist", "maria.nilsson", "eva.karlsson"] {
        let ctx = person_ctx(&t.db, who).await;
        assert_eq!(
            save(&ctx, &t.db, Some(id), input_of(&d)).await.unwrap_err().status(),
            403,
            "{who}"
        );
        assert_eq!(
            save(&ctx, &t.db, None, input_of(&d)).await.unwrap_err().status(),
            403,
            "{who}"
        );
        assert_eq!(
            detail(&ctx, &t.db, 0).await.unwrap_err().status(),
            403,
            "{who}: the new-object form"
        );
        assert_eq!(
            add_family(&ctx, &t.db, "Ny familj").await.unwrap_err().status(),
            403,
            "{who}"
        );
    }
}

#[tokio::test]
async fn an_administrator_creates_families_and_objects_with_every_rule_checked() {
    let t = demo_db().await;
    let admin = person_ctx(&t.db, "per.svensson").await;
    let family = add_family(&admin, &t.db, "  Forskning  ").await.unwrap();
    assert_eq!(
        field_of(add_family(&admin, &t.db, "Forskning").await.unwrap_err()),
        "name"
    );
    assert_eq!(field_of(add_family(&admin, &t.db, " ").await.unwrap_err()), "name");

    let objects_before = governance_object::Entity::find().count(&t.db).await.unwrap();
    let leader = person_id(&t, "maria.nilsson").await;
    let good = ObjectInput {
        name: "Forskningsdata".into(),
        family_id: family,
        class: "stod".into(),
        description: "Lagring och delning av forskningsdata.".into(),
        it_components: "Datalager".into(),
        products: "Lagring\nDelning".into(),
        people: vec![
            (leader, "forvaltningsledare".into()),
            (person_id(&t, "karin.holm").await, "objektagare".into()),
        ],
    };
    let bad = |f: fn(&mut ObjectInput)| {
        let mut i = good.clone();
        f(&mut i);
        i
    };
    for (input, field) in [
        (bad(|i| i.name = " ".into()), "name"),
        (bad(|i| i.name = "Digital arbetsplats".into()), "name"),
        (bad(|i| i.class = "annat".into()), "class"),
        (bad(|i| i.family_id = 9_999), "family_id"),
        (bad(|i| i.people.retain(|(_, r)| r != "forvaltningsledare")), "people"),
        (bad(|i| i.people.push((9_999_999, "objektspecialist".into()))), "people"),
        (bad(|i| i.people.push((1, "kung".into()))), "people"),
        (bad(|i| i.description = "x".repeat(20_001)), "description"),
    ] {
        assert_eq!(field_of(save(&admin, &t.db, None, input).await.unwrap_err()), field);
    }
    assert_eq!(
        governance_object::Entity::find().count(&t.db).await.unwrap(),
        objects_before,
        "nothing written by a refused save"
    );

    let id = save(&admin, &t.db, None, good).await.unwrap();
    let d = detail(&admin, &t.db, id).await.unwrap();
    assert_eq!(d.family, "Forskning");
    assert!(d.can_edit_identity);
    // The new leader may now maintain it; the list shows it in its family.
    let maria = person_ctx(&t.db, "maria.nilsson").await;
    assert!(detail(&maria, &t.db, id).await.unwrap().can_edit);
    let list = crate::plans::service::objects(&maria, &t.db).await.unwrap();
    let forskning = list.iter().find(|f| f.name == "Forskning").unwrap();
    assert_eq!(forskning.objects[0].name, "Forskningsdata");
    assert_eq!(forskning.objects[0].class, "Stödobjekt");
    assert_eq!(forskning.objects[0].leaders, ["Maria Nilsson"]);

    // The administrator renames and moves it.
    let mut input = input_of(&d);
    input.name = "Forskningsdata och biobank".into();
    input.family_id = object_family::Entity::find()
        .filter(object_family::Column::Name.eq("Stödsystem"))
        .one(&t.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    save(&admin, &t.db, Some(id), input).await.unwrap();
    let moved = detail(&admin, &t.db, id).await.unwrap();
    assert_eq!(
        (moved.name.as_str(), moved.family.as_str()),
        ("Forskningsdata och biobank", "Stödsystem")
    );
}
