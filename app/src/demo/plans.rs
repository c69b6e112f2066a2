//! Demo governance: object families, objects with their people, and the
//! plans of "Samverkan vid vårdövergångar" (adopted 2026, draft 2027),
//! and the plan template of the family Vårdsystem.
//!
//! Written straight into `plans`' tables: its services check the caller's
//! standing on an object and record each step as a person's, which demo data
//! is not.

use crate::domain::catalog::ServiceLevel;
use crate::domain::follow_up::Comparison;
use crate::domain::money::Sek;
use crate::domain::plan::{self, Activity, Days, GoalClass, PlanSettings, PlanStatus};
use crate::entities::{
    governance_object, object_family, object_person, person, plan as plan_e, plan_event, plan_template,
};
use crate::plans::dto::*;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set};

const FAMILIES: &[&str] = &["Vårdsystem", "Stödsystem", "Digital arbetsplats"];

/// (family, name, class, description, IT components, products)
const OBJECTS: &[(&str, &str, &str, &str, &str, &str)] = &[
    (
        "Vårdsystem",
        "Samverkan vid vårdövergångar",
        "karn",
        "Stöd för informationsöverföring när patienter skrivs ut från slutenvården till kommunal vård och primärvård.",
        "WebCare",
        "Meddelanden vid in- och utskrivning\nSamordnad individuell plan (SIP)\nUtbildning för nya användare",
    ),
    (
        "Vårdsystem",
        "Vårdinformationsstöd öppenvård",
        "karn",
        "Journal och tidbok för primärvårdens mottagningar.",
        "Journalsystem, Tidbok",
        "Journalföring\nTidbokning\nE-tjänster för invånare",
    ),
    (
        "Stödsystem",
        "Ekonomi och inköp",
        "stod",
        "Ekonomisystem, attest och e-handel för hela regionen.",
        "Ekonomisystem, E-handel",
        "Fakturahantering\nAttestflöden\nE-handel",
    ),
    (
        "Digital arbetsplats",
        "Digital arbetsplats",
        "it",
        "Datorer, mobiler, kontorsprogram och samarbetsverktyg för regionens medarbetare.",
        "Klientplattform, Microsoft 365, Mobilhantering",
        "Standardarbetsplats\nMobil arbetsplats\nSamarbetsverktyg",
    ),
];

/// (object, username, role)
const PEOPLE: &[(&str, &str, &str)] = &[
    ("Samverkan vid vårdövergångar", "karin.holm", "objektagare"),
    ("Samverkan vid vårdövergångar", "johan.ek", "forvaltningsledare"),
    (
        "Samverkan vid vårdövergångar",
        "lars.andersson",
        "forvaltningsledare_it",
    ),
    ("Samverkan vid vårdövergångar", "anna.lindqvist", "objektspecialist"),
    ("Samverkan vid vårdövergångar", "ahmed.hassan", "objektagare_it"),
    ("Vårdinformationsstöd öppenvård", "karin.holm", "objektagare"),
    ("Vårdinformationsstöd öppenvård", "ahmed.hassan", "objektagare_it"),
    ("Vårdinformationsstöd öppenvård", "johan.ek", "forvaltningsledare"),
    ("Ekonomi och inköp", "per.svensson", "objektagare"),
    ("Ekonomi och inköp", "erik.johansson", "forvaltningsledare"),
    ("Digital arbetsplats", "karin.holm", "objektagare"),
    ("Digital arbetsplats", "maria.nilsson", "forvaltningsledare"),
];

pub fn goal(
    n: u32,
    activity: Activity,
    class: GoalClass,
    text: &str,
    needs: &str,
    days: (i64, i64),
    fixed: (i64, i64),
) -> Goal {
    Goal {
        id: format!("demo-goal-{n}"),
        activity,
        class,
        text: text.into(),
        needs: needs.into(),
        days_business: Days::from_tenths(days.0),
        days_it: Days::from_tenths(days.1),
        fixed_business: Sek::from_kronor(fixed.0),
        fixed_it: Sek::from_kronor(fixed.1),
    }
}

/// A row of a demo plan's organisation, by name.
fn staff(n: usize, role: &str, name: &str, organisation: &str, fte: Option<u32>, paid_by: &str) -> Staffing {
    Staffing {
        id: format!("demo-staff-{n}"),
        role: role.into(),
        person_id: None,
        name: name.into(),
        organisation: organisation.into(),
        fte,
        paid_by: paid_by.into(),
    }
}

