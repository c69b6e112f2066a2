//! Joint adoption of a förvaltningsplan. Each object family names the
//! object roles that must each approve a plan in review (the objektägare
//! alone, the objektägare IT alone, or both together); the plan is adopted
//! when the last of them approves. One person gives one approval, as the
//! first required role they hold that nobody has approved as yet, so a plan
//! that needs two roles needs two people. Whoever sent the plan for review
//! approves nothing of it (segregation of duties).

use super::roles::ObjectRole;

/// The roles a family may require, in the order they are listed.
pub const CHOICES: [ObjectRole; 2] = [ObjectRole::Objektagare, ObjectRole::ObjektagareIt];

/// The rule until an administrator sets another: the objektägare alone.
pub const DEFAULT: &str = "objektagare";

/// Checks a family's rule: at least one role, each one of [`CHOICES`];
/// returned in their order without repeats.
pub fn check(roles: &[ObjectRole]) -> Result<Vec<ObjectRole>, &'static str> {
    if roles.iter().any(|r| !CHOICES.contains(r)) {
        return Err("Planen kan bara fastställas av objektägare och objektägare IT.");
    }
    let chosen: Vec<ObjectRole> = CHOICES.into_iter().filter(|c| roles.contains(c)).collect();
    if chosen.is_empty() {
        return Err("Välj minst en roll som ska godkänna planen.");
    }
    Ok(chosen)
}

/// A family's stored rule (`objektagare,objektagare_it`). One that does not
/// parse is an error, never a default (fail closed).
pub fn parse(stored: &str) -> Result<Vec<ObjectRole>, String> {
    let roles = stored
        .split(',')
        .map(|s| s.trim().parse::<ObjectRole>().map_err(|e| e.to_string()))
        .collect::<Result<Vec<_>, _>>()?;
    check(&roles).map_err(str::to_owned)
}

/// The rule as stored.
pub fn store(roles: &[ObjectRole]) -> String {
    roles.iter().map(|r| r.as_str()).collect::<Vec<_>>().join(",")
}

/// A role as it reads inside a sentence: `objektägare IT`.
pub fn phrase(role: ObjectRole) -> String {
    let label = role.label_sv();
    let mut chars = label.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Roles as a list inside a sentence: `objektägare och objektägare IT`.
pub fn phrase_list(roles: &[ObjectRole]) -> String {
    let words: Vec<String> = roles.iter().map(|r| phrase(*r)).collect();
    match words.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} och {last}", rest.join(", ")),
    }
}

/// An approval given in the plan's current review round.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Given {
    pub role: ObjectRole,
    pub person: i32,
}

/// What the caller's approval would be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Approval {
    /// The role it is given as.
    pub role: ObjectRole,
    /// It is the last one required: the plan becomes fastställd.
    pub adopts: bool,
}

/// The required roles nobody has approved as yet in this round.
pub fn waiting(required: &[ObjectRole], given: &[Given]) -> Vec<ObjectRole> {
    required
        .iter()
        .copied()
        .filter(|r| !given.iter().any(|g| g.role == *r))
        .collect()
}

/// The approval `person` (holding `held` on the object) may give, or why
/// not. `submitted`: they sent the plan for this review.
pub fn approve(
    required: &[ObjectRole],
    given: &[Given],
    held: &[ObjectRole],
    person: i32,
    submitted: bool,
) -> Result<Approval, String> {
    if submitted {
        return Err("Du skickade planen på avstämning och kan inte själv godkänna den.".into());
    }
    let open = waiting(required, given);
    if let Some(mine) = given.iter().find(|g| g.person == person) {
        return Err(format!(
            "Du har redan godkänt planen som {}. Den fastställs när {} också har godkänt.",
            phrase(mine.role),
            phrase_list(&open)
        ));
    }
    match open.iter().copied().find(|r| held.contains(r)) {
        Some(role) => Ok(Approval {
            role,
            adopts: open.len() == 1,
        }),
        None if required.iter().any(|r| held.contains(r)) => Err(format!(
            "Planen är redan godkänd av objektets {}. Nu väntar den på {}.",
            phrase_list(
                &required
                    .iter()
                    .copied()
                    .filter(|r| held.contains(r))
                    .collect::<Vec<_>>()
            ),
            phrase_list(&open)
        )),
        None => Err(format!(
            "I den här objektfamiljen fastställs planen av {}; du har ingen av de rollerna på objektet.",
            phrase_list(required)
        )),
    }
}

#[cfg(test)]
mod tests;
