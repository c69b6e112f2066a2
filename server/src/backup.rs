//! `server backup FILE` and `server restore FILE`: the whole database to a
//! file and back.
//!
//! - PostgreSQL: `pg_dump` in its custom format, and `pg_restore` in one
//!   transaction onto an empty database (Debian's `postgresql-client`).
//! - SQLite: `VACUUM INTO` writes a consistent copy while the server runs;
//!   a restore copies it into place while no server runs.
//!
//! A restore refuses a database that has tables: it never mixes a backup
//! with what is there. Both print each table's row count ([`fingerprint`]),
//! so an operator can compare the two.

use anyhow::{bail, Context as _};
use sea_orm::{ConnectionTrait, DatabaseBackend, DatabaseConnection, Statement};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// What a table holds, in figures: its rows, and the sum of each of its
/// numeric columns. Two databases with the same figures hold the same data
/// as far as counts and sums can tell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableFigures {
    pub rows: i64,
    pub sums: BTreeMap<String, String>,
}

/// The figures of every table of the database.
pub async fn fingerprint(db: &DatabaseConnection) -> anyhow::Result<BTreeMap<String, TableFigures>> {
    let backend = db.get_database_backend();
    let mut out = BTreeMap::new();
    for table in tables(db).await? {
        let columns = numeric_columns(db, &table).await?;
        let mut select = vec!["COUNT(*) AS n".to_owned()];
        for (i, c) in columns.iter().enumerate() {
            // As text: a sum of integers or of decimals alike.
            select.push(format!("CAST(SUM(\"{c}\") AS TEXT) AS s{i}"));
        }
        let sql = format!("SELECT {} FROM \"{table}\"", select.join(", "));
        let row = db
            .query_one(Statement::from_string(backend, sql))
            .await?
            .context("a count answers one row")?;
        let rows: i64 = row.try_get("", "n")?;
        let mut sums = BTreeMap::new();
        for (i, c) in columns.iter().enumerate() {
            let sum: Option<String> = row.try_get("", &format!("s{i}"))?;
            sums.insert(c.clone(), sum.unwrap_or_default());
        }
        out.insert(table, TableFigures { rows, sums });
    }
    Ok(out)
}

/// The database's own tables (not the system's), by name.
async fn tables(db: &DatabaseConnection) -> anyhow::Result<Vec<String>> {
    let backend = db.get_database_backend();
    let sql = match backend {
        DatabaseBackend::Postgres => {
            "SELECT table_name AS name FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1"
        }
        _ => "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY 1",
    };
    let rows = db.query_all(Statement::from_string(backend, sql)).await?;
    rows.iter()
        .map(|r| r.try_get::<String>("", "name").map_err(Into::into))
        .collect()
}

/// The integer and decimal columns of `table`.
async fn numeric_columns(db: &DatabaseConnection, table: &str) -> anyhow::Result<Vec<String>> {
    let backend = db.get_database_backend();
    let (sql, values) = match backend {
        DatabaseBackend::Postgres => (
            "SELECT column_name AS name FROM information_schema.columns \
             WHERE table_schema = current_schema() AND table_name = $1 \
             AND data_type IN ('smallint', 'integer', 'bigint', 'numeric') ORDER BY ordinal_position",
            vec![table.into()],
        ),
        _ => (
            "SELECT name FROM pragma_table_info(?) \
             WHERE upper(type) LIKE '%INT%' OR upper(type) LIKE '%NUMERIC%' OR upper(type) LIKE '%DECIMAL%' \
             ORDER BY cid",
            vec![table.into()],
        ),
    };
    let rows = db
        .query_all(Statement::from_sql_and_values(backend, sql, values))
        .await?;
    rows.iter()
        .map(|r| r.try_get::<String>("", "name").map_err(Into::into))
        .collect()
}

