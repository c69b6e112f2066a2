use sea_orm::entity::prelude::*;

/// A catalogue item (artikel).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "item")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub article_number: String,
    pub name: String,
    pub description: String,
    /// `domain::catalog::ItemKind` code.
    pub kind: String,
    pub category_id: i32,
    pub supplier_id: i32,
    pub agreement_id: Option<i32>,
    pub image_path: Option<String>,
    pub active: bool,
    /// `domain::catalog::ServiceLevel` code, for services.
    pub service_level: Option<String>,
    pub binding_months: i32,
    pub notice_months: i32,
    /// The cost centre of the unit that delivers the service (credited by
    /// the monthly charging), and its revenue and expense accounts.
    pub service_cost_center_id: Option<i32>,
    pub revenue_account: String,
    pub expense_account: String,
    pub created_at: DateTimeUtc,
    /// The catalogue version (`catalog_version.version`) of the last change
    /// of the item, its prices or its image (`catalog::snapshot::changed`).
    pub changed_in: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
