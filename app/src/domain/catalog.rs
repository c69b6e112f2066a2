//! Catalogue rules: kinds, charging, service levels, prices over time, total
//! commitment and the matching rules of bundles. Pure: no web, no database.

use super::money::Sek;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// What an item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    Hardware,
    SoftwareLicence,
    Service,
}

impl ItemKind {
    pub const ALL: [ItemKind; 3] = [ItemKind::Hardware, ItemKind::SoftwareLicence, ItemKind::Service];

    pub const fn as_str(self) -> &'static str {
        match self {
            ItemKind::Hardware => "hardware",
            ItemKind::SoftwareLicence => "software_licence",
            ItemKind::Service => "service",
        }
    }

    pub const fn label_sv(self) -> &'static str {
        match self {
            ItemKind::Hardware => "Hårdvara",
            ItemKind::SoftwareLicence => "Programlicens",
            ItemKind::Service => "Tjänst",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The code or the Swedish name, in any case (for imported files).
    pub fn parse_any(s: &str) -> Option<Self> {
        let s = s.trim();
        Self::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(s) || k.label_sv().to_lowercase() == s.to_lowercase())
    }
}

/// The customer's service levels, lowest first.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ServiceLevel {
    Jarn,
    Brons,
    Silver,
    Guld,
    Platina,
}

impl ServiceLevel {
    pub const ALL: [ServiceLevel; 5] = [
        ServiceLevel::Jarn,
        ServiceLevel::Brons,
        ServiceLevel::Silver,
        ServiceLevel::Guld,
        ServiceLevel::Platina,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            ServiceLevel::Jarn => "jarn",
            ServiceLevel::Brons => "brons",
            ServiceLevel::Silver => "silver",
            ServiceLevel::Guld => "guld",
            ServiceLevel::Platina => "platina",
        }
    }

    pub const fn label_sv(self) -> &'static str {
        match self {
            ServiceLevel::Jarn => "Järn",
            ServiceLevel::Brons => "Brons",
            ServiceLevel::Silver => "Silver",
            ServiceLevel::Guld => "Guld",
            ServiceLevel::Platina => "Platina",
        }
    }

    /// Hours, restore time and reliability, as in the customer's service model.
    pub const fn terms_sv(self) -> (&'static str, &'static str, &'static str) {
        match self {
            ServiceLevel::Jarn => ("Kontorstid 08–16:45", "Ej garanterad", "Ej garanterad"),
            ServiceLevel::Brons => ("Kontorstid", "Högst 8 timmar", "Högst 4 avbrott per år"),
            ServiceLevel::Silver => ("Kontorstid", "Högst 2 timmar", "Högst 3 avbrott per år"),
            ServiceLevel::Guld => ("Dygnet runt, året runt", "Högst 2 timmar", "Högst 2 avbrott per år"),
            ServiceLevel::Platina => (
                "Dygnet runt, året runt, opåverkad av underhåll",
                "Högst 10 minuter",
                "Högst 1 avbrott per år",
            ),
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.as_str() == s)
    }

    /// The code or the Swedish name, in any case (for imported files).
    pub fn parse_any(s: &str) -> Option<Self> {
        let s = s.trim();
        Self::ALL
            .into_iter()
            .find(|l| l.as_str().eq_ignore_ascii_case(s) || l.label_sv().to_lowercase() == s.to_lowercase())
    }
}

/// One price of an item, valid from a day (inclusive) to an optional day
/// (inclusive). Either part may be zero: a pure subscription has no one-off
/// price, a bought item no monthly fee.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Price {
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    pub one_off: Sek,
    pub monthly: Sek,
}

impl Price {
    pub fn valid_on(&self, day: NaiveDate) -> bool {
        self.valid_from <= day && self.valid_to.is_none_or(|to| day <= to)
    }
}

/// The price in force on `day`: of the prices valid that day, the one that
/// started last (a newer price overrides an open-ended older one).
pub fn price_on(prices: &[Price], day: NaiveDate) -> Option<Price> {
    prices
        .iter()
        .filter(|p| p.valid_on(day))
        .max_by_key(|p| p.valid_from)
        .copied()
}

