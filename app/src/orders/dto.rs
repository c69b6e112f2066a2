use crate::domain::money::Sek;
use crate::domain::orders::OrderStatus;
use crate::org::dto::DeliveryAddressDto;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use utoipa::ToSchema;

pub use crate::org::dto::PersonRef;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CostCenterOption {
    pub id: i32,
    pub code: String,
    pub name: String,
}

/// What the checkout form offers for a given recipient.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckoutOptions {
    pub requester: PersonRef,
    pub recipient: PersonRef,
    pub cost_centers: Vec<CostCenterOption>,
    pub default_cost_center: Option<i32>,
    pub addresses: Vec<DeliveryAddressDto>,
    /// A fresh key: a double click or a retry submits the same order once.
    pub idempotency_key: String,
    /// The asset the order will replace ("Byt ut"), when asked for one the
    /// caller may replace.
    pub replacing: Option<crate::assets::dto::ReplacedAsset>,
    /// Why the asset asked for cannot be replaced, in words.
    pub replacing_error: Option<String>,
}

/// The order to create. Lines come from the cart in the UI, from the body in the API.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct OrderInput {
    pub recipient_id: i32,
    pub cost_center_id: i32,
    /// An address of the recipient's or the requester's unit, or `None`
    /// with the new_* fields.
    pub address_id: Option<i32>,
    /// At most 100 characters, like `new_street` and `new_city`.
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(max_length = 100))]
    pub new_label: String,
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(max_length = 100))]
    pub new_street: String,
    #[serde(default)]
    pub new_postal_code: String,
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(max_length = 100))]
    pub new_city: String,
    /// At most 100 characters.
    #[cfg_attr(feature = "ssr", schema(max_length = 100))]
    pub contact_name: String,
    /// At most 32 characters, 7–15 digits.
    #[cfg_attr(feature = "ssr", schema(max_length = 32))]
    pub contact_phone: String,
    /// At most 200 characters.
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(max_length = 200))]
    pub reference: String,
    /// `YYYY-MM-DD`, a weekday, not in the past; optional.
    #[serde(default)]
    pub wanted_date: String,
    /// At most 2 000 characters.
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(max_length = 2000))]
    pub note: String,
    /// At most 200 different items.
    #[serde(default)]
    pub lines: Vec<LineInput>,
    /// The asset (id) this order replaces: the recipient's, in use or in
    /// repair. It is collected for retirement when the order's hardware is
    /// delivered.
    #[serde(default)]
    pub replaces_asset_id: Option<i32>,
}

/// The checkout form as the browser posts it (`input[field]`); the lines
/// are the caller's cart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct CheckoutInput {
    pub recipient_id: i32,
    pub cost_center_id: i32,
    /// A delivery address's id, or `ny` for the new_* fields.
    pub address: String,
    pub new_label: String,
    pub new_street: String,
    pub new_postal_code: String,
    pub new_city: String,
    pub contact_name: String,
    pub contact_phone: String,
    pub reference: String,
    pub wanted_date: String,
    pub note: String,
    /// From [`CheckoutOptions::idempotency_key`].
    pub idempotency_key: String,
    /// The replaced asset's id; empty for none.
    #[serde(default)]
    pub replaces_asset: String,
}

impl CheckoutInput {
    /// The order to create (without lines) and its idempotency key.
    pub fn into_order(self) -> Result<(OrderInput, String), crate::error::AppError> {
        let address_id = match self.address.as_str() {
            "ny" => None,
            id => Some(
                id.parse::<i32>()
                    .map_err(|_| crate::error::AppError::validation("address_id", "Välj en leveransadress."))?,
            ),
        };
        let replaces_asset_id = match self.replaces_asset.trim() {
            "" => None,
            id => Some(id.parse::<i32>().map_err(|_| {
                crate::error::AppError::validation("replaces_asset_id", "Tillgången som ska ersättas finns inte.")
            })?),
        };
        let order = OrderInput {
            recipient_id: self.recipient_id,
            cost_center_id: self.cost_center_id,
            address_id,
            new_label: self.new_label,
            new_street: self.new_street,
            new_postal_code: self.new_postal_code,
            new_city: self.new_city,
            contact_name: self.contact_name,
            contact_phone: self.contact_phone,
            reference: self.reference,
            wanted_date: self.wanted_date,
            note: self.note,
            lines: vec![],
            replaces_asset_id,
        };
        Ok((order, self.idempotency_key))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct LineInput {
    pub item_id: i32,
    /// 1 to 999; the lines of one item together at most 999.
    #[cfg_attr(feature = "ssr", schema(value_type = i32, minimum = 1, maximum = 999))]
    pub quantity: crate::domain::orders::Quantity,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct OrderLineDto {
    pub item_id: i32,
    pub article_number: String,
    pub name: String,
    pub quantity: i32,
    /// Frozen at order time, öre.
    #[cfg_attr(feature = "ssr", schema(value_type = i64))]
    pub unit_one_off: Sek,
    #[cfg_attr(feature = "ssr", schema(value_type = i64))]
    pub unit_monthly: Sek,
    pub binding_months: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct OrderEventDto {
    pub at: chrono::DateTime<chrono::Utc>,
    pub actor: String,
    #[cfg_attr(feature = "ssr", schema(value_type = Option<String>))]
    pub from: Option<OrderStatus>,
    #[cfg_attr(feature = "ssr", schema(value_type = String))]
    pub to: OrderStatus,
    pub comment: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct OrderSummary {
    pub id: i32,
    /// Shown to people: `B000123`.
    pub number: String,
    #[cfg_attr(feature = "ssr", schema(value_type = String))]
    pub status: OrderStatus,
    pub requester_id: i32,
    pub requester: String,
    pub recipient_id: i32,
    pub recipient: String,
    pub cost_center_id: i32,
    pub cost_center: String,
    #[cfg_attr(feature = "ssr", schema(value_type = i64))]
    pub one_off: Sek,
    #[cfg_attr(feature = "ssr", schema(value_type = i64))]
    pub monthly: Sek,
    #[cfg_attr(feature = "ssr", schema(value_type = i64))]
    pub commitment: Sek,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

/// One of the caller's orders (Mina beställningar), with whom it waits for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct MyOrder {
    #[serde(flatten)]
    pub summary: OrderSummary,
    /// While its attestation is open: whom it waits for and since when.
    pub waiting: Option<crate::attest::dto::Waiting>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct OrderDetail {
    #[serde(flatten)]
    pub summary: OrderSummary,
    pub delivery: String,
    pub contact: String,
    pub reference: String,
    pub wanted_date: Option<chrono::NaiveDate>,
    pub note: String,
    pub lines: Vec<OrderLineDto>,
    pub events: Vec<OrderEventDto>,
    /// Where its attestation stands: whom it waits for, or who decided.
    /// `None` for an order from before attestation.
    pub attestation: Option<crate::attest::dto::AttestationDto>,
    /// Its suppliers' parts once it is attested (empty before).
    #[serde(default)]
    pub parts: Vec<crate::fulfilment::dto::PartDto>,
    /// The asset it replaces ("Byt ut"), if any.
    #[serde(default)]
    pub replaces: Option<crate::assets::dto::ReplacedAsset>,
}

pub fn order_number(id: i32) -> String {
    format!("B{id:06}")
}
