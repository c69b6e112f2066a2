//! The degree of automation: every delivered order falls in exactly one
//! category by its recorded trail (the definition the statistics page
//! shows), and the figures of a month — shares, lead-time percentiles —
//! computed the same way for the page, the CSV and the API.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// The four categories, most automated first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// No person touched it after submit: auto-approved, and every part
    /// reported by its supplier over the API.
    AutomatiseradLeverans,
    /// The only human touch is the attestation decision.
    AutomatiseradSjalvservice,
    /// Over the supplier API, but a coordinator touched it.
    AutomatiseradOrder,
    /// Ordered by a coordinator for someone else, or a part handled by a
    /// supplier without the API.
    EjAutomatiserad,
}

impl Category {
    pub const ALL: [Category; 4] = [
        Category::AutomatiseradLeverans,
        Category::AutomatiseradSjalvservice,
        Category::AutomatiseradOrder,
        Category::EjAutomatiserad,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            Category::AutomatiseradLeverans => "automatiserad_leverans",
            Category::AutomatiseradSjalvservice => "automatiserad_sjalvservice",
            Category::AutomatiseradOrder => "automatiserad_order",
            Category::EjAutomatiserad => "ej_automatiserad",
        }
    }

    pub const fn label_sv(self) -> &'static str {
        match self {
            Category::AutomatiseradLeverans => "Automatiserad leverans",
            Category::AutomatiseradSjalvservice => "Automatiserad självservice",
            Category::AutomatiseradOrder => "Automatiserad order/inköp",
            Category::EjAutomatiserad => "Ej automatiserad",
        }
    }

    /// What puts an order in the category, as the page documents it.
    pub const fn definition_sv(self) -> &'static str {
        match self {
            Category::AutomatiseradLeverans => "Ingen person har rört beställningen efter att den skickades: den godkändes automatiskt och varje leverantör rapporterade sin del via API:t.",
            Category::AutomatiseradSjalvservice => "Den enda mänskliga åtgärden är attestbeslutet; beställningen skickades till och rapporterades av leverantörerna via API:t.",
            Category::AutomatiseradOrder => "Leverantörerna fick och rapporterade beställningen via API:t, men en koordinator rörde den (ändrade status för hand, anmälde eller åtgärdade en avvikelse).",
            Category::EjAutomatiserad => "En koordinator beställde åt någon annan, eller en leverantör utan API-koppling levererade en del (koordinatorn registrerade stegen för hand).",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// What the trail of a delivered order says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Trail {
    /// A coordinator ordered it for someone else.
    pub on_behalf: bool,
    /// Some supplier part was never reported over the API.
    pub part_without_api: bool,
    /// A person decided the attestation (not an auto-approval rule).
    pub attested_by_person: bool,
    /// A person touched it besides submitting and attesting (a manual
    /// step, a deviation).
    pub touched: bool,
}

/// The one category of an order with this trail.
pub fn classify(t: Trail) -> Category {
    if t.on_behalf || t.part_without_api {
        Category::EjAutomatiserad
    } else if t.touched {
        Category::AutomatiseradOrder
    } else if t.attested_by_person {
        Category::AutomatiseradSjalvservice
    } else {
        Category::AutomatiseradLeverans
    }
}

/// A calendar month, `2026-11`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Month {
    pub year: i32,
    pub month: u32,
}

impl Month {
    pub fn of(d: NaiveDate) -> Month {
        Month {
            year: d.year(),
            month: d.month(),
        }
    }

    /// `YYYY-MM` with a month 01–12 and a year 2000–2100; `None` otherwise.
    pub fn parse(s: &str) -> Option<Month> {
        let (y, m) = s.trim().split_once('-')?;
        if y.len() != 4 || m.len() != 2 {
            return None;
        }
        let year: i32 = y.parse().ok()?;
        let month: u32 = m.parse().ok()?;
        ((2000..=2100).contains(&year) && (1..=12).contains(&month)).then_some(Month { year, month })
    }

    pub fn code(self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }

    pub fn next(self) -> Month {
        if self.month == 12 {
            Month {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Month {
                month: self.month + 1,
                ..self
            }
        }
    }

    pub fn prev(self) -> Month {
        if self.month == 1 {
            Month {
                year: self.year - 1,
                month: 12,
            }
        } else {
            Month {
                month: self.month - 1,
                ..self
            }
        }
    }

    /// The months from `self` to `to`, both included (empty when `to` is
    /// before `self`).
    pub fn through(self, to: Month) -> Vec<Month> {
        let mut out = Vec::new();
        let mut m = self;
        while m <= to {
            out.push(m);
            m = m.next();
        }
        out
    }

    /// The month in Swedish words: `november 2026`.
    pub fn label_sv(self) -> String {
        const NAMES: [&str; 12] = [
            "januari",
            "februari",
            "mars",
            "april",
            "maj",
            "juni",
            "juli",
            "augusti",
            "september",
            "oktober",
            "november",
            "december",
        ];
        format!("{} {}", NAMES[(self.month - 1) as usize], self.year)
    }
}

/// The `p`th percentile (0–100) of `sorted` by the nearest-rank method;
/// `None` for no values.
pub fn percentile(sorted: &[i32], p: u32) -> Option<i32> {
    if sorted.is_empty() {
        return None;
    }
    let n = sorted.len();
    let rank = (u64::from(p.min(100)) * n as u64).div_ceil(100).max(1) as usize;
    Some(sorted[rank.min(n) - 1])
}

/// Lead-time figures of some orders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeadTimes {
    pub count: u32,
    pub median_days: i32,
    pub p90_days: i32,
    /// Orders delivered within the region's goal of 60 days, per mille.
    pub within_goal_permille: u32,
}

/// Whole days from `submitted` to `delivered`, as an order's or a supplier
/// part's lead time: truncated (ten days less a second is nine), never
/// below zero.
pub fn lead_days(submitted: chrono::DateTime<chrono::Utc>, delivered: chrono::DateTime<chrono::Utc>) -> i32 {
    (delivered - submitted).num_days().clamp(0, i64::from(i32::MAX)) as i32
}

/// The region's goal: delivered within 60 days of the order.
pub const GOAL_DAYS: i32 = 60;

/// Median, 90th percentile and share within the goal of these lead times
/// (whole days); `None` for none.
pub fn lead_times(days: &mut [i32]) -> Option<LeadTimes> {
    days.sort_unstable();
    let count = u32::try_from(days.len()).ok()?;
    let within = days.iter().filter(|d| **d <= GOAL_DAYS).count() as u64;
    Some(LeadTimes {
        count,
        median_days: percentile(days, 50)?,
        p90_days: percentile(days, 90)?,
        within_goal_permille: (within * 1000 / u64::from(count.max(1))) as u32,
    })
}

#[cfg(test)]
mod tests;