/// The reference-style plan content of "Samverkan vid vårdövergångar".
pub fn demo_content() -> PlanContent {
    use Activity::*;
    use GoalClass::*;
    PlanContent {
        // The calendar year: the same document serves the 2026 and 2027 plans.
        period_start: None,
        period_end: None,
        background: "Samverkan vid vårdövergångar infördes 2019 när regionen och länets kommuner gick över till digitala meddelanden \
                     vid in- och utskrivning."
            .into(),
        purpose: "Planen beskriver vad förvaltningen ska uppnå under året och vilka resurser det kräver.".into(),
        target_group: "Objektägare, förvaltningsgrupp och de verksamheter i region och kommuner som använder WebCare.".into(),
        object_description: OBJECTS[0].3.into(),
        products: OBJECTS[0].5.into(),
        current_state: "WebCare används av regionens sjukhus, 28 vårdcentraler och länets sju kommuner. \
                        Antalet meddelanden ökar med omkring 8 procent per år. Avtalet med leverantören löper till 2028."
            .into(),
        needs: vec![
            Need {
                id: "demo-need-1".into(),
                title: "Utbildning".into(),
                text: "Nya användare i kommunerna saknar utbildning.".into(),
                ..Default::default()
            },
            Need {
                id: "demo-need-2".into(),
                title: "Sena meddelanden".into(),
                text: "Meddelanden om utskrivningsklara patienter kommer ibland för sent.".into(),
                ..Default::default()
            },
            Need {
                id: "demo-need-3".into(),
                title: "Ledtidsstatistik".into(),
                text: "Statistiken över ledtider tas fram för hand.".into(),
                ..Default::default()
            },
            Need {
                id: "demo-need-4".into(),
                title: "Integration med kommunernas journaler".into(),
                text: "Kommunerna vill få meddelandena direkt i sina egna journalsystem. Det byggs i kommunernas \
                       gemensamma integrationsprojekt."
                    .into(),
                financed_elsewhere: true,
                ..Default::default()
            },
        ],
        overall_goals: "Säker informationsöverföring vid vårdövergångar, med korta ledtider och nöjda användare i region och kommuner."
            .into(),
        activity_goals: vec![
            ActivityGoal {
                activity: Forvaltningsstyrning,
                text: "Förvaltningen styrs och följs upp enligt PM3.".into(),
            },
            ActivityGoal {
                activity: Anvandarstod,
                text: "Användarna får svar inom en arbetsdag.".into(),
            },
            ActivityGoal {
                activity: DagligDrift,
                text: "WebCare är tillgängligt dygnet runt.".into(),
            },
        ],
        goals: vec![
            goal(1, Forvaltningsstyrning, Vm, "Förvaltningsplan och budget tas fram och följs upp varje tertial.", "", (250, 100), (0, 0)),
            goal(2, Forvaltningsstyrning, Vu, "Ledtidsstatistik tas fram automatiskt varje månad.", "3", (50, 150), (0, 40_000)),
            goal(3, Anvandarstod, Vm, "Användarstöd vardagar 08–17 med svar inom en arbetsdag.", "", (600, 200), (0, 0)),
            goal(4, Anvandarstod, Vu, "Webbutbildning för nya användare i kommunerna.", "1", (150, 20), (60_000, 0)),
            goal(5, Andringshantering, Vm, "Två releaser per år testas och införs.", "", (200, 300), (0, 0)),
            goal(6, Andringshantering, Vu, "Påminnelse när ett meddelande inte har lästs inom fyra timmar.", "2", (80, 250), (0, 150_000)),
            goal(7, DagligDrift, Vm, "Drift och övervakning dygnet runt, tillgänglighet minst 99,5 procent.", "", (0, 400), (0, 1_250_000)),
            goal(8, DagligDrift, Vm, "Licenser och support enligt avtal.", "", (0, 20), (0, 2_350_000)),
        ],
        staffing: vec![
            staff(1, "Objektägare", "Karin Holm", "Hälso- och sjukvårdsförvaltningen", None, "Region Norrvik"),
            staff(2, "Objektägare IT", "Ahmed Hassan", "Regionservice IT", None, "Region Norrvik"),
            staff(3, "Förvaltningsledare verksamhet", "Johan Ek", "Hälso- och sjukvårdsförvaltningen", Some(5_000), "Förvaltningen"),
            staff(4, "Förvaltningsledare IT", "Lars Andersson", "Regionservice IT", Some(3_000), "Förvaltningen"),
            staff(5, "Objektspecialist", "Anna Lindqvist", "Hälso- och sjukvårdsförvaltningen", Some(5_000), "Förvaltningen"),
            staff(6, "Objektspecialist kommunerna", "Eva Strand", "Norrviks kommun", Some(2_000), "Länets sju kommuner"),
            staff(7, "IT-tekniker", "", "Regionservice IT", Some(5_000), "Förvaltningen"),
        ],
        organisation: "Superanvändare finns på varje sjukhusavdelning, vårdcentral och kommun; de utses av sina chefer.".into(),
        forums: vec![
            Forum {
                id: "demo-forum-1".into(),
                kind: "beslut".into(),
                name: "Förvaltningsgrupp".into(),
                purpose: "Beslutar om förvaltningsplan, prioriteringar och releaser.".into(),
                participants: "Objektägare, förvaltningsledare, förvaltningsledare IT".into(),
                frequency: "Varje månad".into(),
                convener: "Förvaltningsledare".into(),
            },
            Forum {
                id: "demo-forum-2".into(),
                kind: "arbete".into(),
                name: "Användarråd".into(),
                purpose: "Samlar behov och synpunkter från sjukhus, vårdcentraler och kommuner.".into(),
                participants: "Superanvändare från regionen och kommunerna".into(),
                frequency: "Varje kvartal".into(),
                convener: "Objektspecialist".into(),
            },
        ],
        project_list: vec![
            Project {
                id: "demo-project-1".into(),
                name: "Gemensam e-legitimation".into(),
                effect: "Inloggningen i WebCare byts till regionens gemensamma e-legitimation. Alla användare behöver ny behörighet."
                    .into(),
                when: "Hösten 2027".into(),
                paid_by: "Regionens e-hälsoprogram".into(),
            },
            Project {
                id: "demo-project-2".into(),
                name: "Kommunernas integrationsprojekt".into(),
                effect: "Meddelandena går direkt till kommunernas journalsystem (behov 4).".into(),
                when: "2027–2028".into(),
                paid_by: "Länets sju kommuner".into(),
            },
        ],
        projects: "Leverantörens nya version 8 väntas 2028 och ingår inte i perioden.".into(),
        it_services: vec![
            ItService {
                id: "demo-service-1".into(),
                service: "Drift av WebCare".into(),
                level: Some(ServiceLevel::Guld),
                note: "Meddelanden skickas dygnet runt.".into(),
            },
            ItService {
                id: "demo-service-2".into(),
                service: "Användarsupport via Servicedesk".into(),
                level: Some(ServiceLevel::Silver),
                note: String::new(),
            },
        ],
        integrations: vec![
            Integration {
                id: "demo-integration-1".into(),
                name: "Patientuppgifter".into(),
                counterpart: "Vårdinformationsstöd öppenvård".into(),
                description: "Personnummer, namn och vårdenhet hämtas när ett meddelande skrivs.".into(),
            },
            Integration {
                id: "demo-integration-2".into(),
                name: "Meddelanden till kommunerna".into(),
                counterpart: "Kommunernas journalsystem".into(),
                description: "Byggs i kommunernas integrationsprojekt; i dag läser kommunerna i WebCare.".into(),
            },
        ],
        financing: vec![
            FinancingParty {
                id: "demo-party-1".into(),
                name: "Region Norrvik".into(),
                share: 6_000,
            },
            FinancingParty {
                id: "demo-party-2".into(),
                name: "Länets sju kommuner".into(),
                share: 4_000,
            },
        ],
    }
}

