//! SeaORM entities, mirroring the migrations. Server only; never serialized to
//! the browser (DTOs in each area's `dto.rs` are).

pub mod administration;
pub mod agreement;
pub mod api_token;
pub mod audit_log;
pub mod bundle;
pub mod bundle_item;
pub mod cart_line;
pub mod catalog_version;
pub mod category;
pub mod cost_center;
pub mod delivery_address;
pub mod follow_up;
pub mod governance_object;
pub mod item;
pub mod item_image;
pub mod item_price;
pub mod item_rule;
pub mod local_credential;
pub mod login_attempt;
pub mod object_family;
pub mod object_person;
pub mod order_event;
pub mod order_line;
pub mod order_request;
pub mod orders;
pub mod person;
pub mod person_role;
pub mod plan;
pub mod plan_event;
pub mod session;
pub mod supplier;
pub mod unit;
