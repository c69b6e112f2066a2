use crate::catalog::dto::{ItemRef, ItemSummary};
use crate::domain::money::Sek;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CartLine {
    pub item: ItemSummary,
    pub quantity: i32,
    /// One-off × quantity.
    pub one_off: Sek,
    /// Monthly × quantity.
    pub monthly: Sek,
    /// (One-off + monthly × binding) × quantity.
    pub commitment: Sek,
}

/// A broken matching rule, in Swedish, with the items that would fix it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CartProblem {
    pub item_id: i32,
    pub message: String,
    /// Add one of these to fix a missing requirement.
    pub fixes: Vec<ItemRef>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cart {
    pub lines: Vec<CartLine>,
    pub one_off: Sek,
    pub monthly: Sek,
    pub commitment: Sek,
    pub problems: Vec<CartProblem>,
}

impl Cart {
    pub fn count(&self) -> i32 {
        self.lines.iter().map(|l| l.quantity).sum()
    }
}

/// Largest quantity of one item in one order.
pub const MAX_QUANTITY: i32 = crate::domain::orders::Quantity::MAX;