/// The family Vårdsystem's template: the forums every vårdsystem has, the
/// chapters' guiding texts and the region's day rates.
async fn seed_template<C: ConnectionTrait>(db: &C, family_id: i32) -> Result<(), DbErr> {
    let demo = demo_content();
    let content = PlanContent {
        current_state: "Beskriv hur objektet används i dag: verksamheter, antal användare, avtal och kända problem. \
                        Numrera behoven nedan så att målen kan hänvisa till dem."
            .into(),
        staffing: [
            "Objektägare",
            "Objektägare IT",
            "Förvaltningsledare verksamhet",
            "Förvaltningsledare IT",
            "Objektspecialist",
        ]
        .into_iter()
        .enumerate()
        .map(|(i, role)| staff(i + 1, role, "", "", None, ""))
        .collect(),
        organisation: "Ange också superanvändare och IT-tekniker som arbetar i förvaltningen.".into(),
        projects: "Pågående och planerade projekt som påverkar objektet, med tidplan och finansiering.".into(),
        forums: demo.forums,
        ..Default::default()
    };
    let settings = PlanSettings::default();
    plan_template::ActiveModel {
        family_id: Set(family_id),
        content: Set(serde_json::to_string(&content).map_err(|e| DbErr::Custom(e.to_string()))?),
        day_rate_business_ore: Set(settings.day_rate_business.ore()),
        day_rate_it_ore: Set(settings.day_rate_it.ore()),
        days_per_fte: Set(settings.days_per_fte as i32),
        updated_at: Set(chrono::SubsecRound::trunc_subsecs(chrono::Utc::now(), 6)),
        updated_by: Set("Per Svensson".into()),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Inserts a plan revision with its stored roll-up totals.
pub async fn insert_plan<C: ConnectionTrait>(
    db: &C,
    object_id: i32,
    year: i32,
    revision: i32,
    status: PlanStatus,
    content: &PlanContent,
    actor: &str,
) -> Result<plan_e::Model, DbErr> {
    plan_row(object_id, year, revision, status, content, actor)?
        .insert(db)
        .await
}

/// A plan revision ready to insert, with its roll-up totals computed.
pub fn plan_row(
    object_id: i32,
    year: i32,
    revision: i32,
    status: PlanStatus,
    content: &PlanContent,
    actor: &str,
) -> Result<plan_e::ActiveModel, DbErr> {
    let settings = PlanSettings::default();
    let r = plan::roll_up(&content.costs(), settings).ok_or_else(|| DbErr::Custom("plan overflow".into()))?;
    let t = Totals::checked_of(&r).ok_or_else(|| DbErr::Custom("plan overflow".into()))?;
    let now = chrono::SubsecRound::trunc_subsecs(chrono::Utc::now(), 6);
    Ok(plan_e::ActiveModel {
        object_id: Set(object_id),
        year: Set(year),
        revision: Set(revision),
        status: Set(status.as_str().into()),
        version: Set(1),
        content: Set(serde_json::to_string(content).map_err(|e| DbErr::Custom(e.to_string()))?),
        day_rate_business_ore: Set(settings.day_rate_business.ore()),
        day_rate_it_ore: Set(settings.day_rate_it.ore()),
        days_per_fte: Set(settings.days_per_fte as i32),
        total_ore: Set(t.total.ore()),
        vm_ore: Set(t.vm.ore()),
        vu_ore: Set(t.vu.ore()),
        business_ore: Set(t.business.ore()),
        it_ore: Set(t.it.ore()),
        fte_hundredths: Set(t.fte.hundredths()),
        financing: Set(serde_json::to_string(&content.financing).map_err(|e| DbErr::Custom(e.to_string()))?),
        decided_on: Set((status == PlanStatus::Faststalld)
            .then(|| chrono::NaiveDate::from_ymd_opt(year - 1, 11, 12))
            .flatten()),
        decision_minutes: Set(String::new()),
        updated_at: Set(now),
        updated_by: Set(actor.into()),
        ..Default::default()
    })
}

/// The demo governance; does nothing if families exist already.
pub(super) async fn seed_plans<C: ConnectionTrait>(db: &C) -> Result<(), DbErr> {
    if object_family::Entity::find().one(db).await?.is_some() {
        return Ok(());
    }
    let mut family_ids = std::collections::HashMap::new();
    for (i, name) in FAMILIES.iter().enumerate() {
        // As in the customer's own plan, Vårdsystem's plans are adopted by
        // the objektägare and the objektägare IT together.
        let adopters = if *name == "Vårdsystem" {
            "objektagare,objektagare_it"
        } else {
            crate::domain::adoption::DEFAULT
        };
        let f = object_family::ActiveModel {
            name: Set((*name).into()),
            sort_order: Set(i as i32),
            adopters: Set(adopters.into()),
            ..Default::default()
        }
        .insert(db)
        .await?;
        family_ids.insert(*name, f.id);
    }
    let mut object_ids = std::collections::HashMap::new();
    for (family, name, class, description, components, products) in OBJECTS {
        let o = governance_object::ActiveModel {
            family_id: Set(family_ids[family]),
            name: Set((*name).into()),
            class: Set((*class).into()),
            description: Set((*description).into()),
            it_components: Set((*components).into()),
            products: Set((*products).into()),
            ..Default::default()
        }
        .insert(db)
        .await?;
        object_ids.insert(*name, o.id);
    }
    for (object, username, role) in PEOPLE {
        let Some(p) = person::Entity::find()
            .filter(person::Column::Username.eq(*username))
            .one(db)
            .await?
        else {
            continue;
        };
        object_person::ActiveModel {
            object_id: Set(object_ids[object]),
            person_id: Set(p.id),
            role: Set((*role).into()),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    seed_template(db, family_ids["Vårdsystem"]).await?;
    let samverkan = object_ids["Samverkan vid vårdövergångar"];
    let content = demo_content();
    let adopted = insert_plan(db, samverkan, 2026, 1, PlanStatus::Faststalld, &content, "Johan Ek").await?;
    plan_event::ActiveModel {
        plan_id: Set(adopted.id),
        at: Set(adopted.updated_at),
        actor: Set("Karin Holm".into()),
        from_status: Set(Some(PlanStatus::UnderAvstamning.as_str().into())),
        to_status: Set(PlanStatus::Faststalld.as_str().into()),
        comment: Set("Fastställd av förvaltningsgruppen 2025-11-12.".into()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    insert_plan(db, samverkan, 2027, 1, PlanStatus::Utkast, &content, "Johan Ek").await?;
    seed_follow_up(db, samverkan, &content).await?;
    Ok(())
}

/// Tertial 2 of 2026 reported for "Samverkan vid vårdövergångar".
async fn seed_follow_up<C: ConnectionTrait>(db: &C, object_id: i32, plan: &PlanContent) -> Result<(), DbErr> {
    use crate::domain::follow_up::{GoalStatus::*, Measure};
    use crate::plans::follow_up::dto::{Actual, FollowUpContent, GoalReport, Indicator};
    let reports = [
        (Pagaende, "Tertialrapport 1 och 2 lämnade till förvaltningsgruppen."),
        (Klar, "Rapporten skickas automatiskt den första vardagen varje månad."),
        (Pagaende, "Svarstiden var i snitt 5 timmar under perioden."),
        (
            EjPaborjad,
            "Startar när kommunernas nya utbildningsplattform är upphandlad.",
        ),
        (Pagaende, "Vårreleasen införd i maj; höstreleasen testas."),
        (Pausad, "Väntar på leverantörens nya meddelande-API (kvartal 1 2027)."),
        (Pagaende, "Tillgänglighet 99,7 procent hittills i år."),
        (Klar, "Avtalet förlängt till 2028."),
    ];
    let m = |v: i64| Some(Measure::from_hundredths(v));
    let content = FollowUpContent {
        goals: plan
            .goals
            .iter()
            .zip(reports)
            .map(|(g, (status, comment))| GoalReport {
                goal_id: g.id.clone(),
                status,
                comment: comment.into(),
            })
            .collect(),
        // Tenths of days and whole kronor; user support behind its plan.
        actuals: [
            (Activity::Forvaltningsstyrning, 90, 80, 95_200),
            (Activity::Anvandarstod, 150, 60, 117_600),
            (Activity::Andringshantering, 90, 170, 145_600),
            (Activity::DagligDrift, 0, 130, 1_250_000),
        ]
        .into_iter()
        .map(|(activity, business, it, kronor)| Actual {
            activity,
            days_business: Days::from_tenths(business),
            days_it: Days::from_tenths(it),
            kronor: Sek::from_kronor(kronor),
        })
        .collect(),
        indicators: vec![
            Indicator {
                id: "demo-indicator-1".into(),
                name: "Förvaltningskostnad, kr".into(),
                budget: m(413_313_000),
                outcome: m(398_200_000),
                target: m(619_969_500),
                comparison: Comparison::Share,
            },
            Indicator {
                id: "demo-indicator-2".into(),
                name: "Tillgänglighet, procent".into(),
                budget: None,
                outcome: m(9_970),
                target: m(9_950),
                comparison: Comparison::AtLeast,
            },
            Indicator {
                id: "demo-indicator-3".into(),
                name: "Nöjd användarindex".into(),
                budget: None,
                outcome: m(7_200),
                target: m(7_500),
                comparison: Comparison::Share,
            },
            Indicator {
                id: "demo-indicator-4".into(),
                name: "Oplanerade driftstopp, antal".into(),
                budget: None,
                outcome: m(300),
                target: m(200),
                comparison: Comparison::AtMost,
            },
            Indicator {
                id: "demo-indicator-5".into(),
                name: "Förändring av ärenden till användarstödet, procent".into(),
                budget: None,
                outcome: m(-450),
                target: m(0),
                comparison: Comparison::Below,
            },
        ],
    };
    crate::entities::follow_up::ActiveModel {
        object_id: Set(object_id),
        year: Set(2026),
        period: Set("2026-T2".into()),
        version: Set(1),
        content: Set(serde_json::to_string(&content).map_err(|e| DbErr::Custom(e.to_string()))?),
        updated_at: Set(chrono::DateTime::from_naive_utc_and_offset(
            chrono::NaiveDate::from_ymd_opt(2026, 9, 14)
                .and_then(|d| d.and_hms_opt(9, 30, 0))
                .unwrap_or_default(),
            chrono::Utc,
        )),
        updated_by: Set("Johan Ek".into()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}
