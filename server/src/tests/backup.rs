//! The backup drill: fill, back up, destroy, restore, compare.

use crate::backup;
use app::testing::{demo_db, empty_db};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_restored_on_an_empty_database_has_every_tables_counts_and_sums() {
    let t = demo_db().await;
    let before = backup::fingerprint(&t.db).await.unwrap();
    assert!(before.len() > 30, "every table is counted: {:?}", before.keys());
    assert!(before["person"].rows >= 10 && before["item"].rows >= 10, "{before:?}");
    assert!(!before["item_price"].sums.is_empty(), "numeric columns are summed");

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("avrop.backup");
    backup::backup(&t.url(), &file).await.unwrap();
    assert!(std::fs::metadata(&file).unwrap().len() > 0);
    // Never over a file, never into a database with data.
    assert!(backup::backup(&t.url(), &file).await.is_err());
    let refused = backup::restore(&t.url(), &file).await.unwrap_err();
    assert!(refused.to_string().contains("empty database"), "{refused}");

    drop(t);
    let empty = empty_db().await;
    let url = empty.url();
    // No connection of ours is open on the file a restore replaces.
    empty.db.clone().close().await.unwrap();
    backup::restore(&url, &file).await.unwrap();
    let restored = app::db::connect(&url, 2).await.unwrap();
    let after = backup::fingerprint(&restored).await.unwrap();
    assert_eq!(before, after);
    // The restored database is one the server starts on: its migrations
    // are all there, and people can log in.
    app::db::migrate(&restored).await.unwrap();
    let cfg = app::state::AuthConfig::default();
    app::auth::service::login(
        &restored,
        &cfg,
        "anna.lindqvist",
        app::demo::DEMO_PASSWORD,
        "127.0.0.1",
        None,
    )
    .await
    .expect("a restored person logs in");
    restored.close().await.ok();
    drop(empty);
}
