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

/// A broken matching rule, in Swedish: the items in the cart that break
/// it the same way, together.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CartProblem {
    /// The cart's items that break it.
    pub items: Vec<i32>,
    /// The kind of rule, in words ("Behöver något mer").
    pub rule: String,
    pub message: String,
}

/// An item that would fix broken rules by being added, offered once
/// however many rules it fixes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CartFix {
    pub item: ItemRef,
    /// How many of the cart's problems it fixes.
    pub solves: u32,
}

/// The rules a set of items breaks, with what fixes them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleCheck {
    pub problems: Vec<CartProblem>,
    /// Most problems fixed first.
    pub fixes: Vec<CartFix>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cart {
    pub lines: Vec<CartLine>,
    pub one_off: Sek,
    pub monthly: Sek,
    pub commitment: Sek,
    pub problems: Vec<CartProblem>,
    /// Items that fix `problems`, each once.
    pub fixes: Vec<CartFix>,
}

impl Cart {
    pub fn count(&self) -> i32 {
        self.lines.iter().map(|l| l.quantity).sum()
    }
}

/// Largest quantity of one item in one order.
pub const MAX_QUANTITY: i32 = crate::domain::orders::Quantity::MAX;
