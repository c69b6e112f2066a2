//! Orders: the state machine of DOMAIN.md §4 and the checkout's input rules.

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderStatus {
    Draft,
    Submitted,
    AwaitingAttestation,
    Attested,
    Rejected,
    SentToSupplier,
    Confirmed,
    Shipped,
    Delivered,
    Closed,
    Cancelled,
}

impl OrderStatus {
    pub const ALL: [OrderStatus; 11] = [
        OrderStatus::Draft,
        OrderStatus::Submitted,
        OrderStatus::AwaitingAttestation,
        OrderStatus::Attested,
        OrderStatus::Rejected,
        OrderStatus::SentToSupplier,
        OrderStatus::Confirmed,
        OrderStatus::Shipped,
        OrderStatus::Delivered,
        OrderStatus::Closed,
        OrderStatus::Cancelled,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            OrderStatus::Draft => "draft",
            OrderStatus::Submitted => "submitted",
            OrderStatus::AwaitingAttestation => "awaiting_attestation",
            OrderStatus::Attested => "attested",
            OrderStatus::Rejected => "rejected",
            OrderStatus::SentToSupplier => "sent_to_supplier",
            OrderStatus::Confirmed => "confirmed",
            OrderStatus::Shipped => "shipped",
            OrderStatus::Delivered => "delivered",
            OrderStatus::Closed => "closed",
            OrderStatus::Cancelled => "cancelled",
        }
    }

    pub const fn label_sv(self) -> &'static str {
        match self {
            OrderStatus::Draft => "Utkast",
            OrderStatus::Submitted => "Skickad",
            OrderStatus::AwaitingAttestation => "Väntar på attest",
            OrderStatus::Attested => "Attesterad",
            OrderStatus::Rejected => "Avslagen",
            OrderStatus::SentToSupplier => "Skickad till leverantör",
            OrderStatus::Confirmed => "Bekräftad av leverantör",
            OrderStatus::Shipped => "Skickad från leverantör",
            OrderStatus::Delivered => "Levererad",
            OrderStatus::Closed => "Avslutad",
            OrderStatus::Cancelled => "Makulerad",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// Whether the order can still change (not rejected, closed or cancelled).
    pub const fn is_open(self) -> bool {
        !matches!(
            self,
            OrderStatus::Rejected | OrderStatus::Closed | OrderStatus::Cancelled
        )
    }
}

/// Where a freshly submitted order goes next. Attestation and auto-approval
/// rules fill this in; until then every order waits in `submitted`.
pub fn route_after_submit() -> OrderStatus {
    OrderStatus::Submitted
}

/// How many of one item an order line asks for: 1 to [`Quantity::MAX`]. A
/// wire line deserializes through [`Quantity::new`], so the API and the
/// checkout take the cart's bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "i32", into = "i32")]
pub struct Quantity(i32);

impl Quantity {
    /// Largest quantity of one item in one order (and in the cart).
    pub const MAX: i32 = 999;

    pub fn new(q: i32) -> Result<Quantity, &'static str> {
        if (1..=Self::MAX).contains(&q) {
            Ok(Quantity(q))
        } else {
            Err("Antalet på varje rad ska vara mellan 1 och 999.")
        }
    }

    pub const fn get(self) -> i32 {
        self.0
    }
}

impl TryFrom<i32> for Quantity {
    type Error = &'static str;
    fn try_from(q: i32) -> Result<Self, Self::Error> {
        Quantity::new(q)
    }
}

impl From<Quantity> for i32 {
    fn from(q: Quantity) -> i32 {
        q.0
    }
}

/// Most different items in one order.
pub const MAX_LINES: usize = 200;

