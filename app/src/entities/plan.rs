use sea_orm::entity::prelude::*;

/// One revision of an object's förvaltningsplan for a year.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "plan")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub object_id: i32,
    pub year: i32,
    pub revision: i32,
    pub status: String,
    /// Incremented by every save; a save must name the version it started from.
    pub version: i32,
    /// The plan's document (`PlanContent`) as JSON.
    #[sea_orm(column_type = "Text")]
    pub content: String,
    pub day_rate_business_ore: i64,
    pub day_rate_it_ore: i64,
    pub days_per_fte: i32,
    pub total_ore: i64,
    pub vm_ore: i64,
    pub vu_ore: i64,
    pub business_ore: i64,
    pub it_ore: i64,
    pub fte_hundredths: i64,
    /// The cost split (`Vec<FinancingParty>`) as JSON, `[]` for none.
    #[sea_orm(column_type = "Text")]
    pub financing: String,
    pub decided_on: Option<Date>,
    #[sea_orm(column_type = "Text")]
    pub decision_minutes: String,
    pub updated_at: DateTimeUtc,
    pub updated_by: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
