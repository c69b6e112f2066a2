//! The förvaltningsplan (PM3): management activities, goals with their
//! resource estimates, the roll-ups and the adoption workflow. Pure: the
//! browser and the server run this same code, so the totals a
//! förvaltningsledare watches while typing are the ones the server stores.

use super::money::Sek;
use serde::{Deserialize, Serialize};

/// The four management activities of PM3, in the plan's order.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Activity {
    Forvaltningsstyrning,
    Anvandarstod,
    Andringshantering,
    DagligDrift,
}

impl Activity {
    pub const ALL: [Activity; 4] = [
        Activity::Forvaltningsstyrning,
        Activity::Anvandarstod,
        Activity::Andringshantering,
        Activity::DagligDrift,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            Activity::Forvaltningsstyrning => "forvaltningsstyrning",
            Activity::Anvandarstod => "anvandarstod",
            Activity::Andringshantering => "andringshantering",
            Activity::DagligDrift => "daglig_drift",
        }
    }

    pub const fn label_sv(self) -> &'static str {
        match self {
            Activity::Forvaltningsstyrning => "Förvaltningsstyrning",
            Activity::Anvandarstod => "Användarstöd",
            Activity::Andringshantering => "Ändringshantering",
            Activity::DagligDrift => "Daglig IT-drift och underhåll",
        }
    }

    /// The name inside a sentence ("Lägg till mål i daglig IT-drift och
    /// underhåll"): lower case, but for the abbreviation.
    pub const fn in_sentence(self) -> &'static str {
        match self {
            Activity::Forvaltningsstyrning => "förvaltningsstyrning",
            Activity::Anvandarstod => "användarstöd",
            Activity::Andringshantering => "ändringshantering",
            Activity::DagligDrift => "daglig IT-drift och underhåll",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == s)
    }

    const fn index(self) -> usize {
        match self {
            Activity::Forvaltningsstyrning => 0,
            Activity::Anvandarstod => 1,
            Activity::Andringshantering => 2,
            Activity::DagligDrift => 3,
        }
    }
}

/// Vidmakthållande (maintenance) or vidareutveckling (further development).
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GoalClass {
    Vm,
    Vu,
}

impl GoalClass {
    pub const fn as_str(self) -> &'static str {
        match self {
            GoalClass::Vm => "vm",
            GoalClass::Vu => "vu",
        }
    }

    pub const fn label_sv(self) -> &'static str {
        match self {
            GoalClass::Vm => "VM",
            GoalClass::Vu => "VU",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "vm" => Some(GoalClass::Vm),
            "vu" => Some(GoalClass::Vu),
            _ => None,
        }
    }
}

/// Person-days in tenths of a day (`12,5` days = 125), never negative.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Days(i64);

impl Days {
    pub const ZERO: Days = Days(0);

    pub const fn from_tenths(tenths: i64) -> Days {
        Days(tenths)
    }

    pub const fn tenths(self) -> i64 {
        self.0
    }

    /// The most days one estimate takes: 100 000.
    pub const MAX_ESTIMATE: Days = Days(1_000_000);

    /// Days a goal estimates, in tenths: from 0 to [`Days::MAX_ESTIMATE`].
    /// What the editor's [`Days::parse`] and the wire's
    /// [`deserialize_estimate`] both end in.
    pub fn estimate(tenths: i64) -> Result<Days, &'static str> {
        if tenths < 0 {
            Err(DAYS_NEGATIVE)
        } else if tenths > Self::MAX_ESTIMATE.0 {
            Err(DAYS_TOO_MANY)
        } else {
            Ok(Days(tenths))
        }
    }

    /// Reads days typed the Swedish way: `12`, `12,5`, `12.5`; empty is 0.
    /// At most one decimal, not negative, at most 100 000 days.
    pub fn parse(input: &str) -> Result<Days, &'static str> {
        use super::format::{parse_decimal, DecimalError};
        match parse_decimal(input, 1, Self::MAX_ESTIMATE.0) {
            Ok(tenths) => Days::estimate(tenths),
            Err(DecimalError::Empty) => Ok(Days::ZERO),
            Err(DecimalError::Negative) => Err(DAYS_NEGATIVE),
            Err(DecimalError::NotANumber) => Err("Skriv antalet dagar med siffror, till exempel 12,5."),
            Err(DecimalError::TooManyDecimals) => Err("Ange dagar med högst en decimal."),
            Err(DecimalError::TooLarge) => Err(DAYS_TOO_MANY),
        }
    }
}

const DAYS_NEGATIVE: &str = "Antalet dagar kan inte vara negativt.";
const DAYS_TOO_MANY: &str = "Antalet dagar är för stort (högst 100 000).";

