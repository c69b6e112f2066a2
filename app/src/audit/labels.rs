//! The audit log in Swedish: every action, object type and detail field
//! recorded, by the name an administrator reads, and details as Swedish
//! fields with formatted values (`1 234,50 kr`, `2026-11-24`).

use crate::domain::format;
use crate::domain::money::Sek;
use serde_json::Value;

/// An area of the log: `(prefix, Swedish name, [(action, Swedish label)])`.
pub type Area = (&'static str, &'static str, &'static [(&'static str, &'static str)]);

/// Every action recorded (`record`'s `action`), grouped by area as the
/// filter offers them.
pub const AREAS: &[Area] = &[
    (
        "login",
        "Inloggning",
        &[
            ("login.success", "Inloggning"),
            ("login.failure", "Misslyckad inloggning"),
            ("login.refused", "Inloggning stoppad (för många försök)"),
            ("logout", "Utloggning"),
            ("password.set", "Lösenord satt"),
        ],
    ),
    (
        "token",
        "API-nycklar",
        &[
            ("token.create", "API-nyckel skapad"),
            ("token.revoke", "API-nyckel återkallad"),
            ("supplier_key.create", "Leverantörsnyckel skapad"),
            ("supplier_key.revoke", "Leverantörsnyckel återkallad"),
        ],
    ),
    (
        "order",
        "Beställningar",
        &[
            ("order.submit", "Beställning skickad"),
            ("order.withdraw", "Beställning återtagen"),
        ],
    ),
    (
        "attest",
        "Attest",
        &[
            ("attest.route", "Skickad för attest"),
            ("attest.approve", "Attesterad"),
            ("attest.reject", "Nekad i attest"),
            ("attest.remind", "Påminnelse om attest"),
            ("attest.escalate", "Attest eskalerad"),
            ("attest.substitute.name", "Ersättare utsedd"),
            ("attest.substitute.end", "Ersättare avslutad"),
            ("attest.right.add", "Attesträtt tillagd"),
            ("attest.right.change", "Attesträtt ändrad"),
            ("attest.right.end", "Attesträtt avslutad"),
            ("attest.rights.imported", "Attesträtter importerade"),
            ("attest.auto_rule.add", "Regel för automatiskt godkännande tillagd"),
            (
                "attest.auto_rule.deactivate",
                "Regel för automatiskt godkännande avslutad",
            ),
        ],
    ),
    (
        "fulfilment",
        "Leverans och koordinering",
        &[
            ("fulfilment.ack", "Mottagen av leverantören"),
            ("fulfilment.manual", "Orderstatus ändrad för hand"),
            ("fulfilment.take", "Tagen av koordinator"),
            ("fulfilment.release", "Släppt av koordinator"),
            ("fulfilment.close", "Beställning avslutad"),
            ("fulfilment.targets", "Mål för automatisering ändrade"),
        ],
    ),
    (
        "deviation",
        "Avvikelser",
        &[
            ("deviation.raise", "Avvikelse anmäld"),
            ("deviation.comment", "Avvikelse kommenterad"),
            ("deviation.escalate", "Avvikelse eskalerad"),
            ("deviation.resolve", "Avvikelse åtgärdad"),
        ],
    ),
    (
        "catalog",
        "Katalogen",
        &[
            ("catalog.item_created", "Artikel skapad"),
            ("catalog.item_updated", "Artikel ändrad"),
            ("catalog.item_retired", "Artikel utgången"),
            ("catalog.item_reactivated", "Artikel åter i katalogen"),
            ("catalog.price_added", "Pris tillagt"),
            ("catalog.image_set", "Bild satt"),
            ("catalog.image_removed", "Bild borttagen"),
            ("catalog.rule_added", "Regel tillagd"),
            ("catalog.rule_removed", "Regel borttagen"),
            ("catalog.bundle_created", "Paket skapat"),
            ("catalog.bundle_updated", "Paket ändrat"),
            ("catalog.bundle_part_added", "Del tillagd i paket"),
            ("catalog.bundle_part_removed", "Del borttagen ur paket"),
            ("catalog.imported", "Katalog importerad"),
        ],
    ),
    ("assets", "Tillgångar", &[("assets.imported", "Tillgångar importerade")]),
    (
        "charging",
        "Debitering",
        &[
            ("charging.run", "Debitering körd"),
            ("charging.close", "Debiteringsmånad stängd"),
        ],
    ),
    (
        "plan",
        "Förvaltningsplaner",
        &[
            ("plan.submitted", "Plan skickad för beslut"),
            ("plan.adopted", "Plan fastställd"),
            ("plan.approved", "Plan godkänd"),
            ("plan.returned", "Plan återsänd"),
            ("plan.revision_started", "Revidering påbörjad"),
            ("plan.next_year_started", "Nästa års plan påbörjad"),
            ("plan.created", "Förvaltningsplan startad"),
            ("plan_template.saved", "Planmall sparad"),
            ("follow_up.saved", "Uppföljning sparad"),
        ],
    ),
    (
        "governance_object",
        "Förvaltningsobjekt",
        &[
            ("governance_object.created", "Förvaltningsobjekt skapat"),
            ("governance_object.updated", "Förvaltningsobjekt ändrat"),
            ("object_family.created", "Objektfamilj skapad"),
            ("object_family.adopters_saved", "Ändrat vem som fastställer planer"),
        ],
    ),
];

/// The Swedish name of an action; an action unknown here (from a later
/// version) shows as recorded.
pub fn action_label(action: &str) -> String {
    AREAS
        .iter()
        .flat_map(|(_, _, actions)| actions.iter())
        .find(|(code, _)| *code == action)
        .map(|(_, label)| (*label).to_owned())
        .unwrap_or_else(|| action.to_owned())
}

/// The actions an action filter matches: an area's prefix (`login`) its
/// actions, as listed here (`logout` among the logins); any other value
/// itself.
pub fn actions_of(filter: &str) -> Vec<&str> {
    match AREAS.iter().find(|(prefix, _, _)| *prefix == filter) {
        Some((_, _, actions)) => actions.iter().map(|(code, _)| *code).collect(),
        None => vec![filter],
    }
}

/// The Swedish name of an object type.
pub fn object_label(object_type: &str) -> String {
    match object_type {
        "order" => "Beställning",
        "plan" => "Förvaltningsplan",
        "governance_object" => "Förvaltningsobjekt",
        "object_family" => "Objektfamilj",
        "item" => "Artikel",
        "bundle" => "Paket",
        "catalog" => "Katalogen",
        "attest_right" => "Attesträtt",
        "auto_approval_rule" => "Regel för automatiskt godkännande",
        "api_token" => "API-nyckel",
        "supplier_token" => "Leverantörsnyckel",
        "person" => "Person",
        "charge_run" => "Debiteringskörning",
        "asset_import" => "Import av tillgångar",
        other => other,
    }
    .to_owned()
}

/// The Swedish name of a detail field.
fn field_label(key: &str) -> String {
    let known = match key {
        "action" => "Åtgärd",
        "active" => "Aktiv",
        "after" => "Efter",
        "amount_ore" | "amount" => "Belopp",
        "article_number" => "Artikelnummer",
        "assets" => "Tillgångar",
        "attesters" => "Attestanter",
        "before" => "Före",
        "code" => "Kod",
        "comment" => "Kommentar",
        "commitment_ore" => "Totalt åtagande",
        "content_type" => "Filtyp",
        "created" => "Nya",
        "deviation" => "Avvikelse",
        "file" => "Fil",
        "from" => "Från",
        "from_level" => "Från nivå",
        "id" => "Id",
        "item" => "Artikel",
        "item_id" => "Artikel",
        "item_kinds" => "Artikeltyper",
        "kind" => "Typ",
        "level" => "Nivå",
        "lines" => "Rader",
        "main_item" => "Huvudartikel",
        "max_commitment_ore" => "Högsta åtagande",
        "monthly_ore" => "Per månad",
        "name" => "Namn",
        "number" => "Nummer",
        "object" => "Objekt",
        "on_behalf_of" => "För",
        "one_off_ore" => "Engång",
        "orders" => "Beställningar",
        "own_cost_center_only" => "Bara eget kostnadsställe",
        "owner" => "Ansvarig",
        "people" => "Personer",
        "period" => "Period",
        "permissions" => "Behörigheter",
        "person_id" => "Person",
        "price_changes" => "Prisändringar",
        "quantity" => "Antal",
        "reason" => "Orsak",
        "removed" => "Borttagen",
        "required" => "Obligatorisk",
        "revision" => "Revision",
        "right" => "Attesträtt",
        "role" => "Roll",
        "rows" => "Rader",
        "rule_id" => "Regel",
        "sessions_ended" => "Avslutade sessioner",
        "source" => "Källa",
        "state" => "Status",
        "subscriptions" => "Abonnemang",
        "supplier_id" => "Leverantör",
        "taken" => "Tagna",
        "target" => "Gäller",
        "target_item_id" => "Gäller artikel",
        "to" => "Till",
        "to_level" => "Till nivå",
        "total_ore" => "Totalt",
        "unchanged" => "Oförändrade",
        "updated" => "Ändrade",
        "valid_from" => "Gäller från",
        "valid_to" => "Gäller till",
        "version" => "Version",
        "working_days" => "Arbetsdagar",
        "year" => "År",
        "cost_center_id" => "Kostnadsställe",
        "limit_ore" => "Beloppsgräns",
        _ => "",
    };
    if known.is_empty() {
        // A field this version does not know: readable, not a code.
        let words = key.trim_end_matches("_ore").replace('_', " ");
        let mut chars = words.chars();
        chars
            .next()
            .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
            .unwrap_or_default()
    } else {
        known.to_owned()
    }
}

/// A value as text: öre fields as kronor, times to the minute, truth as
/// ja/nej, lists joined, nested records as `fält: värde`.
fn value_text(key: &str, v: &Value) -> String {
    match v {
        Value::Null => "–".to_owned(),
        Value::Bool(b) => if *b { "ja" } else { "nej" }.to_owned(),
        Value::Number(n) if key.ends_with("_ore") => n
            .as_i64()
            .map(|o| Sek::from_ore(o).to_string())
            .unwrap_or_else(|| n.to_string()),
        Value::Number(n) => n.as_u64().map(format::count).unwrap_or_else(|| n.to_string()),
        Value::String(s) => match chrono::DateTime::parse_from_rfc3339(s) {
            Ok(t) => format::date_time(t.with_timezone(&chrono::Utc)),
            Err(_) => s.clone(),
        },
        Value::Array(items) => items.iter().map(|i| value_text(key, i)).collect::<Vec<_>>().join(", "),
        Value::Object(map) => map
            .iter()
            .map(|(k, v)| format!("{}: {}", field_label(k).to_lowercase(), value_text(k, v)))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// A recorded detail (JSON) as `(Swedish field, value)` rows; a detail
/// that is not a JSON object is one row as it is.
pub fn detail_rows(detail: &str) -> Vec<(String, String)> {
    match serde_json::from_str::<Value>(detail) {
        Ok(Value::Object(map)) => map.iter().map(|(k, v)| (field_label(k), value_text(k, v))).collect(),
        Ok(Value::Null) => Vec::new(),
        Ok(other) => vec![("Detaljer".to_owned(), value_text("", &other))],
        Err(_) if detail.trim().is_empty() => Vec::new(),
        Err(_) => vec![("Detaljer".to_owned(), detail.to_owned())],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn details_read_as_swedish_fields_with_kronor_and_times() {
        let rows = detail_rows(
            r#"{"amount_ore":123450,"comment":"Ok","on_behalf_of":null,"active":true,"at":"2026-11-24T14:05:09Z","own_cost_center_only":false,"lines":3}"#,
        );
        let get = |k: &str| rows.iter().find(|(f, _)| f == k).map(|(_, v)| v.as_str());
        assert_eq!(get("Belopp"), Some("1 234,50 kr"));
        assert_eq!(get("Kommentar"), Some("Ok"));
        assert_eq!(get("För"), Some("–"));
        assert_eq!(get("Aktiv"), Some("ja"));
        assert_eq!(get("At"), Some("2026-11-24 14:05"));
        assert_eq!(get("Bara eget kostnadsställe"), Some("nej"));
        assert_eq!(get("Rader"), Some("3"));
        assert!(detail_rows("{}").is_empty());
        assert_eq!(
            detail_rows(r#"{"before":{"name":"A","max_commitment_ore":500000}}"#),
            vec![("Före".to_owned(), "högsta åtagande: 5 000 kr, namn: A".to_owned())]
        );
    }

    #[test]
    fn actions_and_objects_have_swedish_names() {
        assert_eq!(action_label("plan.adopted"), "Plan fastställd");
        assert_eq!(action_label("catalog.price_added"), "Pris tillagt");
        assert_eq!(object_label("attest_right"), "Attesträtt");
        // Each action once.
        let mut all: Vec<&str> = AREAS.iter().flat_map(|(_, _, a)| a.iter().map(|(c, _)| *c)).collect();
        let n = all.len();
        all.sort();
        all.dedup();
        assert_eq!(all.len(), n);
    }

    /// Every action the code records has a Swedish name here: each string
    /// literal shaped like an action (`area.what`) in the source, but for
    /// the job names, which are not actions.
    #[test]
    fn every_action_in_the_source_has_a_swedish_name() {
        const NOT_ACTIONS: &[&str] = &["assets.imports", "attest.reminders", "notify.mail"];
        let prefixes: Vec<String> = AREAS
            .iter()
            .flat_map(|(_, _, a)| {
                a.iter()
                    .map(|(c, _)| c.split('.').next().unwrap_or_default().to_owned())
            })
            .collect();
        let mut missing = Vec::new();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut dirs = vec![root];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    dirs.push(path);
                    continue;
                }
                let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
                if !name.ends_with(".rs") || name == "tests.rs" || name == "labels.rs" {
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap();
                for literal in text.split('"').skip(1).step_by(2) {
                    let shaped = literal.contains('.')
                        && literal.chars().all(|c| c.is_ascii_lowercase() || c == '.' || c == '_')
                        && !literal.starts_with('.')
                        && !literal.ends_with('.');
                    let area = literal.split('.').next().unwrap_or_default();
                    if shaped
                        && prefixes.iter().any(|p| p == area)
                        && !NOT_ACTIONS.contains(&literal)
                        && action_label(literal) == literal
                    {
                        missing.push(format!("{literal} ({})", path.display()));
                    }
                }
            }
        }
        assert!(missing.is_empty(), "no Swedish name: {missing:?}");
        for step in crate::domain::coordination::DeviationStep::ALL {
            let action = format!("deviation.{}", step.as_str());
            assert_ne!(action_label(&action), action);
        }
    }
}
