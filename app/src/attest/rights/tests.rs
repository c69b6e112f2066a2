//! Tests of attest-rights administration, on SQLite and PostgreSQL, on the
//! demo region: per.svensson is the administrator; erik.johansson attests
//! Kardiologi (41210, 41220) up to 50 000 kr; anna.lindqvist (Kardiologi)
//! attests nothing.

use super::auto_rules::{add_auto_rule, check_kinds, deactivate_auto_rule, list_auto_rules};
use super::import::import_csv;
use super::*;
use crate::domain::roles::Role;
use crate::entities::{audit_log, person};
use crate::testing::{demo_db, TestDb};
use sea_orm::PaginatorTrait;

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

fn day(offset: i64) -> NaiveDate {
    today() + chrono::Duration::days(offset)
}

async fn who(t: &TestDb, username: &str) -> Ctx {
    crate::testing::person_ctx(&t.db, username).await
}

async fn id_of(t: &TestDb, username: &str) -> i32 {
    crate::org::directory::person_by_username(&t.db, username)
        .await
        .unwrap()
        .unwrap()
        .id
}

/// The cost centres `username` holds the attester role on.
async fn attester_on(t: &TestDb, username: &str) -> Vec<String> {
    use crate::entities::{cost_center, person_role};
    let id = id_of(t, username).await;
    let mut codes = Vec::new();
    for r in person_role::Entity::find()
        .filter(person_role::Column::PersonId.eq(id))
        .filter(person_role::Column::Role.eq(Role::Attester.as_str()))
        .all(&t.db)
        .await
        .unwrap()
    {
        let cc = cost_center::Entity::find_by_id(r.cost_center_id.unwrap())
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        codes.push(cc.code);
    }
    codes.sort();
    codes
}

async fn rights_count(t: &TestDb) -> u64 {
    attest_right::Entity::find().count(&t.db).await.unwrap()
}

async fn audited(t: &TestDb, action: &str) -> u64 {
    audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq(action))
        .count(&t.db)
        .await
        .unwrap()
}

fn form(person: &str, cost_center: &str, limit: &str) -> RightForm {
    RightForm {
        person: person.into(),
        cost_center: cost_center.into(),
        limit: limit.into(),
        valid_from: today().to_string(),
        valid_to: String::new(),
    }
}

async fn list_for(t: &TestDb, ctx: &Ctx, cost_center: &str) -> Vec<AttestRightDto> {
    let filter = RightFilter {
        cost_center: Some(cost_center.into()),
        ..Default::default()
    };
    list_rights(ctx, &t.db, &filter).await.unwrap().rights
}

fn field_of(e: &AppError) -> Option<&str> {
    e.field()
}

#[test]
fn a_limit_is_more_than_nothing_and_at_most_a_hundred_million_kronor() {
    assert_eq!(parse_limit("50 000"), Ok(Sek::from_kronor(50_000)));
    assert_eq!(parse_limit("12 500,50 kr"), Ok(Sek::from_ore(1_250_050)));
    assert_eq!(parse_limit("100 000 000"), Ok(MAX_LIMIT));
    assert_eq!(parse_limit("0,01"), Ok(Sek::from_ore(1)));
    for (input, says) in [
        ("0", "större än 0 kr"),
        ("-5", "större än 0 kr"),
        ("100 000 000,01", "högst 100 000 000 kr"),
        ("5 000 000 000", "högst 100 000 000 kr"),
        ("", "Ange attestgränsen"),
        ("femtio", "med siffror"),
        ("1,234", "två decimaler"),
    ] {
        let e = parse_limit(input).unwrap_err();
        assert!(e.contains(says), "{input}: {e}");
    }
    assert_eq!(
        check_limit(MAX_LIMIT.ore() + 1).unwrap_err(),
        "Attestgränsen kan vara högst 100 000 000 kr."
    );
    assert!(check_limit(0).is_err());
}