/// Deserializes a goal's estimate (tenths of days) through
/// [`Days::estimate`]: `#[serde(deserialize_with = "...")]` on a wire field,
/// so the API and the server functions take no estimate the editor would
/// refuse.
pub fn deserialize_estimate<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Days, D::Error> {
    Days::estimate(i64::deserialize(d)?).map_err(serde::de::Error::custom)
}

impl std::fmt::Display for Days {
    /// `12,5` or `12`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (w, t) = (self.0 / 10, self.0 % 10);
        if t == 0 {
            write!(f, "{}", super::format::group_thousands(w as u64))
        } else {
            write!(f, "{},{t}", super::format::group_thousands(w as u64))
        }
    }
}

/// Full-time equivalents in hundredths (`2,56` = 256).
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Fte(i64);

impl Fte {
    pub const fn hundredths(self) -> i64 {
        self.0
    }

    pub const fn from_hundredths(h: i64) -> Fte {
        Fte(h)
    }

    /// Days ÷ days per FTE, rounded half up to two decimals.
    pub fn of(days: Days, days_per_fte: u32) -> Fte {
        if days_per_fte == 0 {
            return Fte(0);
        }
        // tenths of days × 100 / (days per FTE × 10), rounded half up; in
        // i128, where no i64 of days overflows.
        let num = i128::from(days.0) * 100;
        let den = i128::from(days_per_fte) * 10;
        let fte = (num * 2 + den) / (den * 2);
        Fte(i64::try_from(fte).unwrap_or(if fte < 0 { i64::MIN } else { i64::MAX }))
    }

    pub fn checked_add(self, other: Fte) -> Option<Fte> {
        self.0.checked_add(other.0).map(Fte)
    }
}

impl std::fmt::Display for Fte {
    /// Swedish style with two decimals: `2,56`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{},{:02}", self.0 / 100, self.0 % 100)
    }
}

/// The plan's settings: what a person-day costs on each side and how many
/// days make a full-time equivalent. Each field deserializes through its
/// check, so a settings value from the wire is within the editor's bounds.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanSettings {
    /// Öre, more than 0 and at most 100 000 kr.
    #[serde(deserialize_with = "deserialize_day_rate")]
    #[cfg_attr(feature = "ssr", schema(value_type = i64, minimum = 1, maximum = 10_000_000))]
    pub day_rate_business: Sek,
    #[serde(deserialize_with = "deserialize_day_rate")]
    #[cfg_attr(feature = "ssr", schema(value_type = i64, minimum = 1, maximum = 10_000_000))]
    pub day_rate_it: Sek,
    /// Working days in a full-time equivalent, 100–260.
    #[serde(deserialize_with = "deserialize_days_per_fte")]
    #[cfg_attr(feature = "ssr", schema(minimum = 100, maximum = 260))]
    pub days_per_fte: u32,
}

impl PlanSettings {
    /// A day rate: more than 0 kr and at most 100 000 kr.
    pub fn day_rate(rate: Sek) -> Result<Sek, &'static str> {
        if rate.ore() <= 0 || rate > Sek::from_kronor(100_000) {
            return Err("Dagpriset ska vara mellan 1 och 100 000 kr.");
        }
        Ok(rate)
    }

    /// Working days in a full-time equivalent: 100 to 260.
    pub fn days_per_fte(days: u32) -> Result<u32, &'static str> {
        if !(100..=260).contains(&days) {
            return Err("En heltid ska vara mellan 100 och 260 arbetsdagar.");
        }
        Ok(days)
    }

    /// The settings, or the first field that is out of bounds and why.
    pub fn check(self) -> Result<PlanSettings, (&'static str, &'static str)> {
        Self::day_rate(self.day_rate_business).map_err(|m| ("day_rate_business", m))?;
        Self::day_rate(self.day_rate_it).map_err(|m| ("day_rate_it", m))?;
        Self::days_per_fte(self.days_per_fte).map_err(|m| ("days_per_fte", m))?;
        Ok(self)
    }
}

fn deserialize_day_rate<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Sek, D::Error> {
    PlanSettings::day_rate(Sek::from_ore(i64::deserialize(d)?)).map_err(serde::de::Error::custom)
}

fn deserialize_days_per_fte<'de, D: serde::Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    // Read wider than the field, so that a negative or huge number gets the
    // same sentence as one just out of bounds.
    let days = i64::deserialize(d)?;
    u32::try_from(days)
        .map_err(|_| ())
        .and_then(|d| PlanSettings::days_per_fte(d).map_err(|_| ()))
        .map_err(|()| serde::de::Error::custom("En heltid ska vara mellan 100 och 260 arbetsdagar."))
}

/// The year of a plan (and of the portfolio that sums its plans): 2000 to
/// 2100. Outside that range a year is a typing error, and the year after
/// or before it — the portfolio's links, next year's plan — cannot overflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "i32", into = "i32")]
pub struct PlanYear(i32);

