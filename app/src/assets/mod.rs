//! The asset register (APM): every delivered unit of hardware becomes an
//! asset of the order's recipient when its supplier part is delivered
//! (`service::register_delivered`, in the delivery's transaction); the IT
//! Asset Manager keeps the register (`/tillgangar`: list with filters,
//! each asset's page with its history and status changes along
//! `domain::assets`), and everyone sees their own assets. Owns `asset` and
//! `asset_change`, and `asset_import` (the import of an older register from
//! CSV, `import`).

pub mod dto;
pub mod forecast_views;
pub mod server_fns;
pub mod views;

#[cfg(feature = "ssr")]
pub mod forecast;
#[cfg(feature = "ssr")]
pub mod import;
pub mod import_views;
#[cfg(feature = "ssr")]
pub mod service;

#[cfg(all(test, feature = "ssr"))]
mod tests;
