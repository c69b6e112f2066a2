//! The finance system's attest-rights file: `kostnadsstalle;person;belopp;
//! giltig_fran;giltig_till` (cost centre code, username or email, limit in
//! kronor, `YYYY-MM-DD`, the last day or empty), semicolon-separated UTF-8
//! with or without a byte-order mark (commas are accepted too).
//!
//! Each row gives its person the right on its cost centre: it changes the
//! person's open right there, or creates one; rights the file does not name
//! stay as they are. Every row is checked first (with line numbers and
//! Swedish reasons); a dry run writes nothing, and a real run writes every
//! row in one transaction, or nothing when any row is wrong — a row for the
//! importing administrator themselves is wrong (segregation of duties).

use super::{
    check_period, duty, open_rights_of, parse_day, parse_limit, parse_optional_day, plan, write, Counts, Refs, Wanted,
    MAX_ROWS,
};
use crate::attest::admin_dto::{RightsImportReport, RightsProblem, CSV_COLUMNS};
use crate::ctx::{require, Ctx};
use crate::domain::authz::Permission;
use crate::error::AppError;
use sea_orm::{ConnectionTrait, TransactionTrait};
use std::collections::HashMap;

fn problem(line: u64, column: &str, message: impl Into<String>) -> RightsProblem {
    RightsProblem {
        line,
        column: column.to_owned(),
        message: message.into(),
    }
}

/// One row as read: its line and its five fields.
struct Row {
    line: u64,
    cost_center: String,
    person: String,
    amount: String,
    from: String,
    to: String,
}

/// Reads the header and the rows; problems go to `report`. `None` when the
/// file has no usable header (then no row is checked).
fn read(text: &str, report: &mut RightsImportReport) -> Option<Vec<Row>> {
    let text = text.trim_start_matches('\u{feff}');
    if text.trim().is_empty() {
        report
            .problems
            .push(problem(1, "", "Filen är tom. Den ska börja med en rubrikrad."));
        return None;
    }
    let first_line = text.lines().next().unwrap_or_default();
    let delimiter = if first_line.contains(';') { b';' } else { b',' };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|h| h.trim().to_lowercase()).collect(),
        Err(_) => {
            report
                .problems
                .push(problem(1, "", "Rubrikraden går inte att läsa som CSV i UTF-8."));
            return None;
        }
    };
    for h in &headers {
        if !CSV_COLUMNS.contains(&h.as_str()) {
            report.problems.push(problem(
                1,
                h,
                format!("Okänd kolumn. Kolumnerna heter: {}.", CSV_COLUMNS.join(";")),
            ));
        }
    }
    for c in CSV_COLUMNS {
        if !headers.iter().any(|h| h == c) {
            report.problems.push(problem(1, c, "Kolumnen saknas i rubrikraden."));
        }
    }
    if !report.problems.is_empty() {
        return None;
    }
    let at = |name: &str| headers.iter().position(|h| h == name).unwrap_or(0);
    let (cc, person, amount, from, to) = (
        at("kostnadsstalle"),
        at("person"),
        at("belopp"),
        at("giltig_fran"),
        at("giltig_till"),
    );
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                report.rows += 1;
                report.problems.push(problem(
                    line,
                    "",
                    "Raden går inte att läsa som CSV (kontrollera citattecken och teckenkodning UTF-8).",
                ));
                continue;
            }
        };
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        report.rows += 1;
        if record.len() != headers.len() {
            report.problems.push(problem(
                line,
                "",
                format!("Raden har {} fält men rubrikraden har {}.", record.len(), headers.len()),
            ));
            continue;
        }
        let get = |i: usize| record.get(i).unwrap_or_default().trim().to_owned();
        rows.push(Row {
            line,
            cost_center: get(cc),
            person: get(person),
            amount: get(amount),
            from: get(from),
            to: get(to),
        });
    }
    if report.rows == 0 && report.problems.is_empty() {
        report
            .problems
            .push(problem(1, "", "Filen har inga rader under rubrikraden."));
    }
    if report.rows as usize > MAX_ROWS {
        report
            .problems
            .push(problem(1, "", "Filen har fler än 20 000 rader. Dela upp den."));
        return None;
    }
    Some(rows)
}