/// Writes a backup of the database at `url` to `file` (which must not exist).
pub async fn backup(url: &str, file: &Path) -> anyhow::Result<()> {
    if file.exists() {
        bail!("{} already exists: a backup never overwrites a file", file.display());
    }
    if let Some(path) = app::db::sqlite_file_path(url) {
        let db = app::db::connect(url, 1).await?;
        let target = file.to_str().context("the backup's path must be UTF-8")?;
        let sql = format!("VACUUM INTO '{}'", target.replace('\'', "''"));
        db.execute_unprepared(&sql)
            .await
            .with_context(|| format!("copying {path} to {}", file.display()))?;
        db.close().await.ok();
        return Ok(());
    }
    let (url, password) = without_password(url);
    run(
        "pg_dump",
        &[
            "--format=custom".as_ref(),
            "--no-owner".as_ref(),
            "--file".as_ref(),
            file.as_os_str(),
            "--dbname".as_ref(),
            url.as_ref(),
        ],
        password,
    )
    .await
}

/// Restores `file` into the database at `url`, which must have no tables.
pub async fn restore(url: &str, file: &Path) -> anyhow::Result<()> {
    if !file.is_file() {
        bail!("{} is not a file", file.display());
    }
    let db = app::db::connect(url, 1).await?;
    let existing = tables(&db).await?;
    db.close().await.ok();
    if !existing.is_empty() {
        bail!(
            "the database already has {} table(s): restore into an empty database (a backup is never mixed with data)",
            existing.len()
        );
    }
    if let Some(path) = app::db::sqlite_file_path(url) {
        // The empty file `connect` made is replaced, with no journal left
        // beside it.
        for suffix in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{path}{suffix}"));
        }
        std::fs::copy(file, &path).with_context(|| format!("copying {} to {path}", file.display()))?;
        return Ok(());
    }
    let (url, password) = without_password(url);
    run(
        "pg_restore",
        &[
            "--no-owner".as_ref(),
            "--exit-on-error".as_ref(),
            "--single-transaction".as_ref(),
            "--dbname".as_ref(),
            url.as_ref(),
            file.as_os_str(),
        ],
        password,
    )
    .await
}

/// The URL without its password, and the password: the client programs
/// get it in `PGPASSWORD`, not on a command line that `ps` shows.
fn without_password(url: &str) -> (String, Option<String>) {
    let (Some(scheme_end), Some(at)) = (url.find("://"), url.rfind('@')) else {
        return (url.to_owned(), None);
    };
    if at < scheme_end {
        return (url.to_owned(), None);
    }
    let userinfo = &url[scheme_end + 3..at];
    let Some((user, password)) = userinfo.split_once(':') else {
        return (url.to_owned(), None);
    };
    let password = urlencoding::decode(password)
        .map(|p| p.into_owned())
        .unwrap_or_else(|_| password.to_owned());
    (
        format!("{}{user}{}", &url[..scheme_end + 3], &url[at..]),
        Some(password),
    )
}

/// Runs one of PostgreSQL's client programs; its error output is the error.
async fn run(program: &str, args: &[&std::ffi::OsStr], password: Option<String>) -> anyhow::Result<()> {
    let path = client_program(program);
    let mut command = tokio::process::Command::new(&path);
    command.args(args);
    if let Some(password) = password {
        command.env("PGPASSWORD", password);
    }
    let out = command
        .output()
        .await
        .with_context(|| format!("running {} (install postgresql-client)", path.display()))?;
    if !out.status.success() {
        bail!("{program} failed: {}", String::from_utf8_lossy(&out.stderr).trim());
    }
    Ok(())
}

/// `program` from the newest `/usr/lib/postgresql/N/bin` (Debian puts the
/// versioned ones there), or from `PATH`.
fn client_program(program: &str) -> PathBuf {
    let newest = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
        .max();
    newest
        .map(|v| PathBuf::from(format!("/usr/lib/postgresql/{v}/bin/{program}")))
        .filter(|p| p.is_file())
        .unwrap_or_else(|| PathBuf::from(program))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_password_goes_to_the_environment_not_the_command_line() {
        assert_eq!(
            without_password("postgres://avrop:p%40ss:w@db.region.se:5432/avrop"),
            (
                "postgres://avrop@db.region.se:5432/avrop".to_owned(),
                Some("p@ss:w".to_owned())
            )
        );
        assert_eq!(
            without_password("postgres://avrop@db/avrop"),
            ("postgres://avrop@db/avrop".to_owned(), None)
        );
        assert_eq!(
            without_password("postgres://db/avrop"),
            ("postgres://db/avrop".to_owned(), None)
        );
    }
}
