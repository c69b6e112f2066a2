//! Governance objects and plans: who may read, edit and decide is checked
//! here against the caller's roles on the plan's object.
//!
//! - [`standing`]: the caller's roles on an object, and people's names;
//! - [`overview`]: `/forvaltning`, the caller's objects and a page of all;
//! - [`read`]: the object list, the plans a caller may see, and one plan
//!   with everything its page shows;
//! - [`create`]: an object's first plan for a year, and the family templates
//!   it may start from;
//! - [`save`]: what a draft may store, and the save with optimistic locking;
//! - [`workflow`]: submit, approve (adopt) and return; new revisions and next year's plan;
//! - [`adoption`]: who approves a family's plans, the approvals of a plan's
//!   review rounds and its timeline;
//! - [`portfolio`]: two revisions compared, and the region's adopted plans summed.

mod adoption;
mod create;
mod overview;
mod portfolio;
mod read;
mod save;
mod standing;
mod workflow;

pub use adoption::save_adopters;
pub use create::{create, save_template, template};
pub use overview::overview;
pub use portfolio::{changed as portfolio_changed, compare, portfolio, PortfolioCache};
pub use read::{get, list, objects};
pub use save::{check_settings, save, validate};
pub use workflow::{decide, new_revision, next_year};

pub(crate) use create::{has_template, may_create};
pub(crate) use read::{content_of, plan_ref, plan_refs, roll_up_of};
pub(crate) use standing::{actor_name, actor_of, object_role, roles_on, Standing};
