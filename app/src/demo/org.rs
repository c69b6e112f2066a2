//! The demo organisation: the administrations, units, cost centres and
//! delivery addresses of Region Norrvik, and its people with their roles and
//! (demo) passwords.
//!
//! Written straight into `org`'s tables (and `auth`'s `local_credential`):
//! neither area has a service that creates these rows.

use super::DEMO_PASSWORD;
use crate::domain::org::{OrgCode, PostalCode};
use crate::domain::roles::Role;
use crate::entities::{administration, cost_center, delivery_address, local_credential, person, person_role, unit};
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, Set};
use std::collections::HashMap;

/// (code, name)
pub const ADMINISTRATIONS: &[(&str, &str)] = &[
    ("HSF", "Hälso- och sjukvårdsförvaltningen"),
    ("RSF", "Regionservice"),
    ("KUF", "Kultur- och utbildningsförvaltningen"),
    ("FTV", "Folktandvården"),
];

/// (administration, code, name, cost centres (code, name), addresses (label, street, postal code, city))
type UnitSeed = (
    &'static str,
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
    &'static [(&'static str, &'static str, &'static str, &'static str)],
);

const SJUKHUSET: &str = "Sjukhusvägen 1";
/// The region's IT stock: hardware delivered there is registered På lager.
pub const STOCK_ADDRESS: &str = "IT-lagret";
const REGIONHUSET: &str = "Stora torget 1";

pub const UNITS: &[UnitSeed] = &[
    (
        "HSF",
        "HSF-AKUT",
        "Akutmottagningen Centralsjukhuset",
        &[("41110", "Akutmottagning vuxna"), ("41120", "Akutmottagning barn")],
        &[(
            "Centralsjukhuset, godsmottagning entré A",
            SJUKHUSET,
            "721 89",
            "Norrvik",
        )],
    ),
    (
        "HSF",
        "HSF-KARD",
        "Kardiologkliniken",
        &[
            ("41210", "Kardiologi vårdavdelning"),
            ("41220", "Kardiologi mottagning"),
        ],
        &[(
            "Centralsjukhuset hus 14, plan 3",
            "Sjukhusvägen 14",
            "721 89",
            "Norrvik",
        )],
    ),
    (
        "HSF",
        "HSF-BARN",
        "Barn- och ungdomskliniken",
        &[("41310", "Barnavdelning 12"), ("41320", "BUP-mottagning")],
        &[("Centralsjukhuset hus 9", "Sjukhusvägen 9", "721 89", "Norrvik")],
    ),
    (
        "HSF",
        "HSF-VCN",
        "Vårdcentralen Norrby",
        &[("42110", "Vårdcentralen Norrby")],
        &[("Vårdcentralen Norrby, reception", "Norrby torg 4", "721 30", "Norrvik")],
    ),
    (
        "HSF",
        "HSF-VCS",
        "Vårdcentralen Strandå",
        &[("42210", "Vårdcentralen Strandå")],
        &[(
            "Vårdcentralen Strandå, personalingång",
            "Strandvägen 22",
            "731 32",
            "Strandå",
        )],
    ),
    (
        "HSF",
        "HSF-PSY",
        "Psykiatriska kliniken",
        &[("43110", "Allmänpsykiatri"), ("43120", "Rättspsykiatri")],
        &[
            ("Psykiatrins hus", "Lasarettsgatan 7", "721 82", "Norrvik"),
            ("Rättspsykiatriska regionkliniken", "Skogsbrynet 2", "744 31", "Ekby"),
        ],
    ),
    (
        "RSF",
        "RSF-IT",
        "Regionservice IT",
        &[
            ("51110", "IT-drift"),
            ("51120", "IT-support och arbetsplats"),
            ("51130", "IT-förvaltning"),
        ],
        &[
            (STOCK_ADDRESS, "Verkstadsgatan 11", "721 36", "Norrvik"),
            ("Regionhuset, reception", REGIONHUSET, "721 15", "Norrvik"),
        ],
    ),
    (
        "RSF",
        "RSF-EKO",
        "Ekonomienheten",
        &[("52110", "Redovisning"), ("52120", "Upphandling")],
        &[("Regionhuset, plan 4", REGIONHUSET, "721 15", "Norrvik")],
    ),
    (
        "RSF",
        "RSF-HR",
        "HR-enheten",
        &[("53110", "HR-stöd")],
        &[("Regionhuset, plan 5", REGIONHUSET, "721 15", "Norrvik")],
    ),
    (
        "RSF",
        "RSF-FAST",
        "Fastighet och service",
        &[("54110", "Fastighetsförvaltning"), ("54120", "Transport och logistik")],
        &[("Servicecentralen", "Verkstadsgatan 11", "721 36", "Norrvik")],
    ),
    (
        "KUF",
        "KUF-FHS",
        "Ekbacka folkhögskola",
        &[("61110", "Folkhögskola undervisning")],
        &[("Ekbacka folkhögskola, kansliet", "Ekbackavägen 30", "744 91", "Ekby")],
    ),
    (
        "KUF",
        "KUF-BIB",
        "Regionbiblioteket",
        &[("62110", "Regionbibliotek")],
        &[("Regionbiblioteket", "Biblioteksgatan 3", "721 11", "Norrvik")],
    ),
    (
        "FTV",
        "FTV-CEN",
        "Folktandvården Centrum",
        &[("71110", "Allmäntandvård Centrum")],
        &[("Folktandvården Centrum", "Kungsgatan 18", "721 14", "Norrvik")],
    ),
    (
        "FTV",
        "FTV-SPEC",
        "Specialisttandvården",
        &[("72110", "Käkkirurgi"), ("72120", "Tandreglering")],
        &[("Specialisttandvården, hus 20", "Sjukhusvägen 20", "721 89", "Norrvik")],
    ),
];

