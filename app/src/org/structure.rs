//! Where a cost centre sits in the organisation, for questions that walk
//! the tree (attestation escalates cost centre → unit → förvaltning).

use crate::entities::{cost_center, unit};
use crate::error::AppError;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, QueryTrait};

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

/// Where a cost centre sits: its unit and its förvaltning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub cost_center_id: i32,
    pub unit_id: i32,
    pub administration_id: i32,
}

/// The place of `cost_center_id` (one statement); `None` when it does not
/// exist.
pub async fn place<C: ConnectionTrait>(db: &C, cost_center_id: i32) -> Result<Option<Place>, AppError> {
    let row: Option<(i32, i32)> = cost_center::Entity::find_by_id(cost_center_id)
        .select_only()
        .column(cost_center::Column::UnitId)
        .column(unit::Column::AdministrationId)
        .inner_join(unit::Entity)
        .into_tuple()
        .one(db)
        .await?;
    Ok(row.map(|(unit_id, administration_id)| Place {
        cost_center_id,
        unit_id,
        administration_id,
    }))
}

/// The statement selecting, as `center` and `unit`, each cost centre of the
/// förvaltning `administration_id` other than `except` with its unit: for
/// an area to ask "rights on these, by unit" in one statement (joined as a
/// subquery), without naming the organisation's tables.
pub fn administration_centers_with_units_query(
    administration_id: i32,
    except: i32,
) -> sea_orm::sea_query::SelectStatement {
    use sea_orm::sea_query::Expr;
    cost_center::Entity::find()
        .select_only()
        .expr_as(Expr::col((cost_center::Entity, cost_center::Column::Id)), "center")
        .expr_as(Expr::col((cost_center::Entity, cost_center::Column::UnitId)), "unit")
        .inner_join(unit::Entity)
        .filter(unit::Column::AdministrationId.eq(administration_id))
        .filter(cost_center::Column::Id.ne(except))
        .into_query()
}

/// The statement selecting the ids of the cost centres of the förvaltning
/// `administration_id` outside the unit `except_unit`: for an area to ask
/// "… on these" in one statement with `in_subquery`.
pub fn administration_centers_query(administration_id: i32, except_unit: i32) -> sea_orm::sea_query::SelectStatement {
    cost_center::Entity::find()
        .select_only()
        .column(cost_center::Column::Id)
        .inner_join(unit::Entity)
        .filter(unit::Column::AdministrationId.eq(administration_id))
        .filter(cost_center::Column::UnitId.ne(except_unit))
        .into_query()
}

/// `(cost centre, unit)` for each cost centre of the förvaltning
/// `administration_id` (one statement).
pub async fn centers_of_administration<C: ConnectionTrait>(
    db: &C,
    administration_id: i32,
) -> Result<Vec<(i32, i32)>, AppError> {
    Ok(cost_center::Entity::find()
        .select_only()
        .column(cost_center::Column::Id)
        .column(cost_center::Column::UnitId)
        .inner_join(unit::Entity)
        .filter(unit::Column::AdministrationId.eq(administration_id))
        .into_tuple()
        .all(db)
        .await?)
}

/// The neighbourhood of `cost_center_id`; `None` when it does not exist.
pub async fn neighbourhood<C: ConnectionTrait>(db: &C, cost_center_id: i32) -> Result<Option<Neighbourhood>, AppError> {
    let Some(p) = place(db, cost_center_id).await? else {
        return Ok(None);
    };
    Ok(Some(Neighbourhood {
        cost_center_id,
        unit_id: p.unit_id,
        administration_id: p.administration_id,
        centers: centers_of_administration(db, p.administration_id).await?,
    }))
}

/// A cost centre as a report names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CenterNames {
    pub code: String,
    pub name: String,
    /// Its förvaltning's name.
    pub administration: String,
}

impl CenterNames {
    /// "41210 Vårdcentral Norrvik".
    pub fn label(&self) -> String {
        format!("{} {}", self.code, self.name)
    }
}

/// Every cost centre's names, by id, in one statement: for reports over
/// the whole register (23 000 cost centres at ten times the region, which
/// looked up by id took 47 statements).
pub async fn center_names<C: ConnectionTrait>(db: &C) -> Result<std::collections::HashMap<i32, CenterNames>, AppError> {
    use crate::entities::administration;
    use sea_orm::RelationTrait;
    let rows: Vec<(i32, String, String, String)> = cost_center::Entity::find()
        .select_only()
        .column(cost_center::Column::Id)
        .column(cost_center::Column::Code)
        .column(cost_center::Column::Name)
        .column(administration::Column::Name)
        .inner_join(unit::Entity)
        .join(sea_orm::JoinType::InnerJoin, unit::Relation::Administration.def())
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, code, name, administration)| {
            (
                id,
                CenterNames {
                    code,
                    name,
                    administration,
                },
            )
        })
        .collect())
}
