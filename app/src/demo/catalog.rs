//! The demo catalogue: a realistic Swedish eKatalog of 43 items and 6
//! bundles, with matching rules. Seeded with the demo region.
//!
//! Written straight into `catalog`'s tables: its admin service audits every
//! change as a signed-in catalogue manager's, which demo data is not. The
//! catalogue's version is bumped through `catalog::snapshot::changed`.

use crate::entities::{agreement, bundle, bundle_item, category, item, item_price, item_rule, supplier};
use chrono::NaiveDate;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set};
use std::collections::HashMap;

/// (code, parent code, name)
const CATEGORIES: &[(&str, Option<&str>, &str)] = &[
    ("DATORER", None, "Datorer"),
    ("BARBAR", Some("DATORER"), "Bärbara datorer"),
    ("STATIONAR", Some("DATORER"), "Stationära datorer"),
    ("SKARMAR", None, "Skärmar"),
    ("DOCKNING", None, "Dockningsstationer"),
    ("TILLBEHOR", None, "Tillbehör"),
    ("HEADSET", Some("TILLBEHOR"), "Headset"),
    ("TANGENTBORD", Some("TILLBEHOR"), "Tangentbord och möss"),
    ("KABLAR", Some("TILLBEHOR"), "Kablar"),
    ("MOBIL", None, "Mobiltelefoner"),
    ("LICENSER", None, "Programlicenser"),
    ("TJANSTER", None, "Tjänster"),
];

/// (name, org number)
const SUPPLIERS: &[(&str, &str)] = &[
    ("Atea Sverige AB", "556448-0282"),
    ("Dustin Sverige AB", "556237-7027"),
    ("Telia Sverige AB", "556430-0142"),
    ("Crayon AB", "556596-5281"),
    ("Regionservice IT", "232100-0172"),
];

/// (code, supplier, name)
const AGREEMENTS: &[(&str, &str, &str)] = &[
    ("DATORER-2024", "Atea Sverige AB", "Datorer och tillbehör 2024–2028"),
    ("TILLBEHOR-2025", "Dustin Sverige AB", "Kringutrustning 2025–2027"),
    ("MOBIL-2025", "Telia Sverige AB", "Mobiltelefoni 2025–2029"),
    ("PROGRAM-2023", "Crayon AB", "Programvarulicenser 2023–2027"),
    ("TJANST-2026", "Regionservice IT", "Intern tjänsteöverenskommelse 2026"),
];

/// (article number, name, kind, category, supplier, agreement, one-off kr,
/// monthly kr, binding months, notice months, service level, description)
type ItemSeed = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    i64,
    i64,
    i32,
    i32,
    Option<&'static str>,
    &'static str,
);

const ATEA: &str = "Atea Sverige AB";
const DUSTIN: &str = "Dustin Sverige AB";
const TELIA: &str = "Telia Sverige AB";
const CRAYON: &str = "Crayon AB";
const RSIT: &str = "Regionservice IT";
const HW: &str = "hardware";
const SW: &str = "software_licence";
pub(super) const SV: &str = "service";

