//! The plan's tables beside its goals: projects, the organisation, the IT
//! services it consumes and its integrations. Each row type says what its
//! columns are ([`PlanTable::COLUMNS`]) and reads itself back from its cells
//! as typed ([`PlanTable::from_cells`]); the editor, the save's validation
//! and the print view all go through that one description.

use crate::domain::catalog::ServiceLevel;
use crate::domain::format::{self, DecimalError};
use serde::{Deserialize, Serialize};

/// What a column holds and how it is typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellKind {
    /// One line of at most 200 characters.
    Line,
    /// Free text of at most 2 000 characters.
    Text,
    /// A service level (Järn … Platina), or none chosen yet.
    Level,
    /// A share of a full-time post in per cent (`50`, `12,5`), or empty.
    Fte,
    /// A person: typed as a name, or chosen from the directory (the
    /// directory's id is the column after it); empty is "Ej tillsatt".
    Person,
    /// The directory id of the person before it; not shown.
    PersonId,
}

/// One column of a plan table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// The field's name in the API.
    pub field: &'static str,
    /// The column's heading and the field's label.
    pub label: &'static str,
    pub kind: CellKind,
}

/// A row of one of the plan's tables.
pub trait PlanTable: Sized + Clone + PartialEq {
    /// The plan field holding the table, for error messages' `field`.
    const FIELD: &'static str;
    /// A row's name before its number: "Projekt" 3.
    const ROW: &'static str;
    const COLUMNS: &'static [Column];
    /// At most this many rows.
    const MAX_ROWS: usize;
    fn id(&self) -> &str;
    /// The cells as typed, in [`Self::COLUMNS`] order.
    fn cells(&self) -> Vec<String>;
    /// The row from its cells as typed, or the first column that is wrong
    /// and why.
    fn from_cells(id: String, cells: &[String]) -> Result<Self, (usize, &'static str)>;
}

/// Reads column `i` of `cells`, checked against its kind's length.
fn text(cells: &[String], i: usize, columns: &[Column]) -> Result<String, (usize, &'static str)> {
    let value = cells.get(i).cloned().unwrap_or_default();
    let (max, message) = match columns[i].kind {
        CellKind::Text => (2_000, "Texten är för lång (högst 2 000 tecken)."),
        _ => (200, "Texten är för lång (högst 200 tecken)."),
    };
    if value.chars().count() > max {
        return Err((i, message));
    }
    Ok(value)
}

/// A cell as the plan shows it to readers: "Ej tillsatt" for nobody,
/// the service level's name, a share with its per cent sign.
pub fn shown(kind: CellKind, cell: &str) -> String {
    match kind {
        CellKind::Person if cell.trim().is_empty() => "Ej tillsatt".into(),
        CellKind::Level => ServiceLevel::parse(cell)
            .map_or("Ej vald", ServiceLevel::label_sv)
            .into(),
        CellKind::Fte if !cell.is_empty() => format!("{cell} %"),
        _ => cell.to_owned(),
    }
}

/// A project or known change that affects the object during the period.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Project {
    pub id: String,
    /// At most 200 characters.
    #[cfg_attr(feature = "ssr", schema(max_length = 200))]
    pub name: String,
    /// How the project affects the object: at most 2 000 characters.
    #[cfg_attr(feature = "ssr", schema(max_length = 2000))]
    pub effect: String,
    /// When, as the plan says it (`hösten 2027`): at most 200 characters.
    #[cfg_attr(feature = "ssr", schema(max_length = 200))]
    pub when: String,
    /// Who pays for it: at most 200 characters.
    #[cfg_attr(feature = "ssr", schema(max_length = 200))]
    pub paid_by: String,
}

impl PlanTable for Project {
    const FIELD: &'static str = "project_list";
    const ROW: &'static str = "Projekt";
    const MAX_ROWS: usize = 200;
    const COLUMNS: &'static [Column] = &[
        Column {
            field: "name",
            label: "Projekt",
            kind: CellKind::Line,
        },
        Column {
            field: "effect",
            label: "Påverkan på objektet",
            kind: CellKind::Text,
        },
        Column {
            field: "when",
            label: "När",
            kind: CellKind::Line,
        },
        Column {
            field: "paid_by",
            label: "Finansieras av",
            kind: CellKind::Line,
        },
    ];
    fn id(&self) -> &str {
        &self.id
    }
    fn cells(&self) -> Vec<String> {
        vec![
            self.name.clone(),
            self.effect.clone(),
            self.when.clone(),
            self.paid_by.clone(),
        ]
    }
    fn from_cells(id: String, cells: &[String]) -> Result<Self, (usize, &'static str)> {
        let t = |i| text(cells, i, Self::COLUMNS);
        Ok(Project {
            id,
            name: t(0)?,
            effect: t(1)?,
            when: t(2)?,
            paid_by: t(3)?,
        })
    }
}