/// The next price change after `day`, if one is entered.
pub fn next_price_after(prices: &[Price], day: NaiveDate) -> Option<Price> {
    prices
        .iter()
        .filter(|p| p.valid_from > day)
        .min_by_key(|p| p.valid_from)
        .copied()
}

/// How entering a new price from `from` changes the stored prices of an
/// item (each given as `(id, valid_from, valid_to)`): prices starting on or
/// after that day are replaced, and the price that would still be in force
/// then ends the day before. Orders keep the prices they froze, so nothing
/// already ordered changes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PriceChange {
    pub delete: Vec<i32>,
    /// `(id, new valid_to)`.
    pub close: Vec<(i32, NaiveDate)>,
}

/// Plans a new open-ended price from `from`. Refuses a start before `today`:
/// what customers have already been shown and ordered is history.
pub fn plan_price_change(
    existing: &[(i32, NaiveDate, Option<NaiveDate>)],
    from: NaiveDate,
    today: NaiveDate,
) -> Result<PriceChange, &'static str> {
    if from < today {
        return Err("Ett nytt pris kan gälla från i dag eller ett senare datum, inte bakåt i tiden.");
    }
    let mut change = PriceChange::default();
    for &(id, valid_from, valid_to) in existing {
        if valid_from >= from {
            change.delete.push(id);
        } else if valid_to.is_none_or(|to| to >= from) {
            change.close.push((id, from.pred_opt().unwrap_or(from)));
        }
    }
    Ok(change)
}

/// The largest item picture accepted, in bytes.
pub const MAX_IMAGE_BYTES: usize = 1024 * 1024;

/// The content type of a PNG, JPEG or WebP picture, read from its first
/// bytes (what the browser says about a file is not trusted).
pub fn image_type(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, ..] => Some("image/png"),
        [0xff, 0xd8, 0xff, ..] => Some("image/jpeg"),
        [b'R', b'I', b'F', b'F', _, _, _, _, b'W', b'E', b'B', b'P', ..] => Some("image/webp"),
        _ => None,
    }
}

/// What one line commits the customer to: one-off + monthly × binding
/// months, times the quantity. `None` on overflow.
pub fn total_commitment(price: Price, binding_months: u32, quantity: u32) -> Option<Sek> {
    let monthly_total = price.monthly.checked_mul(i64::from(binding_months))?;
    price
        .one_off
        .checked_add(monthly_total)?
        .checked_mul(i64::from(quantity))
}

/// The one-off, monthly and total-commitment amounts of a line, a cart or
/// an order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Totals {
    pub one_off: Sek,
    pub monthly: Sek,
    pub commitment: Sek,
}

impl Totals {
    /// `quantity` units of an item with these unit amounts (commitment per
    /// unit as from [`total_commitment`]). `None` on overflow.
    pub fn of_units(one_off: Sek, monthly: Sek, commitment: Sek, quantity: i32) -> Option<Totals> {
        let q = i64::from(quantity);
        Some(Totals {
            one_off: one_off.checked_mul(q)?,
            monthly: monthly.checked_mul(q)?,
            commitment: commitment.checked_mul(q)?,
        })
    }

    /// The sum of several totals. `None` on overflow.
    pub fn sum(parts: impl IntoIterator<Item = Totals>) -> Option<Totals> {
        parts.into_iter().try_fold(Totals::default(), |acc, t| {
            Some(Totals {
                one_off: acc.one_off.checked_add(t.one_off)?,
                monthly: acc.monthly.checked_add(t.monthly)?,
                commitment: acc.commitment.checked_add(t.commitment)?,
            })
        })
    }
}

/// A matching rule between items (by id).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Rule {
    /// `item` may only be ordered together with at least one of `one_of`.
    Requires { item: i32, one_of: Vec<i32> },
    /// `item` works only with these models: if the order has models of the
    /// same kind, at least one of them must be listed, and none may be
    /// outside the list (see [`evaluate`]).
    FitsOnly { item: i32, models: Vec<i32> },
}

/// Why an order breaks a rule, with the items that would fix it. The
/// ordered items that break a rule the same way are one violation (two
/// screens that both need a dock read as one sentence).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Violation {
    /// `items` need one of `one_of`, and the order has none.
    MissingRequired { items: Vec<i32>, one_of: Vec<i32> },
    /// `items` do not fit `with`; they fit only `models`.
    DoesNotFit {
        items: Vec<i32>,
        with: Vec<i32>,
        models: Vec<i32>,
    },
}

