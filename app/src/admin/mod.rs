//! The administration area (`/admin…`): what its pages share. The pages
//! themselves stay with the area whose data they show (organisation, API
//! keys, audit log); this area only ties them together.

pub mod views;
