//! Connecting to the database (SQLite file by default, PostgreSQL when the
//! URL says so) and running the migrations.

use anyhow::Context as _;
use migrations::{Migrator, MigratorTrait};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseBackend, DatabaseConnection, DatabaseTransaction, DbErr,
    TransactionTrait,
};
use std::time::Duration;

/// Opens a pool. For an SQLite file URL the directory is created and the file
/// switched to WAL so that readers do not block the writer.
pub async fn connect(url: &str, max_connections: u32) -> anyhow::Result<DatabaseConnection> {
    if let Some(path) = sqlite_file_path(url) {
        if let Some(dir) = std::path::Path::new(&path).parent() {
            if !dir.as_os_str().is_empty() {
                std::fs::create_dir_all(dir)
                    .with_context(|| format!("creating the database directory {}", dir.display()))?;
            }
        }
    }
    let mut opts = ConnectOptions::new(url.to_owned());
    opts.max_connections(max_connections)
        .min_connections(1)
        .connect_timeout(Duration::from_secs(5))
        .acquire_timeout(Duration::from_secs(10))
        // No ping before each use of a pooled connection: it was a round
        // trip of its own before every statement outside a transaction.
        // A connection that broke meanwhile fails its next statement, and
        // the pool then drops it.
        .test_before_acquire(false)
        .sqlx_logging(false)
        // SQLite answers from a worker thread per connection, which hands
        // the rows over a channel of 50 by default: a page of the unit
        // register (about 500 rows) made it stop and wake the request's
        // task ten times. 1 024 lets it run through.
        //
        // SQLite reads the file through a memory map (up to 16 GiB, the
        // limit it is built with: `.cargo/config.toml`) instead of copying
        // each page it misses into a 2 MB cache of its own with a system
        // call: the charging run's 500 000 subscriptions, looked up in the
        // order of their dates, spent more time in the kernel than in SQLite.
        .map_sqlx_sqlite_opts(|o| o.row_buffer_size(1024).pragma("mmap_size", "17179869184"));
    let db = Database::connect(opts)
        .await
        .with_context(|| format!("connecting to {}", redact(url)))?;
    if db.get_database_backend() == DatabaseBackend::Sqlite && sqlite_file_path(url).is_some() {
        db.execute_unprepared("PRAGMA journal_mode=WAL")
            .await
            .context("switching SQLite to WAL")?;
    }
    Ok(db)
}

/// Begins a transaction that is going to write.
///
/// On SQLite a plain `BEGIN` is deferred: the transaction reads under a
/// snapshot and asks for the write lock only at its first write. If another
/// connection committed in between, that upgrade fails at once with
/// `SQLITE_BUSY_SNAPSHOT` ("database is locked"), without waiting out the
/// busy timeout. A write as the first statement takes the write lock before
/// any snapshot exists, and that wait honours the busy timeout: writers queue
/// instead of failing. The statement matches no row and changes nothing.
/// PostgreSQL needs nothing of the kind.
pub async fn begin_write<C: TransactionTrait>(db: &C) -> Result<DatabaseTransaction, DbErr> {
    let txn = db.begin().await?;
    if txn.get_database_backend() == DatabaseBackend::Sqlite {
        txn.execute_unprepared("UPDATE seaql_migrations SET version = version WHERE 0")
            .await?;
    }
    Ok(txn)
}

/// The one number a counting statement answers (its first column of its
/// one row), as a count: none or a negative is 0.
pub async fn count<C: ConnectionTrait>(db: &C, statement: &sea_orm::sea_query::SelectStatement) -> Result<u64, DbErr> {
    let row = db.query_one(db.get_database_backend().build(statement)).await?;
    let n: i64 = row.map(|r| r.try_get_by_index(0)).transpose()?.unwrap_or(0);
    Ok(u64::try_from(n).unwrap_or(0))
}

