use sea_orm::entity::prelude::*;

/// Attest rights (attesträtt): this person may approve orders charged to
/// this cost centre up to `limit_ore` of total commitment, from
/// `valid_from` to `valid_to` (inclusive; open-ended when `None`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "attest_right")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub person_id: i32,
    pub cost_center_id: i32,
    pub limit_ore: i64,
    pub valid_from: Date,
    pub valid_to: Option<Date>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
