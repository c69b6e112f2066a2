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

    /// A supplier part's state in words: a part not yet taken by its
    /// supplier reads as waiting for it.
    pub const fn part_label_sv(self) -> &'static str {
        match self {
            OrderStatus::Attested => "Väntar på att leverantören tar emot beställningen",
            OrderStatus::SentToSupplier => "Mottagen av leverantören",
            other => other.label_sv(),
        }
    }

    /// Whether the order can still change (not rejected, closed or cancelled).
    pub const fn is_open(self) -> bool {
        !matches!(
            self,
            OrderStatus::Rejected | OrderStatus::Closed | OrderStatus::Cancelled
        )
    }
}

/// What happens to an order, and to each supplier's part of it after
/// attestation.
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
    /// The supplier has taken the part (or a coordinator sent it by hand).
    Ack,
    /// The supplier confirms, with an expected delivery date.
    Confirm,
    /// Confirmed again with a new expected date (restnoterad).
    Backorder,
    Ship,
    Deliver,
    /// Cancelled before it ships: by a coordinator with a reason, or the
    /// supplier rejects it.
    Cancel,
    /// Closed after delivery.
    Close,
    /// Sent to the supplier again by a coordinator: a part the supplier
    /// took but has not confirmed goes back among its new orders.
    Resend,
}

impl OrderEvent {
    /// The fulfilment events (a supplier part's steps).
    pub const FULFILMENT: [OrderEvent; 8] = [
        OrderEvent::Ack,
        OrderEvent::Confirm,
        OrderEvent::Backorder,
        OrderEvent::Ship,
        OrderEvent::Deliver,
        OrderEvent::Cancel,
        OrderEvent::Close,
        OrderEvent::Resend,
    ];

    /// Steps Avrop takes by itself (routing, auto-approval): never a human
    /// touch, whoever's request set them off.
    pub const fn is_automatic(self) -> bool {
        matches!(self, OrderEvent::AwaitAttestation | OrderEvent::AutoApprove)
    }
}

/// Who takes a step: a person (signed in or with a person's key), a
/// supplier's integration key, or Avrop itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActorKind {
    Person,
    Supplier,
    System,
}

impl ActorKind {
    pub const ALL: [ActorKind; 3] = [ActorKind::Person, ActorKind::Supplier, ActorKind::System];

