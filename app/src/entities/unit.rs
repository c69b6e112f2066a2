use sea_orm::entity::prelude::*;

/// An enhet (unit) within a förvaltning.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "unit")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub administration_id: i32,
    #[sea_orm(unique)]
    pub code: String,
    pub name: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::administration::Entity",
        from = "Column::AdministrationId",
        to = "super::administration::Column::Id"
    )]
    Administration,
    #[sea_orm(has_many = "super::cost_center::Entity")]
    CostCenter,
    #[sea_orm(has_many = "super::delivery_address::Entity")]
    DeliveryAddress,
}

impl Related<super::administration::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Administration.def()
    }
}

impl Related<super::cost_center::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::CostCenter.def()
    }
}

impl Related<super::delivery_address::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::DeliveryAddress.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
