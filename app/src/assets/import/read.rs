//! Reading and checking an import file: the header, then every row against
//! the register (tags and serial numbers not yet there), the organisation
//! (users, cost centres) and the catalogue (article numbers). Nothing is
//! written here; every problem is kept with its line and column.

use crate::assets::dto::{ImportProblem, IMPORT_COLUMNS, IMPORT_REQUIRED};
use crate::domain::assets::{AssetStatus, SERIAL_MAX, TAG_MAX};
use crate::entities::asset;
use crate::error::AppError;
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};

/// The most rows one file may have.
pub const MAX_ROWS: usize = 200_000;
pub const MODEL_MAX: usize = 200;
pub const LOCATION_MAX: usize = 300;

fn problem(line: u64, column: &str, message: impl Into<String>) -> ImportProblem {
    ImportProblem {
        line,
        column: column.to_owned(),
        message: message.into(),
    }
}

/// One asset as the file gives it, checked and ready to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAsset {
    pub line: u64,
    pub tag: String,
    pub serial: Option<String>,
    pub model: String,
    pub item_id: Option<i32>,
    pub supplier_id: Option<i32>,
    pub user_id: Option<i32>,
    pub cost_center_id: i32,
    pub location: String,
    pub delivered_on: Option<NaiveDate>,
    pub warranty_end: Option<NaiveDate>,
    pub status: AssetStatus,
    pub inventoried_on: Option<NaiveDate>,
}

/// The outcome of a check: the rows under the header, the assets of the
/// rows without problems, and every problem in file order.
#[derive(Debug, Default)]
pub struct Checked {
    pub rows: usize,
    pub assets: Vec<NewAsset>,
    pub problems: Vec<ImportProblem>,
}

/// A column's name as people write it: `Användare`, `Kostnadsställe` and
/// `garanti till` are `anvandare`, `kostnadsstalle` and `garanti_till`.
pub fn normalize(header: &str) -> String {
    header
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'å' | 'ä' => 'a',
            'ö' => 'o',
            ' ' | '-' => '_',
            c => c,
        })
        .collect()
}

/// A status as written: its Swedish name in any case (`I drift`), or its
/// code (`in_use`).
pub fn parse_status(text: &str) -> Option<AssetStatus> {
    let t = text.trim().to_lowercase();
    AssetStatus::ALL
        .into_iter()
        .find(|s| s.as_str() == t || s.label_sv().to_lowercase() == t)
}

/// A row as read: its line and its fields by column.
struct Raw {
    line: u64,
    fields: HashMap<&'static str, String>,
}

impl Raw {
    fn get(&self, column: &str) -> &str {
        self.fields.get(column).map(String::as_str).unwrap_or("")
    }
}

/// The header and the rows; problems with the file as a whole go to
/// `out`. `None` when no row can be read.
fn rows(text: &str, out: &mut Checked) -> Option<Vec<Raw>> {
    let text = text.trim_start_matches('\u{feff}');
    if text.trim().is_empty() {
        out.problems
            .push(problem(1, "", "Filen är tom. Den ska börja med en rubrikrad."));
        return None;
    }
    let first = text.lines().next().unwrap_or_default();
    let delimiter = if first.contains(';') { b';' } else { b',' };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(normalize).collect(),
        Err(_) => {
            out.problems
                .push(problem(1, "", "Rubrikraden går inte att läsa som CSV i UTF-8."));
            return None;
        }
    };
    let mut columns: Vec<Option<&'static str>> = Vec::with_capacity(headers.len());
    for h in &headers {
        match IMPORT_COLUMNS.iter().find(|c| **c == h.as_str()) {
            Some(c) if columns.contains(&Some(*c)) => {
                out.problems
                    .push(problem(1, c, "Kolumnen finns två gånger i rubrikraden."));
                columns.push(None);
            }
            Some(c) => columns.push(Some(*c)),
            None => {
                out.problems.push(problem(
                    1,
                    h,
                    format!("Okänd kolumn. Kolumnerna heter: {}.", IMPORT_COLUMNS.join(";")),
                ));
                columns.push(None);
            }
        }
    }
    for c in IMPORT_REQUIRED {
        if !columns.contains(&Some(c)) {
            out.problems.push(problem(1, c, "Kolumnen saknas i rubrikraden."));
        }
    }
    if !out.problems.is_empty() {
        return None;
    }
    let mut raws = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                out.rows += 1;
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                out.problems.push(problem(
                    line,
                    "",
                    "Raden går inte att läsa som CSV (kontrollera citattecken och teckenkodning UTF-8).",
                ));
                continue;
            }
        };
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        out.rows += 1;
        if out.rows > MAX_ROWS {
            out.problems.push(problem(
                1,
                "",
                format!("Filen har fler än {MAX_ROWS} rader. Dela upp den i flera filer."),
            ));
            return None;
        }
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        if record.len() != headers.len() {
            out.problems.push(problem(
                line,
                "",
                format!("Raden har {} fält men rubrikraden har {}.", record.len(), headers.len()),
            ));
            continue;
        }
        let fields = columns
            .iter()
            .zip(record.iter())
            .filter_map(|(c, v)| c.map(|c| (c, v.trim().to_owned())))
            .collect();
        raws.push(Raw { line, fields });
    }
    if out.rows == 0 && out.problems.is_empty() {
        out.problems
            .push(problem(1, "", "Filen har inga rader under rubrikraden."));
    }
    Some(raws)
}