#[test]
fn a_period_ends_neither_before_it_starts_nor_in_the_past() {
    let t = today();
    assert_eq!(check_period(t, None, t), Ok(()));
    assert_eq!(check_period(day(-400), Some(t), t), Ok(()));
    assert_eq!(check_period(day(3), Some(day(3)), t), Ok(()));
    assert!(check_period(day(3), Some(day(2)), t)
        .unwrap_err()
        .contains("före startdatum"));
    assert!(check_period(day(-10), Some(day(-1)), t)
        .unwrap_err()
        .contains("redan passerat"));
    assert_eq!(parse_optional_day(" "), Ok(None));
    assert!(parse_day("2027-13-01").is_err());
    assert_eq!(
        parse_day(" 2027-01-31 "),
        Ok(NaiveDate::from_ymd_opt(2027, 1, 31).unwrap())
    );
}

#[test]
fn a_rule_takes_known_item_kinds_each_once_in_a_fixed_order() {
    let codes = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    use crate::domain::catalog::ItemKind::*;
    assert_eq!(
        check_kinds(&codes(&["service", "hardware", "service", " "])),
        Ok(vec![Hardware, Service])
    );
    assert_eq!(check_kinds(&[]), Ok(vec![]));
    assert!(check_kinds(&codes(&["möbler"])).unwrap_err().contains("möbler"));
}

#[tokio::test]
async fn an_administrator_gives_attest_rights_and_the_person_becomes_an_attester_of_the_cost_centre() {
    let t = demo_db().await;
    let per = who(&t, "per.svensson").await;
    assert_eq!(attester_on(&t, "anna.lindqvist").await, Vec::<String>::new());

    let added = add_right(&per, &t.db, &form("anna.lindqvist", "41310", "25 000"))
        .await
        .unwrap();
    assert_eq!(added.person, "Anna Lindqvist");
    assert_eq!(added.cost_center_code, "41310");
    assert_eq!(added.limit, Sek::from_kronor(25_000));
    assert_eq!(added.state, RightState::Current);
    assert!(!added.mine);
    assert_eq!(attester_on(&t, "anna.lindqvist").await, vec!["41310"]);
    assert!(who(&t, "anna.lindqvist").await.has(Role::Attester));
    assert_eq!(audited(&t, "attest.right.add").await, 1);
    let listed = list_for(&t, &per, "41310").await;
    assert!(listed.iter().any(|r| r.username == "anna.lindqvist"), "{listed:?}");

    // By email, any case, a second right for the same pair: change the first instead.
    let again = add_right(&per, &t.db, &form("Anna.Lindqvist@regionnorrvik.se", "41310", "30 000"))
        .await
        .unwrap_err();
    assert_eq!(field_of(&again), Some("person"));
    assert!(again.to_string().contains("Ändra den i stället"), "{again}");
}

#[tokio::test]
async fn an_administrator_cannot_give_change_or_end_their_own_attest_rights() {
    let t = demo_db().await;
    let per = who(&t, "per.svensson").await;
    let before = rights_count(&t).await;
    let own = add_right(&per, &t.db, &form("per.svensson", "51110", "10 000"))
        .await
        .unwrap_err();
    assert!(
        matches!(&own, AppError::ForbiddenWithMessage { message } if message.contains("för dig själv")),
        "{own:?}"
    );
    assert_eq!(rights_count(&t).await, before);
    assert_eq!(attester_on(&t, "per.svensson").await, Vec::<String>::new());

    // Given by someone else (here the system), he still cannot change or end it.
    let given = add_right(&Ctx::system(), &t.db, &form("per.svensson", "51110", "10 000"))
        .await
        .unwrap();
    let listed = list_for(&t, &per, "51110").await;
    assert!(listed.iter().any(|r| r.id == given.id && r.mine));
    let change = RightChange {
        id: given.id,
        limit: "1 000 000".into(),
        valid_from: today().to_string(),
        valid_to: String::new(),
    };
    assert!(matches!(
        change_right(&per, &t.db, &change).await,
        Err(AppError::ForbiddenWithMessage { .. })
    ));
    assert!(matches!(
        end_right(&per, &t.db, given.id).await,
        Err(AppError::ForbiddenWithMessage { .. })
    ));
    let still = attest_right::Entity::find_by_id(given.id)
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((still.limit_ore, still.valid_to), (1_000_000, None));
}