/// An order's lines with each item once, in the order the items first
/// appear: the quantities of an item named on several lines are added, and
/// the cap applies to their sum (two lines of 600 are one line of 1 200,
/// which is refused).
pub fn merge_lines(lines: impl IntoIterator<Item = (i32, Quantity)>) -> Result<Vec<(i32, Quantity)>, String> {
    let mut merged: Vec<(i32, Quantity)> = Vec::new();
    let mut at: std::collections::HashMap<i32, usize> = std::collections::HashMap::new();
    for (item, q) in lines {
        match at.get(&item) {
            Some(&i) => {
                let sum = merged[i].1 .0 + q.0; // both at most 999: no overflow
                merged[i].1 = Quantity::new(sum).map_err(|_| {
                    format!(
                        "Artikel {item} finns på flera rader, tillsammans {sum} st. Högst {} av en artikel per beställning.",
                        Quantity::MAX
                    )
                })?;
            }
            None => {
                if merged.len() == MAX_LINES {
                    return Err(format!(
                        "Beställningen har för många olika artiklar (högst {MAX_LINES})."
                    ));
                }
                at.insert(item, merged.len());
                merged.push((item, q));
            }
        }
    }
    Ok(merged)
}

/// The longest text each free-text field of an order takes, in characters,
/// with the name a message gives it: the checkout form's `maxlength` where
/// it has one, and never more than the column holds (`contact_phone` is a
/// 32-character column; the others hold 100 or more).
pub const TEXT_CAPS: [(&str, &str, usize); 7] = [
    ("contact_name", "Kontaktpersonen", 100),
    ("contact_phone", "Telefonnumret", 32),
    ("reference", "Referensen", 200),
    ("note", "Meddelandet", 2_000),
    ("new_label", "Benämningen", 100),
    ("new_street", "Gatuadressen", 100),
    ("new_city", "Orten", 100),
];

/// `text` if it is within its field's cap in [`TEXT_CAPS`] (unknown fields
/// have none); otherwise the Swedish sentence naming the cap.
pub fn check_length<'a>(field: &str, text: &'a str) -> Result<&'a str, String> {
    match TEXT_CAPS.iter().find(|(f, _, _)| *f == field) {
        Some((_, name, cap)) if text.chars().count() > *cap => Err(format!(
            "{name} får vara högst {} tecken.",
            super::format::count(*cap as u64)
        )),
        _ => Ok(text),
    }
}

/// A Swedish phone number as people write it: digits, spaces, hyphens and a
/// leading `+`; 7–15 digits.
pub fn parse_phone(input: &str) -> Result<String, &'static str> {
    let s = input.trim();
    if s.is_empty() {
        return Err("Fyll i ett telefonnummer.");
    }
    let ok_chars = s
        .chars()
        .enumerate()
        .all(|(i, c)| c.is_ascii_digit() || c == ' ' || c == '-' || (c == '+' && i == 0));
    let digits = s.chars().filter(|c| c.is_ascii_digit()).count();
    if !ok_chars || !(7..=15).contains(&digits) {
        return Err("Skriv telefonnumret med siffror, till exempel 021-17 52 10 eller +46 70 123 45 67.");
    }
    Ok(s.to_owned())
}

