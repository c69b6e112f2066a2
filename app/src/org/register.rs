//! The unit register as `GET /api/v1/org/units` lists it, held by each app
//! instance: every unit with its förvaltning, cost centres and delivery
//! addresses, in id order.
//!
//! At ten times the customer's scale a page read four statements and
//! decoded some 600 rows for every request (p95 90 ms on SQLite and 181 ms
//! on PostgreSQL at 50 clients); from this copy a page is a binary search
//! and a clone. The register is written only by its loads (the demo seed,
//! the region's import), never by a request, so an instance reads it again
//! at most once per `ttl` (a minute in the server, zero in tests: every
//! time) and serves a change within that. One read runs at a time; the
//! requests that come meanwhile are answered from the previous copy, and
//! those without one wait for it.

use super::dto::{AdministrationRef, CostCenterDto, DeliveryAddressDto, UnitDto};
use crate::entities::{administration, cost_center, delivery_address, unit};
use crate::error::AppError;
use sea_orm::{ConnectionTrait, EntityTrait, QueryOrder};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

/// Every unit of the register, in id order, with what a search looks at.
#[derive(Debug, Default)]
pub struct Register {
    pub units: Vec<UnitDto>,
    /// Each unit's name and code in lower case, joined by a NUL, in
    /// `units` order.
    text: Vec<String>,
}

impl Register {
    /// The units after id `after` (all without it) whose name or code
    /// contains `term` (any case; all without it), at most `limit`.
    pub fn page(&self, term: Option<&str>, after: Option<i32>, limit: usize) -> impl Iterator<Item = &UnitDto> {
        let from = after.map_or(0, |a| self.units.partition_point(|u| u.id <= a));
        let term = term.map(|t| t.to_lowercase().replace('\0', ""));
        self.units[from..]
            .iter()
            .zip(&self.text[from..])
            .filter(move |(_, text)| term.as_deref().is_none_or(|t| text.contains(t)))
            .map(|(u, _)| u)
            .take(limit)
    }
}

/// A copy of the register with when it was read.
type Kept = Option<(Instant, Arc<Register>)>;

/// The per-instance holder of the register; cheap to clone.
#[derive(Clone, Default)]
pub struct UnitRegister {
    kept: Arc<RwLock<Kept>>,
    ttl: Duration,
    /// One read at a time.
    reading: Arc<tokio::sync::Mutex<()>>,
    /// Registers read by this holder (for tests and logs).
    reads: Arc<AtomicU64>,
}

impl std::fmt::Debug for UnitRegister {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("UnitRegister")
    }
}

impl UnitRegister {
    /// A holder that keeps its copy for `ttl` before reading it again.
    pub fn with_ttl(ttl: Duration) -> Self {
        UnitRegister {
            ttl,
            ..Default::default()
        }
    }

    /// How many times this holder has read the register.
    pub fn reads(&self) -> u64 {
        self.reads.load(Ordering::Relaxed)
    }

    fn kept(&self) -> Kept {
        self.kept.read().ok().and_then(|g| g.clone())
    }

    /// The register, read again when the copy is older than `ttl`.
    pub async fn get<C: ConnectionTrait>(&self, db: &C) -> Result<Arc<Register>, AppError> {
        let fresh = |kept: &Kept| {
            kept.as_ref()
                .filter(|(at, _)| at.elapsed() < self.ttl)
                .map(|(_, r)| r.clone())
        };
        let kept = self.kept();
        if let Some(r) = fresh(&kept) {
            return Ok(r);
        }
        let _reading = match (self.reading.try_lock(), kept) {
            (Ok(guard), _) => guard,
            (Err(_), Some((_, r))) => return Ok(r),
            (Err(_), None) => self.reading.lock().await,
        };
        // The read that held the lock may have left a fresh copy.
        if let Some(r) = fresh(&self.kept()) {
            return Ok(r);
        }
        let read = Arc::new(load(db).await?);
        self.reads.fetch_add(1, Ordering::Relaxed);
        if let Ok(mut g) = self.kept.write() {
            *g = Some((Instant::now(), read.clone()));
        }
        Ok(read)
    }
}

/// Reads the whole register in four statements.
async fn load<C: ConnectionTrait>(db: &C) -> Result<Register, AppError> {
    let admins: HashMap<i32, AdministrationRef> = administration::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|a| {
            (
                a.id,
                AdministrationRef {
                    code: a.code,
                    name: a.name,
                },
            )
        })
        .collect();
    let mut centers: HashMap<i32, Vec<CostCenterDto>> = HashMap::new();
    for c in cost_center::Entity::find()
        .order_by_asc(cost_center::Column::Code)
        .all(db)
        .await?
    {
        centers.entry(c.unit_id).or_default().push(CostCenterDto {
            id: c.id,
            code: c.code,
            name: c.name,
            active: c.active,
        });
    }
    let mut addresses: HashMap<i32, Vec<DeliveryAddressDto>> = HashMap::new();
    for a in delivery_address::Entity::find()
        .order_by_asc(delivery_address::Column::Id)
        .all(db)
        .await?
    {
        addresses
            .entry(a.unit_id)
            .or_default()
            .push(super::directory::address_dto(a));
    }
    let units = unit::Entity::find().order_by_asc(unit::Column::Id).all(db).await?;
    let mut register = Register {
        units: Vec::with_capacity(units.len()),
        text: Vec::with_capacity(units.len()),
    };
    for u in units {
        register
            .text
            .push(format!("{}\0{}", u.name.to_lowercase(), u.code.to_lowercase()));
        register.units.push(UnitDto {
            id: u.id,
            administration: admins.get(&u.administration_id).cloned().unwrap_or(AdministrationRef {
                code: String::new(),
                name: String::new(),
            }),
            cost_centers: centers.remove(&u.id).unwrap_or_default(),
            delivery_addresses: addresses.remove(&u.id).unwrap_or_default(),
            code: u.code,
            name: u.name,
        });
    }
    Ok(register)
}
