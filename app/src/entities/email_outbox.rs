use sea_orm::entity::prelude::*;

/// One email waiting to be sent, or sent (see migration 015).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "email_outbox")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The address; for a row naming a person, empty until sent and then
    /// the address it went to (migration 018).
    pub to_address: String,
    /// Whose address the sender looks up when it sends, if the row names a
    /// person.
    pub person_id: Option<i32>,
    pub subject: String,
    #[sea_orm(column_type = "Text")]
    pub body: String,
    /// The path in Avrop the message points to (the sender puts the public
    /// URL before it).
    pub link: Option<String>,
    pub created_at: DateTimeUtc,
    /// Failed sends so far.
    pub attempts: i32,
    pub next_attempt_at: DateTimeUtc,
    pub sent_at: Option<DateTimeUtc>,
    #[sea_orm(column_type = "Text", nullable)]
    pub last_error: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
