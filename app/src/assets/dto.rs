//! What the asset pages and the API exchange with the server.

use crate::domain::assets::AssetStatus;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// The list's filter as the address carries it (`/tillgangar?status=…`):
/// raw text, checked by the server, so that a hand-edited address gets a
/// Swedish error instead of a failure.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssetFilter {
    /// A tag or serial number (exact), or a part of the model's or the
    /// user's name.
    pub q: String,
    /// A `domain::assets::AssetStatus` code.
    pub status: String,
    /// A hardware model's (catalogue item's) id.
    pub model: String,
    /// A part of a hardware model's name or its article number.
    pub model_name: String,
    /// A förvaltning's id.
    pub administration: String,
    /// A cost centre's code.
    pub cost_center: String,
    /// `utgangen` (warranty over), `snart` (ends within 90 days) or `giltig`.
    pub warranty: String,
    /// Delivered at least this many years ago (`1`…`10`).
    pub older_than: String,
    /// Not inventoried within this many months (`6`, `12`, `24`): the
    /// inventory's due list.
    pub not_inventoried: String,
    /// `nyast` (default) or `aldst`.
    pub sort: String,
    /// Where the previous page ended.
    pub cursor: String,
}

impl AssetFilter {
    /// The address parameters, by their names.
    pub const PARAMS: [&'static str; 11] = [
        "q",
        "status",
        "modell",
        "modellnamn",
        "forvaltning",
        "kostnadsstalle",
        "garanti",
        "aldre_an",
        "ej_inventerad",
        "sortering",
        "efter",
    ];

    /// The filter from the address's parameters.
    pub fn from_params(get: impl Fn(&str) -> Option<String>) -> Self {
        let text = |k: &str| get(k).unwrap_or_default().trim().to_owned();
        AssetFilter {
            q: text("q"),
            status: text("status"),
            model: text("modell"),
            model_name: text("modellnamn"),
            administration: text("forvaltning"),
            cost_center: text("kostnadsstalle"),
            warranty: text("garanti"),
            older_than: text("aldre_an"),
            not_inventoried: text("ej_inventerad"),
            sort: text("sortering"),
            cursor: text("efter"),
        }
    }

    /// The address's query string of this filter (without the cursor when
    /// `with_cursor` is false), parameters that are empty left out.
    pub fn to_query(&self, with_cursor: bool) -> String {
        let pairs = [
            ("q", &self.q),
            ("status", &self.status),
            ("modell", &self.model),
            ("modellnamn", &self.model_name),
            ("forvaltning", &self.administration),
            ("kostnadsstalle", &self.cost_center),
            ("garanti", &self.warranty),
            ("aldre_an", &self.older_than),
            ("ej_inventerad", &self.not_inventoried),
            ("sortering", &self.sort),
            ("efter", &self.cursor),
        ];
        let mut out = url::form_urlencoded::Serializer::new(String::new());
        for (k, v) in pairs {
            if !v.is_empty() && (with_cursor || k != "efter") {
                out.append_pair(k, v);
            }
        }
        out.finish()
    }
}

/// One asset in the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AssetRow {
    pub id: i32,
    pub tag: String,
    pub serial_number: Option<String>,
    pub model: String,
    #[cfg_attr(feature = "ssr", schema(value_type = String))]
    pub status: AssetStatus,
    /// The user's name; none while in stock.
    pub user: Option<String>,
    /// Code and name.
    pub cost_center: String,
    pub delivered_on: Option<NaiveDate>,
    pub warranty_end: Option<NaiveDate>,
}

/// A page of the list with what its filter form offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssetPage {
    pub filter: AssetFilter,
    pub rows: Vec<AssetRow>,
    pub next_cursor: Option<String>,
    /// The caller keeps the register (sees every asset, may change them);
    /// otherwise the page lists the caller's own.
    pub manager: bool,
    /// Förvaltningar as `(id, name)` for the filter.
    pub administrations: Vec<(i32, String)>,
    /// The name of the model `filter.model` names, if it is one.
    pub model: Option<String>,
}

/// One change in an asset's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AssetChangeDto {
    pub at: DateTime<Utc>,
    /// Who: a person's name, `system` or a supplier.
    pub actor: String,
    /// What changed, in words (`Status`, `Användare`, …).
    pub field: String,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    pub reason: String,
}