pub const ITEMS: &[ItemSeed] = &[
    ("DL-5450", "Dell Latitude 5450", HW, "BARBAR", ATEA, "DATORER-2024", 0, 389, 36, 3, None,
     "Standarddator, 14 tum. Intel Core Ultra 5, 16 GB minne, 512 GB SSD. PC som tjänst med service och byte efter 36 månader."),
    ("DL-7450", "Dell Latitude 7450", HW, "BARBAR", ATEA, "DATORER-2024", 0, 529, 36, 3, None,
     "Prestandadator, 14 tum. Intel Core Ultra 7, 32 GB minne, 1 TB SSD. För tunga kalkyler, många fönster och videomöten."),
    ("HP-840", "HP EliteBook 840 G11", HW, "BARBAR", ATEA, "DATORER-2024", 0, 449, 36, 3, None,
     "Lätt bärbar dator för mobilt arbete i vården, 14 tum, 16 GB minne, 512 GB SSD, inbyggd 5G."),
    ("HP-ZB16", "HP ZBook Power 16 G11", HW, "BARBAR", ATEA, "DATORER-2024", 0, 849, 36, 3, None,
     "Mobil arbetsstation, 16 tum, NVIDIA RTX-grafik, 32 GB minne. För bild, CAD och medicinsk visualisering."),
    ("LN-X1C", "Lenovo ThinkPad X1 Carbon Gen 12", HW, "BARBAR", ATEA, "DATORER-2024", 0, 649, 36, 3, None,
     "Mycket lätt bärbar dator, 14 tum, 32 GB minne, 1 TB SSD. För den som reser mycket i tjänsten."),
    ("DL-OP7020", "Dell OptiPlex 7020 Micro", HW, "STATIONAR", ATEA, "DATORER-2024", 0, 299, 36, 3, None,
     "Liten stationär dator för expeditioner och receptioner. Intel Core i5, 16 GB minne, 512 GB SSD."),
    ("HP-800", "HP Elite Mini 800 G9", HW, "STATIONAR", ATEA, "DATORER-2024", 0, 319, 36, 3, None,
     "Liten stationär dator som kan monteras bakom skärmen. Intel Core i5, 16 GB minne."),
    ("DL-PR3680", "Dell Precision 3680 Tower", HW, "STATIONAR", ATEA, "DATORER-2024", 0, 899, 36, 3, None,
     "Stationär arbetsstation med NVIDIA RTX-grafik och 64 GB minne för CAD och bildbehandling."),
    ("DL-P2425H", "Dell P2425H 24\" skärm", HW, "SKARMAR", DUSTIN, "TILLBEHOR-2025", 2190, 0, 0, 0, None,
     "24 tum Full HD, höj- och vridbar fot, HDMI, DisplayPort och USB-C."),
    ("DL-P2725H", "Dell P2725H 27\" skärm", HW, "SKARMAR", DUSTIN, "TILLBEHOR-2025", 3290, 0, 0, 0, None,
     "27 tum Full HD, höj- och vridbar fot, HDMI, DisplayPort och USB-C."),
    ("DL-U2724D", "Dell UltraSharp U2724D 27\" QHD", HW, "SKARMAR", DUSTIN, "TILLBEHOR-2025", 4990, 0, 0, 0, None,
     "27 tum 2560×1440, fabrikskalibrerad. För bild- och CAD-arbete."),
    ("HP-E24G5", "HP E24 G5 24\" skärm", HW, "SKARMAR", DUSTIN, "TILLBEHOR-2025", 2090, 0, 0, 0, None,
     "24 tum Full HD med HDMI och DisplayPort."),
    ("DL-C2423H", "Dell C2423H 24\" videokonferensskärm", HW, "SKARMAR", DUSTIN, "TILLBEHOR-2025", 3990, 0, 0, 0, None,
     "24 tum med inbyggd kamera, mikrofon och högtalare för digitala vårdmöten."),
    ("DL-WD22TB4", "Dell WD22TB4 Thunderbolt-docka", HW, "DOCKNING", DUSTIN, "TILLBEHOR-2025", 2890, 0, 0, 0, None,
     "Dockningsstation för Dell Latitude: två skärmar, nätverk, USB och laddning i en kabel."),
    ("HP-TBG4", "HP Thunderbolt Dock G4", HW, "DOCKNING", DUSTIN, "TILLBEHOR-2025", 2790, 0, 0, 0, None,
     "Dockningsstation för HP EliteBook och ZBook."),
    ("LN-TBD4", "Lenovo ThinkPad Universal Thunderbolt 4 Dock", HW, "DOCKNING", DUSTIN, "TILLBEHOR-2025", 3190, 0, 0, 0, None,
     "Dockningsstation för Lenovo ThinkPad."),
    ("JB-E40", "Jabra Evolve2 40 SE USB-C", HW, "HEADSET", DUSTIN, "TILLBEHOR-2025", 1190, 0, 0, 0, None,
     "Trådbundet headset med brusreducerande mikrofon, certifierat för Teams."),
    ("JB-E65", "Jabra Evolve2 65 Flex", HW, "HEADSET", DUSTIN, "TILLBEHOR-2025", 2490, 0, 0, 0, None,
     "Trådlöst, vikbart headset med aktiv brusreducering och laddställ."),
    ("PL-V5200", "Poly Voyager 5200 Office", HW, "HEADSET", DUSTIN, "TILLBEHOR-2025", 1890, 0, 0, 0, None,
     "Trådlöst headset för ett öra, för telefonrådgivning."),
    ("LG-MK295", "Logitech MK295 Silent tangentbord och mus", HW, "TANGENTBORD", DUSTIN, "TILLBEHOR-2025", 399, 0, 0, 0, None,
     "Tyst trådlöst tangentbord med svensk layout och mus."),
    ("LG-MXKS", "Logitech MX Keys S Combo", HW, "TANGENTBORD", DUSTIN, "TILLBEHOR-2025", 1490, 0, 0, 0, None,
     "Ergonomiskt tangentbord med bakgrundsbelysning och MX Master-mus."),
    ("DL-KM5221", "Dell KM5221W tangentbord och mus", HW, "TANGENTBORD", DUSTIN, "TILLBEHOR-2025", 549, 0, 0, 0, None,
     "Trådlös sats med svensk layout och spillskydd."),
    ("LG-M240", "Logitech M240 Silent mus", HW, "TANGENTBORD", DUSTIN, "TILLBEHOR-2025", 249, 0, 0, 0, None,
     "Tyst trådlös mus med Bluetooth."),
    ("KB-HDMI2", "HDMI-kabel 2 m", HW, "KABLAR", DUSTIN, "TILLBEHOR-2025", 129, 0, 0, 0, None,
     "HDMI 2.0-kabel för skärm utan docka."),
    ("KB-DP2", "DisplayPort-kabel 2 m", HW, "KABLAR", DUSTIN, "TILLBEHOR-2025", 149, 0, 0, 0, None,
     "DisplayPort 1.4-kabel för stationära datorer."),
    ("KB-USBC2", "USB-C-kabel för skärm 2 m", HW, "KABLAR", DUSTIN, "TILLBEHOR-2025", 249, 0, 0, 0, None,
     "USB-C med bild och laddning, för skärmar med USB-C-ingång."),
    ("AP-IP16", "Apple iPhone 16 128 GB", HW, "MOBIL", TELIA, "MOBIL-2025", 0, 329, 24, 1, None,
     "Mobiltelefon med abonnemang, skal och skärmskydd. Hanteras i regionens mobilhantering."),
    ("AP-IP16E", "Apple iPhone 16e 128 GB", HW, "MOBIL", TELIA, "MOBIL-2025", 0, 249, 24, 1, None,
     "Prisvärd iPhone med abonnemang, skal och skärmskydd."),
    ("SA-A56", "Samsung Galaxy A56 5G", HW, "MOBIL", TELIA, "MOBIL-2025", 0, 179, 24, 1, None,
     "Android-telefon med abonnemang, skal och skärmskydd."),
    ("SA-XC7", "Samsung Galaxy XCover7", HW, "MOBIL", TELIA, "MOBIL-2025", 0, 199, 24, 1, None,
     "Tålig telefon för hemtjänst och larmhantering, tål vatten och tvätt med desinfektionsmedel."),
    ("MS-M365E3", "Microsoft 365 E3", SW, "LICENSER", CRAYON, "PROGRAM-2023", 0, 389, 12, 1, None,
     "Office-programmen, Teams, Outlook och OneDrive för en användare."),
    ("MS-M365F3", "Microsoft 365 F3", SW, "LICENSER", CRAYON, "PROGRAM-2023", 0, 89, 12, 1, None,
     "Webbversionerna av Office och Teams för medarbetare i vård och omsorg utan egen dator."),
    ("MS-VISIO2", "Microsoft Visio Plan 2", SW, "LICENSER", CRAYON, "PROGRAM-2023", 0, 169, 12, 1, None,
     "Flödesscheman och processkartor."),
    ("AD-ACRO", "Adobe Acrobat Pro", SW, "LICENSER", CRAYON, "PROGRAM-2023", 0, 229, 12, 1, None,
     "Skapa, redigera och signera PDF-dokument."),
    ("AD-CC", "Adobe Creative Cloud Alla appar", SW, "LICENSER", CRAYON, "PROGRAM-2023", 0, 899, 12, 1, None,
     "Photoshop, Illustrator, InDesign och Premiere för kommunikatörer."),
    ("AC-ACLT", "AutoCAD LT", SW, "LICENSER", CRAYON, "PROGRAM-2023", 0, 579, 12, 1, None,
     "2D-ritning för fastighet och medicinteknik."),
    ("TJ-INST", "Installation på plats", SV, "TJANSTER", RSIT, "TJANST-2026", 950, 0, 0, 0, Some("brons"),
     "En tekniker installerar datorn på arbetsplatsen, kopplar in docka och skärmar och loggar in med användaren."),
    ("TJ-MIGR", "Datamigrering", SV, "TJANSTER", RSIT, "TJANST-2026", 650, 0, 0, 0, Some("brons"),
     "Flytt av filer, bokmärken och inställningar från den gamla datorn till den nya."),
    ("TJ-DISK", "Diskdestruktion av ersatt dator", SV, "TJANSTER", RSIT, "TJANST-2026", 350, 0, 0, 0, Some("brons"),
     "Den ersatta datorn hämtas, disken förstörs med intyg och datorn avvecklas i tillgångsregistret."),
    ("TJ-APP", "Installation av applikationspaket", SV, "TJANSTER", RSIT, "TJANST-2026", 450, 0, 0, 0, Some("brons"),
     "Installation av verksamhetsspecifika program utöver standardpaketet."),
    ("TJ-SILV", "Support Silver", SV, "TJANSTER", RSIT, "TJANST-2026", 0, 59, 12, 3, Some("silver"),
     "Standardsupport under kontorstid med återställning inom 2 timmar."),
    ("TJ-GULD", "Utökad support Guld", SV, "TJANSTER", RSIT, "TJANST-2026", 0, 149, 12, 3, Some("guld"),
     "Support dygnet runt året runt med återställning inom 2 timmar, för verksamhet med dygnet-runt-drift."),
    ("TJ-PLAT", "Support Platina", SV, "TJANSTER", RSIT, "TJANST-2026", 0, 990, 12, 3, Some("platina"),
     "För kritisk vårdutrustning: dygnet runt, opåverkad av underhåll, återställning inom 10 minuter."),
];

