//! Maintaining the FOA: administrators create families and objects and set
//! an object's name, family and class; an object's förvaltningsledare (and
//! administrators) maintain its description, IT components, products and
//! people. Everyone signed in reads.

use super::dto::*;
use crate::audit::service::record;
use crate::ctx::{require, require_signed_in, Ctx};
use crate::domain::authz::{permits, Grant, Permission, Scope};
use crate::domain::duties::{check_people, Appointment, Change};
use crate::domain::roles::ObjectRole;
use crate::domain::roles::Role;
use crate::entities::{governance_object, object_family, object_person};
use crate::error::AppError;
use crate::plans::service::{has_template, may_create, object_role, plan_refs, roles_on, Standing};

/// The role codes these grants may appoint on the object.
fn appointable(grants: &[Grant], object_id: i32) -> Vec<String> {
    ObjectRole::ALL
        .into_iter()
        .filter(|r| permits(grants, Scope::Object(object_id), Permission::Appoint(*r)))
        .map(|r| r.as_str().to_owned())
        .collect()
}

/// Keeps the description, IT components, products and people: the object's
/// förvaltningsledare and objektägare (who may appoint is `domain::duties`).
fn may_edit(s: &Standing) -> bool {
    s.can(Permission::EditPlan) || s.can(Permission::DecidePlan)
}
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
};

async fn families<C: ConnectionTrait>(db: &C) -> Result<Vec<FamilyRef>, AppError> {
    Ok(object_family::Entity::find()
        .order_by_asc(object_family::Column::SortOrder)
        .order_by_asc(object_family::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|f| FamilyRef { id: f.id, name: f.name })
        .collect())
}

/// An object's page; `id` 0 is the empty form for a new object
/// (administrators only).
pub async fn detail<C: ConnectionTrait>(ctx: &Ctx, db: &C, id: i32) -> Result<ObjectDetail, AppError> {
    require_signed_in(ctx)?;
    let families = families(db).await?;
    if id == 0 {
        require(ctx, crate::domain::authz::Permission::ManageGovernance)?;
        return Ok(ObjectDetail {
            id: 0,
            name: String::new(),
            family_id: families.first().map(|f| f.id).unwrap_or(0),
            family: String::new(),
            class: "karn".into(),
            description: String::new(),
            it_components: String::new(),
            products: String::new(),
            people: vec![],
            plans: vec![],
            can_edit: true,
            can_edit_identity: true,
            appointable: appointable(&ctx.global_grants(), 0),
            can_create_plan: false,
            has_template: false,
            you: ctx.person_id().unwrap_or(0),
            families,
        });
    }
    let o = governance_object::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::not_found("Förvaltningsobjektet finns inte."))?;
    let admin = ctx.has(Role::Admin);
    let standing = roles_on(db, ctx, id).await?;
    let editor = may_edit(&standing);
    let links = object_person::Entity::find()
        .filter(object_person::Column::ObjectId.eq(id))
        .order_by_asc(object_person::Column::Id)
        .all(db)
        .await?;
    let people = crate::org::directory::people(db, links.iter().map(|l| l.person_id)).await?;
    let order = |role: &str| {
        ObjectRole::ALL
            .iter()
            .position(|r| r.as_str() == role)
            .unwrap_or(usize::MAX)
    };
    let mut people: Vec<ObjectPersonDto> = links
        .iter()
        .filter_map(|l| {
            people.get(&l.person_id).map(|p| ObjectPersonDto {
                person_id: p.id,
                name: p.name.clone(),
                username: p.username.clone(),
                role: l.role.clone(),
            })
        })
        .collect();
    people.sort_by_key(|p| order(&p.role));
    let plans = plan_refs(db, id).await?;
    Ok(ObjectDetail {
        id,
        family: families
            .iter()
            .find(|f| f.id == o.family_id)
            .map(|f| f.name.clone())
            .unwrap_or_default(),
        name: o.name,
        family_id: o.family_id,
        class: o.class,
        description: o.description,
        it_components: o.it_components,
        products: o.products,
        people,
        plans,
        can_edit: admin || editor,
        can_edit_identity: admin,
        appointable: appointable(&standing.grants, id),
        can_create_plan: may_create(ctx, standing.can(Permission::EditPlan)),
        has_template: has_template(db, o.family_id).await?,
        you: ctx.person_id().unwrap_or(0),
        families,
    })
}

