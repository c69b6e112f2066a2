//! Catalogue administration: every function requires the catalogue manager
//! role first, validates everything before writing, writes multi-row
//! changes in one transaction and records each change in the audit log.
//! One file per thing administered; the item fields' validation is shared
//! with the CSV import (`super::import`).

mod bundles;
mod images;
mod item_fields;
mod items;
mod prices;
mod rules;

pub use bundles::{add_bundle_part, bundles, remove_bundle_part, save_bundle, BundleForm};
pub use images::{image, remove_image, set_image};
pub(super) use item_fields::apply;
pub use item_fields::{refs, validate_item, Refs, ValidItem};
pub use items::{get_item, list, save_item, set_active, ADMIN_PAGE_SIZE};
pub use prices::{add_price, parse_day, write_price};
pub use rules::{add_rule, remove_rule};
