//! Follow-up (uppföljning) of an adopted förvaltningsplan during its year:
//! reporting periods, the status of each goal and the object's indicators
//! with their computed degree of fulfilment. Pure, shared by browser and
//! server.

use super::format::{self, DecimalError};
use super::plan::Activity;
use serde::{Deserialize, Serialize};
use std::fmt;

const MONTHS: [&str; 12] = [
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

/// A reporting period of a plan year: a tertial (four months) or a month.
/// Its code is `2026-T1` or `2026-03`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Period {
    Tertial { year: i32, n: u8 },
    Month { year: i32, month: u8 },
}

impl Period {
    pub fn parse(code: &str) -> Option<Period> {
        let (year, rest) = code.trim().split_once('-')?;
        if year.len() != 4 {
            return None;
        }
        // Periods follow up plans, so their years are plan years.
        let year = super::plan::PlanYear::new(year.parse().ok()?).ok()?.get();
        if let Some(n) = rest.strip_prefix('T').or_else(|| rest.strip_prefix('t')) {
            let n: u8 = n.parse().ok()?;
            return (1..=3).contains(&n).then_some(Period::Tertial { year, n });
        }
        if rest.len() != 2 {
            return None;
        }
        let month: u8 = rest.parse().ok()?;
        (1..=12).contains(&month).then_some(Period::Month { year, month })
    }

    pub fn code(self) -> String {
        match self {
            Period::Tertial { year, n } => format!("{year}-T{n}"),
            Period::Month { year, month } => format!("{year}-{month:02}"),
        }
    }

    pub fn year(self) -> i32 {
        match self {
            Period::Tertial { year, .. } | Period::Month { year, .. } => year,
        }
    }

    /// `Tertial 1 2026 (januari–april)` or `Mars 2026`.
    pub fn label_sv(self) -> String {
        match self {
            Period::Tertial { year, n } => {
                let first = MONTHS[usize::from(n - 1) * 4];
                let last = MONTHS[usize::from(n - 1) * 4 + 3];
                format!("Tertial {n} {year} ({first}–{last})")
            }
            Period::Month { year, month } => {
                let name = MONTHS[usize::from(month - 1)];
                let mut chars = name.chars();
                let first = chars
                    .next()
                    .map(|c| c.to_uppercase().collect::<String>())
                    .unwrap_or_default();
                format!("{first}{} {year}", chars.as_str())
            }
        }
    }

    /// The last month the period covers (1–12): what "accumulated" runs to.
    pub fn last_month(self) -> u8 {
        match self {
            Period::Tertial { n, .. } => n * 4,
            Period::Month { month, .. } => month,
        }
    }

    /// How many months the period covers: four for a tertial, one for a month.
    pub fn months(self) -> u8 {
        match self {
            Period::Tertial { .. } => 4,
            Period::Month { .. } => 1,
        }
    }

    /// Whether `other` counts toward this period's figures to date: the same
    /// year and kind, and not after it.
    pub fn to_date_includes(self, other: Period) -> bool {
        match (self, other) {
            (Period::Tertial { year, n }, Period::Tertial { year: y, n: m }) => y == year && m <= n,
            (Period::Month { year, month }, Period::Month { year: y, month: m }) => y == year && m <= month,
            _ => false,
        }
    }

    /// Every period of a year: the three tertials, then the twelve months.
    pub fn all_of(year: i32) -> Vec<Period> {
        (1..=3)
            .map(|n| Period::Tertial { year, n })
            .chain((1..=12).map(|month| Period::Month { year, month }))
            .collect()
    }

    /// The tertial a day falls in.
    pub fn tertial_of(day: chrono::NaiveDate) -> Period {
        use chrono::Datelike;
        Period::Tertial {
            year: day.year(),
            n: ((day.month() - 1) / 4 + 1) as u8,
        }
    }

    /// The period of the same kind just before this one within its year.
    pub fn previous(self) -> Option<Period> {
        match self {
            Period::Tertial { year, n } if n > 1 => Some(Period::Tertial { year, n: n - 1 }),
            Period::Month { year, month } if month > 1 => Some(Period::Month { year, month: month - 1 }),
            _ => None,
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.code())
    }
}

impl Serialize for Period {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.code())
    }
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let code = String::deserialize(d)?;
        Period::parse(&code).ok_or_else(|| serde::de::Error::custom("okänd period"))
    }
}

/// Where a goal stands in a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GoalStatus {
    #[default]
    EjPaborjad,
    Pagaende,
    Klar,
    Pausad,
}

