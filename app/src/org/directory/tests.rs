//! Directory tests, on SQLite and PostgreSQL.

use super::*;
use crate::testing::demo_db;
use std::collections::BTreeSet;

async fn person_named(db: &sea_orm::DatabaseConnection, username: &str) -> Person {
    person::Entity::find()
        .filter(person::Column::Username.eq(username))
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .into()
}

#[tokio::test]
async fn chargeable_centres_are_both_units_and_the_attested_once_each_in_code_order() {
    let t = demo_db().await;
    let anna = person_named(&t.db, "anna.lindqvist").await;
    for seed in crate::demo::org::PEOPLE {
        let p = person_named(&t.db, seed.0).await;
        let mut expected: BTreeSet<String> = cost_center::Entity::find()
            .filter(cost_center::Column::Active.eq(true))
            .filter(cost_center::Column::UnitId.is_in([p.unit_id, anna.unit_id]))
            .all(&t.db)
            .await
            .unwrap()
            .into_iter()
            .map(|c| c.code)
            .collect();
        expected.extend(
            seed.5
                .iter()
                .filter_map(|(role, code)| (*role == Role::Attester).then(|| code.map(str::to_owned)).flatten()),
        );
        let got: Vec<String> = chargeable(&t.db, &p, &anna)
            .await
            .unwrap()
            .into_iter()
            .map(|c| c.code)
            .collect();
        assert_eq!(got, expected.into_iter().collect::<Vec<_>>(), "{}", seed.0);
    }
}

#[tokio::test]
async fn the_people_search_finds_names_and_usernames_from_two_letters_for_anyone_signed_in() {
    let t = demo_db().await;
    // An objektägare appointing people need not be a requester.
    let mut anna = crate::testing::person_ctx(&t.db, "karin.holm").await;
    anna.roles.retain(|r| *r != crate::domain::roles::Role::Requester);

    let hits = search_people(&anna, &t.db, "OSKAR").await.unwrap();
    let short = search_people(&anna, &t.db, " o ").await.unwrap();
    let wildcard = search_people(&anna, &t.db, "%%").await.unwrap();

    assert_eq!(hits.len(), 1);
    assert_eq!(
        (hits[0].name.as_str(), hits[0].username.as_str()),
        ("Oskar Lund", "oskar.lund")
    );
    assert!(!hits[0].unit.is_empty());
    assert!(short.is_empty() && wildcard.is_empty());
    assert_eq!(
        search_people(&Ctx::anonymous(), &t.db, "oskar").await.unwrap_err(),
        AppError::Unauthorized
    );
}

#[tokio::test]
async fn people_by_id_are_named_and_counted_active_or_not_and_active_people_only_the_active() {
    let t = demo_db().await;
    let oskar = person_named(&t.db, "oskar.lund").await;
    let anna = person_named(&t.db, "anna.lindqvist").await;
    person::Entity::update_many()
        .col_expr(person::Column::Active, Expr::value(false))
        .filter(person::Column::Id.eq(oskar.id))
        .exec(&t.db)
        .await
        .unwrap();

    let by_id = people(&t.db, [oskar.id, anna.id, 999_999]).await.unwrap();
    let active = active_people(&t.db, [oskar.id, anna.id]).await.unwrap();

    assert_eq!(by_id[&oskar.id].name, "Oskar Lund");
    assert_eq!(by_id.len(), 2);
    assert_eq!(count_people(&t.db, [oskar.id, anna.id, 999_999]).await.unwrap(), 2);
    assert_eq!(active, vec![anna.clone()]);
    let refs = person_refs(&t.db, &[&anna]).await.unwrap();
    assert_eq!(refs[&anna.id].name, "Anna Lindqvist");
}

#[tokio::test]
async fn a_person_is_found_by_id_or_exact_username_active_or_not_with_their_unit_and_roles_once_each() {
    let t = demo_db().await;
    let erik = person_named(&t.db, "erik.johansson").await;
    person::Entity::update_many()
        .col_expr(person::Column::Active, Expr::value(false))
        .filter(person::Column::Id.eq(erik.id))
        .exec(&t.db)
        .await
        .unwrap();

    let by_id = person(&t.db, erik.id).await.unwrap().unwrap();
    let by_username = person_by_username(&t.db, "erik.johansson").await.unwrap().unwrap();
    let roles = global_roles(&t.db, erik.id).await.unwrap();

    assert_eq!(by_id, by_username);
    assert_eq!(
        (by_id.name.as_str(), by_id.email.as_str(), by_id.active),
        ("Erik Johansson", erik.email.as_str(), false)
    );
    assert!(person(&t.db, 999_999).await.unwrap().is_none());
    assert!(person_by_username(&t.db, "erik").await.unwrap().is_none());
    assert!(!unit_name(&t.db, by_id.unit_id).await.unwrap().unwrap().is_empty());
    assert!(unit_name(&t.db, 999_999).await.unwrap().is_none());
    // Two cost centres attested: the attester role once.
    let mut expected = vec![Role::Requester, Role::Attester];
    expected.sort();
    assert_eq!(roles, expected);
    assert!(global_roles(&t.db, 999_999).await.unwrap().is_empty());
}

