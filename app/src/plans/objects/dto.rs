//! Governance object types shared by the browser and the server.

use crate::plans::dto::PlanRef;
use serde::{Deserialize, Serialize};

/// The FOA classes: code and label.
pub const CLASSES: [(&str, &str); 3] = [("karn", "Kärnobjekt"), ("stod", "Stödobjekt"), ("it", "IT-objekt")];

#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FamilyRef {
    pub id: i32,
    pub name: String,
}

/// A person in a role on the object.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObjectPersonDto {
    pub person_id: i32,
    pub name: String,
    pub username: String,
    pub role: String,
}

/// An object with everything its page shows and may edit.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObjectDetail {
    /// 0 for a new object.
    pub id: i32,
    pub name: String,
    pub family_id: i32,
    pub family: String,
    pub class: String,
    pub description: String,
    pub it_components: String,
    pub products: String,
    pub people: Vec<ObjectPersonDto>,
    pub plans: Vec<PlanRef>,
    /// Description, IT components, products and people (its förvaltningsledare, administrators).
    pub can_edit: bool,
    /// Name, family and class too (administrators).
    pub can_edit_identity: bool,
    /// The role codes the caller may appoint or remove here
    /// (`domain::duties`): every role for administrators, the roles below
    /// theirs for the object's objektägare, none for anyone else.
    pub appointable: Vec<String>,
    /// Start the object's plan for a year with none (its förvaltningsledare,
    /// administrators).
    pub can_create_plan: bool,
    /// The object's family has a saved plan template to start from.
    pub has_template: bool,
    /// The caller's person id: nobody changes their own roles.
    pub you: i32,
    pub families: Vec<FamilyRef>,
}

/// What a save sends.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ObjectInput {
    pub name: String,
    pub family_id: i32,
    pub class: String,
    pub description: String,
    pub it_components: String,
    pub products: String,
    /// (person id, role code: `domain::roles::ObjectRole`)
    pub people: Vec<(i32, String)>,
}
