use sea_orm::entity::prelude::*;

/// Which part an order line belongs to, and the serial numbers its
/// supplier delivered (one per line of text).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "order_part_line")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub line_id: i32,
    pub part_id: i32,
    pub serial_numbers: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::order_part::Entity",
        from = "Column::PartId",
        to = "super::order_part::Column::Id"
    )]
    Part,
}

impl Related<super::order_part::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Part.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
