//! Types the catalogue administration shares with the browser.

use crate::catalog::dto::{CategoryDto, ItemRef, SupplierDto};
use crate::domain::catalog::ItemKind;
use crate::domain::money::Sek;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use utoipa::ToSchema;

/// One row of the administration list, retired items included.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminItemRow {
    pub id: i32,
    pub article_number: String,
    pub name: String,
    pub kind: ItemKind,
    pub category: String,
    pub supplier: String,
    pub active: bool,
    /// Today's price; `None` when the item has no price in force.
    pub one_off: Option<Sek>,
    pub monthly: Option<Sek>,
    /// The day the next entered price starts, if any.
    pub next_price_from: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminItemList {
    pub items: Vec<AdminItemRow>,
    pub total: u64,
    pub page: u64,
    pub pages: u64,
}

/// The item form as typed: strings, so that nothing the user wrote is lost
/// when the server refuses it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemForm {
    pub article_number: String,
    pub name: String,
    pub description: String,
    pub kind: String,
    pub category_id: String,
    pub supplier_id: String,
    pub agreement_id: String,
    pub service_level: String,
    pub binding_months: String,
    pub notice_months: String,
}

/// Where a price stands relative to today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PriceState {
    Past,
    Current,
    Upcoming,
}

impl PriceState {
    pub fn label_sv(self) -> &'static str {
        match self {
            PriceState::Past => "Tidigare",
            PriceState::Current => "Gäller nu",
            PriceState::Upcoming => "Kommande",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriceRow {
    pub id: i32,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    pub one_off: Sek,
    pub monthly: Sek,
    pub state: PriceState,
}

/// A matching rule as the administration shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleRow {
    pub id: i32,
    /// `requires` or `fits_only`.
    pub kind: String,
    pub target: ItemRef,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreementDto {
    pub id: i32,
    pub supplier_id: i32,
    pub name: String,
}

/// What the item form offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminOptions {
    pub categories: Vec<CategoryDto>,
    pub suppliers: Vec<SupplierDto>,
    pub agreements: Vec<AgreementDto>,
}

/// One item for editing; `id` is `None` for a new item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminItem {
    pub id: Option<i32>,
    pub form: ItemForm,
    pub active: bool,
    pub prices: Vec<PriceRow>,
    pub rules: Vec<RuleRow>,
    /// Bundles this item is part of or the main item of.
    pub bundles: Vec<String>,
    /// The item's picture, if it has one.
    pub image_url: Option<String>,
    pub options: AdminOptions,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BundlePartRow {
    pub id: i32,
    pub item: ItemRef,
    pub required: bool,
    pub quantity: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminBundle {
    pub id: i32,
    pub code: String,
    pub name: String,
    pub description: String,
    pub main_item: ItemRef,
    pub active: bool,
    pub parts: Vec<BundlePartRow>,
}

/// One problem in an imported file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct ImportProblem {
    /// Line in the file, the header being line 1.
    pub line: u64,
    /// The column's name as in the header.
    pub column: String,
    /// What is wrong, in Swedish.
    pub message: String,
}

/// The outcome of an import or its dry run. Nothing is written when
/// `problems` is non-empty.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct ImportReport {
    pub dry_run: bool,
    /// Whether the changes were written.
    pub written: bool,
    pub rows: u64,
    pub created: u64,
    pub updated: u64,
    pub price_changes: u64,
    pub unchanged: u64,
    pub problems: Vec<ImportProblem>,
}

/// The columns of the catalogue file, in export order.
pub const CSV_COLUMNS: [&str; 14] = [
    "artikelnummer",
    "namn",
    "beskrivning",
    "typ",
    "kategori",
    "leverantör",
    "avtal",
    "servicenivå",
    "bindningstid_mån",
    "uppsägningstid_mån",
    "engångspris",
    "månadspris",
    "pris_från",
    "aktiv",
];