#[derive(Debug, FromQueryResult)]
struct SessionAccount {
    person_id: i32,
    #[sea_orm(nested)]
    account: AccountRow,
}

#[tokio::test]
async fn an_account_is_read_with_the_row_that_names_the_person_in_one_statement() {
    use crate::entities::session;
    use sea_orm::sea_query::{SimpleExpr, SubQueryStatement};
    use sea_orm::{ActiveModelTrait, QueryTrait, Set};
    let t = demo_db().await;
    let erik = person_named(&t.db, "erik.johansson").await;
    let anna = person_named(&t.db, "anna.lindqvist").await;
    person_role::Entity::delete_many()
        .filter(person_role::Column::PersonId.eq(anna.id))
        .exec(&t.db)
        .await
        .unwrap();
    let now = chrono::Utc::now();
    for (id, p) in [("s-erik", &erik), ("s-anna", &anna)] {
        session::ActiveModel {
            id: Set(id.into()),
            person_id: Set(p.id),
            created_at: Set(now),
            last_seen_at: Set(now),
            expires_at: Set(now),
            ip: Set(None),
            user_agent: Set(None),
            id_token: Set(None),
        }
        .insert(&t.db)
        .await
        .unwrap();
    }
    let read = |id: &'static str| {
        let sessions = session::Entity::find()
            .select_only()
            .column(session::Column::PersonId)
            .filter(session::Column::Id.eq(id));
        let person = session::Entity::find()
            .select_only()
            .column(session::Column::PersonId)
            .filter(session::Column::Id.eq(id))
            .into_query();
        let person = SimpleExpr::SubQuery(None, Box::new(SubQueryStatement::SelectStatement(person)));
        with_account(sessions, session::Relation::Person.def(), person)
            .into_model::<SessionAccount>()
            .all(&t.db)
    };

    let eriks = read("s-erik").await.unwrap();
    let annas = read("s-anna").await.unwrap();
    let nobodys = read("s-none").await.unwrap();

    // One row per role (three: requester and two attested cost centres).
    assert_eq!(eriks.len(), 3);
    assert!(eriks.iter().all(|r| r.person_id == erik.id));
    let mut roles = vec![Role::Requester, Role::Attester];
    roles.sort();
    assert_eq!(
        Account::of(eriks.iter().map(|r| &r.account)),
        Some(Account {
            username: "erik.johansson".into(),
            name: "Erik Johansson".into(),
            active: true,
            roles,
        })
    );
    // No roles: still one row, and an account without roles.
    assert_eq!(annas.len(), 1);
    assert_eq!(Account::of(annas.iter().map(|r| &r.account)).unwrap().roles, vec![]);
    assert!(nobodys.is_empty());
    assert_eq!(Account::of(nobodys.iter().map(|r| &r.account)), None);
}

/// Lookups without regard to case (an import's usernames and addresses,
/// single sign-on's address) are answered by migration 33's expression
/// indexes, not by reading every person (520 000 at ten times the region).
#[tokio::test]
async fn logins_and_addresses_are_looked_up_by_their_lowered_indexes() {
    use sea_orm::QueryTrait;
    let t = crate::testing::test_db().await;
    let keys = ["anna.lindqvist".to_owned(), "anna.lindqvist@region.example".to_owned()];
    let Some(steps) = crate::testing::sqlite_plan(&t, by_login(&keys).as_query()).await else {
        return;
    };
    for index in ["idx_person_lower_username", "idx_person_lower_email"] {
        assert!(steps.iter().any(|s| s.contains(index)), "{index}: {steps:?}");
    }
    assert!(!steps.iter().any(|s| s.starts_with("SCAN")), "{steps:?}");
    let steps = crate::testing::sqlite_plan(&t, by_email("Anna@Region.example").as_query())
        .await
        .unwrap();
    assert!(steps.iter().any(|s| s.contains("idx_person_lower_email")), "{steps:?}");
}
