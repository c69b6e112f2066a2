use sea_orm::entity::prelude::*;

/// A förvaltningsobjekt.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "governance_object")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub family_id: i32,
    pub name: String,
    /// `karn`, `stod` or `it`.
    pub class: String,
    pub description: String,
    pub it_components: String,
    pub products: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
