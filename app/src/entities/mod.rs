//! SeaORM entities, mirroring the migrations. Server only; never serialized to
//! the browser (DTOs in each area's `dto.rs` are).

pub mod administration;
pub mod api_token;
pub mod audit_log;
pub mod cost_center;
pub mod delivery_address;
pub mod local_credential;
pub mod login_attempt;
pub mod person;
pub mod person_role;
pub mod session;
pub mod unit;
