use super::*;

#[test]
fn the_filter_reads_its_address_and_writes_it_back() {
    let params = |q: &'static str, f: &'static str, s: &'static str| {
        move |k: &str| match k {
            "q" => Some(q.to_owned()),
            "familj" => Some(f.to_owned()),
            "sida" => Some(s.to_owned()),
            _ => None,
        }
    };
    let f = OverviewFilter::from_params(params(" vård ", "3", "2"));
    assert_eq!(f.family, Some(3));
    assert_eq!(f.page, 2);
    assert_eq!(f.href(3), "/forvaltning?q=v%C3%A5rd&familj=3&sida=3");
    assert_eq!(f.href(1), "/forvaltning?q=v%C3%A5rd&familj=3");
    // Numbers that do not parse are left out; a page below 1 is the first.
    let bad = OverviewFilter::from_params(params("", "x", "0"));
    assert_eq!(
        bad,
        OverviewFilter {
            q: String::new(),
            family: None,
            page: 1
        }
    );
    assert_eq!(bad.href(1), "/forvaltning");
    let bad = OverviewFilter::from_params(params("", "", "-4"));
    assert_eq!(bad.page, 1);
}