/// (year, month, day)
type Ymd = (i32, u32, u32);

/// Future prices already decided: (article number, from, one-off kr, monthly kr).
const FUTURE_PRICES: &[(&str, Ymd, i64, i64)] = &[
    ("DL-5450", (2027, 1, 1), 0, 399),
    ("DL-P2425H", (2027, 1, 1), 2290, 0),
    ("MS-M365E3", (2027, 7, 1), 0, 419),
];

/// (kind, item, targets)
pub(super) const RULES: &[(&str, &str, &[&str])] = &[
    ("fits_only", "DL-WD22TB4", &["DL-5450", "DL-7450"]),
    ("fits_only", "HP-TBG4", &["HP-840", "HP-ZB16"]),
    ("fits_only", "LN-TBD4", &["LN-X1C"]),
    ("requires", "DL-5450", &["DL-WD22TB4"]),
    ("requires", "DL-7450", &["DL-WD22TB4"]),
    (
        "requires",
        "DL-P2425H",
        &["DL-WD22TB4", "HP-TBG4", "LN-TBD4", "KB-HDMI2", "KB-DP2", "KB-USBC2"],
    ),
    (
        "requires",
        "DL-P2725H",
        &["DL-WD22TB4", "HP-TBG4", "LN-TBD4", "KB-HDMI2", "KB-DP2", "KB-USBC2"],
    ),
    (
        "requires",
        "DL-U2724D",
        &["DL-WD22TB4", "HP-TBG4", "LN-TBD4", "KB-DP2", "KB-USBC2"],
    ),
    ("requires", "MS-VISIO2", &["MS-M365E3"]),
    (
        "requires",
        "TJ-MIGR",
        &[
            "DL-5450",
            "DL-7450",
            "HP-840",
            "HP-ZB16",
            "LN-X1C",
            "DL-OP7020",
            "HP-800",
            "DL-PR3680",
        ],
    ),
    (
        "requires",
        "TJ-DISK",
        &[
            "DL-5450",
            "DL-7450",
            "HP-840",
            "HP-ZB16",
            "LN-X1C",
            "DL-OP7020",
            "HP-800",
            "DL-PR3680",
        ],
    ),
];

