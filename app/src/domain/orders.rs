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
    fn phone_numbers_are_checked_loosely_but_not_carelessly() {
        assert!(parse_phone("021-17 52 10").is_ok());
        assert!(parse_phone("+46 70 123 45 67").is_ok());
        assert!(parse_phone("").is_err());
        assert!(parse_phone("ring mig").is_err());
        assert!(parse_phone("12 34").is_err());
        assert!(parse_phone("070+1234567").is_err());
    }
}
