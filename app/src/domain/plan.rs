//! The förvaltningsplan (PM3): management activities, goals with their
//! resource estimates, the roll-ups and the adoption workflow. Pure: the
//! browser and the server run this same code, so the totals a
//! förvaltningsledare watches while typing are the ones the server stores.

use super::money::Sek;
use serde::{Deserialize, Serialize};

/// The four management activities of PM3, in the plan's order.
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

    /// Reads days typed the Swedish way: `12`, `12,5`, `12.5`; empty is 0.
    /// At most one decimal, not negative, at most 100 000 days.
    pub fn parse(input: &str) -> Result<Days, &'static str> {
        use super::format::{parse_decimal, DecimalError};
        match parse_decimal(input, 1, 1_000_000) {
            Ok(tenths) => Ok(Days(tenths)),
            Err(DecimalError::Empty) => Ok(Days::ZERO),
            Err(DecimalError::Negative) => Err("Antalet dagar kan inte vara negativt."),
            Err(DecimalError::NotANumber) => Err("Skriv antalet dagar med siffror, till exempel 12,5."),
            Err(DecimalError::TooManyDecimals) => Err("Ange dagar med högst en decimal."),
            Err(DecimalError::TooLarge) => Err("Antalet dagar är för stort."),
        }
    }
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
        // tenths of days × 100 / (days per FTE × 10), rounded half up.
        let num = days.0 * 100;
        let den = i64::from(days_per_fte) * 10;
        Fte((num * 2 + den) / (den * 2))
    }
}

impl std::fmt::Display for Fte {
    /// Swedish style with two decimals: `2,56`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{},{:02}", self.0 / 100, self.0 % 100)
    }
}

/// The plan's settings: what a person-day costs on each side and how many
/// days make a full-time equivalent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanSettings {
    pub day_rate_business: Sek,
    pub day_rate_it: Sek,
    pub days_per_fte: u32,
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Cell {
    pub days: Days,
    pub kronor: Sek,
    pub fte: Fte,
}

/// The plan's roll-up: activity × column, with totals per activity, per
/// column and in all. FTE of a total is computed from its days, not summed
/// from rounded cells.
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
}

