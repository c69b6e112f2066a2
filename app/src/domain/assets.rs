//! Assets (*inventarier*): an asset's lifecycle status and which moves
//! between statuses are allowed, the asset tag of a delivered item, the
//! warranty and end-of-life dates. Pure functions, shared by the server and
//! the browser (the status form offers only the allowed moves).

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// Where an asset is in its life (DOMAIN.md §6), with the return flow of a
/// replaced or retired computer: collected, then wiped (its disk destroyed,
/// with the certificate's reference), then retired.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AssetStatus {
    InStock,
    InUse,
    InRepair,
    Stolen,
    Lost,
    Collected,
    Wiped,
    Retired,
}

impl AssetStatus {
    pub const ALL: [AssetStatus; 8] = [
        AssetStatus::InStock,
        AssetStatus::InUse,
        AssetStatus::InRepair,
        AssetStatus::Stolen,
        AssetStatus::Lost,
        AssetStatus::Collected,
        AssetStatus::Wiped,
        AssetStatus::Retired,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            AssetStatus::InStock => "in_stock",
            AssetStatus::InUse => "in_use",
            AssetStatus::InRepair => "in_repair",
            AssetStatus::Stolen => "stolen",
            AssetStatus::Lost => "lost",
            AssetStatus::Collected => "collected",
            AssetStatus::Wiped => "wiped",
            AssetStatus::Retired => "retired",
        }
    }

    pub const fn label_sv(self) -> &'static str {
        match self {
            AssetStatus::InStock => "På lager",
            AssetStatus::InUse => "I drift",
            AssetStatus::InRepair => "På reparation",
            AssetStatus::Stolen => "Stulen",
            AssetStatus::Lost => "Borttappad",
            AssetStatus::Collected => "Insamlad för avveckling",
            AssetStatus::Wiped => "Raderad",
            AssetStatus::Retired => "Avvecklad",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// Still somewhere in the region's hands and in the register's counts
    /// of equipment (not stolen, lost or retired).
    pub const fn is_held(self) -> bool {
        !matches!(self, AssetStatus::Stolen | AssetStatus::Lost | AssetStatus::Retired)
    }

    /// Someone's equipment that a new one may replace ("Byt ut"): in use
    /// or in repair.
    pub const fn is_replaceable(self) -> bool {
        matches!(self, AssetStatus::InUse | AssetStatus::InRepair)
    }
}

/// Why a move between two statuses is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The asset already has that status.
    Same,
    /// Avvecklad is final.
    Final,
    /// Not a move the lifecycle has (from, to).
    NotAllowed,
    /// Wiping is recorded with the disk destruction certificate's reference.
    CertificateRequired,
}

impl Refusal {
    /// The refusal in words, for the form and the API's error.
    pub fn message_sv(self, from: AssetStatus, to: AssetStatus) -> String {
        match self {
            Refusal::Same => format!("Tillgången har redan status {}.", from.label_sv()),
            Refusal::Final => "En avvecklad tillgång kan inte ändras.".into(),
            Refusal::NotAllowed => format!(
                "{} kan inte gå direkt till {}. Möjliga nästa steg: {}.",
                from.label_sv(),
                to.label_sv(),
                next(from).iter().map(|s| s.label_sv()).collect::<Vec<_>>().join(", ")
            ),
            Refusal::CertificateRequired => {
                "Ange referensen till intyget om diskdestruktion när tillgången raderas.".into()
            }
        }
    }
}

/// The statuses an asset with status `from` may move to, in the order the
/// form offers them.
pub fn next(from: AssetStatus) -> &'static [AssetStatus] {
    use AssetStatus::*;
    match from {
        InStock => &[InUse, InRepair, Collected, Stolen, Lost, Retired],
        InUse => &[InRepair, InStock, Collected, Stolen, Lost],
        InRepair => &[InUse, InStock, Collected, Lost],
        Stolen => &[InUse, InStock, Retired],
        Lost => &[InUse, InStock, Retired],
        Collected => &[Wiped, InStock],
        Wiped => &[Retired, InStock],
        Retired => &[],
    }
}

/// Whether an asset may move from `from` to `to`; `certificate` is the
/// disk destruction certificate's reference given with the move (required
/// to wipe). The one rule of the lifecycle: the status form, the service
/// and the API all ask it.
pub fn transition(from: AssetStatus, to: AssetStatus, certificate: Option<&str>) -> Result<(), Refusal> {
    if from == AssetStatus::Retired {
        return Err(Refusal::Final);
    }
    if from == to {
        return Err(Refusal::Same);
    }
    if !next(from).contains(&to) {
        return Err(Refusal::NotAllowed);
    }
    if to == AssetStatus::Wiped && certificate.map(str::trim).is_none_or(str::is_empty) {
        return Err(Refusal::CertificateRequired);
    }
    Ok(())
}

/// Months of warranty from delivery when the agreement says nothing else
/// (the region's framework agreements give three years on computers).
pub const WARRANTY_MONTHS: u32 = 36;

/// The last day of warranty of an asset delivered on `delivered`.
pub fn warranty_end(delivered: NaiveDate) -> NaiveDate {
    add_months(delivered, WARRANTY_MONTHS).pred_opt().unwrap_or(delivered)
}

/// `date` plus `months`, on the month's last day when it has no such day
/// (2026-01-31 + 1 month is 2026-02-28).
pub fn add_months(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_add_months(Months::new(months)).unwrap_or(NaiveDate::MAX)
}

/// The asset tag of the `n`th unit (from 1) of order line `line_id`:
/// unique because a line is delivered once, and readable on a label
/// (`IT-104233-1`). Imported assets keep the tags they had.
pub fn tag_for(line_id: i32, n: i32) -> String {
    format!("IT-{line_id}-{n}")
}

/// The longest asset tag and serial number stored.
pub const TAG_MAX: usize = 40;
pub const SERIAL_MAX: usize = 100;

#[cfg(test)]
mod tests;
