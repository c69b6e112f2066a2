//! Test databases for service and router tests: a fresh, migrated database per
//! test, on SQLite by default or on PostgreSQL when `TEST_DATABASE_URL` points
//! at a (throwaway) server.

use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};

/// The steps of SQLite's plan for `statement` (`EXPLAIN QUERY PLAN`'s
/// details, in order) on the test database `t`; `None` when it is not
/// SQLite. On a connection of its own: one that read the schema before
/// the last migration would plan with the indexes it saw then.
pub async fn sqlite_plan(t: &TestDb, statement: &sea_orm::sea_query::SelectStatement) -> Option<Vec<String>> {
    use sea_orm::DbBackend;
    if t.db.get_database_backend() != DbBackend::Sqlite {
        return None;
    }
    let db = crate::db::connect(&t.url(), 1).await.unwrap();
    let sql = statement.to_string(sea_orm::sea_query::SqliteQueryBuilder);
    let rows = db
        .query_all(Statement::from_string(
            DbBackend::Sqlite,
            format!("EXPLAIN QUERY PLAN {sql}"),
        ))
        .await
        .unwrap();
    Some(
        rows.iter()
            .map(|r| r.try_get::<String>("", "detail").unwrap())
            .collect(),
    )
}

/// A migrated database that lives as long as this value.
pub struct TestDb {
    pub db: DatabaseConnection,
    file: Option<std::path::PathBuf>,
    /// On PostgreSQL: the server's admin URL and this database's name.
    server: Option<(String, String)>,
    url: String,
}

impl TestDb {
    /// The database's URL, as the server's settings would name it.
    pub fn url(&self) -> String {
        self.url.clone()
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some(f) = &self.file {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{}", f.display(), suffix));
            }
        }
        if let Some((admin_url, name)) = self.server.take() {
            drop_database(admin_url, name);
        }
    }
}

/// Drops a test database on PostgreSQL, so that a run of a thousand tests
/// does not leave a thousand databases (gigabytes) on the throwaway server.
/// It runs on a thread of its own: the test's runtime may be ending, and
/// `Drop` cannot await. `WITH (FORCE)` ends the test's own connections.
fn drop_database(admin_url: String, name: String) {
    let dropped = std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .ok()?;
        rt.block_on(async {
            let admin = crate::db::connect(&admin_url, 1).await.ok()?;
            let sql = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
            let done = admin.execute_unprepared(&sql).await.ok();
            admin.close().await.ok();
            done
        })
    })
    .join();
    if !matches!(dropped, Ok(Some(_))) {
        eprintln!("the test database could not be dropped (left on the throwaway server)");
    }
}

/// Which backend the tests of this run use: `sqlite` or `postgres`.
pub fn backend_name() -> &'static str {
    match std::env::var("TEST_DATABASE_URL") {
        Ok(u) if u.starts_with("postgres") => "postgres",
        _ => "sqlite",
    }
}

/// A fresh empty database with all migrations applied.
pub async fn test_db() -> TestDb {
    let t = empty_db().await;
    crate::db::migrate(&t.db)
        .await
        .expect("migrations apply to a fresh database");
    t
}

/// A fresh database with the demo region (people, catalogue, governance).
pub async fn demo_db() -> TestDb {
    let t = test_db().await;
    crate::demo::seed_demo(&t.db).await.expect("the demo region seeds");
    t
}

/// A fresh database with no tables at all.
pub async fn empty_db() -> TestDb {
    let name = format!("avrop_test_{}", uuid::Uuid::new_v4().simple());
    match std::env::var("TEST_DATABASE_URL") {
        Ok(admin_url) if admin_url.starts_with("postgres") => {
            // Refuse anything but a throwaway server on this machine.
            assert!(
                admin_url.contains("@127.0.0.1") || admin_url.contains("@localhost"),
                "TEST_DATABASE_URL must point at a local throwaway server"
            );
            let admin = crate::db::connect(&admin_url, 1)
                .await
                .expect("connect to the test server");
            admin
                .execute(Statement::from_string(
                    admin.get_database_backend(),
                    format!("CREATE DATABASE {name}"),
                ))
                .await
                .expect("create a test database");
            admin.close().await.ok();
            let base = admin_url.rsplit_once('/').map(|(b, _)| b).unwrap_or(&admin_url);
            let url = format!("{base}/{name}");
            let db = crate::db::connect(&url, 5).await.expect("connect to the test database");
            TestDb {
                db,
                url,
                file: None,
                server: Some((admin_url, name)),
            }
        }
        _ => {
            let path = std::env::temp_dir().join(format!("{name}.db"));
            let url = format!("sqlite://{}?mode=rwc", path.display());
            let db = crate::db::connect(&url, 5).await.expect("open an SQLite test database");
            TestDb {
                db,
                url,
                file: Some(path),
                server: None,
            }
        }
    }
}

/// The context of a demo person, with their roles, as the session would give it.
pub async fn person_ctx(db: &DatabaseConnection, username: &str) -> crate::ctx::Ctx {
    use crate::entities::{person, person_role};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let p = person::Entity::find()
        .filter(person::Column::Username.eq(username))
        .one(db)
        .await
        .expect("query person")
        .unwrap_or_else(|| panic!("no person {username}"));
    let roles = person_role::Entity::find()
        .filter(person_role::Column::PersonId.eq(p.id))
        .all(db)
        .await
        .expect("query roles")
        .into_iter()
        .filter_map(|r| r.role.parse().ok())
        .collect();
    crate::ctx::Ctx {
        actor: crate::ctx::Actor::Person {
            id: p.id,
            username: p.username,
        },
        roles,
        ip: None,
    }
}

/// The id of the item with this article number (the demo catalogue's).
pub async fn item_id(db: &DatabaseConnection, article: &str) -> i32 {
    use crate::entities::item;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    item::Entity::find()
        .filter(item::Column::ArticleNumber.eq(article))
        .one(db)
        .await
        .expect("query item")
        .unwrap_or_else(|| panic!("no item {article}"))
        .id
}

/// Adds `n` governance objects of `class` to family `family_id`, named
/// `{prefix} 00`, `{prefix} 01`…, without description or people.
pub async fn add_objects(
    db: &DatabaseConnection,
    family_id: i32,
    prefix: &str,
    class: &str,
    n: usize,
) -> Vec<crate::entities::governance_object::Model> {
    use crate::entities::governance_object;
    use sea_orm::{ActiveModelTrait, Set};
    let mut added = Vec::with_capacity(n);
    for i in 0..n {
        let o = governance_object::ActiveModel {
            family_id: Set(family_id),
            name: Set(format!("{prefix} {i:02}")),
            class: Set(class.into()),
            description: Set(String::new()),
            it_components: Set(String::new()),
            products: Set(String::new()),
            ..Default::default()
        }
        .insert(db)
        .await
        .expect("insert object");
        added.push(o);
    }
    added
}
