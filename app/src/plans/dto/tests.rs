use super::*;
use crate::domain::catalog::ServiceLevel;

#[test]
fn need_references_follow_a_swap() {
    let swap = |k: usize| {
        Some(match k {
            2 => 3,
            3 => 2,
            k => k,
        })
    };
    assert_eq!(renumber_needs("1, 2", swap), "1, 3");
    assert_eq!(renumber_needs("3,2 4", swap), "2, 3, 4");
    assert_eq!(renumber_needs("", swap), "");
}

#[test]
fn need_references_follow_a_removal() {
    // Need 2 removed: 2 disappears, later numbers move up one.
    let remove = |k: usize| match k {
        2 => None,
        k if k > 2 => Some(k - 1),
        k => Some(k),
    };
    assert_eq!(renumber_needs("1, 2, 3", remove), "1, 2");
    assert_eq!(renumber_needs("2", remove), "");
    assert_eq!(renumber_needs("x, 4", remove), "x, 3");
}

#[test]
fn a_table_row_reads_back_from_its_cells_and_says_which_cell_is_wrong() {
    let row = Staffing {
        id: "s1".into(),
        role: "Objektspecialist".into(),
        person_id: Some(7),
        name: "Anna Lindqvist".into(),
        organisation: "Kardiologi".into(),
        fte: Some(1_250),
        paid_by: "Förvaltningen".into(),
    };
    assert_eq!(row.cells()[4], "12,5");
    assert_eq!(Staffing::from_cells("s1".into(), &row.cells()), Ok(row.clone()));
    let mut cells = row.cells();
    cells[4] = "101".into();
    assert_eq!(
        Staffing::from_cells("s1".into(), &cells),
        Err((4, "Andelen av en heltid kan vara högst 100 %."))
    );
    cells[4] = "".into();
    cells[2] = "".into();
    cells[1] = "".into();
    let vacant = Staffing::from_cells("s1".into(), &cells).unwrap();
    assert_eq!(
        (vacant.fte, vacant.vacant(), vacant.holder()),
        (None, true, "Ej tillsatt")
    );

    let service = ItService::from_cells("t".into(), &["Drift".into(), "Platina".into(), "".into()]).unwrap();
    assert_eq!(service.level, Some(ServiceLevel::Platina));
    assert_eq!(
        ItService::from_cells("t".into(), &["Drift".into(), "diamant".into(), "".into()]),
        Err((1, "Välj en servicenivå: Järn, Brons, Silver, Guld eller Platina."))
    );
    let long = Project::from_cells("p".into(), &["".into(), "x".repeat(2_001), "".into(), "".into()]);
    assert_eq!(long, Err((1, "Texten är för lång (högst 2 000 tecken).")));
}

#[test]
fn shares_of_a_post_are_per_cent_with_two_decimals_or_not_stated() {
    assert_eq!(parse_fte(" 50 % "), Ok(Some(5_000)));
    assert_eq!(parse_fte("0"), Ok(Some(0)));
    assert_eq!(parse_fte(""), Ok(None));
    assert!(parse_fte("-5").is_err());
    assert!(parse_fte("33,333").is_err());
    assert!(parse_fte("halv").is_err());
    // From the wire: more than a whole post is refused as the plan deserializes.
    let json = r#"{"id":"s","role":"R","fte":10001}"#;
    assert!(serde_json::from_str::<Staffing>(json).is_err());
    let json = r#"{"id":"s","role":"R"}"#;
    assert!(serde_json::from_str::<Staffing>(json).unwrap().vacant());
}

#[test]
fn readers_see_vacant_roles_level_names_and_shares_with_their_sign() {
    assert_eq!(shown(CellKind::Person, ""), "Ej tillsatt");
    assert_eq!(shown(CellKind::Level, "guld"), "Guld");
    assert_eq!(shown(CellKind::Level, ""), "Ej vald");
    assert_eq!(shown(CellKind::Fte, "12,5"), "12,5 %");
    assert_eq!(shown(CellKind::Fte, ""), "");
    assert_eq!(shown(CellKind::Line, "Text"), "Text");
}