impl PlanYear {
    pub const FIRST: i32 = 2000;
    pub const LAST: i32 = 2100;
    pub const OUT_OF_RANGE: &'static str = "Välj ett år mellan 2000 och 2100.";

    pub fn new(year: i32) -> Result<PlanYear, &'static str> {
        if (Self::FIRST..=Self::LAST).contains(&year) {
            Ok(PlanYear(year))
        } else {
            Err(Self::OUT_OF_RANGE)
        }
    }

    pub const fn get(self) -> i32 {
        self.0
    }

    /// The year `by` years away, if that is a plan year too.
    pub fn step(self, by: i32) -> Option<PlanYear> {
        PlanYear::new(self.0.checked_add(by)?).ok()
    }
}

impl TryFrom<i32> for PlanYear {
    type Error = &'static str;
    fn try_from(year: i32) -> Result<Self, Self::Error> {
        PlanYear::new(year)
    }
}

impl From<PlanYear> for i32 {
    fn from(y: PlanYear) -> i32 {
        y.0
    }
}

impl std::fmt::Display for PlanYear {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// The version a document gets when a save that started from `version`
/// succeeds (optimistic locking: the save writes only if the stored version
/// is still `version`). `None` for a version no document has: below `first`,
/// or the last `i32`, after which there is no next.
pub fn next_version(version: i32, first: i32) -> Option<i32> {
    if version < first {
        return None;
    }
    version.checked_add(1)
}

impl Default for PlanSettings {
    /// The reference plan's: 5 600 kr a day on both sides, 190 days an FTE.
    fn default() -> Self {
        PlanSettings {
            day_rate_business: Sek::from_kronor(5_600),
            day_rate_it: Sek::from_kronor(5_600),
            days_per_fte: 190,
        }
    }
}

/// What the roll-up needs of a goal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoalCost {
    pub activity: Activity,
    pub class: GoalClass,
    pub days_business: Days,
    pub days_it: Days,
    pub fixed_business: Sek,
    pub fixed_it: Sek,
}

/// The four money columns of the plan's table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Column {
    BusinessVm,
    BusinessVu,
    ItVm,
    ItVu,
}

impl Column {
    pub const ALL: [Column; 4] = [Column::BusinessVm, Column::BusinessVu, Column::ItVm, Column::ItVu];

    pub const fn label_sv(self) -> &'static str {
        match self {
            Column::BusinessVm => "Verksamhet VM",
            Column::BusinessVu => "Verksamhet VU",
            Column::ItVm => "IT VM",
            Column::ItVu => "IT VU",
        }
    }

    const fn index(self) -> usize {
        match self {
            Column::BusinessVm => 0,
            Column::BusinessVu => 1,
            Column::ItVm => 2,
            Column::ItVu => 3,
        }
    }
}

/// One cell: person-days, kronor and FTE.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Cell {
    pub days: Days,
    pub kronor: Sek,
    pub fte: Fte,
}

/// The plan's roll-up: activity × column, with totals per activity, per
/// column and in all. FTE of a total is computed from its days, not summed
/// from rounded cells.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RollUp {
    pub cells: [[Cell; 4]; 4],
    pub activity_totals: [Cell; 4],
    pub column_totals: [Cell; 4],
    pub total: Cell,
}

impl RollUp {
    pub fn cell(&self, a: Activity, c: Column) -> Cell {
        self.cells[a.index()][c.index()]
    }

    pub fn activity_total(&self, a: Activity) -> Cell {
        self.activity_totals[a.index()]
    }

    pub fn column_total(&self, c: Column) -> Cell {
        self.column_totals[c.index()]
    }
}

/// Days × rate in öre, from tenths of days (rounded half up to whole öre).
fn cost_of(days: Days, rate: Sek) -> Option<Sek> {
    let ore = days.0.checked_mul(rate.ore())?;
    Some(Sek::from_ore((ore + 5) / 10))
}