/// (code, name, main item, description, items (article, required, quantity))
type BundleSeed = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static [(&'static str, bool, i32)],
);

pub const BUNDLES: &[BundleSeed] = &[
    (
        "STD-BARBAR",
        "Standardarbetsplats bärbar",
        "DL-5450",
        "Bärbar standarddator med docka, en 24-tumsskärm, tangentbord och mus, installerad på plats.",
        &[
            ("DL-WD22TB4", true, 1),
            ("DL-P2425H", true, 1),
            ("LG-MK295", true, 1),
            ("TJ-INST", true, 1),
            ("JB-E40", false, 1),
            ("TJ-MIGR", false, 1),
            ("TJ-DISK", false, 1),
        ],
    ),
    (
        "PRE-BARBAR",
        "Prestandaarbetsplats bärbar",
        "DL-7450",
        "Prestandadator med docka, två 27-tumsskärmar och ergonomiskt tangentbord.",
        &[
            ("DL-WD22TB4", true, 1),
            ("DL-P2725H", true, 2),
            ("LG-MXKS", true, 1),
            ("TJ-INST", true, 1),
            ("JB-E65", false, 1),
            ("TJ-MIGR", false, 1),
            ("TJ-DISK", false, 1),
            ("TJ-GULD", false, 1),
        ],
    ),
    (
        "STD-STAT",
        "Standardarbetsplats stationär",
        "DL-OP7020",
        "Liten stationär dator för expedition och reception med skärm, kabel, tangentbord och mus.",
        &[
            ("DL-P2425H", true, 1),
            ("KB-DP2", true, 1),
            ("DL-KM5221", true, 1),
            ("TJ-INST", true, 1),
            ("JB-E40", false, 1),
            ("TJ-DISK", false, 1),
        ],
    ),
    (
        "CAD",
        "CAD- och bildarbetsplats",
        "DL-PR3680",
        "Arbetsstation med två kalibrerade QHD-skärmar för ritning och bildbehandling.",
        &[
            ("DL-U2724D", true, 2),
            ("KB-DP2", true, 2),
            ("LG-MXKS", true, 1),
            ("TJ-INST", true, 1),
            ("AC-ACLT", false, 1),
            ("TJ-GULD", false, 1),
        ],
    ),
    (
        "VARD-MOBIL",
        "Mobil vårdarbetsplats",
        "HP-840",
        "Bärbar dator med 5G för hemsjukvård och mobila team, med docka på kontoret och trådlöst headset.",
        &[
            ("HP-TBG4", true, 1),
            ("HP-E24G5", true, 1),
            ("TJ-INST", true, 1),
            ("JB-E65", false, 1),
            ("TJ-GULD", false, 1),
            ("TJ-DISK", false, 1),
        ],
    ),
    (
        "FRONTLINJE",
        "Frontlinjearbetsplats mobil",
        "SA-XC7",
        "Tålig mobiltelefon med Microsoft 365 F3 för medarbetare i hemtjänst och vård utan egen dator.",
        &[("MS-M365F3", true, 1), ("TJ-SILV", false, 1)],
    ),
];

fn date(y: i32, m: u32, d: u32) -> Result<NaiveDate, DbErr> {
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| DbErr::Custom("bad seed date".into()))
}