/// An asset with its history, for its page and the API.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AssetDetail {
    pub id: i32,
    pub tag: String,
    pub serial_number: Option<String>,
    pub model: String,
    /// The bundle (type configuration) the model is the main item of, if any.
    pub type_configuration: Option<String>,
    pub supplier: Option<String>,
    pub agreement: Option<String>,
    #[cfg_attr(feature = "ssr", schema(value_type = String))]
    pub status: AssetStatus,
    pub status_since: DateTime<Utc>,
    pub user: Option<String>,
    pub user_id: Option<i32>,
    pub cost_center: String,
    /// The cost centre's code (the transfer form starts from it).
    pub cost_center_code: String,
    pub administration: Option<String>,
    pub location: String,
    pub delivered_on: Option<NaiveDate>,
    pub warranty_end: Option<NaiveDate>,
    /// The order it was delivered on, if it came through Avrop.
    pub order_id: Option<i32>,
    pub order_number: Option<String>,
    pub inventoried_on: Option<NaiveDate>,
    /// Who inventoried it last, and whether it was found.
    pub inventoried_by: Option<String>,
    pub inventory_found: Option<bool>,
    /// Grows with every change; a change names the version it was made on.
    pub version: i32,
    /// The history, newest first.
    pub history: Vec<AssetChangeDto>,
    /// The caller may change the asset.
    pub may_change: bool,
    /// The statuses it may move to now.
    #[cfg_attr(feature = "ssr", schema(value_type = Vec<String>))]
    pub next: Vec<AssetStatus>,
    /// The caller may order its replacement ("Byt ut": its user or a
    /// keeper, while it is in use or in repair).
    #[serde(default)]
    pub may_replace: bool,
}

/// An asset an order replaces, as the checkout and the order page name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ReplacedAsset {
    pub id: i32,
    pub tag: String,
    pub model: String,
    /// Its user's id and name.
    pub user_id: Option<i32>,
    pub user: Option<String>,
}

/// One group of the replacement forecast: a förvaltning or a cost centre,
/// with the computers reaching end of life in each window and what their
/// standard replacements cost at today's catalogue prices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForecastRow {
    pub label: String,
    /// Past their end of life already.
    pub overdue: ForecastCell,
    /// Within 3, 6 and 12 months from today (each counts the earlier ones).
    pub within_3: ForecastCell,
    pub within_6: ForecastCell,
    pub within_12: ForecastCell,
}

/// A count of computers and the one-off and monthly cost of replacing them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ForecastCell {
    pub count: i64,
    pub one_off: crate::domain::money::Sek,
    pub monthly: crate::domain::money::Sek,
}

/// The replacement forecast (`/tillgangar/prognos`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Forecast {
    /// End of life at this many months from delivery.
    pub age_months: i32,
    pub today: NaiveDate,
    pub per_administration: Vec<ForecastRow>,
    pub per_cost_center: Vec<ForecastRow>,
    pub total: ForecastRow,
}

/// The columns of an older register's CSV file, in the order the page
/// shows them; `IMPORT_REQUIRED` must be in the header, the rest may be.
pub const IMPORT_COLUMNS: [&str; 11] = [
    "tagg",
    "serienummer",
    "modell",
    "artikelnummer",
    "anvandare",
    "kostnadsstalle",
    "plats",
    "leveransdatum",
    "garanti_till",
    "status",
    "inventerad",
];

/// The columns every import file has.
pub const IMPORT_REQUIRED: [&str; 4] = ["tagg", "modell", "kostnadsstalle", "status"];

/// One wrong row (or the header, line 1) of an import file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportProblem {
    pub line: u64,
    /// The column's name, or empty for the whole row.
    pub column: String,
    pub message: String,
}

/// Where an import is: waiting, checking, checked (a dry run is done),
/// writing, done, or failed (nothing written).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportPhase {
    Queued,
    Checking,
    Checked,
    Writing,
    Done,
    Failed,
}

impl ImportPhase {
    pub const fn as_str(self) -> &'static str {
        match self {
            ImportPhase::Queued => "queued",
            ImportPhase::Checking => "checking",
            ImportPhase::Checked => "checked",
            ImportPhase::Writing => "writing",
            ImportPhase::Done => "done",
            ImportPhase::Failed => "failed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            ImportPhase::Queued,
            ImportPhase::Checking,
            ImportPhase::Checked,
            ImportPhase::Writing,
            ImportPhase::Done,
            ImportPhase::Failed,
        ]
        .into_iter()
        .find(|p| p.as_str() == s)
    }

    pub const fn label_sv(self) -> &'static str {
        match self {
            ImportPhase::Queued => "Väntar",
            ImportPhase::Checking => "Kontrolleras",
            ImportPhase::Checked => "Kontrollerad",
            ImportPhase::Writing => "Sparas",
            ImportPhase::Done => "Importerad",
            ImportPhase::Failed => "Inte importerad",
        }
    }

    /// Still being worked on: the page asks again.
    pub const fn is_running(self) -> bool {
        matches!(self, ImportPhase::Queued | ImportPhase::Checking | ImportPhase::Writing)
    }
}

/// An import as its page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssetImport {
    pub id: i32,
    pub file_name: String,
    /// A check only (nothing is written) or an import.
    pub dry_run: bool,
    pub phase: ImportPhase,
    pub rows_total: u64,
    pub rows_checked: u64,
    pub rows_written: u64,
    /// How many problems the file has; `problems` holds the first ones.
    pub problem_count: u64,
    pub problems: Vec<ImportProblem>,
    /// Why it failed, when it did for another reason than its rows.
    pub message: Option<String>,
    pub created_by: String,
    /// Started by the caller (only they may turn their check into an
    /// import).
    pub mine: bool,
    pub created_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
}

/// The import page: the imports the caller started, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssetImports {
    pub imports: Vec<AssetImport>,
}
