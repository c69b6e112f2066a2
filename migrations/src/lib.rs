//! Schema migrations for Avrop, written in the SeaORM migration DSL only so
//! that every one runs unchanged on SQLite and PostgreSQL.

pub use sea_orm_migration::prelude::*;

mod m20261125_000001_create_org;
mod m20261125_000002_create_auth;
mod m20261125_000003_create_catalog;
mod m20261125_000004_create_cart;
mod m20261125_000005_create_orders;
mod m20261125_000006_create_item_image;
mod m20261125_000007_create_catalog_version;
mod m20261125_000008_create_plans;
mod m20261125_000009_create_follow_up;
mod m20261125_000010_plan_totals_index;
mod m20261125_000011_order_request;
mod m20261130_000012_token_permissions;
mod m20261130_000013_plan_event_actor;
mod m20261130_000014_attest;
mod m20261130_000015_notify;
mod m20261201_000016_fulfilment;
mod m20261202_000017_coordination;
mod m20261203_000018_outbox_person;
mod m20261203_000019_assets;
mod m20261204_000020_subscriptions;
mod m20261205_000021_asset_import;
mod m20261206_000022_request_hash;
mod m20261207_000023_plan_template;
mod m20261208_000024_plan_financing;
mod m20261209_000025_joint_adoption;
mod m20261210_000026_oidc;
mod m20261211_000027_plan_totals_financing;
mod m20261212_000028_part_lead_index;
mod m20261213_000029_part_lead_days;
mod m20261214_000030_catalog_item_changes;
mod m20261215_000031_open_order_category;
mod m20261216_000032_orders_filter_indexes;
mod m20261217_000033_person_login_indexes;
mod m20261218_000034_portfolio_version;
mod m20261219_000035_cost_center_unit_index;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261125_000001_create_org::Migration),
            Box::new(m20261125_000002_create_auth::Migration),
            Box::new(m20261125_000003_create_catalog::Migration),
            Box::new(m20261125_000004_create_cart::Migration),
            Box::new(m20261125_000005_create_orders::Migration),
            Box::new(m20261125_000006_create_item_image::Migration),
            Box::new(m20261125_000007_create_catalog_version::Migration),
            Box::new(m20261125_000008_create_plans::Migration),
            Box::new(m20261125_000009_create_follow_up::Migration),
            Box::new(m20261125_000010_plan_totals_index::Migration),
            Box::new(m20261125_000011_order_request::Migration),
            Box::new(m20261130_000012_token_permissions::Migration),
            Box::new(m20261130_000013_plan_event_actor::Migration),
            Box::new(m20261130_000014_attest::Migration),
            Box::new(m20261130_000015_notify::Migration),
            Box::new(m20261201_000016_fulfilment::Migration),
            Box::new(m20261202_000017_coordination::Migration),
            Box::new(m20261203_000018_outbox_person::Migration),
            Box::new(m20261203_000019_assets::Migration),
            Box::new(m20261204_000020_subscriptions::Migration),
            Box::new(m20261205_000021_asset_import::Migration),
            Box::new(m20261206_000022_request_hash::Migration),
            Box::new(m20261207_000023_plan_template::Migration),
            Box::new(m20261208_000024_plan_financing::Migration),
            Box::new(m20261209_000025_joint_adoption::Migration),
            Box::new(m20261210_000026_oidc::Migration),
            Box::new(m20261211_000027_plan_totals_financing::Migration),
            Box::new(m20261212_000028_part_lead_index::Migration),
            Box::new(m20261213_000029_part_lead_days::Migration),
            Box::new(m20261214_000030_catalog_item_changes::Migration),
            Box::new(m20261215_000031_open_order_category::Migration),
            Box::new(m20261216_000032_orders_filter_indexes::Migration),
            Box::new(m20261217_000033_person_login_indexes::Migration),
            Box::new(m20261218_000034_portfolio_version::Migration),
            Box::new(m20261219_000035_cost_center_unit_index::Migration),
        ]
    }
}
