//! SeaORM entities, mirroring the migrations. Server only; never serialized to
//! the browser (DTOs in each area's `dto.rs` are).

pub mod administration;
pub mod cost_center;
pub mod delivery_address;
pub mod person;
pub mod person_role;
pub mod unit;