/// Inserts the demo catalogue. Called inside the demo seeding transaction.
pub(super) async fn seed_catalog<C: ConnectionTrait>(db: &C) -> Result<(), DbErr> {
    let mut categories = HashMap::new();
    for (i, (code, parent, name)) in CATEGORIES.iter().enumerate() {
        let m = category::ActiveModel {
            parent_id: Set(parent.map(|p| categories[p])),
            code: Set((*code).into()),
            name: Set((*name).into()),
            sort_order: Set(i as i32),
            ..Default::default()
        }
        .insert(db)
        .await?;
        categories.insert(*code, m.id);
    }
    let mut suppliers = HashMap::new();
    for (name, org) in SUPPLIERS {
        let m = supplier::ActiveModel {
            name: Set((*name).into()),
            org_number: Set(Some((*org).into())),
            ..Default::default()
        }
        .insert(db)
        .await?;
        suppliers.insert(*name, m.id);
    }
    let mut agreements = HashMap::new();
    for (code, supplier, name) in AGREEMENTS {
        let m = agreement::ActiveModel {
            supplier_id: Set(suppliers[supplier]),
            code: Set((*code).into()),
            name: Set((*name).into()),
            valid_from: Set(date(2024, 1, 1)?),
            valid_to: Set(Some(date(2028, 12, 31)?)),
            ..Default::default()
        }
        .insert(db)
        .await?;
        agreements.insert(*code, m.id);
    }
    let now = chrono::Utc::now();
    let start = date(2026, 1, 1)?;
    let mut items = HashMap::new();
    for (article, name, kind, cat, sup, agr, one_off, monthly, binding, notice, level, desc) in ITEMS {
        let m = item::ActiveModel {
            article_number: Set((*article).into()),
            name: Set((*name).into()),
            description: Set((*desc).into()),
            kind: Set((*kind).into()),
            category_id: Set(categories[cat]),
            supplier_id: Set(suppliers[sup]),
            agreement_id: Set(Some(agreements[agr])),
            image_path: Set(None),
            active: Set(true),
            service_level: Set(level.map(str::to_owned)),
            binding_months: Set(*binding),
            notice_months: Set(*notice),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
        items.insert(*article, m.id);
        item_price::ActiveModel {
            item_id: Set(m.id),
            valid_from: Set(start),
            valid_to: Set(None),
            one_off_ore: Set(one_off * 100),
            monthly_ore: Set(monthly * 100),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    for (article, (y, mo, d), one_off, monthly) in FUTURE_PRICES {
        let from = date(*y, *mo, *d)?;
        // The price in force ends the day before the new one starts.
        item_price::Entity::update_many()
            .col_expr(
                item_price::Column::ValidTo,
                sea_orm::sea_query::Expr::value(from.pred_opt()),
            )
            .filter(item_price::Column::ItemId.eq(items[article]))
            .filter(item_price::Column::ValidTo.is_null())
            .exec(db)
            .await?;
        item_price::ActiveModel {
            item_id: Set(items[article]),
            valid_from: Set(from),
            valid_to: Set(None),
            one_off_ore: Set(one_off * 100),
            monthly_ore: Set(monthly * 100),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    for (kind, item, targets) in RULES {
        for t in *targets {
            item_rule::ActiveModel {
                kind: Set((*kind).into()),
                item_id: Set(items[item]),
                target_item_id: Set(items[t]),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
    }
    for (code, name, main, desc, parts) in BUNDLES {
        let b = bundle::ActiveModel {
            code: Set((*code).into()),
            name: Set((*name).into()),
            description: Set((*desc).into()),
            main_item_id: Set(items[main]),
            active: Set(true),
            ..Default::default()
        }
        .insert(db)
        .await?;
        for (article, required, quantity) in *parts {
            bundle_item::ActiveModel {
                bundle_id: Set(b.id),
                item_id: Set(items[article]),
                required: Set(*required),
                quantity: Set(*quantity),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
    }
    crate::catalog::snapshot::changed(db, crate::catalog::snapshot::Change::Whole)
        .await
        .map_err(|e| DbErr::Custom(e.to_string()))?;
    Ok(())
}
