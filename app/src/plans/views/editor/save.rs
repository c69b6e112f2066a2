//! Autosave and conflicts as plain values: how the status line moves when
//! the user types and when a save returns, and what another person's
//! version changed.

use crate::error::AppError;
use crate::plans::dto::{PlanContent, PlanDto, SaveOutcome};
use std::time::Duration;

/// What the autosave is doing, for the status line.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveState {
    /// Nothing changed since the page loaded (or the user took the other
    /// person's version).
    Idle,
    /// Changed; saved when the user pauses.
    Dirty,
    Saving,
    Saved(chrono::DateTime<chrono::Utc>),
    /// Not saved: a field cannot be read, and why.
    Invalid(String),
    /// The save failed; it is retried.
    Failed(String),
    /// Someone else saved first: their plan, until the user chooses.
    Conflict(Box<PlanDto>),
}

impl SaveState {
    /// The state after the user changed the plan: dirty, unless a conflict
    /// waits for their choice (`None`: it stays).
    pub fn after_change(&self) -> Option<SaveState> {
        (!matches!(self, SaveState::Conflict(_))).then_some(SaveState::Dirty)
    }

    /// What a finished save leaves: the version the next save starts from,
    /// if it changed, and the new state (`None`: the user typed during the
    /// save, so the plan stays dirty).
    pub fn after_save(&self, result: Result<SaveOutcome, AppError>) -> (Option<i32>, Option<SaveState>) {
        match result {
            Ok(SaveOutcome::Saved { version, updated_at }) => (
                Some(version),
                matches!(self, SaveState::Saving).then_some(SaveState::Saved(updated_at)),
            ),
            Ok(SaveOutcome::Conflict(current)) => (None, Some(SaveState::Conflict(current))),
            Err(e @ AppError::Validation { .. }) => (None, Some(SaveState::Invalid(e.to_string()))),
            Err(e) => (None, Some(SaveState::Failed(e.to_string()))),
        }
    }

    /// How long the autosave waits: a second and a half after a change,
    /// five seconds before it retries a failed save; `None`: nothing to do.
    // Only the browser runs the autosave timer.
    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    pub fn autosave_delay(&self) -> Option<Duration> {
        match self {
            SaveState::Dirty => Some(Duration::from_millis(1500)),
            SaveState::Failed(_) => Some(Duration::from_millis(5000)),
            _ => None,
        }
    }

    /// Whether what is on screen may differ from what is stored (then the
    /// plan cannot be submitted yet).
    pub fn unsaved(&self) -> bool {
        matches!(
            self,
            SaveState::Dirty
                | SaveState::Saving
                | SaveState::Invalid(_)
                | SaveState::Failed(_)
                | SaveState::Conflict(_)
        )
    }
}

/// What the other version changed, in short Swedish sentences.
pub fn describe_changes(mine: &PlanContent, theirs: &PlanContent) -> Vec<String> {
    let mut out = Vec::new();
    for g in &theirs.goals {
        match mine.goals.iter().find(|m| m.id == g.id) {
            None => out.push(format!("De lade till målet ”{}”.", g.text)),
            Some(m) if m != g => out.push(format!("De ändrade målet ”{}”.", g.text)),
            _ => {}
        }
    }
    for m in &mine.goals {
        if !theirs.goals.iter().any(|g| g.id == m.id) {
            out.push(format!("Målet ”{}” finns inte i deras version.", m.text));
        }
    }
    for chapter in crate::plans::diff::changed_sections(mine, theirs) {
        out.push(format!("{chapter}: deras version skiljer sig."));
    }
    out
}