#[tokio::test]
async fn only_an_administrator_keeps_attest_rights() {
    let t = demo_db().await;
    let erik = who(&t, "erik.johansson").await;
    assert_eq!(
        add_right(&erik, &t.db, &form("anna.lindqvist", "41210", "5 000")).await,
        Err(AppError::Forbidden)
    );
    assert_eq!(
        list_rights(&erik, &t.db, &RightFilter::default()).await,
        Err(AppError::Forbidden)
    );
    assert_eq!(import_csv(&erik, &t.db, "x", true).await, Err(AppError::Forbidden));
    assert_eq!(list_auto_rules(&erik, &t.db).await, Err(AppError::Forbidden));
}

#[tokio::test]
async fn each_wrong_field_of_a_new_right_is_named_in_swedish() {
    let t = demo_db().await;
    let per = who(&t, "per.svensson").await;
    person::Entity::update_many()
        .col_expr(person::Column::Active, sea_orm::sea_query::Expr::value(false))
        .filter(person::Column::Username.eq("oskar.lund"))
        .exec(&t.db)
        .await
        .unwrap();
    let cases: Vec<(RightForm, &str, &str)> = vec![
        (form("finns.inte", "41210", "5 000"), "person", "Det finns ingen person"),
        (form("oskar.lund", "41210", "5 000"), "person", "inte anställd längre"),
        (
            form("anna.lindqvist", "99999", "5 000"),
            "cost_center",
            "”99999” finns inte",
        ),
        (form("anna.lindqvist", "41210", "0"), "limit", "större än 0 kr"),
        (
            form("anna.lindqvist", "41210", "100 000 001"),
            "limit",
            "högst 100 000 000 kr",
        ),
        (
            RightForm {
                valid_from: day(5).to_string(),
                valid_to: day(4).to_string(),
                ..form("anna.lindqvist", "41210", "5 000")
            },
            "valid_to",
            "före startdatum",
        ),
        (
            RightForm {
                valid_from: "1 januari".into(),
                ..form("anna.lindqvist", "41210", "5 000")
            },
            "valid_from",
            "ÅÅÅÅ-MM-DD",
        ),
    ];
    for (f, field, says) in cases {
        let e = add_right(&per, &t.db, &f).await.unwrap_err();
        assert_eq!(field_of(&e), Some(field), "{f:?}: {e:?}");
        assert!(e.to_string().contains(says), "{f:?}: {e}");
    }
    assert_eq!(attester_on(&t, "anna.lindqvist").await, Vec::<String>::new());
}