    pub const fn as_str(self) -> &'static str {
        match self {
            ActorKind::Person => "person",
            ActorKind::Supplier => "supplier",
            ActorKind::System => "system",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// The order's state machine: one pure function, every change of
/// `orders.status` and of a supplier part's state goes through it.
pub fn transition(from: OrderStatus, event: OrderEvent) -> Result<OrderStatus, &'static str> {
    use OrderEvent::*;
    use OrderStatus::*;
    match (from, event) {
        (Submitted, AwaitAttestation) => Ok(AwaitingAttestation),
        (Submitted, AutoApprove) => Ok(Attested),
        (AwaitingAttestation, Approve) => Ok(Attested),
        (AwaitingAttestation, Reject) => Ok(Rejected),
        (Submitted | AwaitingAttestation, Withdraw) => Ok(Cancelled),
        (Attested, Ack) => Ok(SentToSupplier),
        (SentToSupplier, Confirm) | (SentToSupplier | Confirmed, Backorder) => Ok(Confirmed),
        (SentToSupplier | Confirmed, Ship) => Ok(Shipped),
        // A supplier that reports only the delivery skips the steps between.
        (SentToSupplier | Confirmed | Shipped, Deliver) => Ok(Delivered),
        (Attested | SentToSupplier | Confirmed, Cancel) => Ok(Cancelled),
        (Delivered, Close) => Ok(Closed),
        (SentToSupplier, Resend) => Ok(Attested),
        (Attested, Resend) => Err("Beställningen väntar redan på att leverantören hämtar den."),
        (_, Resend) => Err("Bara en beställning som leverantören har tagit emot men inte bekräftat kan skickas om."),
        (Attested | Rejected, Approve | Reject | Withdraw) => Err("Beställningen är redan attesterad eller avslagen."),
        (Cancelled, _) => Err("Beställningen är makulerad."),
        (_, Approve | Reject) => Err("Beställningen väntar inte på attest."),
        (_, Withdraw) => Err("Beställningen kan inte längre dras tillbaka."),
        (_, AwaitAttestation | AutoApprove) => Err("Beställningen är redan skickad vidare."),
        (Shipped | Delivered | Closed, Cancel) => Err("Beställningen har redan skickats och kan inte makuleras."),
        (Draft | Submitted | AwaitingAttestation | Rejected, _) => Err("Beställningen är inte attesterad."),
        (Attested, _) => Err("Leverantören har inte tagit emot beställningen ännu."),
        (_, Ack) => Err("Leverantören har redan tagit emot beställningen."),
        (Confirmed, Confirm) => Err("Beställningen är redan bekräftad; ett nytt leveransdatum är en restnotering."),
        (Shipped | Delivered | Closed, Confirm | Backorder | Ship) => Err("Beställningen har redan skickats."),
        (Delivered | Closed, Deliver) => Err("Beställningen är redan levererad."),
        (Closed, Close) => Err("Beställningen är redan avslutad."),
        (_, Close) => Err("Bara en levererad beställning kan avslutas."),
    }
}

/// Whether `actor` may take the fulfilment step `event` at all (the state
/// machine then says whether it may now). Suppliers report their own
/// progress and may reject; closing is for coordinators and Avrop; only a
/// person sends an order to its supplier again.
pub const fn may(actor: ActorKind, event: OrderEvent) -> bool {
    use OrderEvent::*;
    match actor {
        ActorKind::Person => true,
        ActorKind::Supplier => matches!(event, Ack | Confirm | Backorder | Ship | Deliver | Cancel),
        ActorKind::System => matches!(event, AwaitAttestation | AutoApprove | Ack | Close),
    }
}

/// How far along the fulfilment a status is (for deriving an order's
/// status from its parts); `None` outside fulfilment.
const fn progress(s: OrderStatus) -> Option<u8> {
    match s {
        OrderStatus::Attested => Some(0),
        OrderStatus::SentToSupplier => Some(1),
        OrderStatus::Confirmed => Some(2),
        OrderStatus::Shipped => Some(3),
        OrderStatus::Delivered => Some(4),
        OrderStatus::Closed => Some(5),
        _ => None,
    }
}

/// An attested order's status from its supplier parts: the least advanced
/// part that is not cancelled (delivered when all of them are), cancelled
/// when every part is. `None` for no parts, or a part outside fulfilment.
pub fn derive(parts: &[OrderStatus]) -> Option<OrderStatus> {
    if parts.is_empty() {
        return None;
    }
    let live: Vec<OrderStatus> = parts.iter().copied().filter(|p| *p != OrderStatus::Cancelled).collect();
    if live.is_empty() {
        return Some(OrderStatus::Cancelled);
    }
    let mut least: Option<(u8, OrderStatus)> = None;
    for p in live {
        let rank = progress(p)?;
        if least.is_none_or(|(r, _)| rank < r) {
            least = Some((rank, p));
        }
    }
    least.map(|(_, s)| s)
}

/// Whether an order may follow its parts from `from` to the derived `to`:
/// forward only, back from sent to attested (a part sent to its supplier
/// again), or cancelled before anything shipped.
pub fn may_follow(from: OrderStatus, to: OrderStatus) -> bool {
    match (progress(from), progress(to)) {
        (Some(1), Some(0)) => true,
        (Some(a), Some(b)) => b >= a,
        (Some(a), None) => to == OrderStatus::Cancelled && a <= 2,
        _ => false,
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
/// How far ahead a wanted delivery date may lie: a year.
pub const MAX_WANTED_DAYS: u64 = 365;

pub fn check_wanted_date(date: NaiveDate, today: NaiveDate) -> Result<NaiveDate, &'static str> {
    if date < today {
        return Err("Önskat leveransdatum kan inte ligga bakåt i tiden.");
    }
    if date > today + chrono::Days::new(MAX_WANTED_DAYS) {
        return Err(
            "Önskat leveransdatum kan ligga högst ett år fram. Lämna fältet tomt om dagen inte spelar någon roll.",
        );
    }
    if matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
        return Err("Leveranser sker inte på helger. Välj en vardag.");
    }
    Ok(date)
}

#[cfg(test)]
mod tests;