impl GoalStatus {
    pub const ALL: [GoalStatus; 4] = [
        GoalStatus::EjPaborjad,
        GoalStatus::Pagaende,
        GoalStatus::Klar,
        GoalStatus::Pausad,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            GoalStatus::EjPaborjad => "ej_paborjad",
            GoalStatus::Pagaende => "pagaende",
            GoalStatus::Klar => "klar",
            GoalStatus::Pausad => "pausad",
        }
    }

    pub const fn label_sv(self) -> &'static str {
        match self {
            GoalStatus::EjPaborjad => "Ej påbörjad",
            GoalStatus::Pagaende => "Pågående",
            GoalStatus::Klar => "Klar",
            GoalStatus::Pausad => "Pausad",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|g| g.as_str() == s)
    }
}

/// The activity kinds of the region's follow-up report, in its order, with
/// the plan's management activity each one reports.
pub const REPORT_KINDS: [(Activity, &str); 4] = [
    (Activity::Forvaltningsstyrning, "Objektstyrning"),
    (Activity::DagligDrift, "Stabil och säker drift"),
    (Activity::Anvandarstod, "Användarstöd"),
    (Activity::Andringshantering, "Ständiga förbättringar"),
];

/// The report's name for a management activity, with the plan's name as
/// an alias where the two differ: `Objektstyrning (förvaltningsstyrning)`,
/// `Användarstöd`.
pub fn report_kind(a: Activity) -> String {
    let kind = REPORT_KINDS
        .iter()
        .find(|(k, _)| *k == a)
        .map(|(_, l)| *l)
        .unwrap_or_else(|| a.label_sv());
    if kind.eq_ignore_ascii_case(a.label_sv()) {
        kind.to_owned()
    } else {
        format!("{kind} ({})", a.in_sentence())
    }
}

/// An indicator value in hundredths (`12,5` = 1 250): kronor, hours, a
/// count, a percentage — the indicator's name says what.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Measure(i64);

impl Measure {
    pub const fn from_hundredths(h: i64) -> Measure {
        Measure(h)
    }

    pub const fn hundredths(self) -> i64 {
        self.0
    }

    /// The largest value a person enters: 10¹², either way from zero.
    pub const MAX_ENTERED: Measure = Measure(100_000_000_000_000);

    /// A value a person enters, in hundredths: from −10¹² to
    /// [`Measure::MAX_ENTERED`] (an indicator may be negative: a result, a
    /// change). What the form's [`Measure::parse`] and the wire's
    /// [`deserialize_entered`] both end in.
    pub fn entered(hundredths: i64) -> Result<Measure, &'static str> {
        if hundredths.checked_abs().is_none_or(|a| a > Self::MAX_ENTERED.0) {
            Err(MEASURE_TOO_LARGE)
        } else {
            Ok(Measure(hundredths))
        }
    }

    /// Empty is "not reported" (`None`); otherwise at most two decimals and
    /// at most 10¹² either way, negative with a leading minus (`-` or `−`).
    pub fn parse(input: &str) -> Result<Option<Measure>, &'static str> {
        let typed = input.trim();
        let (sign, digits) = match typed.strip_prefix(['-', '\u{2212}']) {
            Some(rest) => (-1, rest),
            None => (1, typed),
        };
        match format::parse_decimal(digits, 2, Self::MAX_ENTERED.0) {
            Ok(v) => Measure::entered(sign * v).map(Some),
            Err(DecimalError::Empty) if sign == 1 => Ok(None),
            Err(DecimalError::Empty | DecimalError::Negative | DecimalError::NotANumber) => {
                Err("Skriv värdet med siffror, till exempel 1 234,5 eller −12.")
            }
            Err(DecimalError::TooManyDecimals) => Err("Värdet kan ha högst två decimaler."),
            Err(DecimalError::TooLarge) => Err(MEASURE_TOO_LARGE),
        }
    }
}

const MEASURE_TOO_LARGE: &str = "Värdet är för stort.";

/// Deserializes a reported value (`null`: not reported) through
/// [`Measure::entered`], for `#[serde(default, deserialize_with = "...")]`
/// on a wire field: the API and the server functions take no value the
/// form would refuse.
pub fn deserialize_entered<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Measure>, D::Error> {
    match Option::<i64>::deserialize(d)? {
        None => Ok(None),
        Some(h) => Measure::entered(h).map(Some).map_err(serde::de::Error::custom),
    }
}

impl Measure {
    /// The value in its field, as it shows elsewhere: `1 234,5` (the
    /// spaces are read back).
    pub fn to_input(self) -> String {
        format::decimal(self.0, 2)
    }

    /// A change, signed: `+200`, `−151 130`, `±0`.
    pub fn signed(self) -> String {
        match self.0.signum() {
            1 => format!("+{self}"),
            0 => "±0".to_owned(),
            _ => self.to_string(),
        }
    }
}

impl fmt::Display for Measure {
    /// `1 234,5`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&format::decimal(self.0, 2))
    }
}

/// A percentage in tenths (`87,5 %` = 875).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Percent(i64);

impl Percent {
    pub const fn tenths(self) -> i64 {
        self.0
    }
}