/// Checks (and unless `dry_run` or any row is wrong, writes) an attest
/// rights file.
pub async fn import_csv<C>(ctx: &Ctx, db: &C, text: &str, dry_run: bool) -> Result<RightsImportReport, AppError>
where
    C: ConnectionTrait + TransactionTrait,
{
    require(ctx, Permission::Administer)?;
    let today = crate::attest::service::today();
    let mut report = RightsImportReport {
        dry_run,
        ..Default::default()
    };
    let Some(rows) = read(text, &mut report) else {
        return Ok(report);
    };
    let keys: Vec<String> = rows.iter().map(|r| r.person.clone()).collect();
    let codes: Vec<String> = rows.iter().map(|r| r.cost_center.clone()).collect();
    let refs = Refs::load(db, &keys, &codes).await?;
    let mut wanted: Vec<Wanted> = Vec::with_capacity(rows.len());
    let mut seen: HashMap<(i32, i32), u64> = HashMap::new();
    for row in &rows {
        let mut mine: Vec<RightsProblem> = Vec::new();
        let line = row.line;
        let center = refs
            .center(&row.cost_center)
            .map_err(|m| mine.push(problem(line, "kostnadsstalle", m)))
            .ok();
        let person = refs
            .person(&row.person)
            .map_err(|m| mine.push(problem(line, "person", m)))
            .ok()
            .filter(|p| match duty(ctx, p) {
                Ok(()) => true,
                Err(e) => {
                    mine.push(problem(line, "person", e.to_string()));
                    false
                }
            });
        let limit = parse_limit(&row.amount)
            .map_err(|m| mine.push(problem(line, "belopp", m)))
            .ok();
        let from = parse_day(&row.from)
            .map_err(|m| mine.push(problem(line, "giltig_fran", m)))
            .ok();
        let to = parse_optional_day(&row.to)
            .map_err(|m| mine.push(problem(line, "giltig_till", m)))
            .ok();
        if let (Some(from), Some(to)) = (from, to) {
            if let Err(m) = check_period(from, to, today) {
                mine.push(problem(line, "giltig_till", m));
            }
        }
        if let (Some(p), Some(c)) = (person, center) {
            if let Some(earlier) = seen.insert((p.id, c.id), line) {
                mine.push(problem(
                    line,
                    "person",
                    format!("{} har redan en rad för {} på rad {earlier}.", p.name, c.label()),
                ));
            }
        }
        match (person, center, limit, from, to) {
            (Some(p), Some(c), Some(limit), Some(from), Some(to)) if mine.is_empty() => wanted.push(Wanted {
                person: p.clone(),
                center: c.clone(),
                limit,
                from,
                to,
            }),
            _ => report.problems.extend(mine),
        }
    }
    // In file order (a row the reader could not split was reported first).
    report.problems.sort_by_key(|p| p.line);
    let mut people: Vec<i32> = wanted.iter().map(|w| w.person.id).collect();
    people.sort_unstable();
    people.dedup();
    let open = open_rights_of(db, &people, today).await?;
    let steps = plan(wanted, &open);
    let counts = Counts::of(&steps);
    report.created = counts.created;
    report.updated = counts.updated;
    report.unchanged = counts.unchanged;
    if dry_run || !report.problems.is_empty() {
        return Ok(report);
    }
    let txn = crate::db::begin_write(db).await?;
    write(&txn, ctx, &steps, "import", today).await?;
    crate::audit::service::record(
        &txn,
        ctx,
        "attest.rights.imported",
        Some("attest_right"),
        None,
        serde_json::json!({
            "rows": report.rows,
            "created": report.created,
            "updated": report.updated,
            "unchanged": report.unchanged,
        }),
    )
    .await?;
    txn.commit().await?;
    report.written = true;
    Ok(report)
}
