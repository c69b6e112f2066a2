//! An item's fields as the form and the CSV import give them: the reference
//! data they point at, their validation and how they are copied onto a row.

use super::super::dto::*;
use crate::catalog::dto::{CategoryDto, SupplierDto};
use crate::domain::catalog::{ItemKind, ServiceLevel};
use crate::entities::{agreement, category, item, supplier};
use crate::error::AppError;
use sea_orm::{ConnectionTrait, EntityTrait, QueryOrder, Set};

/// The reference data item fields point at.
pub struct Refs {
    pub categories: Vec<category::Model>,
    pub suppliers: Vec<supplier::Model>,
    pub agreements: Vec<agreement::Model>,
}

pub async fn refs<C: ConnectionTrait>(db: &C) -> Result<Refs, AppError> {
    Ok(Refs {
        categories: category::Entity::find()
            .order_by_asc(category::Column::SortOrder)
            .all(db)
            .await?,
        suppliers: supplier::Entity::find()
            .order_by_asc(supplier::Column::Name)
            .all(db)
            .await?,
        agreements: agreement::Entity::find()
            .order_by_asc(agreement::Column::Name)
            .all(db)
            .await?,
    })
}

impl Refs {
    pub(super) fn options(&self) -> AdminOptions {
        AdminOptions {
            categories: self
                .categories
                .iter()
                .map(|c| CategoryDto {
                    id: c.id,
                    code: c.code.clone(),
                    name: c.name.clone(),
                    parent_id: c.parent_id,
                })
                .collect(),
            suppliers: self
                .suppliers
                .iter()
                .map(|s| SupplierDto {
                    id: s.id,
                    name: s.name.clone(),
                })
                .collect(),
            agreements: self
                .agreements
                .iter()
                .map(|a| AgreementDto {
                    id: a.id,
                    supplier_id: a.supplier_id,
                    name: a.name.clone(),
                })
                .collect(),
        }
    }
}

/// An item's fields once validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidItem {
    pub article_number: String,
    pub name: String,
    pub description: String,
    pub kind: ItemKind,
    pub category_id: i32,
    pub supplier_id: i32,
    pub agreement_id: Option<i32>,
    pub service_level: Option<ServiceLevel>,
    pub binding_months: i32,
    pub notice_months: i32,
}

fn months(value: &str, field: &'static str, problems: &mut Vec<(&'static str, String)>) -> i32 {
    let v = value.trim();
    if v.is_empty() {
        return 0;
    }
    match v.parse::<i32>() {
        Ok(n) if (0..=120).contains(&n) => n,
        _ => {
            problems.push((field, "Ange ett helt antal månader mellan 0 och 120.".into()));
            0
        }
    }
}

/// Checks every field of an item and returns all problems, each with the
/// form field it belongs to. The category and supplier are given as ids
/// (the form) and resolved against `refs`.
pub fn validate_item(form: &ItemForm, refs: &Refs) -> Result<ValidItem, Vec<(&'static str, String)>> {
    let mut problems = Vec::new();
    let article_number = form.article_number.trim().to_owned();
    if article_number.is_empty() {
        problems.push(("article_number", "Ange ett artikelnummer.".into()));
    } else if article_number.chars().count() > 32
        || !article_number
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c))
    {
        problems.push((
            "article_number",
            "Artikelnumret får ha högst 32 tecken: bokstäver A–Z, siffror och - _ . /".into(),
        ));
    }
    let name = form.name.trim().to_owned();
    if name.is_empty() {
        problems.push(("name", "Ange ett namn.".into()));
    } else if name.chars().count() > 200 {
        problems.push(("name", "Namnet får ha högst 200 tecken.".into()));
    }
    let description = form.description.trim().to_owned();
    if description.chars().count() > 4000 {
        problems.push(("description", "Beskrivningen får ha högst 4 000 tecken.".into()));
    }
    let kind = ItemKind::parse_any(&form.kind);
    if kind.is_none() {
        problems.push(("kind", "Välj typ: hårdvara, programlicens eller tjänst.".into()));
    }
    let category_id = form
        .category_id
        .trim()
        .parse::<i32>()
        .ok()
        .filter(|id| refs.categories.iter().any(|c| c.id == *id));
    if category_id.is_none() {
        problems.push(("category_id", "Välj en kategori i listan.".into()));
    }
    let supplier_id = form
        .supplier_id
        .trim()
        .parse::<i32>()
        .ok()
        .filter(|id| refs.suppliers.iter().any(|s| s.id == *id));
    if supplier_id.is_none() {
        problems.push(("supplier_id", "Välj en leverantör i listan.".into()));
    }
    let agreement_id = match form.agreement_id.trim() {
        "" => None,
        a => match a
            .parse::<i32>()
            .ok()
            .and_then(|id| refs.agreements.iter().find(|x| x.id == id))
        {
            Some(agr) if Some(agr.supplier_id) == supplier_id || supplier_id.is_none() => Some(agr.id),
            Some(_) => {
                problems.push(("agreement_id", "Avtalet hör till en annan leverantör.".into()));
                None
            }
            None => {
                problems.push(("agreement_id", "Välj ett avtal som finns.".into()));
                None
            }
        },
    };
    let service_level = match form.service_level.trim() {
        "" => None,
        l => match ServiceLevel::parse_any(l) {
            Some(level) => Some(level),
            None => {
                problems.push((
                    "service_level",
                    "Välj servicenivå: Järn, Brons, Silver, Guld eller Platina.".into(),
                ));
                None
            }
        },
    };
    if service_level.is_some() && kind.is_some_and(|k| k != ItemKind::Service) {
        problems.push(("service_level", "Servicenivå gäller bara tjänster.".into()));
    }
    let binding_months = months(&form.binding_months, "binding_months", &mut problems);
    let notice_months = months(&form.notice_months, "notice_months", &mut problems);
    match (kind, category_id, supplier_id) {
        (Some(kind), Some(category_id), Some(supplier_id)) if problems.is_empty() => Ok(ValidItem {
            article_number,
            name,
            description,
            kind,
            category_id,
            supplier_id,
            agreement_id,
            service_level,
            binding_months,
            notice_months,
        }),
        _ => Err(problems),
    }
}

pub(super) fn first_problem(problems: Vec<(&'static str, String)>) -> AppError {
    problems
        .into_iter()
        .next()
        .map(|(field, message)| AppError::validation(field, message))
        .unwrap_or(AppError::Internal)
}

/// Copies validated fields onto an item (the form and the import share it).
pub(in crate::catalog::admin) fn apply(model: &mut item::ActiveModel, v: &ValidItem) {
    model.article_number = Set(v.article_number.clone());
    model.name = Set(v.name.clone());
    model.description = Set(v.description.clone());
    model.kind = Set(v.kind.as_str().to_owned());
    model.category_id = Set(v.category_id);
    model.supplier_id = Set(v.supplier_id);
    model.agreement_id = Set(v.agreement_id);
    model.service_level = Set(v.service_level.map(|l| l.as_str().to_owned()));
    model.binding_months = Set(v.binding_months);
    model.notice_months = Set(v.notice_months);
}
