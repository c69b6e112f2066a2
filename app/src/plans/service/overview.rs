//! `/forvaltning`: the caller's own objects first, then one page of all
//! objects, filtered by name and family. A region's FOA can hold hundreds
//! of objects; the page reads the people and plans of the objects it shows
//! and no others.

use super::read::summaries;
use crate::ctx::{require_signed_in, Ctx};
use crate::entities::{governance_object, object_family, object_person};
use crate::error::AppError;
use crate::plans::dto::{FamilyCount, ListedObject, ObjectsOverview, OBJECTS_PAGE_SIZE};
use sea_orm::sea_query::{Expr, Func, Order};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Select,
};
use std::collections::HashMap;

/// Objects in the FOA's order: family (its sort order), then name.
fn in_order(q: Select<governance_object::Entity>) -> Select<governance_object::Entity> {
    q.order_by(
        Expr::cust("(SELECT sort_order FROM object_family WHERE object_family.id = governance_object.family_id)"),
        Order::Asc,
    )
    .order_by_asc(governance_object::Column::Name)
    .order_by_asc(governance_object::Column::Id)
}

/// The overview for anyone signed in: `q` a part of the object's name,
/// `family` one family (none: all), `page` from 1 (past the last: the last).
pub async fn overview<C: ConnectionTrait>(
    ctx: &Ctx,
    db: &C,
    q: &str,
    family: Option<i32>,
    page: u64,
) -> Result<ObjectsOverview, AppError> {
    require_signed_in(ctx)?;
    let term = crate::domain::search::term(q).map_err(|m| AppError::validation("q", m))?;
    let families = object_family::Entity::find()
        .order_by_asc(object_family::Column::SortOrder)
        .all(db)
        .await?;
    let counts: HashMap<i32, i64> = governance_object::Entity::find()
        .select_only()
        .column(governance_object::Column::FamilyId)
        .column_as(governance_object::Column::Id.count(), "n")
        .group_by(governance_object::Column::FamilyId)
        .into_tuple::<(i32, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let family_name: HashMap<i32, String> = families.iter().map(|f| (f.id, f.name.clone())).collect();
    let listed = |objects: Vec<governance_object::Model>, summaries: Vec<crate::plans::dto::ObjectSummary>| {
        objects
            .iter()
            .zip(summaries)
            .map(|(o, object)| ListedObject {
                family_id: o.family_id,
                family: family_name.get(&o.family_id).cloned().unwrap_or_default(),
                object,
            })
            .collect::<Vec<_>>()
    };

    let mine = match ctx.person_id() {
        None => Vec::new(),
        Some(me) => {
            let roles = object_person::Entity::find()
                .select_only()
                .column(object_person::Column::ObjectId)
                .filter(object_person::Column::PersonId.eq(me))
                .distinct()
                .into_tuple::<i32>()
                .all(db)
                .await?;
            let objects =
                in_order(governance_object::Entity::find().filter(governance_object::Column::Id.is_in(roles)))
                    .all(db)
                    .await?;
            let s = summaries(db, &objects, true).await?;
            listed(objects, s)
        }
    };

    let mut query = governance_object::Entity::find();
    if let Some(term) = term {
        let pattern = crate::domain::search::contains_pattern(term);
        query = query.filter(
            Expr::expr(Func::lower(Expr::col((
                governance_object::Entity,
                governance_object::Column::Name,
            ))))
            .like(pattern),
        );
    }
    if let Some(f) = family {
        query = query.filter(governance_object::Column::FamilyId.eq(f));
    }
    let paginator = in_order(query).paginate(db, OBJECTS_PAGE_SIZE);
    let n = paginator.num_items_and_pages().await?;
    let page = page.clamp(1, n.number_of_pages.max(1));
    let objects = paginator.fetch_page(page - 1).await?;
    let s = summaries(db, &objects, true).await?;
    Ok(ObjectsOverview {
        families: families
            .into_iter()
            .map(|f| FamilyCount {
                objects: counts.get(&f.id).copied().unwrap_or(0).max(0) as u64,
                id: f.id,
                name: f.name,
            })
            .collect(),
        mine,
        rows: listed(objects, s),
        total: n.number_of_items,
        page,
        pages: n.number_of_pages.max(1),
    })
}
