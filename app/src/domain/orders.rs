//! Orders: the order's states and the checkout's input rules.

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

/// What happens to an order. Attestation's events today; fulfilment adds
/// the supplier's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderEvent {
    /// Routed to its attesters (or, with nobody eligible, to the
    /// coordinators' queue).
    AwaitAttestation,
    /// Attested at submit by an auto-approval rule.
    AutoApprove,
    Approve,
    Reject,
    /// Withdrawn by the requester before anyone decided.
    Withdraw,
}

/// The order's state machine: one pure function, every change of
/// `orders.status` goes through it.
pub fn transition(from: OrderStatus, event: OrderEvent) -> Result<OrderStatus, &'static str> {
    use OrderEvent::*;
    use OrderStatus::*;
    match (from, event) {
        (Submitted, AwaitAttestation) => Ok(AwaitingAttestation),
        (Submitted, AutoApprove) => Ok(Attested),
        (AwaitingAttestation, Approve) => Ok(Attested),
        (AwaitingAttestation, Reject) => Ok(Rejected),
        (Submitted | AwaitingAttestation, Withdraw) => Ok(Cancelled),
        (Attested | Rejected, Approve | Reject | Withdraw) => Err("Beställningen är redan attesterad eller avslagen."),
        (Cancelled, _) => Err("Beställningen är makulerad."),
        (_, Approve | Reject) => Err("Beställningen väntar inte på attest."),
        (_, Withdraw) => Err("Beställningen kan inte längre dras tillbaka."),
        (_, AwaitAttestation | AutoApprove) => Err("Beställningen är redan skickad vidare."),
    }
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
mod tests;
