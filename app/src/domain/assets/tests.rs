use super::*;
use chrono::NaiveDate;
use AssetStatus::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// Every status × every status: the allowed moves, written out once more
/// by hand so a change to the lifecycle has to change this table too.
#[test]
fn the_lifecycle_table() {
    let allowed: &[(AssetStatus, &[AssetStatus])] = &[
        (InStock, &[InUse, InRepair, Collected, Stolen, Lost, Retired]),
        (InUse, &[InStock, InRepair, Collected, Stolen, Lost]),
        (InRepair, &[InUse, InStock, Collected, Lost]),
        (Stolen, &[InUse, InStock, Retired]),
        (Lost, &[InUse, InStock, Retired]),
        (Collected, &[Wiped, InStock]),
        (Wiped, &[Retired, InStock]),
        (Retired, &[]),
    ];
    for (from, to_list) in allowed {
        for to in AssetStatus::ALL {
            let got = transition(*from, to, Some("INTYG-1"));
            let want = if *from == Retired {
                Err(Refusal::Final)
            } else if *from == to {
                Err(Refusal::Same)
            } else if to_list.contains(&to) {
                Ok(())
            } else {
                Err(Refusal::NotAllowed)
            };
            assert_eq!(got, want, "{from:?} → {to:?}");
        }
    }
    assert_eq!(allowed.len(), AssetStatus::ALL.len());
}

#[test]
fn retired_is_final_and_offers_nothing() {
    assert!(next(Retired).is_empty());
    for to in AssetStatus::ALL {
        assert_eq!(transition(Retired, to, Some("X")), Err(Refusal::Final));
    }
}

#[test]
fn wiping_needs_the_certificate_reference() {
    assert_eq!(transition(Collected, Wiped, None), Err(Refusal::CertificateRequired));
    assert_eq!(
        transition(Collected, Wiped, Some("  ")),
        Err(Refusal::CertificateRequired)
    );
    assert_eq!(transition(Collected, Wiped, Some("DD-2026-0042")), Ok(()));
    // Only wiping asks for it.
    assert_eq!(transition(InUse, InRepair, None), Ok(()));
}

#[test]
fn a_refusal_says_what_is_possible_in_swedish() {
    let m = Refusal::NotAllowed.message_sv(InUse, Retired);
    assert_eq!(
        m,
        "I drift kan inte gå direkt till Avvecklad. Möjliga nästa steg: På reparation, På lager, \
         Insamlad för avveckling, Stulen, Borttappad."
    );
    assert!(Refusal::Same.message_sv(InUse, InUse).contains("redan status I drift"));
}

#[test]
fn every_status_reads_back_from_its_code() {
    for s in AssetStatus::ALL {
        assert_eq!(AssetStatus::parse(s.as_str()), Some(s));
    }
    assert_eq!(AssetStatus::parse("I drift"), None);
    assert!(InRepair.is_held() && !Lost.is_held() && !Retired.is_held());
}

#[test]
fn warranty_ends_the_day_before_three_years_on() {
    assert_eq!(warranty_end(d("2026-12-01")), d("2029-11-30"));
    // A leap day delivery ends on the last day of February.
    assert_eq!(warranty_end(d("2028-02-29")), d("2031-02-27"));
    assert_eq!(add_months(d("2026-01-31"), 1), d("2026-02-28"));
    assert_eq!(add_months(d("2028-01-31"), 1), d("2028-02-29"));
}

#[test]
fn tags_are_per_line_and_unit() {
    assert_eq!(tag_for(104233, 1), "IT-104233-1");
    assert_ne!(tag_for(12, 11), tag_for(121, 1));
    assert!(tag_for(i32::MAX, i32::MAX).len() <= TAG_MAX);
}