#[tokio::test]
async fn a_change_is_audited_and_ending_the_last_right_on_a_cost_centre_takes_the_role_away() {
    let t = demo_db().await;
    let per = who(&t, "per.svensson").await;
    assert_eq!(attester_on(&t, "erik.johansson").await, vec!["41210", "41220"]);
    let eriks = list_for(&t, &per, "41210").await;
    let right = eriks.iter().find(|r| r.username == "erik.johansson").unwrap().clone();

    let changed = change_right(
        &per,
        &t.db,
        &RightChange {
            id: right.id,
            limit: "80 000".into(),
            valid_from: right.valid_from.to_string(),
            valid_to: day(30).to_string(),
        },
    )
    .await
    .unwrap();
    assert_eq!(
        (changed.limit, changed.valid_to),
        (Sek::from_kronor(80_000), Some(day(30)))
    );
    assert_eq!(audited(&t, "attest.right.change").await, 1);

    end_right(&per, &t.db, right.id).await.unwrap();
    let ended = attest_right::Entity::find_by_id(right.id)
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        ended.valid_to,
        Some(day(-1)),
        "a right in use is kept, ending yesterday"
    );
    assert_eq!(attester_on(&t, "erik.johansson").await, vec!["41220"]);
    assert!(
        who(&t, "erik.johansson").await.has(Role::Attester),
        "still an attester of 41220"
    );
    assert!(list_for(&t, &per, "41210").await.iter().all(|r| r.id != right.id));
    let all = list_rights(
        &per,
        &t.db,
        &RightFilter {
            person: Some("erik.johansson".into()),
            include_ended: true,
            ..Default::default()
        },
    )
    .await
    .unwrap()
    .rights;
    assert_eq!(all.iter().find(|r| r.id == right.id).unwrap().state, RightState::Ended);
    // Ending it again changes nothing; changing it is refused.
    end_right(&per, &t.db, right.id).await.unwrap();
    assert_eq!(audited(&t, "attest.right.end").await, 1);

    // A coming right that is ended is removed.
    let coming = add_right(
        &per,
        &t.db,
        &RightForm {
            valid_from: day(10).to_string(),
            ..form("anna.lindqvist", "41220", "5 000")
        },
    )
    .await
    .unwrap();
    assert_eq!(coming.state, RightState::Coming);
    end_right(&per, &t.db, coming.id).await.unwrap();
    assert!(attest_right::Entity::find_by_id(coming.id)
        .one(&t.db)
        .await
        .unwrap()
        .is_none());
    assert_eq!(attester_on(&t, "anna.lindqvist").await, Vec::<String>::new());
}

const HEADER: &str = "kostnadsstalle;person;belopp;giltig_fran;giltig_till";

#[tokio::test]
async fn an_import_dry_run_reports_every_bad_row_with_its_line_and_writes_nothing() {
    let t = demo_db().await;
    let per = who(&t, "per.svensson").await;
    let (from, past) = (today(), day(-1));
    let file = format!(
        "\u{feff}{HEADER}\n\
         41310;anna.lindqvist;25 000;{from};\n\
         41210;finns.inte;5 000;{from};\n\
         99999;anna.lindqvist;5 000;{from};\n\
         41220;anna.lindqvist;femtio;{from};\n\
         41110;per.svensson;5 000;{from};\n\
         41120;anna.lindqvist;5 000;igår;\n\
         42110;anna.lindqvist;5 000;{from};{past}\n\
         41310;ANNA.LINDQVIST@regionnorrvik.se;30 000;{from};\n\
         41310;anna.lindqvist;5 000\n"
    );
    let (rights, audits) = (
        rights_count(&t).await,
        audit_log::Entity::find().count(&t.db).await.unwrap(),
    );
    for dry_run in [true, false] {
        let report = import_csv(&per, &t.db, &file, dry_run).await.unwrap();
        assert!(!report.written);
        assert_eq!(report.rows, 9);
        let got: Vec<(u64, &str)> = report.problems.iter().map(|p| (p.line, p.column.as_str())).collect();
        assert_eq!(
            got,
            vec![
                (3, "person"),
                (4, "kostnadsstalle"),
                (5, "belopp"),
                (6, "person"),
                (7, "giltig_fran"),
                (8, "giltig_till"),
                (9, "person"),
                (10, ""),
            ],
            "{:#?}",
            report.problems
        );
        assert!(
            report.problems[3].message.contains("för dig själv"),
            "{:?}",
            report.problems[3]
        );
        assert!(
            report.problems[6].message.contains("på rad 2"),
            "{:?}",
            report.problems[6]
        );
        assert!(
            report.problems[7].message.contains("3 fält"),
            "{:?}",
            report.problems[7]
        );
    }
    assert_eq!(rights_count(&t).await, rights);
    assert_eq!(audit_log::Entity::find().count(&t.db).await.unwrap(), audits);
    assert_eq!(attester_on(&t, "anna.lindqvist").await, Vec::<String>::new());

    let wrong_header = import_csv(&per, &t.db, "kostnadsställe;person;belopp\n41210;x;1\n", true)
        .await
        .unwrap();
    let columns: Vec<&str> = wrong_header.problems.iter().map(|p| p.column.as_str()).collect();
    assert_eq!(
        columns,
        vec!["kostnadsställe", "kostnadsstalle", "giltig_fran", "giltig_till"]
    );
    assert_eq!(
        import_csv(&per, &t.db, "\u{feff}", true).await.unwrap().problems[0].line,
        1
    );
}

