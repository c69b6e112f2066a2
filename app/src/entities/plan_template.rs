use sea_orm::entity::prelude::*;

/// An object family's template for new förvaltningsplaner.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "plan_template")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub family_id: i32,
    /// The template's document (`PlanContent`) as JSON.
    #[sea_orm(column_type = "Text")]
    pub content: String,
    pub day_rate_business_ore: i64,
    pub day_rate_it_ore: i64,
    pub days_per_fte: i32,
    pub updated_at: DateTimeUtc,
    pub updated_by: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
