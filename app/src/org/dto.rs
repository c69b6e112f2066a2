//! Types shared with the browser and the JSON API.

use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use utoipa::ToSchema;

/// Counts shown on the start page (small tables only: the start page is
/// the most visited page and must stay cheap).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgSummary {
    pub administrations: u64,
    pub units: u64,
    pub cost_centers: u64,
    pub delivery_addresses: u64,
}

/// A förvaltning as referenced from a unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct AdministrationRef {
    /// Short code, e.g. `HSF`.
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct CostCenterDto {
    pub id: i32,
    /// The finance system's code, e.g. `41210`.
    pub code: String,
    pub name: String,
    pub active: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct DeliveryAddressDto {
    pub id: i32,
    pub label: String,
    pub street: String,
    /// Swedish postal code, `NNN NN`.
    pub postal_code: String,
    pub city: String,
    /// The region's stock: hardware delivered here is registered På lager.
    #[serde(default)]
    pub is_stock: bool,
}

/// A unit (enhet) with its cost centres and address register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct UnitDto {
    pub id: i32,
    pub code: String,
    pub name: String,
    pub administration: AdministrationRef,
    pub cost_centers: Vec<CostCenterDto>,
    pub delivery_addresses: Vec<DeliveryAddressDto>,
}

/// One page of units, in id order. Pass `next_cursor` as `cursor` to get the
/// next page; it is absent on the last page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct UnitPage {
    pub items: Vec<UnitDto>,
    pub next_cursor: Option<String>,
}

/// Units grouped by förvaltning, for the organisation page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgTree {
    pub administrations: Vec<AdministrationNode>,
    /// True when the filter matched more units than are shown.
    pub truncated: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdministrationNode {
    pub code: String,
    pub name: String,
    pub units: Vec<UnitDto>,
}

/// A person from the directory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonRef {
    pub id: i32,
    pub name: String,
    pub username: String,
    pub unit: String,
    pub phone: String,
}