#[tokio::test]
async fn an_import_writes_every_row_in_one_go_and_keeps_the_attester_roles() {
    let t = demo_db().await;
    let per = who(&t, "per.svensson").await;
    let from = today();
    let file = format!(
        "{HEADER}\r\n\
         41210;erik.johansson;80 000;2026-01-01;\r\n\
         41310;anna.lindqvist@regionnorrvik.se;25 000,50;{from};{}\r\n\
         41220;erik.johansson;50 000;2026-01-01;\r\n\
         \r\n",
        day(90)
    );
    let before = rights_count(&t).await;
    let checked = import_csv(&per, &t.db, &file, true).await.unwrap();
    assert_eq!(checked.problems, vec![]);
    assert_eq!(
        (checked.rows, checked.created, checked.updated, checked.unchanged),
        (3, 1, 1, 1)
    );
    assert!(!checked.written);
    assert_eq!(rights_count(&t).await, before);

    let done = import_csv(&per, &t.db, &file, false).await.unwrap();
    assert!(done.written, "{:?}", done.problems);
    assert_eq!(rights_count(&t).await, before + 1);
    assert_eq!(attester_on(&t, "anna.lindqvist").await, vec!["41310"]);
    let annas = list_for(&t, &per, "41310").await;
    let anna = annas.iter().find(|r| r.username == "anna.lindqvist").unwrap();
    assert_eq!((anna.limit, anna.valid_to), (Sek::from_ore(2_500_050), Some(day(90))));
    let erik = list_for(&t, &per, "41210").await;
    assert_eq!(erik[0].limit, Sek::from_kronor(80_000));
    assert_eq!(audited(&t, "attest.right.add").await, 1);
    assert_eq!(audited(&t, "attest.right.change").await, 1);
    assert_eq!(audited(&t, "attest.rights.imported").await, 1);
}