fn check_text(field: &str, label: &str, value: &str, max: usize) -> Result<(), AppError> {
    if value.chars().count() > max {
        return Err(AppError::validation(
            field,
            format!(
                "{label} är för lång (högst {} tecken).",
                crate::domain::format::count(max as u64)
            ),
        ));
    }
    Ok(())
}

/// Creates (`id` None, administrators) or updates an object. A
/// förvaltningsledare's save keeps the object's name, family and class.
pub async fn save<C>(ctx: &Ctx, db: &C, id: Option<i32>, mut input: ObjectInput) -> Result<i32, AppError>
where
    C: ConnectionTrait + TransactionTrait,
{
    require_signed_in(ctx)?;
    let admin = ctx.has(Role::Admin);
    // The caller's grants on the object decide both the save and, below,
    // whom they may appoint; a new object: the administrator's global roles.
    let (existing, grants) = match id {
        None => {
            require(ctx, crate::domain::authz::Permission::ManageGovernance)?;
            (None, ctx.global_grants())
        }
        Some(id) => {
            let o = governance_object::Entity::find_by_id(id)
                .one(db)
                .await?
                .ok_or_else(|| AppError::not_found("Förvaltningsobjektet finns inte."))?;
            let standing = roles_on(db, ctx, id).await?;
            if !admin && !may_edit(&standing) {
                return Err(AppError::ForbiddenWithMessage {
                    message:
                        "Bara objektets förvaltningsledare och objektägare och administratörer kan ändra objektet."
                            .into(),
                });
            }
            (Some(o), standing.grants)
        }
    };
    if let (Some(o), false) = (&existing, admin) {
        input.name = o.name.clone();
        input.family_id = o.family_id;
        input.class = o.class.clone();
    }
    input.name = input.name.trim().to_owned();
    if input.name.is_empty() {
        return Err(AppError::validation("name", "Ange objektets namn."));
    }
    check_text("name", "Namnet", &input.name, 200)?;
    check_text("description", "Beskrivningen", &input.description, 20_000)?;
    check_text(
        "it_components",
        "Listan över IT-komponenter",
        &input.it_components,
        5_000,
    )?;
    check_text("products", "Listan över förvaltningsprodukter", &input.products, 5_000)?;
    if !CLASSES.iter().any(|(c, _)| *c == input.class) {
        return Err(AppError::validation(
            "class",
            "Välj kärnobjekt, stödobjekt eller IT-objekt.",
        ));
    }
    if object_family::Entity::find_by_id(input.family_id)
        .one(db)
        .await?
        .is_none()
    {
        return Err(AppError::validation("family_id", "Välj en objektfamilj."));
    }
    let clash = governance_object::Entity::find()
        .filter(governance_object::Column::Name.eq(input.name.clone()))
        .one(db)
        .await?;
    if clash.is_some_and(|c| Some(c.id) != id) {
        return Err(AppError::validation(
            "name",
            "Det finns redan ett förvaltningsobjekt med det namnet.",
        ));
    }
    let mut people: Vec<Appointment> = Vec::with_capacity(input.people.len());
    for (person_id, role) in &input.people {
        let role: ObjectRole = role
            .parse()
            .map_err(|_| AppError::validation("people", "Okänd roll."))?;
        people.push((*person_id, role));
    }
    people.sort();
    people.dedup();
    if people.len() > 100 {
        return Err(AppError::validation("people", "Högst 100 personer per objekt."));
    }
    let ids: std::collections::BTreeSet<i32> = people.iter().map(|(p, _)| *p).collect();
    let known = crate::org::directory::count_people(db, ids.iter().copied()).await?;
    if known != ids.len() as u64 {
        return Err(AppError::validation(
            "people",
            "En av personerna finns inte i katalogen.",
        ));
    }
    if !people.iter().any(|(_, r)| r.is_leader()) {
        return Err(AppError::validation(
            "people",
            "Objektet behöver minst en förvaltningsledare eller förvaltningsledare IT.",
        ));
    }
    // Segregation of duties: who may appoint whom (domain::duties).
    let before: Vec<Appointment> = match id {
        None => vec![],
        Some(id) => object_person::Entity::find()
            .filter(object_person::Column::ObjectId.eq(id))
            .all(db)
            .await?
            .iter()
            .map(|l| Ok((l.person_id, object_role(&l.role)?)))
            .collect::<Result<_, AppError>>()?,
    };
    let actor = ctx.person_id().unwrap_or(0);
    let changes = check_people(actor, &grants, id.unwrap_or(0), &before, &people)
        .map_err(|e| AppError::validation("people", e.message()))?;

    let txn = crate::db::begin_write(db).await?;
    let object_id = match existing {
        None => {
            governance_object::ActiveModel {
                family_id: Set(input.family_id),
                name: Set(input.name.clone()),
                class: Set(input.class.clone()),
                description: Set(input.description.clone()),
                it_components: Set(input.it_components.clone()),
                products: Set(input.products.clone()),
                ..Default::default()
            }
            .insert(&txn)
            .await?
            .id
        }
        Some(o) => {
            let mut m: governance_object::ActiveModel = o.into();
            m.family_id = Set(input.family_id);
            m.name = Set(input.name.clone());
            m.class = Set(input.class.clone());
            m.description = Set(input.description.clone());
            m.it_components = Set(input.it_components.clone());
            m.products = Set(input.products.clone());
            m.update(&txn).await?.id
        }
    };
    // The portfolio lists objects by name and family.
    crate::plans::service::portfolio_changed(&txn).await?;
    object_person::Entity::delete_many()
        .filter(object_person::Column::ObjectId.eq(object_id))
        .exec(&txn)
        .await?;
    for (person_id, role) in &people {
        object_person::ActiveModel {
            object_id: Set(object_id),
            person_id: Set(*person_id),
            role: Set(role.as_str().to_owned()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    record(
        &txn,
        ctx,
        if id.is_none() {
            "governance_object.created"
        } else {
            "governance_object.updated"
        },
        Some("governance_object"),
        Some(&object_id.to_string()),
        serde_json::json!({ "name": input.name, "people": people.len() }),
    )
    .await?;
    for change in &changes {
        let ((person_id, role), action) = match change {
            Change::Added(a) => (a, "object_role.appointed"),
            Change::Removed(a) => (a, "object_role.removed"),
        };
        let roles_of = |list: &[Appointment]| -> Vec<&'static str> {
            list.iter()
                .filter(|(p, _)| p == person_id)
                .map(|(_, r)| r.as_str())
                .collect()
        };
        record(
            &txn,
            ctx,
            action,
            Some("governance_object"),
            Some(&object_id.to_string()),
            serde_json::json!({
                "object": input.name,
                "person_id": person_id,
                "role": role.as_str(),
                "before": roles_of(&before),
                "after": roles_of(&people),
            }),
        )
        .await?;
    }
    txn.commit().await?;
    Ok(object_id)
}

/// Creates an object family (administrators).
pub async fn add_family<C>(ctx: &Ctx, db: &C, name: &str) -> Result<i32, AppError>
where
    C: ConnectionTrait + TransactionTrait,
{
    require(ctx, crate::domain::authz::Permission::ManageGovernance)?;
    let name = name.trim();
    if name.is_empty() {
        return Err(AppError::validation("name", "Ange familjens namn."));
    }
    check_text("name", "Namnet", name, 200)?;
    if object_family::Entity::find()
        .filter(object_family::Column::Name.eq(name))
        .one(db)
        .await?
        .is_some()
    {
        return Err(AppError::validation(
            "name",
            "Det finns redan en objektfamilj med det namnet.",
        ));
    }
    let last = object_family::Entity::find()
        .order_by_desc(object_family::Column::SortOrder)
        .one(db)
        .await?
        .map(|f| f.sort_order)
        .unwrap_or(0);
    let txn = crate::db::begin_write(db).await?;
    let f = object_family::ActiveModel {
        name: Set(name.to_owned()),
        sort_order: Set(last + 1),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    crate::plans::service::portfolio_changed(&txn).await?;
    record(
        &txn,
        ctx,
        "object_family.created",
        Some("object_family"),
        Some(&f.id.to_string()),
        serde_json::json!({ "name": name }),
    )
    .await?;
    txn.commit().await?;
    Ok(f.id)
}
