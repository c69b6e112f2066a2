use sea_orm::entity::prelude::*;

/// How many working days an order may stay in a status before the
/// coordinators' queue shows it as overdue.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "state_target")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub status: String,
    pub working_days: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