#[tokio::test]
async fn a_replacement_of_a_cost_centres_rights_ends_the_unlisted_and_refuses_the_callers_own() {
    let t = demo_db().await;
    let per = who(&t, "per.svensson").await;
    let item = |person: Option<&str>, limit_kr: i64| RightItem {
        person: person.map(str::to_owned),
        cost_center: None,
        limit_ore: limit_kr * 100,
        valid_from: today(),
        valid_to: None,
    };
    let input = RightsReplace {
        cost_center: Some("41210".into()),
        person: None,
        rights: vec![item(Some("anna.lindqvist"), 40_000)],
    };
    let out = replace_rights(&per, &t.db, &input).await.unwrap();
    assert_eq!((out.created, out.updated, out.unchanged, out.ended), (1, 0, 0, 1));
    let names: Vec<&str> = out.rights.iter().map(|r| r.username.as_str()).collect();
    assert_eq!(names, vec!["anna.lindqvist"]);
    assert_eq!(attester_on(&t, "erik.johansson").await, vec!["41220"]);
    assert_eq!(attester_on(&t, "anna.lindqvist").await, vec!["41210"]);

    // The same list again changes nothing.
    let again = replace_rights(&per, &t.db, &input).await.unwrap();
    assert_eq!(
        (again.created, again.updated, again.unchanged, again.ended),
        (0, 0, 1, 0)
    );

    // A wrong item names its path; nothing is written.
    let bad = RightsReplace {
        rights: vec![item(Some("anna.lindqvist"), 40_000), item(Some("erik.johansson"), 0)],
        ..input.clone()
    };
    let e = replace_rights(&per, &t.db, &bad).await.unwrap_err();
    assert_eq!(e.field(), Some("rights[1].limit_ore"));
    let both = RightsReplace {
        person: Some("anna.lindqvist".into()),
        ..input.clone()
    };
    assert_eq!(
        replace_rights(&per, &t.db, &both).await.unwrap_err().field(),
        Some("cost_center")
    );

    // His own rights, by person or in a cost centre's list: refused.
    let own = RightsReplace {
        cost_center: None,
        person: Some("per.svensson".into()),
        rights: vec![],
    };
    assert!(matches!(
        replace_rights(&per, &t.db, &own).await,
        Err(AppError::ForbiddenWithMessage { .. })
    ));
    let with_me = RightsReplace {
        rights: vec![item(Some("anna.lindqvist"), 40_000), item(Some("per.svensson"), 1_000)],
        ..input
    };
    assert!(matches!(
        replace_rights(&per, &t.db, &with_me).await,
        Err(AppError::ForbiddenWithMessage { .. })
    ));
    assert_eq!(attester_on(&t, "per.svensson").await, Vec::<String>::new());

    // A person who has left: their rights are ended by an empty list.
    let eriks = RightsReplace {
        cost_center: None,
        person: Some("erik.johansson".into()),
        rights: vec![],
    };
    let out = replace_rights(&per, &t.db, &eriks).await.unwrap();
    assert_eq!(out.ended, 1);
    assert_eq!(attester_on(&t, "erik.johansson").await, Vec::<String>::new());
}

#[tokio::test]
async fn an_auto_approval_rule_is_added_listed_and_deactivated_and_routing_stops_using_it() {
    let t = demo_db().await;
    let per = who(&t, "per.svensson").await;
    let rule = AutoRuleForm {
        name: "  Tillbehör på eget kostnadsställe ".into(),
        max_commitment: "5 000".into(),
        own_cost_center_only: true,
        item_kinds: vec!["hardware".into()],
    };
    let added = add_auto_rule(&per, &t.db, &rule).await.unwrap();
    assert_eq!(added.name, "Tillbehör på eget kostnadsställe");
    assert_eq!(added.max_commitment, Sek::from_kronor(5_000));
    assert_eq!(added.item_kinds, vec!["hardware"]);
    assert_eq!(crate::attest::service::routing::rules(&t.db).await.unwrap().len(), 1);

    for (bad, field) in [
        (
            AutoRuleForm {
                name: " ".into(),
                ..rule.clone()
            },
            "name",
        ),
        (
            AutoRuleForm {
                max_commitment: "0".into(),
                ..rule.clone()
            },
            "max_commitment",
        ),
        (
            AutoRuleForm {
                item_kinds: vec!["möbler".into()],
                ..rule.clone()
            },
            "item_kinds",
        ),
    ] {
        assert_eq!(add_auto_rule(&per, &t.db, &bad).await.unwrap_err().field(), Some(field));
    }

    deactivate_auto_rule(&per, &t.db, added.id).await.unwrap();
    deactivate_auto_rule(&per, &t.db, added.id).await.unwrap();
    let listed = list_auto_rules(&per, &t.db).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert!(!listed[0].active);
    assert!(crate::attest::service::routing::rules(&t.db).await.unwrap().is_empty());
    assert_eq!(audited(&t, "attest.auto_rule.add").await, 1);
    assert_eq!(audited(&t, "attest.auto_rule.deactivate").await, 1);
    assert!(matches!(
        deactivate_auto_rule(&per, &t.db, 9_999).await,
        Err(AppError::NotFound { .. })
    ));
}
