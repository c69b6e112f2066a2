//! Tests of the page guard.

use super::*;

#[test]
fn a_route_missing_from_the_declarations_is_found() {
    assert!(undeclared(["/katalog", "/katalog/artikel/{id}", ""]).is_empty());
    assert_eq!(undeclared(["/hemlig", "/katalog"]), vec!["/hemlig".to_owned()]);
}

#[test]
fn the_way_back_after_login_keeps_the_path_and_query() {
    let req = Request::get("/katalog?q=docka&typ=hardware")
        .body(Body::empty())
        .unwrap();
    assert_eq!(
        sign_in_location(&req),
        "/logga-in?next=%2Fkatalog%3Fq%3Ddocka%26typ%3Dhardware"
    );
}
