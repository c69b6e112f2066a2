//! Notifications as the browser and the API see them.

use serde::{Deserialize, Serialize};

/// What a notification is about. Stored as [`Kind::as_str`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// An order waits for the person's attestation (or as a substitute's).
    ToAttest,
    /// An order of the person's was decided (approved or rejected).
    Decision,
    /// An order still waits for the person: a reminder.
    Reminder,
    /// An order came to the person because it waited too long elsewhere.
    Escalation,
    /// The person's order moved at its supplier: confirmed, shipped,
    /// delivered or cancelled.
    Delivery,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::ToAttest,
        Kind::Decision,
        Kind::Reminder,
        Kind::Escalation,
        Kind::Delivery,
    ];

    /// The stored code.
    pub const fn as_str(self) -> &'static str {
        match self {
            Kind::ToAttest => "to_attest",
            Kind::Decision => "decision",
            Kind::Reminder => "reminder",
            Kind::Escalation => "escalation",
            Kind::Delivery => "delivery",
        }
    }

    /// A short Swedish label for the list.
    pub const fn label_sv(self) -> &'static str {
        match self {
            Kind::ToAttest => "Att attestera",
            Kind::Decision => "Beslut",
            Kind::Reminder => "Påminnelse",
            Kind::Escalation => "Eskalerad",
            Kind::Delivery => "Leverans",
        }
    }
}

impl std::str::FromStr for Kind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Kind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| format!("unknown notification kind {s:?}"))
    }
}

/// One notification of the signed-in person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationDto {
    pub id: i32,
    pub kind: Kind,
    pub title: String,
    pub body: String,
    /// A path inside Avrop, e.g. `/bestallningar/12`.
    pub link: String,
    pub created_at: chrono::DateTime<chrono::Utc>,
    /// `None` while unread.
    pub read_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// The newest notifications of the signed-in person and how many of all
/// their notifications are unread.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationList {
    /// Newest first.
    pub items: Vec<NotificationDto>,
    pub unread: u64,
}
