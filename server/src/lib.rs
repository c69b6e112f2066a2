//! The Avrop server: settings, startup, the HTTP router and the JSON API.
//! The binary (`main.rs`) only parses the command line and calls in here.

pub mod api;
pub mod backup;
pub mod exports;
pub mod guard;
pub mod health;
pub mod identity;
pub mod images;
pub mod imports;
pub mod liveness;
pub mod logout;
pub mod metrics;
pub mod oidc;
pub mod precompress;
pub mod router;
pub mod settings;
pub mod startup;
pub mod telemetry;
pub mod wasm_bundle;

#[cfg(test)]
mod tests;