impl Violation {
    pub fn items(&self) -> &[i32] {
        match self {
            Violation::MissingRequired { items, .. } | Violation::DoesNotFit { items, .. } => items,
        }
    }

    /// The kind of rule, in words, to head the sentence.
    pub fn rule_sv(&self) -> &'static str {
        match self {
            Violation::MissingRequired { .. } => "Behöver något mer",
            Violation::DoesNotFit { .. } => "Passar inte ihop",
        }
    }

    /// The items that would fix it by being added.
    pub fn fixes(&self) -> &[i32] {
        match self {
            Violation::MissingRequired { one_of, .. } => one_of,
            Violation::DoesNotFit { .. } => &[],
        }
    }

    /// A Swedish sentence naming the items, `name` looking them up.
    pub fn message(&self, name: impl Fn(i32) -> String) -> String {
        let names = |ids: &[i32]| ids.iter().map(|i| name(*i)).collect::<Vec<String>>();
        match self {
            Violation::MissingRequired { items, one_of } => format!(
                "{} kräver {} i samma beställning.",
                join_and(&names(items)),
                join_or(&names(one_of))
            ),
            Violation::DoesNotFit { items, with, models } => format!(
                "{} passar inte till {}. {} passar bara till {}.",
                join_and(&names(items)),
                join_or(&names(with)),
                if items.len() == 1 { "Den" } else { "De" },
                join_or(&names(models))
            ),
        }
    }
}

/// `a`, `a och b`, `a, b och c`.
pub fn join_and(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} och {}", init.join(", "), last),
    }
}

/// `a`, `a eller b`, `a, b eller c`.
pub fn join_or(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} eller {}", init.join(", "), last),
    }
}

/// The rules an order of these items breaks. `models_in_order` tells, for a
/// `FitsOnly` item, which of the ordered items are models it could be used
/// with (e.g. every laptop in the order for a docking station).
pub fn evaluate(items: &BTreeSet<i32>, rules: &[Rule], models_in_order: &BTreeSet<i32>) -> Vec<Violation> {
    let mut out: Vec<Violation> = Vec::new();
    for rule in rules {
        let found = match rule {
            Rule::Requires { item, one_of } if items.contains(item) && !one_of.iter().any(|r| items.contains(r)) => {
                Violation::MissingRequired {
                    items: vec![*item],
                    one_of: one_of.clone(),
                }
            }
            Rule::FitsOnly { item, models } if items.contains(item) => {
                let unfit: Vec<i32> = models_in_order
                    .iter()
                    .copied()
                    .filter(|m| !models.contains(m))
                    .collect();
                let fits_some = models_in_order.iter().any(|m| models.contains(m));
                if unfit.is_empty() || fits_some {
                    continue;
                }
                Violation::DoesNotFit {
                    items: vec![*item],
                    with: unfit,
                    models: models.clone(),
                }
            }
            _ => continue,
        };
        // The same ask from another item joins its sentence.
        let same = out.iter_mut().find(|v| match (v, &found) {
            (Violation::MissingRequired { one_of: a, .. }, Violation::MissingRequired { one_of: b, .. }) => {
                same_set(a, b)
            }
            (
                Violation::DoesNotFit {
                    with: wa, models: ma, ..
                },
                Violation::DoesNotFit {
                    with: wb, models: mb, ..
                },
            ) => same_set(wa, wb) && same_set(ma, mb),
            _ => false,
        });
        match (same, found) {
            (
                Some(Violation::MissingRequired { items, .. } | Violation::DoesNotFit { items, .. }),
                Violation::MissingRequired { items: more, .. } | Violation::DoesNotFit { items: more, .. },
            ) => items.extend(more),
            (_, found) => out.push(found),
        }
    }
    out
}

fn same_set(a: &[i32], b: &[i32]) -> bool {
    a.iter().collect::<BTreeSet<_>>() == b.iter().collect::<BTreeSet<_>>()
}

#[cfg(test)]
mod tests;
