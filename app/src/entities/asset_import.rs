use sea_orm::entity::prelude::*;

/// One upload of an older register's CSV file: checked (a dry run) or
/// imported, with its progress and its per-row problems. The file is kept
/// (`content`) until it has been imported or has failed.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "asset_import")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub created_by: i32,
    pub file_name: String,
    pub dry_run: bool,
    /// `queued`, `checking`, `checked`, `writing`, `done` or `failed`.
    pub status: String,
    pub rows_total: i32,
    pub rows_checked: i32,
    pub rows_written: i32,
    pub problem_count: i32,
    /// The first problems, as JSON.
    #[sea_orm(column_type = "Text")]
    pub problems: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub message: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub content: Option<String>,
    pub worker: Option<String>,
    pub heartbeat_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub finished_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
