use sea_orm::entity::prelude::*;

/// A person in a role on a governance object.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "object_person")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub object_id: i32,
    pub person_id: i32,
    pub role: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