fn day(text: &str) -> Result<Option<NaiveDate>, String> {
    if text.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| format!("”{text}” är inget datum. Skriv det som ÅÅÅÅ-MM-DD, till exempel 2024-03-15."))
}

/// The values among the rows' `column` that are not empty, once each.
fn distinct(raws: &[Raw], column: &str, map: impl Fn(&str) -> String) -> Vec<String> {
    let mut seen = HashSet::new();
    raws.iter()
        .map(|r| r.get(column))
        .filter(|v| !v.is_empty())
        .map(map)
        .filter(|v| seen.insert(v.clone()))
        .collect()
}

/// Which of `values` the register already has in `column` (one statement
/// per 1 000 values, each an indexed lookup).
async fn taken<C: ConnectionTrait>(
    db: &C,
    column: asset::Column,
    values: &[String],
) -> Result<HashSet<String>, AppError> {
    let mut out = HashSet::new();
    for chunk in values.chunks(1000) {
        let found: Vec<Option<String>> = asset::Entity::find()
            .select_only()
            .column(column)
            .filter(column.is_in(chunk.iter().cloned()))
            .into_tuple()
            .all(db)
            .await?;
        out.extend(found.into_iter().flatten());
    }
    Ok(out)
}

/// Checks the file `text` as of `today`: every row, against the register,
/// the organisation and the catalogue. Writes nothing.
pub async fn check<C: ConnectionTrait>(db: &C, text: &str, today: NaiveDate) -> Result<Checked, AppError> {
    let mut out = Checked::default();
    let Some(raws) = rows(text, &mut out) else {
        return Ok(out);
    };
    let tags = distinct(&raws, "tagg", str::to_owned);
    let serials = distinct(&raws, "serienummer", str::to_owned);
    let logins = distinct(&raws, "anvandare", str::to_lowercase);
    let codes = distinct(&raws, "kostnadsstalle", str::to_owned);
    let articles = distinct(&raws, "artikelnummer", str::to_owned);
    let tags_taken = taken(db, asset::Column::Tag, &tags).await?;
    let serials_taken = taken(db, asset::Column::SerialNumber, &serials).await?;
    let people = crate::org::directory::people_by_login(db, &logins).await?;
    let centers = crate::org::directory::cost_centers_by_code(db, &codes).await?;
    let models = crate::catalog::service::hardware_by_article(db, &articles).await?;

    let mut tag_lines: HashMap<String, u64> = HashMap::new();
    let mut serial_lines: HashMap<String, u64> = HashMap::new();
    for raw in &raws {
        let line = raw.line;
        let mut mine = Vec::new();
        let mut bad = |column: &str, message: String| mine.push(problem(line, column, message));

        let tag = raw.get("tagg");
        if tag.is_empty() {
            bad("tagg", "Fyll i tillgångens tagg (inventarienummer).".into());
        } else if tag.chars().count() > TAG_MAX {
            bad("tagg", format!("Taggen får vara högst {TAG_MAX} tecken."));
        } else if tags_taken.contains(tag) {
            bad("tagg", format!("Taggen {tag} finns redan i registret."));
        } else if let Entry::Occupied(first) = tag_lines.entry(tag.to_owned()) {
            bad("tagg", format!("Taggen {tag} finns redan på rad {}.", first.get()));
        } else {
            tag_lines.insert(tag.to_owned(), line);
        }

        let serial = raw.get("serienummer");
        if serial.chars().count() > SERIAL_MAX {
            bad(
                "serienummer",
                format!("Serienumret får vara högst {SERIAL_MAX} tecken."),
            );
        } else if serials_taken.contains(serial) {
            bad("serienummer", format!("Serienumret {serial} finns redan i registret."));
        } else if !serial.is_empty() {
            match serial_lines.entry(serial.to_owned()) {
                Entry::Occupied(first) => bad(
                    "serienummer",
                    format!("Serienumret {serial} finns redan på rad {}.", first.get()),
                ),
                Entry::Vacant(v) => {
                    v.insert(line);
                }
            }
        }

        let article = raw.get("artikelnummer");
        let model = if article.is_empty() {
            None
        } else {
            let found = models.get(article);
            if found.is_none() {
                bad(
                    "artikelnummer",
                    format!("Artikelnumret {article} är ingen hårdvara i katalogen. Lämna det tomt eller rätta det."),
                );
            }
            found
        };
        let name = match (raw.get("modell"), model) {
            ("", Some(m)) => m.name.clone(),
            (name, _) => name.to_owned(),
        };
        if name.is_empty() {
            bad(
                "modell",
                "Fyll i modellen (eller ett artikelnummer ur katalogen).".into(),
            );
        } else if name.chars().count() > MODEL_MAX {
            bad("modell", format!("Modellen får vara högst {MODEL_MAX} tecken."));
        }

        let login = raw.get("anvandare");
        let user = if login.is_empty() {
            None
        } else {
            let found = people.get(&login.to_lowercase());
            if found.is_none() {
                bad(
                    "anvandare",
                    format!("Ingen person har användarnamnet eller e-postadressen {login}."),
                );
            }
            found
        };

        let code = raw.get("kostnadsstalle");
        let center = if code.is_empty() {
            bad("kostnadsstalle", "Fyll i kostnadsställets kod.".into());
            None
        } else {
            match centers.get(code) {
                None => {
                    bad("kostnadsstalle", format!("Kostnadsstället {code} finns inte."));
                    None
                }
                Some((_, false)) => {
                    bad("kostnadsstalle", format!("Kostnadsstället {code} är inte aktivt."));
                    None
                }
                Some((c, true)) => Some(c),
            }
        };

        let location = raw.get("plats");
        if location.chars().count() > LOCATION_MAX {
            bad("plats", format!("Platsen får vara högst {LOCATION_MAX} tecken."));
        }

        let mut date = |column: &str, not_after_today: bool| match day(raw.get(column)) {
            Ok(Some(d)) if not_after_today && d > today => {
                bad(column, format!("Datumet {d} har inte varit än."));
                None
            }
            Ok(d) => d,
            Err(m) => {
                bad(column, m);
                None
            }
        };
        let delivered_on = date("leveransdatum", true);
        let warranty_end = date("garanti_till", false);
        let inventoried_on = date("inventerad", true);
        if let (Some(d), Some(w)) = (delivered_on, warranty_end) {
            if w < d {
                bad("garanti_till", "Garantin kan inte ta slut före leveransen.".into());
            }
        }

        let status_text = raw.get("status");
        let status = parse_status(status_text);
        if status.is_none() {
            let names: Vec<&str> = AssetStatus::ALL.iter().map(|s| s.label_sv()).collect();
            bad(
                "status",
                if status_text.is_empty() {
                    format!("Fyll i status: {}.", names.join(", "))
                } else {
                    format!("Okänd status ”{status_text}”. Välj en av: {}.", names.join(", "))
                },
            );
        }

        match (center, status) {
            (Some(c), Some(status)) if mine.is_empty() => out.assets.push(NewAsset {
                line,
                tag: tag.to_owned(),
                serial: (!serial.is_empty()).then(|| serial.to_owned()),
                model: name,
                item_id: model.map(|m| m.id),
                supplier_id: model.map(|m| m.supplier_id),
                user_id: user.map(|p| p.id),
                cost_center_id: c.id,
                location: location.to_owned(),
                delivered_on,
                warranty_end,
                status,
                inventoried_on,
            }),
            _ => out.problems.extend(mine),
        }
    }
    out.problems.sort_by_key(|p| p.line);
    Ok(out)
}