/// A person of the demo directory: (username, given name, family name,
/// phone, unit, extra roles beyond `requester` with an optional cost centre).
type PersonSeed = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static [(Role, Option<&'static str>)],
);

/// The first eight are the demo persons, one per role.
pub const PEOPLE: &[PersonSeed] = &[
    ("anna.lindqvist", "Anna", "Lindqvist", "021-17 52 10", "HSF-KARD", &[]),
    (
        "erik.johansson",
        "Erik",
        "Johansson",
        "021-17 52 01",
        "HSF-KARD",
        &[(Role::Attester, Some("41210")), (Role::Attester, Some("41220"))],
    ),
    (
        "maria.nilsson",
        "Maria",
        "Nilsson",
        "021-17 60 21",
        "RSF-IT",
        &[(Role::Coordinator, None)],
    ),
    (
        "lars.andersson",
        "Lars",
        "Andersson",
        "021-17 60 35",
        "RSF-IT",
        &[(Role::CatalogManager, None)],
    ),
    (
        "sara.berg",
        "Sara",
        "Berg",
        "021-17 60 42",
        "RSF-IT",
        &[(Role::AssetManager, None)],
    ),
    (
        "johan.ek",
        "Johan",
        "Ek",
        "021-17 60 55",
        "RSF-IT",
        &[(Role::PlanManager, None)],
    ),
    (
        "karin.holm",
        "Karin",
        "Holm",
        "021-17 40 12",
        "HSF-AKUT",
        &[(Role::ObjectOwner, None)],
    ),
    (
        "per.svensson",
        "Per",
        "Svensson",
        "021-17 60 10",
        "RSF-IT",
        &[(Role::Admin, None)],
    ),
    (
        "eva.karlsson",
        "Eva",
        "Karlsson",
        "021-17 40 30",
        "HSF-AKUT",
        &[(Role::Attester, Some("41110")), (Role::Attester, Some("41120"))],
    ),
    ("mohammed.ali", "Mohammed", "Ali", "021-17 40 44", "HSF-AKUT", &[]),
    (
        "lena.persson",
        "Lena",
        "Persson",
        "021-17 53 02",
        "HSF-BARN",
        &[(Role::Attester, Some("41310")), (Role::Attester, Some("41320"))],
    ),
    ("oskar.lund", "Oskar", "Lund", "021-17 53 18", "HSF-BARN", &[]),
    (
        "ingrid.sandberg",
        "Ingrid",
        "Sandberg",
        "021-48 12 00",
        "HSF-VCN",
        &[(Role::Attester, Some("42110"))],
    ),
    ("ahmed.hassan", "Ahmed", "Hassan", "021-48 12 07", "HSF-VCN", &[]),
    (
        "birgitta.wallin",
        "Birgitta",
        "Wallin",
        "0498-22 31 00",
        "HSF-VCS",
        &[(Role::Attester, Some("42210"))],
    ),
    ("nils.forsberg", "Nils", "Forsberg", "0498-22 31 14", "HSF-VCS", &[]),
    (
        "helena.strom",
        "Helena",
        "Ström",
        "021-17 70 01",
        "HSF-PSY",
        &[(Role::Attester, Some("43110")), (Role::Attester, Some("43120"))],
    ),
    ("fredrik.nyberg", "Fredrik", "Nyberg", "021-17 70 26", "HSF-PSY", &[]),
    (
        "sofia.engstrom",
        "Sofia",
        "Engström",
        "021-17 60 70",
        "RSF-IT",
        &[
            (Role::Attester, Some("51110")),
            (Role::Attester, Some("51120")),
            (Role::Attester, Some("51130")),
        ],
    ),
    (
        "mikael.lindberg",
        "Mikael",
        "Lindberg",
        "021-17 60 88",
        "RSF-IT",
        &[(Role::Coordinator, None)],
    ),
    (
        "camilla.bjork",
        "Camilla",
        "Björk",
        "021-17 61 02",
        "RSF-EKO",
        &[(Role::Attester, Some("52110")), (Role::Attester, Some("52120"))],
    ),
    ("daniel.hedlund", "Daniel", "Hedlund", "021-17 61 15", "RSF-EKO", &[]),
    (
        "marie.lundgren",
        "Marie",
        "Lundgren",
        "021-17 61 40",
        "RSF-HR",
        &[(Role::Attester, Some("53110"))],
    ),
    ("jonas.sjoberg", "Jonas", "Sjöberg", "021-17 61 52", "RSF-HR", &[]),
    (
        "ulrika.axelsson",
        "Ulrika",
        "Axelsson",
        "021-17 62 00",
        "RSF-FAST",
        &[(Role::Attester, Some("54110")), (Role::Attester, Some("54120"))],
    ),
    ("peter.magnusson", "Peter", "Magnusson", "021-17 62 19", "RSF-FAST", &[]),
    (
        "annika.olsson",
        "Annika",
        "Olsson",
        "0224-55 10 00",
        "KUF-FHS",
        &[(Role::Attester, Some("61110"))],
    ),
    (
        "gustav.hellstrom",
        "Gustav",
        "Hellström",
        "0224-55 10 12",
        "KUF-FHS",
        &[],
    ),
    (
        "elin.sundberg",
        "Elin",
        "Sundberg",
        "021-17 80 05",
        "KUF-BIB",
        &[(Role::Attester, Some("62110"))],
    ),
    ("henrik.blom", "Henrik", "Blom", "021-17 80 16", "KUF-BIB", &[]),
    (
        "malin.jonsson",
        "Malin",
        "Jonsson",
        "021-17 90 01",
        "FTV-CEN",
        &[(Role::Attester, Some("71110"))],
    ),
    ("ali.rahimi", "Ali", "Rahimi", "021-17 90 22", "FTV-CEN", &[]),
    (
        "katarina.dahl",
        "Katarina",
        "Dahl",
        "021-17 91 00",
        "FTV-SPEC",
        &[(Role::Attester, Some("72110")), (Role::Attester, Some("72120"))],
    ),
    (
        "stefan.isaksson",
        "Stefan",
        "Isaksson",
        "021-17 91 31",
        "FTV-SPEC",
        &[(Role::PlanManager, None), (Role::ObjectOwner, None)],
    ),
];

/// The e-mail domain of the demo region.
pub const EMAIL_DOMAIN: &str = "regionnorrvik.se";

/// Inserts the demo organisation and its people. Called inside the demo
/// seeding transaction, on a database without the demo region.
pub(super) async fn seed_org<C: ConnectionTrait>(txn: &C) -> Result<(), DbErr> {
    let mut admin_ids = HashMap::new();
    for (code, name) in ADMINISTRATIONS {
        let code = OrgCode::parse(code).map_err(|e| DbErr::Custom(e.to_string()))?;
        let m = administration::ActiveModel {
            code: Set(code.to_string()),
            name: Set((*name).to_owned()),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        admin_ids.insert(m.code.clone(), m.id);
    }

    let mut unit_ids = HashMap::new();
    let mut center_ids = HashMap::new();
    for (admin, code, name, centers, addresses) in UNITS {
        let u = unit::ActiveModel {
            administration_id: Set(admin_ids[*admin]),
            code: Set((*code).to_owned()),
            name: Set((*name).to_owned()),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        unit_ids.insert(*code, u.id);
        for (cc_code, cc_name) in *centers {
            let c = cost_center::ActiveModel {
                unit_id: Set(u.id),
                code: Set((*cc_code).to_owned()),
                name: Set((*cc_name).to_owned()),
                active: Set(true),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            center_ids.insert(*cc_code, c.id);
        }
        for (label, street, postal, city) in *addresses {
            let postal = PostalCode::parse(postal).map_err(|e| DbErr::Custom(e.to_string()))?;
            delivery_address::ActiveModel {
                unit_id: Set(u.id),
                label: Set((*label).to_owned()),
                street: Set((*street).to_owned()),
                postal_code: Set(postal.to_string()),
                city: Set((*city).to_owned()),
                is_stock: Set(*label == STOCK_ADDRESS),
                ..Default::default()
            }
            .insert(txn)
            .await?;
        }
    }

    let now = chrono::Utc::now();
    // One hash for all demo people keeps seeding fast; real passwords are
    // hashed one by one with their own salt.
    let demo_hash = crate::auth::password::hash(DEMO_PASSWORD).map_err(|e| DbErr::Custom(e.to_string()))?;
    for (username, given, family, phone, unit_code, roles) in PEOPLE {
        let p = person::ActiveModel {
            username: Set((*username).to_owned()),
            given_name: Set((*given).to_owned()),
            family_name: Set((*family).to_owned()),
            email: Set(format!("{username}@{EMAIL_DOMAIN}")),
            phone: Set((*phone).to_owned()),
            unit_id: Set(unit_ids[*unit_code]),
            active: Set(true),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        local_credential::ActiveModel {
            person_id: Set(p.id),
            password_hash: Set(demo_hash.clone()),
            updated_at: Set(now),
        }
        .insert(txn)
        .await?;
        let all_roles = std::iter::once((Role::Requester, None)).chain(roles.iter().copied());
        for (role, center) in all_roles {
            person_role::ActiveModel {
                person_id: Set(p.id),
                role: Set(role.as_str().to_owned()),
                cost_center_id: Set(center.map(|c| center_ids[c])),
                ..Default::default()
            }
            .insert(txn)
            .await?;
        }
    }
    Ok(())
}