/// `column IN ('a', 'b', …)` with the values written into the statement
/// as literals, not bound as parameters. For the code's own fixed values
/// (a status enum's texts: `&'static str`, never input) in a statement
/// whose index reads by them.
///
/// PostgreSQL plans a prepared statement for its parameters five times,
/// then keeps one generic plan if it costs no more on average; a list of
/// bound statuses is unknown to that plan, which then can use the index
/// only on the columns before them and tests every row it reads against
/// the list. The coordinators' queue filtered by a förvaltning read every
/// order of its 450 cost centres, closed ones too (101 ms, not 12 ms, at
/// the region's size; 380 ms under 20 coordinators). Literals stay in the
/// generic plan's index condition, and the statement's text is still one
/// per list, so it is prepared once and cached as before.
pub fn one_of<C: sea_orm::ColumnTrait>(
    column: C,
    values: impl IntoIterator<Item = &'static str>,
) -> sea_orm::sea_query::SimpleExpr {
    use sea_orm::sea_query::{Expr, SimpleExpr};
    Expr::col((column.entity_name(), column)).is_in(values.into_iter().map(|v| SimpleExpr::Constant(v.into())))
}

/// The rows after cursor `(at, last)` in a list ordered by a time `since`
/// and then an id `id`, oldest first (newest with `newest_first`): the
/// keyset condition of every such list (the coordinators' queue, the
/// orders nobody may attest).
pub fn beyond_cursor(
    since: sea_orm::sea_query::SimpleExpr,
    id: impl sea_orm::ColumnTrait,
    (at, last): (chrono::DateTime<chrono::Utc>, i32),
    newest_first: bool,
) -> sea_orm::Condition {
    use sea_orm::sea_query::Expr;
    use sea_orm::Condition;
    let (later, beyond) = if newest_first {
        (Expr::expr(since.clone()).lt(at), id.lt(last))
    } else {
        (Expr::expr(since.clone()).gt(at), id.gt(last))
    };
    Condition::any()
        .add(later)
        .add(Condition::all().add(Expr::expr(since).eq(at)).add(beyond))
}

/// How many rows a statement selects: `n`, or with `more` more than `n`
/// (counting stopped there).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counted {
    pub n: u64,
    pub more: bool,
}

impl Counted {
    /// Exactly `n`.
    pub fn exact(n: u64) -> Counted {
        Counted { n, more: false }
    }

    /// The sum of two counts: more than `n` when either was.
    pub fn plus(self, other: Counted) -> Counted {
        Counted {
            n: self.n + other.n,
            more: self.more || other.more,
        }
    }
}

/// How many rows `rows` selects, counting at most `cap`: a statement
/// selecting more is `more` than `cap`. `COUNT(*)` over the statement
/// limited to `cap + 1` rows, so that an index is read at most that far.
pub async fn count_capped<C: ConnectionTrait>(
    db: &C,
    rows: sea_orm::sea_query::SelectStatement,
    cap: u64,
) -> Result<Counted, DbErr> {
    use sea_orm::sea_query::{Alias, Asterisk, Expr, Query};
    let mut rows = rows;
    rows.limit(cap.saturating_add(1));
    let stmt = Query::select()
        .expr(Expr::col(Asterisk).count())
        .from_subquery(rows, Alias::new("capped"))
        .to_owned();
    let n = count(db, &stmt).await?;
    Ok(Counted {
        n: n.min(cap),
        more: n > cap,
    })
}

/// A write refused by a unique index (on SQLite and PostgreSQL alike): the
/// caller lost a race for the same key and answers as if it had come second.
pub fn is_unique_violation(e: &DbErr) -> bool {
    matches!(e.sql_err(), Some(sea_orm::SqlErr::UniqueConstraintViolation(_)))
}

/// Brings the schema up to date.
pub async fn migrate(db: &DatabaseConnection) -> anyhow::Result<()> {
    Migrator::up(db, None).await.context("running migrations")
}

/// The connection pool of an instance, as `/metrics` shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolStatus {
    /// Connections lent out to a request or job now.
    pub in_use: u32,
    /// Open connections waiting to be lent.
    pub idle: u32,
    /// The pool's largest size.
    pub max: u32,
}