/// The roles of PM3, offered when a role is typed (any other may be written).
pub const PM3_ROLES: [&str; 12] = [
    "Objektägare",
    "Objektägare IT",
    "Förvaltningsledare verksamhet",
    "Förvaltningsledare IT",
    "Objektspecialist",
    "IT-specialist",
    "IT-komponentspecialist",
    "Driftansvarig",
    "Verksamhetsstöd",
    "Superanvändare",
    "IT-tekniker",
    "Systemadministratör",
];

/// One role of the object's management organisation and who holds it.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Staffing {
    pub id: String,
    /// The PM3 role (`Förvaltningsledare IT`): at most 200 characters.
    #[cfg_attr(feature = "ssr", schema(max_length = 200))]
    pub role: String,
    /// The person from the region's directory, if chosen from it; the save
    /// then writes the directory's name into `name`.
    #[serde(default)]
    pub person_id: Option<i32>,
    /// A name (for someone outside the directory); empty: "Ej tillsatt".
    /// At most 200 characters.
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(max_length = 200))]
    pub name: String,
    /// The organisation the person works in: at most 200 characters.
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(max_length = 200))]
    pub organisation: String,
    /// The share of a full-time post, in hundredths of a per cent
    /// (`5 000` = 50 %), 0–10 000; absent when not stated.
    #[serde(default, deserialize_with = "deserialize_fte")]
    #[cfg_attr(feature = "ssr", schema(minimum = 0, maximum = 10_000))]
    pub fte: Option<u32>,
    /// Who pays for the time: at most 200 characters.
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(max_length = 200))]
    pub paid_by: String,
}

impl Staffing {
    /// Nobody holds the role.
    pub fn vacant(&self) -> bool {
        self.person_id.is_none() && self.name.trim().is_empty()
    }

    /// Who holds the role as the plan shows it.
    pub fn holder(&self) -> &str {
        if self.vacant() {
            "Ej tillsatt"
        } else {
            &self.name
        }
    }
}

/// A share of a full-time post as typed: empty for none stated.
pub fn parse_fte(input: &str) -> Result<Option<u32>, &'static str> {
    let typed = input.trim().trim_end_matches('%');
    match format::parse_decimal(typed, 2, 10_000) {
        Ok(h) => Ok(Some(h as u32)),
        Err(DecimalError::Empty) => Ok(None),
        Err(DecimalError::Negative) => Err("Andelen av en heltid kan inte vara negativ."),
        Err(DecimalError::NotANumber) => Err("Skriv andelen av en heltid i procent, till exempel 50."),
        Err(DecimalError::TooManyDecimals) => Err("Andelen av en heltid kan ha högst två decimaler."),
        Err(DecimalError::TooLarge) => Err("Andelen av en heltid kan vara högst 100 %."),
    }
}

fn deserialize_fte<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    match Option::<u32>::deserialize(d)? {
        Some(f) if f > 10_000 => Err(serde::de::Error::custom("Andelen av en heltid kan vara högst 100 %.")),
        f => Ok(f),
    }
}

impl PlanTable for Staffing {
    const FIELD: &'static str = "staffing";
    const ROW: &'static str = "Organisationens rad";
    const MAX_ROWS: usize = 200;
    const COLUMNS: &'static [Column] = &[
        Column {
            field: "role",
            label: "Roll",
            kind: CellKind::Line,
        },
        Column {
            field: "name",
            label: "Person",
            kind: CellKind::Person,
        },
        Column {
            field: "person_id",
            label: "Person i katalogen",
            kind: CellKind::PersonId,
        },
        Column {
            field: "organisation",
            label: "Organisation",
            kind: CellKind::Line,
        },
        Column {
            field: "fte",
            label: "Andel av heltid (%)",
            kind: CellKind::Fte,
        },
        Column {
            field: "paid_by",
            label: "Betalas av",
            kind: CellKind::Line,
        },
    ];
    fn id(&self) -> &str {
        &self.id
    }
    fn cells(&self) -> Vec<String> {
        vec![
            self.role.clone(),
            self.name.clone(),
            self.person_id.map(|p| p.to_string()).unwrap_or_default(),
            self.organisation.clone(),
            self.fte.map(crate::domain::cost_split::share_text).unwrap_or_default(),
            self.paid_by.clone(),
        ]
    }
    fn from_cells(id: String, cells: &[String]) -> Result<Self, (usize, &'static str)> {
        let t = |i| text(cells, i, Self::COLUMNS);
        let person_id = match cells.get(2).map(|c| c.trim()).unwrap_or_default() {
            "" => None,
            p => Some(p.parse::<i32>().map_err(|_| (1, "Välj personen i katalogen igen."))?),
        };
        let fte = parse_fte(cells.get(4).map(String::as_str).unwrap_or_default()).map_err(|m| (4, m))?;
        Ok(Staffing {
            id,
            role: t(0)?,
            name: t(1)?,
            person_id,
            organisation: t(3)?,
            fte,
            paid_by: t(5)?,
        })
    }
}