/// The workflow: utkast → under avstämning → fastställd, or back to utkast.
pub fn transition(from: PlanStatus, event: PlanEvent, actor: PlanActor) -> Result<PlanStatus, &'static str> {
    use PlanEvent::*;
    use PlanStatus::*;
    match (from, event) {
        (Utkast, Submit) if actor.editor => Ok(UnderAvstamning),
        (Utkast, Submit) => Err("Bara objektets förvaltningsledare kan skicka planen på avstämning."),
        (UnderAvstamning, Adopt | Return) if actor.owner => Ok(if event == Adopt { Faststalld } else { Utkast }),
        (UnderAvstamning, Adopt) => Err("Bara objektets objektägare kan fastställa planen."),
        (UnderAvstamning, Return) => Err("Bara objektets objektägare kan skicka tillbaka planen."),
        (Faststalld, _) => Err("Planen är fastställd och kan inte ändras. Starta en ny revision."),
        (Utkast, Adopt | Return) => Err("Planen måste skickas på avstämning först."),
        (UnderAvstamning, Submit) => Err("Planen är redan skickad på avstämning."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn goal(activity: Activity, class: GoalClass, days_b: i64, days_it: i64, fixed_b: i64, fixed_it: i64) -> GoalCost {
        GoalCost {
            activity,
            class,
            days_business: Days::from_tenths(days_b * 10),
            days_it: Days::from_tenths(days_it * 10),
            fixed_business: Sek::from_kronor(fixed_b),
            fixed_it: Sek::from_kronor(fixed_it),
        }
    }

    #[test]
    fn kronor_are_days_times_the_day_rate_plus_fixed_costs_per_column() {
        let goals = [
            goal(Activity::Forvaltningsstyrning, GoalClass::Vm, 20, 10, 0, 50_000),
            goal(Activity::Forvaltningsstyrning, GoalClass::Vu, 5, 0, 1_000, 0),
        ];
        let r = roll_up(&goals, PlanSettings::default()).unwrap();
        let a = Activity::Forvaltningsstyrning;
        assert_eq!(r.cell(a, Column::BusinessVm).kronor, Sek::from_kronor(112_000));
        assert_eq!(r.cell(a, Column::ItVm).kronor, Sek::from_kronor(56_000 + 50_000));
        assert_eq!(r.cell(a, Column::BusinessVu).kronor, Sek::from_kronor(28_000 + 1_000));
        assert_eq!(r.cell(a, Column::ItVu).kronor, Sek::ZERO);
        assert_eq!(r.activity_total(a).kronor, Sek::from_kronor(112_000 + 106_000 + 29_000));
        assert_eq!(r.total.days, Days::from_tenths(350));
    }

    #[test]
    fn a_plan_of_only_fixed_costs_has_money_but_no_ftes() {
        let goals = [goal(Activity::DagligDrift, GoalClass::Vm, 0, 0, 120_000, 480_000)];
        let r = roll_up(&goals, PlanSettings::default()).unwrap();
        assert_eq!(r.total.kronor, Sek::from_kronor(600_000));
        assert_eq!(r.total.fte, Fte::default());
        assert_eq!(r.column_total(Column::ItVm).kronor, Sek::from_kronor(480_000));
    }

    #[test]
    fn it_days_only_land_in_the_it_columns() {
        let goals = [goal(Activity::Andringshantering, GoalClass::Vu, 0, 95, 0, 0)];
        let r = roll_up(&goals, PlanSettings::default()).unwrap();
        assert_eq!(r.column_total(Column::ItVu).fte.to_string(), "0,50");
        assert_eq!(r.column_total(Column::BusinessVu), Cell::default());
        assert_eq!(r.column_total(Column::BusinessVm), Cell::default());
    }

    #[test]
    fn an_activity_with_only_development_goals_has_empty_maintenance_columns() {
        let goals = [
            goal(Activity::Anvandarstod, GoalClass::Vu, 10, 10, 0, 0),
            goal(Activity::Anvandarstod, GoalClass::Vu, 5, 0, 0, 0),
        ];
        let r = roll_up(&goals, PlanSettings::default()).unwrap();
        let a = Activity::Anvandarstod;
        assert_eq!(r.cell(a, Column::BusinessVm), Cell::default());
        assert_eq!(r.cell(a, Column::ItVm), Cell::default());
        assert_eq!(r.cell(a, Column::BusinessVu).days, Days::from_tenths(150));
    }

    #[test]
    fn fte_is_rounded_half_up_to_two_decimals_and_totals_use_their_own_days() {
        // 486,4 days / 190 = 2,56 (2,5600…); 1 day / 190 = 0,0052… → 0,01.
        assert_eq!(Fte::of(Days::from_tenths(4864), 190).to_string(), "2,56");
        assert_eq!(Fte::of(Days::from_tenths(10), 190).to_string(), "0,01");
        assert_eq!(Fte::of(Days::from_tenths(9), 190).to_string(), "0,00");
        assert_eq!(Fte::of(Days::from_tenths(950), 190).to_string(), "0,50");
        // Three cells of 0,0052… FTE each round to 0,01; their total is 0,02.
        let goals = [
            goal(Activity::Forvaltningsstyrning, GoalClass::Vm, 1, 0, 0, 0),
            goal(Activity::Anvandarstod, GoalClass::Vm, 1, 0, 0, 0),
            goal(Activity::DagligDrift, GoalClass::Vm, 1, 0, 0, 0),
        ];
        let r = roll_up(&goals, PlanSettings::default()).unwrap();
        assert_eq!(r.activity_total(Activity::DagligDrift).fte.to_string(), "0,01");
        assert_eq!(r.total.fte.to_string(), "0,02");
    }

    #[test]
    fn the_settings_change_the_arithmetic() {
        let settings = PlanSettings {
            day_rate_business: Sek::from_kronor(4_000),
            day_rate_it: Sek::from_ore(650_050),
            days_per_fte: 200,
        };
        let goals = [GoalCost {
            activity: Activity::DagligDrift,
            class: GoalClass::Vm,
            days_business: Days::from_tenths(15),
            days_it: Days::from_tenths(15),
            fixed_business: Sek::ZERO,
            fixed_it: Sek::ZERO,
        }];
        let r = roll_up(&goals, settings).unwrap();
        assert_eq!(r.column_total(Column::BusinessVm).kronor, Sek::from_kronor(6_000));
        // 1,5 × 6 500,50 kr = 9 750,75 kr
        assert_eq!(r.column_total(Column::ItVm).kronor, Sek::from_ore(975_075));
        assert_eq!(r.total.fte.to_string(), "0,02");
    }

    #[test]
    fn an_empty_plan_rolls_up_to_zero() {
        let r = roll_up(&[], PlanSettings::default()).unwrap();
        assert_eq!(r.total, Cell::default());
        assert_eq!(r.total.kronor.to_string(), "0 kr");
    }

    #[test]
    fn days_are_read_with_at_most_one_decimal_and_never_negative() {
        assert_eq!(Days::parse("12,5"), Ok(Days::from_tenths(125)));
        assert_eq!(Days::parse("12.5"), Ok(Days::from_tenths(125)));
        assert_eq!(Days::parse(" 7 "), Ok(Days::from_tenths(70)));
        assert_eq!(Days::parse(""), Ok(Days::ZERO));
        assert_eq!(Days::parse("1,25"), Err("Ange dagar med högst en decimal."));
        assert_eq!(Days::parse("-3"), Err("Antalet dagar kan inte vara negativt."));
        assert!(Days::parse("tre").is_err());
        assert_eq!(Days::from_tenths(125).to_string(), "12,5");
        assert_eq!(Days::from_tenths(12_000).to_string(), "1 200");
    }

    #[test]
    fn the_workflow_moves_only_as_the_roles_allow() {
        use PlanEvent::*;
        use PlanStatus::*;
        let editor = PlanActor {
            editor: true,
            owner: false,
        };
        let owner = PlanActor {
            editor: false,
            owner: true,
        };
        let reader = PlanActor::default();
        let table = [
            (Utkast, Submit, editor, Ok(UnderAvstamning)),
            (Utkast, Submit, owner, Err(())),
            (Utkast, Submit, reader, Err(())),
            (Utkast, Adopt, owner, Err(())),
            (Utkast, Return, owner, Err(())),
            (UnderAvstamning, Adopt, owner, Ok(Faststalld)),
            (UnderAvstamning, Return, owner, Ok(Utkast)),
            (UnderAvstamning, Adopt, editor, Err(())),
            (UnderAvstamning, Return, editor, Err(())),
            (UnderAvstamning, Submit, editor, Err(())),
            (UnderAvstamning, Adopt, reader, Err(())),
            (Faststalld, Submit, editor, Err(())),
            (Faststalld, Return, owner, Err(())),
            (Faststalld, Adopt, owner, Err(())),
        ];
        for (from, event, actor, expected) in table {
            assert_eq!(
                transition(from, event, actor).map_err(|_| ()),
                expected,
                "{from:?} {event:?} {actor:?}"
            );
        }
        assert!(Utkast.editable());
        assert!(!UnderAvstamning.editable());
        assert!(!Faststalld.editable());
    }
}
