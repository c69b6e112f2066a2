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

/// Why an order breaks a rule, with the items that would fix it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Violation {
    /// `item` needs one of `one_of`, and the order has none.
    MissingRequired { item: i32, one_of: Vec<i32> },
    /// `item` does not fit `with`; it fits only `models`.
    DoesNotFit {
        item: i32,
        with: Vec<i32>,
        models: Vec<i32>,
    },
}

impl Violation {
    pub fn item(&self) -> i32 {
        match self {
            Violation::MissingRequired { item, .. } | Violation::DoesNotFit { item, .. } => *item,
        }
    }

    /// A Swedish sentence naming the items, `name` looking them up.
    pub fn message(&self, name: impl Fn(i32) -> String) -> String {
        let list = |ids: &[i32]| {
            let names: Vec<String> = ids.iter().map(|i| name(*i)).collect();
            join_or(&names)
        };
        match self {
            Violation::MissingRequired { item, one_of } => {
                format!("{} kräver {} i samma beställning.", name(*item), list(one_of))
            }
            Violation::DoesNotFit { item, with, models } => format!(
                "{} passar inte till {}. Den passar bara till {}.",
                name(*item),
                list(with),
                list(models)
            ),
        }
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
    let mut out = Vec::new();
    for rule in rules {
        match rule {
            Rule::Requires { item, one_of } if items.contains(item) && !one_of.iter().any(|r| items.contains(r)) => {
                out.push(Violation::MissingRequired {
                    item: *item,
                    one_of: one_of.clone(),
                });
            }
            Rule::FitsOnly { item, models } if items.contains(item) => {
                let unfit: Vec<i32> = models_in_order
                    .iter()
                    .copied()
                    .filter(|m| !models.contains(m))
                    .collect();
                let fits_some = models_in_order.iter().any(|m| models.contains(m));
                if !unfit.is_empty() && !fits_some {
                    out.push(Violation::DoesNotFit {
                        item: *item,
                        with: unfit,
                        models: models.clone(),
                    });
                }
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn pictures_are_recognised_by_their_first_bytes_not_their_name() {
        assert_eq!(image_type(b"\x89PNG\r\n\x1a\nrest"), Some("image/png"));
        assert_eq!(image_type(&[0xff, 0xd8, 0xff, 0xe0, 0]), Some("image/jpeg"));
        assert_eq!(image_type(b"RIFF\x10\0\0\0WEBPVP8 "), Some("image/webp"));
        assert_eq!(image_type(b"<svg xmlns="), None);
        assert_eq!(image_type(b""), None);
    }

    #[test]
    fn a_future_price_closes_todays_price_the_day_before_and_replaces_later_ones() {
        let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
        let today = d(1, 10);
        let existing = [(1, d(1, 1), None), (2, d(3, 1), None), (3, d(6, 1), None)];
        let change = plan_price_change(&existing[..1], d(2, 1), today).unwrap();
        assert_eq!(change.close, vec![(1, d(1, 31))]);
        assert!(change.delete.is_empty());
        // A price from 1 March replaces the one entered for that day and later.
        let change = plan_price_change(&existing, d(3, 1), today).unwrap();
        assert_eq!(change.delete, vec![2, 3]);
        assert_eq!(change.close, vec![(1, d(2, 28))]);
    }

    #[test]
    fn a_price_from_today_is_allowed_but_not_one_in_the_past() {
        let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
        let existing = [(1, d(1, 1), Some(d(1, 5)))];
        let change = plan_price_change(&existing, d(1, 10), d(1, 10)).unwrap();
        assert_eq!(change, PriceChange::default(), "an ended price is left alone");
        assert!(plan_price_change(&existing, d(1, 9), d(1, 10)).is_err());
    }

    #[test]
    fn kinds_and_levels_are_read_by_code_or_swedish_name() {
        assert_eq!(ItemKind::parse_any("Tjänst"), Some(ItemKind::Service));
        assert_eq!(ItemKind::parse_any("HARDWARE"), Some(ItemKind::Hardware));
        assert_eq!(ServiceLevel::parse_any("järn"), Some(ServiceLevel::Jarn));
        assert_eq!(ServiceLevel::parse_any("Guld"), Some(ServiceLevel::Guld));
        assert_eq!(ItemKind::parse_any("dator"), None);
    }

    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn price(from: NaiveDate, to: Option<NaiveDate>, one_off: i64, monthly: i64) -> Price {
        Price {
            valid_from: from,
            valid_to: to,
            one_off: Sek::from_kronor(one_off),
            monthly: Sek::from_kronor(monthly),
        }
    }

    #[test]
    fn the_price_in_force_is_the_latest_started_valid_one() {
        let prices = [price(d(2026, 1, 1), None, 9000, 0), price(d(2027, 1, 1), None, 9500, 0)];
        assert_eq!(
            price_on(&prices, d(2026, 11, 24)).unwrap().one_off,
            Sek::from_kronor(9000)
        );
        assert_eq!(
            price_on(&prices, d(2027, 1, 1)).unwrap().one_off,
            Sek::from_kronor(9500)
        );
        assert_eq!(price_on(&prices, d(2025, 12, 31)), None);
        assert_eq!(
            next_price_after(&prices, d(2026, 11, 24)).unwrap().valid_from,
            d(2027, 1, 1)
        );
    }

    #[test]
    fn an_expired_price_no_longer_applies() {
        let prices = [price(d(2026, 1, 1), Some(d(2026, 6, 30)), 100, 0)];
        assert!(price_on(&prices, d(2026, 6, 30)).is_some());
        assert!(price_on(&prices, d(2026, 7, 1)).is_none());
    }

    #[test]
    fn total_commitment_is_one_off_plus_monthly_times_binding_in_ore() {
        let p = Price {
            valid_from: d(2026, 1, 1),
            valid_to: None,
            one_off: Sek::from_ore(123_450),
            monthly: Sek::from_ore(19_990),
        };
        // 1 234,50 + 36 × 199,90 = 8 430,90 per unit; two units 16 861,80.
        assert_eq!(total_commitment(p, 36, 1), Some(Sek::from_ore(843_090)));
        assert_eq!(total_commitment(p, 36, 2), Some(Sek::from_ore(1_686_180)));
        assert_eq!(total_commitment(p, 0, 1), Some(Sek::from_ore(123_450)));
    }

    #[test]
    fn totals_multiply_by_quantity_and_add_up_in_ore() {
        let laptop = Totals::of_units(Sek::ZERO, Sek::from_kronor(389), Sek::from_kronor(389 * 36), 2).unwrap();
        let dock = Totals::of_units(Sek::from_ore(289_050), Sek::ZERO, Sek::from_ore(289_050), 1).unwrap();
        let sum = Totals::sum([laptop, dock]).unwrap();
        assert_eq!(sum.one_off, Sek::from_ore(289_050));
        assert_eq!(sum.monthly, Sek::from_kronor(778));
        assert_eq!(sum.commitment, Sek::from_ore(2 * 1_400_400 + 289_050));
        assert_eq!(Totals::sum([]), Some(Totals::default()));
        assert_eq!(Totals::of_units(Sek::from_ore(i64::MAX), Sek::ZERO, Sek::ZERO, 2), None);
    }

    #[test]
    fn rules_table() {
        // 1 laptop A, 2 laptop B, 3 dock (fits only A), 4 installation, 5 disk destruction,
        // 6 monitor requiring cable 7 or 8.
        let rules = vec![
            Rule::FitsOnly {
                item: 3,
                models: vec![1],
            },
            Rule::Requires {
                item: 1,
                one_of: vec![4],
            },
            Rule::Requires {
                item: 6,
                one_of: vec![7, 8],
            },
        ];
        let set = |v: &[i32]| v.iter().copied().collect::<BTreeSet<i32>>();
        let laptops = |v: &[i32]| set(&v.iter().copied().filter(|i| [1, 2].contains(i)).collect::<Vec<_>>());
        let cases: &[(&[i32], Vec<Violation>)] = &[
            (&[1, 4], vec![]),
            (
                &[1],
                vec![Violation::MissingRequired {
                    item: 1,
                    one_of: vec![4],
                }],
            ),
            (&[1, 3, 4], vec![]),
            (
                &[2, 3],
                vec![Violation::DoesNotFit {
                    item: 3,
                    with: vec![2],
                    models: vec![1],
                }],
            ),
            (&[1, 2, 3, 4], vec![]),
            (&[3], vec![]),
            (
                &[6],
                vec![Violation::MissingRequired {
                    item: 6,
                    one_of: vec![7, 8],
                }],
            ),
            (&[6, 8], vec![]),
        ];
        for (order, expected) in cases {
            assert_eq!(
                &evaluate(&set(order), &rules, &laptops(order)),
                expected,
                "order {order:?}"
            );
        }
    }

    #[test]
    fn violations_read_as_swedish_sentences() {
        let name = |i: i32| {
            [
                "",
                "Latitude 5450",
                "OptiPlex",
                "Dockningsstation WD22",
                "Installation på plats",
            ][i as usize]
                .to_owned()
        };
        let missing = Violation::MissingRequired {
            item: 1,
            one_of: vec![4],
        };
        assert_eq!(
            missing.message(name),
            "Latitude 5450 kräver Installation på plats i samma beställning."
        );
        let unfit = Violation::DoesNotFit {
            item: 3,
            with: vec![2],
            models: vec![1],
        };
        assert_eq!(
            unfit.message(name),
            "Dockningsstation WD22 passar inte till OptiPlex. Den passar bara till Latitude 5450."
        );
        assert_eq!(join_or(&["a".into(), "b".into(), "c".into()]), "a, b eller c");
    }

    #[test]
    fn kinds_and_levels_round_trip_through_their_codes() {
        for k in ItemKind::ALL {
            assert_eq!(ItemKind::parse(k.as_str()), Some(k));
        }
        for l in ServiceLevel::ALL {
            assert_eq!(ServiceLevel::parse(l.as_str()), Some(l));
        }
        assert!(ServiceLevel::Jarn < ServiceLevel::Platina);
    }
}