/// An IT service the object consumes, and the service level it has.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ItService {
    pub id: String,
    /// The service (`Drift av WebCare`, a service of the catalogue): at
    /// most 200 characters.
    #[cfg_attr(feature = "ssr", schema(max_length = 200))]
    pub service: String,
    /// Its service level; a plan is sent for review only when every
    /// service has one.
    #[serde(default)]
    pub level: Option<ServiceLevel>,
    /// At most 2 000 characters.
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(max_length = 2000))]
    pub note: String,
}

impl PlanTable for ItService {
    const FIELD: &'static str = "it_services";
    const ROW: &'static str = "IT-tjänst";
    const MAX_ROWS: usize = 200;
    const COLUMNS: &'static [Column] = &[
        Column {
            field: "service",
            label: "IT-tjänst",
            kind: CellKind::Line,
        },
        Column {
            field: "level",
            label: "Servicenivå",
            kind: CellKind::Level,
        },
        Column {
            field: "note",
            label: "Kommentar",
            kind: CellKind::Text,
        },
    ];
    fn id(&self) -> &str {
        &self.id
    }
    fn cells(&self) -> Vec<String> {
        vec![
            self.service.clone(),
            self.level.map(|l| l.as_str().to_owned()).unwrap_or_default(),
            self.note.clone(),
        ]
    }
    fn from_cells(id: String, cells: &[String]) -> Result<Self, (usize, &'static str)> {
        let t = |i| text(cells, i, Self::COLUMNS);
        let level = match cells.get(1).map(|c| c.trim()).unwrap_or_default() {
            "" => None,
            l => Some(
                ServiceLevel::parse_any(l)
                    .ok_or((1, "Välj en servicenivå: Järn, Brons, Silver, Guld eller Platina."))?,
            ),
        };
        Ok(ItService {
            id,
            service: t(0)?,
            level,
            note: t(2)?,
        })
    }
}

/// An integration between the object's systems and another system.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Integration {
    pub id: String,
    /// At most 200 characters.
    #[cfg_attr(feature = "ssr", schema(max_length = 200))]
    pub name: String,
    /// The other system: at most 200 characters.
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(max_length = 200))]
    pub counterpart: String,
    /// What it carries, how and who answers for it: at most 2 000 characters.
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(max_length = 2000))]
    pub description: String,
}

impl PlanTable for Integration {
    const FIELD: &'static str = "integrations";
    const ROW: &'static str = "Integration";
    const MAX_ROWS: usize = 200;
    const COLUMNS: &'static [Column] = &[
        Column {
            field: "name",
            label: "Integration",
            kind: CellKind::Line,
        },
        Column {
            field: "counterpart",
            label: "Mot system",
            kind: CellKind::Line,
        },
        Column {
            field: "description",
            label: "Beskrivning",
            kind: CellKind::Text,
        },
    ];
    fn id(&self) -> &str {
        &self.id
    }
    fn cells(&self) -> Vec<String> {
        vec![self.name.clone(), self.counterpart.clone(), self.description.clone()]
    }
    fn from_cells(id: String, cells: &[String]) -> Result<Self, (usize, &'static str)> {
        let t = |i| text(cells, i, Self::COLUMNS);
        Ok(Integration {
            id,
            name: t(0)?,
            counterpart: t(1)?,
            description: t(2)?,
        })
    }
}

/// Checks a stored table: at most [`PlanTable::MAX_ROWS`] rows, each of
/// which reads back from its cells (texts within their lengths).
pub fn check_table<T: PlanTable>(rows: &[T]) -> Result<(), (&'static str, String)> {
    if rows.len() > T::MAX_ROWS {
        return Err((T::FIELD, format!("Planen kan ha högst {} rader här.", T::MAX_ROWS)));
    }
    for (i, row) in rows.iter().enumerate() {
        if let Err((_, message)) = T::from_cells(row.id().to_owned(), &row.cells()) {
            return Err((T::FIELD, format!("{} {}: {message}", T::ROW, i + 1)));
        }
    }
    Ok(())
}
