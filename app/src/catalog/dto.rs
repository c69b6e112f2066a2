//! Catalogue types shared with the browser and the API.

use crate::domain::catalog::{ItemKind, ServiceLevel};
use crate::domain::money::Sek;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use utoipa::ToSchema;

/// An item as listed, with the price in force today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct ItemSummary {
    pub id: i32,
    pub article_number: String,
    pub name: String,
    /// `hardware`, `software_licence` or `service`.
    #[cfg_attr(feature = "ssr", schema(value_type = String))]
    pub kind: ItemKind,
    pub category: String,
    pub supplier: String,
    /// For services: `jarn`, `brons`, `silver`, `guld` or `platina`.
    #[cfg_attr(feature = "ssr", schema(value_type = Option<String>))]
    pub service_level: Option<ServiceLevel>,
    /// One-off price today, öre.
    #[cfg_attr(feature = "ssr", schema(value_type = i64))]
    pub one_off: Sek,
    /// Monthly fee today, öre.
    #[cfg_attr(feature = "ssr", schema(value_type = i64))]
    pub monthly: Sek,
    pub binding_months: i32,
    /// Months of notice to end the subscription (after the binding period).
    pub notice_months: i32,
    /// One-off + monthly × binding months, öre.
    #[cfg_attr(feature = "ssr", schema(value_type = i64))]
    pub total_commitment: Sek,
    /// The item's picture (same site), if it has one.
    pub image_url: Option<String>,
}

/// A page of items. `next_cursor` is set when there are more.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct ItemList {
    pub items: Vec<ItemSummary>,
    pub next_cursor: Option<String>,
}

/// How the catalogue page sorts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SortOrder {
    #[default]
    Name,
    PriceAsc,
    PriceDesc,
    ArticleNumber,
}

impl SortOrder {
    pub const ALL: [SortOrder; 4] = [
        SortOrder::Name,
        SortOrder::PriceAsc,
        SortOrder::PriceDesc,
        SortOrder::ArticleNumber,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SortOrder::Name => "namn",
            SortOrder::PriceAsc => "pris",
            SortOrder::PriceDesc => "pris-fallande",
            SortOrder::ArticleNumber => "artikelnummer",
        }
    }

    pub fn label_sv(self) -> &'static str {
        match self {
            SortOrder::Name => "Namn",
            SortOrder::PriceAsc => "Lägsta pris",
            SortOrder::PriceDesc => "Högsta pris",
            SortOrder::ArticleNumber => "Artikelnummer",
        }
    }

    pub fn parse(s: &str) -> Self {
        Self::ALL.into_iter().find(|o| o.as_str() == s).unwrap_or_default()
    }
}

/// The catalogue page's filters; everything optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogFilter {
    /// Name, article number or description contains this (any case).
    pub q: Option<String>,
    /// Category code; includes its subcategories.
    pub category: Option<String>,
    pub kind: Option<String>,
    pub supplier: Option<i32>,
    pub service_level: Option<String>,
    /// Price (one-off + monthly) at least / at most, whole kronor.
    pub min_price: Option<i64>,
    pub max_price: Option<i64>,
    pub sort: SortOrder,
    /// 1-based page of the catalogue page.
    pub page: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryDto {
    pub id: i32,
    pub code: String,
    pub name: String,
    pub parent_id: Option<i32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupplierDto {
    pub id: i32,
    pub name: String,
}

/// The catalogue page: results with their page count, plus what the filter
/// form offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogPage {
    pub items: Vec<ItemSummary>,
    pub total: u64,
    pub page: u64,
    pub pages: u64,
    pub categories: Vec<CategoryDto>,
    pub suppliers: Vec<SupplierDto>,
    pub bundles: Vec<BundleSummary>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BundleSummary {
    pub id: i32,
    pub code: String,
    pub name: String,
    pub description: String,
    pub main_item_id: i32,
}

/// Another item referred to from an item page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct ItemRef {
    pub id: i32,
    pub article_number: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct BundlePart {
    pub item: ItemRef,
    pub required: bool,
    pub quantity: i32,
    #[cfg_attr(feature = "ssr", schema(value_type = i64))]
    pub one_off: Sek,
    #[cfg_attr(feature = "ssr", schema(value_type = i64))]
    pub monthly: Sek,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct BundleDto {
    pub id: i32,
    pub code: String,
    pub name: String,
    pub description: String,
    pub parts: Vec<BundlePart>,
}

/// A price change already entered for a later day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct UpcomingPrice {
    pub valid_from: chrono::NaiveDate,
    #[cfg_attr(feature = "ssr", schema(value_type = i64))]
    pub one_off: Sek,
    #[cfg_attr(feature = "ssr", schema(value_type = i64))]
    pub monthly: Sek,
}

/// Everything the item page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct ItemDetail {
    #[serde(flatten)]
    pub summary: ItemSummary,
    pub description: String,
    pub agreement: Option<String>,
    pub upcoming_price: Option<UpcomingPrice>,
    /// Bundles this item is the main item of.
    pub bundles: Vec<BundleDto>,
    /// Each inner list: this item needs one of these in the same order.
    pub requires_one_of: Vec<Vec<ItemRef>>,
    /// This item works only with these models.
    pub fits_only: Vec<ItemRef>,
    /// Items that work only with a set of models including this one.
    pub fits_with: Vec<ItemRef>,
}
