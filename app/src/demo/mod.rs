//! Demo data: a realistic (fictional) Swedish region, Region Norrvik, with
//! its organisation and people ([`org`]), a catalogue ([`catalog`]),
//! governance objects with plans ([`plans`]), attest rights ([`attest`])
//! and an asset register ([`assets`]) with its subscriptions
//! ([`subscriptions`]). Seeding runs in one
//! transaction and is a no-op when the demo region is present.
//!
//! `demo` is not an area: it depends on the areas (their entities, and their
//! services where one does the write) and no area depends on it. What an
//! area needs to know about the demo (the demo password, refused wherever a
//! password is set) its caller passes in.

pub mod assets;
pub mod attest;
pub mod catalog;
pub mod org;
pub mod plans;
pub mod subscriptions;

use crate::entities::administration;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, TransactionTrait};

#[cfg(test)]
mod tests;

/// What [`seed_demo`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeedOutcome {
    Seeded,
    AlreadyPresent,
}

/// The password of every demo person. Demo data is never seeded in
/// production, and this password is refused wherever a password is set.
pub const DEMO_PASSWORD: &str = "avrop-demo";

/// Creates the demo region in an empty database; does nothing if it is there.
pub async fn seed_demo<C>(db: &C) -> Result<SeedOutcome, DbErr>
where
    C: ConnectionTrait + TransactionTrait,
{
    let txn = crate::db::begin_write(db).await?;
    let present = administration::Entity::find()
        .filter(administration::Column::Code.eq(org::ADMINISTRATIONS[0].0))
        .one(&txn)
        .await?
        .is_some();
    if present {
        // A database seeded before governance existed gets its demo now.
        plans::seed_plans(&txn).await?;
        attest::seed_attest(&txn).await?;
        assets::seed_assets(&txn).await?;
        subscriptions::seed_charge_facts(&txn).await?;
        subscriptions::seed_subscriptions(&txn).await?;
        txn.commit().await?;
        return Ok(SeedOutcome::AlreadyPresent);
    }
    org::seed_org(&txn).await?;
    catalog::seed_catalog(&txn).await?;
    plans::seed_plans(&txn).await?;
    attest::seed_attest(&txn).await?;
    assets::seed_assets(&txn).await?;
    subscriptions::seed_charge_facts(&txn).await?;
    subscriptions::seed_subscriptions(&txn).await?;
    txn.commit().await?;
    Ok(SeedOutcome::Seeded)
}
