//! Subscriptions (*prenumerationer*) and the monthly internal charging
//! (*interndebitering*): the charging month, when a subscription's binding
//! ends, the earliest day it may end when terminated, and how a month that
//! is only partly active is charged. Pure functions, shared by the server
//! and the browser (the termination form shows the earliest end).

use super::assets::add_months;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A charging month, `2026-11`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Period {
    pub year: i32,
    pub month: u32,
}

impl Period {
    /// `2026-11`; `None` for anything else (a month out of 1–12, another
    /// shape, a year before 2000 or after 2100).
    pub fn parse(s: &str) -> Option<Period> {
        let s = s.trim();
        let (y, m) = s.split_once('-')?;
        if y.len() != 4 || m.len() != 2 || !y.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
            return None;
        }
        let (year, month) = (y.parse().ok()?, m.parse().ok()?);
        ((2000..=2100).contains(&year) && (1..=12).contains(&month)).then_some(Period { year, month })
    }

    /// The month `day` falls in.
    pub fn of(day: NaiveDate) -> Period {
        Period {
            year: day.year(),
            month: day.month(),
        }
    }

    pub fn first(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or(NaiveDate::MIN)
    }

    pub fn last(self) -> NaiveDate {
        self.next().first().pred_opt().unwrap_or(NaiveDate::MAX)
    }

    /// Days in the month (28–31).
    pub fn days(self) -> i64 {
        (self.last() - self.first()).num_days() + 1
    }

    pub fn next(self) -> Period {
        if self.month == 12 {
            Period {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Period {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    pub fn prev(self) -> Period {
        if self.month == 1 {
            Period {
                year: self.year - 1,
                month: 12,
            }
        } else {
            Period {
                year: self.year,
                month: self.month - 1,
            }
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// The last day of a subscription's binding that starts on `start` and
/// binds for `months` (the day before the same date `months` later);
/// `None` when it does not bind.
pub fn binding_end(start: NaiveDate, months: i32) -> Option<NaiveDate> {
    (months > 0).then(|| add_months(start, months as u32).pred_opt().unwrap_or(start))
}

/// The earliest day a subscription may end when terminated on `today`:
/// the notice runs from the end of the current month, so it is the last
/// day of the month `notice_months` after today's (notice 3 on 2026-11-30
/// gives 2027-02-28, notice 0 the end of this month), and never before the
/// binding's last day.
pub fn earliest_end(today: NaiveDate, notice_months: i32, binding_end: Option<NaiveDate>) -> NaiveDate {
    let mut p = Period::of(today);
    for _ in 0..notice_months.max(0) {
        p = p.next();
    }
    let by_notice = p.last();
    match binding_end {
        Some(b) if b > by_notice => b,
        _ => by_notice,
    }
}

/// Why a wanted end day is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EndRefusal {
    /// Before the notice period has run; the earliest day given.
    Notice { earliest: NaiveDate, notice_months: i32 },
    /// Before the binding ends; the binding's last day given.
    Binding { binding_end: NaiveDate },
    /// Already terminated, to end on that day.
    AlreadyTerminated { end_on: NaiveDate },
}

impl EndRefusal {
    pub fn message_sv(self) -> String {
        match self {
            EndRefusal::Notice {
                earliest,
                notice_months,
            } => format!(
                "Uppsägningstiden är {} räknat från månadsskiftet. Tidigaste slutdatum är {}.",
                months_sv(notice_months),
                earliest.format("%Y-%m-%d")
            ),
            EndRefusal::Binding { binding_end } => format!(
                "Prenumerationen är bunden till och med {}. Den kan inte sluta tidigare.",
                binding_end.format("%Y-%m-%d")
            ),
            EndRefusal::AlreadyTerminated { end_on } => {
                format!(
                    "Prenumerationen är redan uppsagd och slutar {}.",
                    end_on.format("%Y-%m-%d")
                )
            }
        }
    }
}

/// `1 månad`, `3 månader`.
pub fn months_sv(n: i32) -> String {
    if n == 1 {
        "1 månad".into()
    } else {
        format!("{n} månader")
    }
}

/// The day a subscription terminated on `today` ends: `wanted`, or the
/// earliest day when none is wanted; refused when wanted before the
/// earliest day (and then which rule said no).
pub fn end_on(
    today: NaiveDate,
    wanted: Option<NaiveDate>,
    notice_months: i32,
    binding_end: Option<NaiveDate>,
    already: Option<NaiveDate>,
) -> Result<NaiveDate, EndRefusal> {
    if let Some(end_on) = already {
        return Err(EndRefusal::AlreadyTerminated { end_on });
    }
    let earliest = earliest_end(today, notice_months, binding_end);
    let Some(wanted) = wanted else {
        return Ok(earliest);
    };
    if wanted >= earliest {
        return Ok(wanted);
    }
    match binding_end {
        Some(b) if b > earliest_end(today, notice_months, None) => Err(EndRefusal::Binding { binding_end: b }),
        _ => Err(EndRefusal::Notice {
            earliest,
            notice_months,
        }),
    }
}

/// Where a subscription is on `today`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SubscriptionStatus {
    /// Charged, not terminated.
    Active,
    /// Terminated, still charged until its end day.
    Terminated,
    /// Past its end day.
    Ended,
}

impl SubscriptionStatus {
    pub fn of(end_on: Option<NaiveDate>, today: NaiveDate) -> Self {
        match end_on {
            None => SubscriptionStatus::Active,
            Some(d) if d >= today => SubscriptionStatus::Terminated,
            Some(_) => SubscriptionStatus::Ended,
        }
    }

    pub const fn as_str(self) -> &'static str {
        match self {
            SubscriptionStatus::Active => "active",
            SubscriptionStatus::Terminated => "terminated",
            SubscriptionStatus::Ended => "ended",
        }
    }

    pub const fn label_sv(self) -> &'static str {
        match self {
            SubscriptionStatus::Active => "Aktiv",
            SubscriptionStatus::Terminated => "Uppsagd",
            SubscriptionStatus::Ended => "Avslutad",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Active, Self::Terminated, Self::Ended]
            .into_iter()
            .find(|x| x.as_str() == s)
    }
}

/// How a month that a subscription is active only part of is charged, in
/// words for the charging page and the API's documentation.
pub const PRORATION_SV: &str = "Delmånad debiteras per dag: månadspriset × antalet aktiva dagar / antalet dagar i månaden, avrundat till hela öre. Start- och slutdagen räknas båda som aktiva.";

/// The days of `period` a subscription running from `start` to `end`
/// (both included; no end: still running) is active: 0 to the month's
/// length.
pub fn active_days(start: NaiveDate, end: Option<NaiveDate>, period: Period) -> i64 {
    let from = start.max(period.first());
    let to = end.map_or(period.last(), |e| e.min(period.last()));
    if to < from {
        0
    } else {
        (to - from).num_days() + 1
    }
}

/// The charge in öre for `days` active days of a month of `month_days`
/// days at `monthly_ore` a month: the whole price for the whole month,
/// else prorated per day and rounded half up to whole öre.
pub fn prorate(monthly_ore: i64, days: i64, month_days: i64) -> i64 {
    if days <= 0 || month_days <= 0 {
        return 0;
    }
    if days >= month_days {
        return monthly_ore;
    }
    let num = i128::from(monthly_ore) * i128::from(days) * 2 + i128::from(month_days);
    (num / (i128::from(month_days) * 2)) as i64
}

#[cfg(test)]
mod tests;