impl fmt::Display for Percent {
    /// `87,5 %`, `100 %`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} %", format::decimal(self.0, 1))
    }
}

/// How an indicator's outcome is held against its target value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Comparison {
    /// Degree of fulfilment: outcome ÷ target (the customer's measure).
    #[default]
    Share,
    /// Met when the outcome is at least the target (`≥ 95`).
    AtLeast,
    /// Met when the outcome is above the target (`> 0`).
    Above,
    /// Met when the outcome is at most the target (`≤ 5`).
    AtMost,
    /// Met when the outcome is below the target (`< 2`).
    Below,
}

impl Comparison {
    pub const ALL: [Comparison; 5] = [
        Comparison::Share,
        Comparison::AtLeast,
        Comparison::Above,
        Comparison::AtMost,
        Comparison::Below,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            Comparison::Share => "share",
            Comparison::AtLeast => "at_least",
            Comparison::Above => "above",
            Comparison::AtMost => "at_most",
            Comparison::Below => "below",
        }
    }

    pub fn parse(s: &str) -> Option<Comparison> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// The sign written before the target: `≥`, `>`, `≤`, `<`; none for a share.
    pub const fn symbol(self) -> &'static str {
        match self {
            Comparison::Share => "",
            Comparison::AtLeast => "≥",
            Comparison::Above => ">",
            Comparison::AtMost => "≤",
            Comparison::Below => "<",
        }
    }

    /// The choice in the form.
    pub const fn label_sv(self) -> &'static str {
        match self {
            Comparison::Share => "Andel (%)",
            Comparison::AtLeast => "Minst (≥)",
            Comparison::Above => "Över (>)",
            Comparison::AtMost => "Högst (≤)",
            Comparison::Below => "Under (<)",
        }
    }

    /// A target as the report shows it: `≤ 5`, `−2`, `1 200`.
    pub fn target_text(self, target: Measure) -> String {
        match self.symbol() {
            "" => target.to_string(),
            sign => format!("{sign} {target}"),
        }
    }
}

/// How far an indicator has come: a share of its target value, or whether
/// a comparison target is met.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Fulfilment {
    Share(Percent),
    Met,
    NotMet,
}

impl fmt::Display for Fulfilment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fulfilment::Share(p) => p.fmt(f),
            Fulfilment::Met => f.write_str("Uppfyllt"),
            Fulfilment::NotMet => f.write_str("Ej uppfyllt"),
        }
    }
}

/// Degree of fulfilment (måluppfyllnad). For a share: outcome ÷ target in
/// percent, rounded half up to one decimal (a negative outcome gives a
/// negative share); unknown for a target of zero or below, which only a
/// comparison can judge. For a comparison: met or not. Unknown without both
/// values.
pub fn fulfilment(outcome: Option<Measure>, target: Option<Measure>, comparison: Comparison) -> Option<Fulfilment> {
    let (o, t) = (outcome?.0, target?.0);
    let met = |yes: bool| Some(if yes { Fulfilment::Met } else { Fulfilment::NotMet });
    match comparison {
        Comparison::Share => share(o, t).map(Fulfilment::Share),
        Comparison::AtLeast => met(o >= t),
        Comparison::Above => met(o > t),
        Comparison::AtMost => met(o <= t),
        Comparison::Below => met(o < t),
    }
}

/// `part` of `whole` in percent, rounded half up to one decimal (toward
/// +∞, also for a negative part); unknown for a whole of zero or below.
pub fn share(part: i64, whole: i64) -> Option<Percent> {
    let (p, w) = (i128::from(part), i128::from(whole));
    if w <= 0 {
        return None;
    }
    // Tenths of a percent: p / w × 1000, the floor of that + ½.
    i64::try_from((p * 2000 + w).div_euclid(w * 2)).ok().map(Percent)
}

/// The part of a year's figure (days, öre) that falls on `months` of
/// twelve, rounded half up: what the plan pays for in a period.
pub fn pro_rata(annual: i64, months: u8) -> i64 {
    let scaled = i128::from(annual) * i128::from(months) * 2 + 12;
    i64::try_from(scaled.div_euclid(24)).unwrap_or(if annual < 0 { i64::MIN } else { i64::MAX })
}

/// Actual against planned: the difference (actual − planned; negative is
/// under the plan), and the difference in percent of the plan (unknown when
/// nothing was planned).
pub fn variance(planned: i64, actual: i64) -> (i64, Option<Percent>) {
    let diff = actual.saturating_sub(planned);
    (diff, share(diff, planned))
}

/// Outcome minus accumulated budget (negative: under budget).
pub fn deviation(budget: Option<Measure>, outcome: Option<Measure>) -> Option<Measure> {
    Some(Measure(outcome?.0.checked_sub(budget?.0)?))
}

#[cfg(test)]
mod tests;
