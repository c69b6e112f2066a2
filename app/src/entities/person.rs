use sea_orm::entity::prelude::*;

/// A person in the directory (an employee of the region).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "person")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub username: String,
    pub given_name: String,
    pub family_name: String,
    #[sea_orm(unique)]
    pub email: String,
    pub phone: String,
    pub unit_id: i32,
    pub active: bool,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::unit::Entity",
        from = "Column::UnitId",
        to = "super::unit::Column::Id"
    )]
    Unit,
    #[sea_orm(has_many = "super::person_role::Entity")]
    PersonRole,
}

impl Related<super::unit::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Unit.def()
    }
}

impl Related<super::person_role::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::PersonRole.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
