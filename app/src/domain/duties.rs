//! Segregation of duties: nobody grants themselves a role or widens their
//! own rights, nobody decides on what they asked for. Pure rules, applied by
//! the services before they write.
//!
//! - Object roles are appointed by an administrator (any role) or by the
//!   object's objektägare (the roles below theirs: förvaltningsledare,
//!   specialists, driftansvarig, verksamhetsstöd), never by the person
//!   concerned — adding and removing alike.
//! - Nobody is both objektägare and förvaltningsledare of one object: the
//!   one who writes the plan is not the one who adopts it.
//! - Whoever submitted a plan cannot adopt it (see `domain::plan::transition`).
//! - Attest rights are given, changed and ended by an administrator, never
//!   for themselves ([`check_attest_rights`]).

use super::authz::{permits, Grant, Permission, Scope};
use super::roles::ObjectRole;
use std::collections::BTreeSet;

/// A person in a role on an object.
pub type Appointment = (i32, ObjectRole);

/// One change to an object's people.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Added(Appointment),
    Removed(Appointment),
}

impl Change {
    pub fn appointment(self) -> Appointment {
        match self {
            Change::Added(a) | Change::Removed(a) => a,
        }
    }
}

/// Why a change of an object's people is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DutyError {
    /// The caller's own roles would change.
    OwnRoles,
    /// The caller may not appoint anyone to this role on this object.
    MayNotAppoint(ObjectRole),
    /// This person would both write and adopt the plan.
    WritesAndAdopts(i32),
    /// The caller's own attest rights would change.
    OwnAttestRights,
    /// Only an administrator gives, changes or ends attest rights.
    MayNotGrantAttestRights,
}

impl DutyError {
    pub fn message(self) -> String {
        match self {
            DutyError::OwnRoles => "Du kan inte ändra dina egna roller på objektet. Be en administratör \
                                    eller objektets objektägare."
                .into(),
            DutyError::MayNotAppoint(role) if role.is_owner() => {
                format!(
                    "Bara en administratör kan utse eller ta bort {}.",
                    role.label_sv().to_lowercase()
                )
            }
            DutyError::MayNotAppoint(role) => format!(
                "Bara en administratör eller objektets objektägare kan utse eller ta bort {}.",
                role.label_sv().to_lowercase()
            ),
            DutyError::WritesAndAdopts(_) => "Samma person kan inte vara både förvaltningsledare och objektägare \
                                               för objektet: den som skriver planen fastställer den inte."
                .into(),
            DutyError::OwnAttestRights => "Du kan inte ge, ändra eller avsluta attesträtt för dig själv. Be en \
                                           annan administratör."
                .into(),
            DutyError::MayNotGrantAttestRights => {
                "Bara en administratör kan ge, ändra eller avsluta attesträtt.".into()
            }
        }
    }
}

/// What differs between the people before and after, removals first.
pub fn changes(before: &[Appointment], after: &[Appointment]) -> Vec<Change> {
    let before: BTreeSet<Appointment> = before.iter().copied().collect();
    let after: BTreeSet<Appointment> = after.iter().copied().collect();
    before
        .difference(&after)
        .map(|a| Change::Removed(*a))
        .chain(after.difference(&before).map(|a| Change::Added(*a)))
        .collect()
}

/// Checks a change of an object's people by `actor` (a person id) holding
/// `grants`; returns the changes to write and audit.
pub fn check_people(
    actor: i32,
    grants: &[Grant],
    object_id: i32,
    before: &[Appointment],
    after: &[Appointment],
) -> Result<Vec<Change>, DutyError> {
    let changes = changes(before, after);
    for c in &changes {
        let (person, role) = c.appointment();
        if person == actor {
            return Err(DutyError::OwnRoles);
        }
        if !permits(grants, Scope::Object(object_id), Permission::Appoint(role)) {
            return Err(DutyError::MayNotAppoint(role));
        }
    }
    let owners: BTreeSet<i32> = after.iter().filter(|(_, r)| r.is_owner()).map(|(p, _)| *p).collect();
    if let Some((p, _)) = after.iter().find(|(p, r)| r.is_leader() && owners.contains(p)) {
        return Err(DutyError::WritesAndAdopts(*p));
    }
    Ok(changes)
}

/// Checks a change of `person`'s attest rights (giving, changing or ending
/// one) by `actor` (a person id) holding `grants`: an administrator may,
/// but never for themselves — whoever decides who attests does not decide
/// their own limit.
pub fn check_attest_rights(actor: i32, grants: &[Grant], person: i32) -> Result<(), DutyError> {
    if person == actor {
        return Err(DutyError::OwnAttestRights);
    }
    if !permits(grants, Scope::Global, Permission::Administer) {
        return Err(DutyError::MayNotGrantAttestRights);
    }
    Ok(())
}

#[cfg(test)]
mod tests;
