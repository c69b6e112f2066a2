//! Where a cost centre sits in the organisation, for questions that walk
//! the tree (attestation escalates cost centre → unit → förvaltning).

use crate::entities::{cost_center, unit};
use crate::error::AppError;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};

/// A cost centre and its surroundings: its unit, its förvaltning, and every
/// cost centre of that förvaltning with its unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Neighbourhood {
    pub cost_center_id: i32,
    pub unit_id: i32,
    pub administration_id: i32,
    /// `(cost centre, unit)` for each cost centre of the förvaltning.
    pub centers: Vec<(i32, i32)>,
}

/// The neighbourhood of `cost_center_id`; `None` when it does not exist.
pub async fn neighbourhood<C: ConnectionTrait>(db: &C, cost_center_id: i32) -> Result<Option<Neighbourhood>, AppError> {
    let Some(cc) = cost_center::Entity::find_by_id(cost_center_id).one(db).await? else {
        return Ok(None);
    };
    let Some(u) = unit::Entity::find_by_id(cc.unit_id).one(db).await? else {
        return Ok(None);
    };
    let units: Vec<i32> = unit::Entity::find()
        .select_only()
        .column(unit::Column::Id)
        .filter(unit::Column::AdministrationId.eq(u.administration_id))
        .into_tuple()
        .all(db)
        .await?;
    let centers: Vec<(i32, i32)> = cost_center::Entity::find()
        .select_only()
        .column(cost_center::Column::Id)
        .column(cost_center::Column::UnitId)
        .filter(cost_center::Column::UnitId.is_in(units))
        .into_tuple()
        .all(db)
        .await?;
    Ok(Some(Neighbourhood {
        cost_center_id,
        unit_id: u.id,
        administration_id: u.administration_id,
        centers,
    }))
}
