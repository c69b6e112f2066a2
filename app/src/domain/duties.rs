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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::roles::Role;
    use ObjectRole::*;

    const OBJ: i32 = 1;
    const ADMIN: i32 = 10;
    const OWNER: i32 = 11;
    const LEADER: i32 = 12;
    const X: i32 = 13;

    fn grants_of(person: i32) -> Vec<Grant> {
        match person {
            ADMIN => vec![Grant::Global(Role::Admin)],
            OWNER => vec![Grant::Object {
                object_id: OBJ,
                role: Objektagare,
            }],
            LEADER => vec![Grant::Object {
                object_id: OBJ,
                role: Forvaltningsledare,
            }],
            _ => vec![],
        }
    }

    const TODAY: &[Appointment] = &[(OWNER, Objektagare), (LEADER, Forvaltningsledare)];

    fn with(extra: &[Appointment]) -> Vec<Appointment> {
        TODAY.iter().chain(extra).copied().collect()
    }

    fn without(gone: Appointment) -> Vec<Appointment> {
        TODAY.iter().copied().filter(|a| *a != gone).collect()
    }

    #[test]
    fn the_segregation_rules_hold_for_each_actor_and_change() {
        type Row = (&'static str, i32, Vec<Appointment>, Result<usize, DutyError>);
        let table: Vec<Row> = vec![
            ("nothing changes", LEADER, with(&[]), Ok(0)),
            ("admin appoints an owner", ADMIN, with(&[(X, ObjektagareIt)]), Ok(1)),
            (
                "admin appoints a leader",
                ADMIN,
                with(&[(X, ForvaltningsledareIt)]),
                Ok(1),
            ),
            (
                "admin appoints themselves",
                ADMIN,
                with(&[(ADMIN, Objektagare)]),
                Err(DutyError::OwnRoles),
            ),
            (
                "owner appoints a leader",
                OWNER,
                with(&[(X, ForvaltningsledareIt)]),
                Ok(1),
            ),
            ("owner appoints a specialist", OWNER, with(&[(X, Driftansvarig)]), Ok(1)),
            (
                "owner removes the leader",
                OWNER,
                without((LEADER, Forvaltningsledare)),
                Ok(1),
            ),
            (
                "owner appoints another owner",
                OWNER,
                with(&[(X, ObjektagareIt)]),
                Err(DutyError::MayNotAppoint(ObjektagareIt)),
            ),
            (
                "owner widens their own rights",
                OWNER,
                with(&[(OWNER, ObjektagareIt)]),
                Err(DutyError::OwnRoles),
            ),
            (
                "owner removes themselves",
                OWNER,
                without((OWNER, Objektagare)),
                Err(DutyError::OwnRoles),
            ),
            (
                "leader makes themselves owner",
                LEADER,
                with(&[(LEADER, Objektagare)]),
                Err(DutyError::OwnRoles),
            ),
            (
                "leader appoints a specialist",
                LEADER,
                with(&[(X, Objektspecialist)]),
                Err(DutyError::MayNotAppoint(Objektspecialist)),
            ),
            (
                "leader appoints an owner",
                LEADER,
                with(&[(X, Objektagare)]),
                Err(DutyError::MayNotAppoint(Objektagare)),
            ),
            (
                "leader removes the owner",
                LEADER,
                without((OWNER, Objektagare)),
                Err(DutyError::MayNotAppoint(Objektagare)),
            ),
            (
                "outsider appoints anyone",
                X,
                with(&[(X + 1, Verksamhetsstod)]),
                Err(DutyError::MayNotAppoint(Verksamhetsstod)),
            ),
            (
                "admin makes one person write and adopt",
                ADMIN,
                with(&[(LEADER, ObjektagareIt)]),
                Err(DutyError::WritesAndAdopts(LEADER)),
            ),
            (
                "owner makes themselves-free person write and adopt",
                OWNER,
                with(&[(X, Forvaltningsledare), (X, Objektagare)]),
                Err(DutyError::MayNotAppoint(Objektagare)),
            ),
        ];
        for (what, actor, after, expected) in table {
            let got = check_people(actor, &grants_of(actor), OBJ, TODAY, &after).map(|c| c.len());
            assert_eq!(got, expected, "{what}");
        }
    }

    #[test]
    fn changes_list_removals_then_additions_and_ignore_order_and_repeats() {
        let before = [(1, Objektagare), (2, Forvaltningsledare)];
        let after = [(3, Driftansvarig), (2, Forvaltningsledare), (3, Driftansvarig)];
        assert_eq!(
            changes(&before, &after),
            vec![Change::Removed((1, Objektagare)), Change::Added((3, Driftansvarig))]
        );
    }

    #[test]
    fn every_refusal_has_a_swedish_message() {
        assert!(DutyError::OwnRoles.message().contains("dina egna roller"));
        assert!(DutyError::MayNotAppoint(Objektagare)
            .message()
            .contains("Bara en administratör kan"));
        assert!(DutyError::MayNotAppoint(Driftansvarig)
            .message()
            .contains("objektägare"));
        assert!(DutyError::WritesAndAdopts(1).message().contains("fastställer"));
    }
}