/// The pool's connections now.
pub fn pool_status(db: &DatabaseConnection) -> PoolStatus {
    fn of<D: sea_orm::sqlx::Database>(pool: &sea_orm::sqlx::Pool<D>) -> PoolStatus {
        let size = pool.size();
        let idle = u32::try_from(pool.num_idle()).unwrap_or(u32::MAX).min(size);
        PoolStatus {
            in_use: size - idle,
            idle,
            max: pool.options().get_max_connections(),
        }
    }
    match db.get_database_backend() {
        DatabaseBackend::Postgres => of(db.get_postgres_connection_pool()),
        DatabaseBackend::Sqlite => of(db.get_sqlite_connection_pool()),
        _ => PoolStatus {
            in_use: 0,
            idle: 0,
            max: 0,
        },
    }
}

/// The file path of an `sqlite://path?...` URL, or `None` for in-memory and
/// non-SQLite URLs.
pub fn sqlite_file_path(url: &str) -> Option<String> {
    let rest = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or_default();
    if path.is_empty() || path == ":memory:" {
        None
    } else {
        Some(path.to_owned())
    }
}

/// The URL without its password, for logs and error messages.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let userinfo = &url[scheme_end + 3..at];
            let user = userinfo.split(':').next().unwrap_or_default();
            format!("{}://{}:***@{}", &url[..scheme_end], user, &url[at + 1..])
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sea_orm::{EntityTrait, PaginatorTrait};

    #[tokio::test]
    async fn migrations_go_up_down_and_up_again() {
        let t = crate::testing::empty_db().await;

        migrate(&t.db).await.unwrap();
        let applied = Migrator::get_applied_migrations(&t.db).await.unwrap().len();
        assert_eq!(applied, Migrator::migrations().len());
        Migrator::down(&t.db, None).await.unwrap();
        assert!(Migrator::get_applied_migrations(&t.db).await.unwrap().is_empty());
        assert!(
            crate::entities::administration::Entity::find()
                .count(&t.db)
                .await
                .is_err(),
            "tables are gone after down"
        );
        migrate(&t.db).await.unwrap();

        assert_eq!(
            crate::entities::administration::Entity::find()
                .count(&t.db)
                .await
                .unwrap(),
            0
        );
        assert_eq!(Migrator::get_pending_migrations(&t.db).await.unwrap().len(), 0);
    }

    /// Each writer reads, waits for the other to commit, then writes: under a
    /// deferred `BEGIN` on SQLite one of them fails with "database is locked".
    #[tokio::test]
    async fn writers_that_read_first_queue_instead_of_failing() {
        let t = crate::testing::test_db().await;
        let counter = || crate::entities::administration::Entity::find().count(&t.db);
        let before = counter().await.unwrap();
        let write = |code: &'static str| {
            let db = t.db.clone();
            async move {
                let txn = begin_write(&db).await?;
                crate::entities::administration::Entity::find().count(&txn).await?;
                tokio::time::sleep(Duration::from_millis(50)).await;
                txn.execute_unprepared(&format!(
                    "INSERT INTO administration (code, name) VALUES ('{code}', 'Förvaltning {code}')"
                ))
                .await?;
                txn.commit().await
            }
        };
        let (a, b) = tokio::join!(write("LOCK-A"), write("LOCK-B"));
        a.unwrap();
        b.unwrap();
        assert_eq!(counter().await.unwrap(), before + 2);
    }

    /// The values of `one_of` are in the statement's text on both
    /// databases (none bound), quoted, and select what a bound list does.
    #[tokio::test]
    async fn one_of_writes_its_values_into_the_statement() {
        use crate::domain::assets::AssetStatus;
        use crate::entities::{asset, orders};
        use sea_orm::{ColumnTrait, QueryFilter, QueryTrait};
        let open = crate::domain::coordination::OPEN.map(|s| s.as_str());
        let literal = || orders::Entity::find().filter(one_of(orders::Column::Status, open));
        for backend in [DatabaseBackend::Postgres, DatabaseBackend::Sqlite] {
            let statement = literal().build(backend);
            assert!(
                statement
                    .sql
                    .contains(r#""orders"."status" IN ('awaiting_attestation', 'attested', "#),
                "{}",
                statement.sql
            );
            assert!(
                statement.values.as_ref().is_none_or(|v| v.0.is_empty()),
                "{statement:?}"
            );
            let quoted = orders::Entity::find()
                .filter(one_of(orders::Column::Status, ["it's"]))
                .build(backend);
            let escaped = match backend {
                DatabaseBackend::Postgres => r"IN (E'it\'s')",
                _ => "IN ('it''s')",
            };
            assert!(quoted.sql.contains(escaped), "{}", quoted.sql);
        }

        // The demo's assets are in use, in stock and in other states.
        let t = crate::testing::demo_db().await;
        let kept = [AssetStatus::InUse, AssetStatus::InStock].map(|s| s.as_str());
        let bound = asset::Entity::find()
            .filter(asset::Column::Status.is_in(kept))
            .count(&t.db)
            .await
            .unwrap();
        let all = asset::Entity::find().count(&t.db).await.unwrap();
        assert!(bound >= 1 && bound < all, "{bound} of {all}");
        let literal = asset::Entity::find().filter(one_of(asset::Column::Status, kept));
        assert_eq!(literal.count(&t.db).await.unwrap(), bound);
        let none = asset::Entity::find().filter(one_of(asset::Column::Status, []));
        assert_eq!(none.count(&t.db).await.unwrap(), 0, "an empty list selects nothing");
    }

    /// `.cargo/config.toml` builds SQLite without STAT4: with it, every
    /// statement whose bound values meet an indexed column is compiled
    /// anew on each run once ANALYZE has written statistics, and the
    /// prepared statements sqlx keeps are good for nothing. ANALYZE still
    /// writes the per-index averages (sqlite_stat1) the planner uses.
    #[tokio::test]
    async fn sqlite_is_built_without_stat4_and_analyze_still_gives_the_planner_averages() {
        let db = connect("sqlite::memory:", 1).await.unwrap();
        let used = |option: &'static str| {
            let db = db.clone();
            async move {
                let row = db
                    .query_one(sea_orm::Statement::from_string(
                        DatabaseBackend::Sqlite,
                        format!("SELECT sqlite_compileoption_used('{option}')"),
                    ))
                    .await
                    .unwrap()
                    .unwrap();
                row.try_get_by_index::<i64>(0).unwrap()
            }
        };
        assert_eq!(used("ENABLE_STAT4").await, 0, "SQLite was built with STAT4");
        // The check itself works: an option the build has.
        assert_eq!(used("ENABLE_FTS5").await, 1);

        db.execute_unprepared(
            "CREATE TABLE t (id INTEGER PRIMARY KEY, k INTEGER NOT NULL); CREATE INDEX t_k ON t (k);
             WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)
             INSERT INTO t (id, k) SELECT i, i % 10 FROM n; ANALYZE;",
        )
        .await
        .unwrap();
        let stat = db
            .query_one(sea_orm::Statement::from_string(
                DatabaseBackend::Sqlite,
                "SELECT stat FROM sqlite_stat1 WHERE idx = 't_k'",
            ))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(stat.try_get_by_index::<String>(0).unwrap(), "1000 100");
    }

    #[test]
    fn the_file_path_is_taken_from_an_sqlite_url() {
        assert_eq!(
            sqlite_file_path("sqlite://data/avrop.db?mode=rwc").as_deref(),
            Some("data/avrop.db")
        );
        assert_eq!(sqlite_file_path("sqlite::memory:"), None);
        assert_eq!(sqlite_file_path("postgres://u@h/db"), None);
    }

    #[test]
    fn a_password_in_the_url_is_never_shown() {
        assert_eq!(
            redact("postgres://avrop:secret@db:5432/avrop"),
            "postgres://avrop:***@db:5432/avrop"
        );
        assert_eq!(redact("sqlite://data/avrop.db"), "sqlite://data/avrop.db");
    }
}
