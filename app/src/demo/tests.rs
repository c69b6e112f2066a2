use super::org::{PEOPLE, UNITS};
use super::*;
use crate::ctx::Ctx;
use crate::domain::org::PostalCode;
use crate::domain::roles::Role;
use crate::entities::{person, person_role};
use crate::testing::test_db;

#[tokio::test]
async fn seeding_twice_changes_nothing_the_second_time() {
    let t = test_db().await;

    assert_eq!(seed_demo(&t.db).await.unwrap(), SeedOutcome::Seeded);
    let first = crate::org::service::summary(&Ctx::system(), &t.db).await.unwrap();
    assert_eq!(seed_demo(&t.db).await.unwrap(), SeedOutcome::AlreadyPresent);
    let second = crate::org::service::summary(&Ctx::system(), &t.db).await.unwrap();

    assert_eq!(first, second);
    assert!(first.administrations >= 3);
    assert!(first.units >= 10);
    assert!(first.cost_centers >= 20);
    let people = person::Entity::find().all(&t.db).await.unwrap().len();
    assert!(people >= 30);
}

#[tokio::test]
async fn every_role_has_at_least_one_demo_person() {
    let t = test_db().await;
    seed_demo(&t.db).await.unwrap();

    let held: Vec<String> = person_role::Entity::find()
        .all(&t.db)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.role)
        .collect();

    for role in Role::ALL {
        assert!(held.iter().any(|r| r == role.as_str()), "no demo person holds {role}");
    }
}

#[test]
fn the_demo_data_is_internally_consistent() {
    let units: Vec<&str> = UNITS.iter().map(|u| u.1).collect();
    let centers: Vec<&str> = UNITS.iter().flat_map(|u| u.3.iter().map(|c| c.0)).collect();
    for (username, _, _, _, unit, roles) in PEOPLE {
        assert!(units.contains(unit), "{username} belongs to unknown unit {unit}");
        for (role, center) in *roles {
            assert_eq!(
                role.is_scoped() && *role == Role::Attester,
                center.is_some(),
                "{username}: {role}"
            );
            if let Some(c) = center {
                assert!(centers.contains(c), "{username} attests unknown cost centre {c}");
            }
        }
    }
    for (_, _, _, _, addresses) in UNITS {
        for (_, _, postal, _) in *addresses {
            assert!(PostalCode::parse(postal).is_ok(), "{postal}");
        }
    }
}

#[test]
fn the_demo_catalogue_is_large_enough_and_consistent() {
    assert!(catalog::ITEMS.len() >= 40);
    assert!(catalog::BUNDLES.len() >= 5);
    let articles: Vec<&str> = catalog::ITEMS.iter().map(|i| i.0).collect();
    let mut unique = articles.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), articles.len(), "article numbers are unique");
    for (_, item, targets) in catalog::RULES {
        assert!(articles.contains(item), "{item}");
        for t in *targets {
            assert!(articles.contains(t), "{t}");
        }
    }
    for (code, _, main, _, parts) in catalog::BUNDLES {
        assert!(articles.contains(main), "{code}: {main}");
        for (a, _, q) in *parts {
            assert!(articles.contains(a) && *q >= 1, "{code}: {a}");
        }
    }
    for i in catalog::ITEMS {
        assert!(crate::domain::catalog::ItemKind::parse(i.2).is_some(), "{}", i.0);
        assert_eq!(
            i.2 == catalog::SV,
            i.10.is_some(),
            "{}: services and only services have a level",
            i.0
        );
        if let Some(l) = i.10 {
            assert!(crate::domain::catalog::ServiceLevel::parse(l).is_some());
        }
    }
}