/// A wanted delivery date: not before `today` and not on a weekend.
pub fn check_wanted_date(date: NaiveDate, today: NaiveDate) -> Result<NaiveDate, &'static str> {
    if date < today {
        return Err("Önskat leveransdatum kan inte ligga bakåt i tiden.");
    }
    if matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
        return Err("Leveranser sker inte på helger. Välj en vardag.");
    }
    Ok(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn statuses_round_trip_and_only_final_ones_are_closed() {
        for s in OrderStatus::ALL {
            assert_eq!(OrderStatus::parse(s.as_str()), Some(s));
        }
        let closed: Vec<_> = OrderStatus::ALL.into_iter().filter(|s| !s.is_open()).collect();
        assert_eq!(
            closed,
            vec![OrderStatus::Rejected, OrderStatus::Closed, OrderStatus::Cancelled]
        );
        assert_eq!(route_after_submit(), OrderStatus::Submitted);
    }

    #[test]
    fn a_delivery_date_in_the_past_or_on_a_weekend_is_refused() {
        let today = d(2026, 11, 25); // a Wednesday
        assert!(check_wanted_date(d(2026, 11, 24), today).is_err());
        assert!(check_wanted_date(d(2026, 11, 28), today).is_err()); // Saturday
        assert!(check_wanted_date(d(2026, 11, 29), today).is_err()); // Sunday
        assert_eq!(check_wanted_date(d(2026, 11, 25), today), Ok(d(2026, 11, 25)));
        assert_eq!(check_wanted_date(d(2026, 11, 30), today), Ok(d(2026, 11, 30)));
    }

    #[test]
    fn a_quantity_is_between_one_and_999_on_the_wire_too() {
        assert_eq!(Quantity::new(1).map(Quantity::get), Ok(1));
        assert_eq!(Quantity::new(999).map(Quantity::get), Ok(999));
        for bad in [0, -1, 1_000, i32::MAX, i32::MIN] {
            assert!(Quantity::new(bad).is_err(), "{bad}");
        }
        assert_eq!(serde_json::from_str::<Quantity>("12").unwrap().get(), 12);
        for bad in ["0", "1000", "-5", "2147483648", "1.5", "\"3\""] {
            assert!(serde_json::from_str::<Quantity>(bad).is_err(), "{bad}");
        }
        assert_eq!(serde_json::to_string(&Quantity(7)).unwrap(), "7");
    }

    #[test]
    fn the_same_item_on_several_lines_is_one_line_and_the_cap_applies_to_the_sum() {
        let q = |n| Quantity::new(n).unwrap();
        assert_eq!(
            merge_lines([(7, q(2)), (3, q(1)), (7, q(5))]),
            Ok(vec![(7, q(7)), (3, q(1))])
        );
        assert_eq!(merge_lines([(7, q(500)), (7, q(499))]), Ok(vec![(7, q(999))]));
        let err = merge_lines([(7, q(600)), (7, q(600))]).unwrap_err();
        assert!(err.contains("1200") && err.contains("999"), "{err}");
        assert!(merge_lines(std::iter::repeat_n((7, q(1)), 1_000)).is_err());
        assert_eq!(merge_lines([]), Ok(vec![]));
    }

    #[test]
    fn an_order_has_at_most_200_different_items() {
        let one = Quantity::new(1).unwrap();
        assert_eq!(merge_lines((0..200).map(|i| (i, one))).map(|l| l.len()), Ok(200));
        assert!(merge_lines((0..201).map(|i| (i, one))).is_err());
        // The same item again and again is not a new line.
        assert!(merge_lines((0..200).chain(0..200).map(|i| (i, one))).is_ok());
    }

    #[test]
    fn every_free_text_has_a_cap_and_the_message_names_it() {
        assert_eq!(
            check_length("contact_name", &"å".repeat(100)),
            Ok("å".repeat(100).as_str())
        );
        assert_eq!(
            check_length("contact_name", &"å".repeat(101)),
            Err("Kontaktpersonen får vara högst 100 tecken.".into())
        );
        assert_eq!(
            check_length("note", &"x".repeat(2_001)),
            Err("Meddelandet får vara högst 2 000 tecken.".into())
        );
        for (field, _, cap) in TEXT_CAPS {
            assert!(check_length(field, &"a".repeat(cap)).is_ok(), "{field}");
            assert!(check_length(field, &"a".repeat(cap + 1)).is_err(), "{field}");
        }
    }

    #[test]
    fn phone_numbers_are_checked_loosely_but_not_carelessly() {
        assert!(parse_phone("021-17 52 10").is_ok());
        assert!(parse_phone("+46 70 123 45 67").is_ok());
        assert!(parse_phone("").is_err());
        assert!(parse_phone("ring mig").is_err());
        assert!(parse_phone("12 34").is_err());
        assert!(parse_phone("070+1234567").is_err());
    }
}