/// Kronor = person-days × day rate + fixed costs; FTE = person-days ÷ days
/// per FTE. `None` only if an amount overflows.
pub fn roll_up(goals: &[GoalCost], settings: PlanSettings) -> Option<RollUp> {
    let mut days = [[Days::ZERO; 4]; 4];
    let mut kronor = [[Sek::ZERO; 4]; 4];
    for g in goals {
        let a = g.activity.index();
        let (business, it) = match g.class {
            GoalClass::Vm => (Column::BusinessVm, Column::ItVm),
            GoalClass::Vu => (Column::BusinessVu, Column::ItVu),
        };
        for (col, d, rate, fixed) in [
            (business, g.days_business, settings.day_rate_business, g.fixed_business),
            (it, g.days_it, settings.day_rate_it, g.fixed_it),
        ] {
            let c = col.index();
            days[a][c] = Days(days[a][c].0.checked_add(d.0)?);
            let cost = cost_of(d, rate)?.checked_add(fixed)?;
            kronor[a][c] = kronor[a][c].checked_add(cost)?;
        }
    }
    let cell = |d: Days, k: Sek| Cell {
        days: d,
        kronor: k,
        fte: Fte::of(d, settings.days_per_fte),
    };
    let mut r = RollUp::default();
    let (mut all_days, mut all_kronor) = (Days::ZERO, Sek::ZERO);
    let mut col_days = [Days::ZERO; 4];
    let mut col_kronor = [Sek::ZERO; 4];
    for a in 0..4 {
        let (mut ad, mut ak) = (Days::ZERO, Sek::ZERO);
        for c in 0..4 {
            r.cells[a][c] = cell(days[a][c], kronor[a][c]);
            ad = Days(ad.0.checked_add(days[a][c].0)?);
            ak = ak.checked_add(kronor[a][c])?;
            col_days[c] = Days(col_days[c].0.checked_add(days[a][c].0)?);
            col_kronor[c] = col_kronor[c].checked_add(kronor[a][c])?;
        }
        r.activity_totals[a] = cell(ad, ak);
        all_days = Days(all_days.0.checked_add(ad.0)?);
        all_kronor = all_kronor.checked_add(ak)?;
    }
    for c in 0..4 {
        r.column_totals[c] = cell(col_days[c], col_kronor[c]);
    }
    r.total = cell(all_days, all_kronor);
    Some(r)
}

/// Where a plan revision stands.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanStatus {
    Utkast,
    UnderAvstamning,
    Faststalld,
}

impl PlanStatus {
    pub const fn as_str(self) -> &'static str {
        match self {
            PlanStatus::Utkast => "utkast",
            PlanStatus::UnderAvstamning => "under_avstamning",
            PlanStatus::Faststalld => "faststalld",
        }
    }

    pub const fn label_sv(self) -> &'static str {
        match self {
            PlanStatus::Utkast => "Utkast",
            PlanStatus::UnderAvstamning => "Under avstämning",
            PlanStatus::Faststalld => "Fastställd",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [PlanStatus::Utkast, PlanStatus::UnderAvstamning, PlanStatus::Faststalld]
            .into_iter()
            .find(|p| p.as_str() == s)
    }

    /// Only a draft is edited; an adopted plan is frozen.
    pub const fn editable(self) -> bool {
        matches!(self, PlanStatus::Utkast)
    }
}

/// What someone does to a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PlanEvent {
    /// The förvaltningsledare sends the draft to the steering group.
    Submit,
    /// The objektägare adopts it.
    Adopt,
    /// The objektägare sends it back with comments.
    Return,
}

/// The caller's standing on this plan's object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PlanActor {
    /// Förvaltningsledare or förvaltningsledare IT of the object.
    pub editor: bool,
    /// Objektägare of the object.
    pub owner: bool,
    /// Sent this plan for review (segregation of duties: may not adopt it).
    pub submitted: bool,
}

/// The workflow: utkast → under avstämning → fastställd, or back to utkast.
pub fn transition(from: PlanStatus, event: PlanEvent, actor: PlanActor) -> Result<PlanStatus, &'static str> {
    use PlanEvent::*;
    use PlanStatus::*;
    match (from, event) {
        (Utkast, Submit) if actor.editor => Ok(UnderAvstamning),
        (Utkast, Submit) => Err("Bara objektets förvaltningsledare kan skicka planen på avstämning."),
        (UnderAvstamning, Adopt) if actor.submitted => {
            Err("Du skickade planen på avstämning och kan inte själv fastställa den.")
        }
        (UnderAvstamning, Adopt | Return) if actor.owner => Ok(if event == Adopt { Faststalld } else { Utkast }),
        (UnderAvstamning, Adopt) => Err("Bara objektets objektägare kan fastställa planen."),
        (UnderAvstamning, Return) => Err("Bara objektets objektägare kan skicka tillbaka planen."),
        (Faststalld, _) => Err("Planen är fastställd och kan inte ändras. Starta en ny revision."),
        (Utkast, Adopt | Return) => Err("Planen måste skickas på avstämning först."),
        (UnderAvstamning, Submit) => Err("Planen är redan skickad på avstämning."),
    }
}

/// The day a steering group decided on a plan: not a day still to come.
pub fn check_decision_date(
    day: chrono::NaiveDate,
    today: chrono::NaiveDate,
) -> Result<chrono::NaiveDate, &'static str> {
    if day > today {
        return Err("Beslutsdatumet kan inte ligga i framtiden. Ange dagen då styrgruppen fattade beslutet.");
    }
    Ok(day)
}

#[cfg(test)]
mod tests;
