//! Service tests of the job runner, on SQLite and PostgreSQL.

use super::*;
use crate::testing::test_db;
use std::sync::atomic::{AtomicUsize, Ordering};

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

/// A job that counts its runs.
fn counting(name: &'static str, every: Duration) -> (Jobs, Arc<AtomicUsize>) {
    let runs = Arc::new(AtomicUsize::new(0));
    let mut jobs = Jobs::default();
    let counter = runs.clone();
    jobs.every(name, every, move |_db, _now| {
        let counter = counter.clone();
        async move {
            // Long enough for the other worker's claim to meet this run.
            tokio::time::sleep(Duration::from_millis(20)).await;
            counter.fetch_add(1, Ordering::SeqCst);
            Ok(())
        }
    });
    (jobs, runs)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn of_two_workers_claiming_the_same_due_job_at_once_exactly_one_runs_it() {
    let t = test_db().await;
    let (jobs, runs) = counting("test.count", Duration::from_secs(60));
    let t0 = at("2026-11-30T08:00:00Z");
    ensure(&t.db, &jobs, t0).await.unwrap();
    for round in 0..20 {
        let now = t0 + chrono::Duration::seconds(60 * round);
        let (a, b) = tokio::join!(
            tick(&t.db, &jobs, "instance-a", now),
            tick(&t.db, &jobs, "instance-b", now)
        );
        let ran = a.unwrap().len() + b.unwrap().len();
        assert_eq!(ran, 1, "round {round}: one of the two ran it");
        assert_eq!(runs.load(Ordering::SeqCst), round as usize + 1, "round {round}");
    }
}

#[tokio::test]
async fn of_two_workers_claiming_directly_one_gets_the_job() {
    let t = test_db().await;
    let (jobs, _) = counting("test.claim", Duration::from_secs(60));
    let t0 = at("2026-11-30T08:00:00Z");
    ensure(&t.db, &jobs, t0).await.unwrap();
    let lease = Duration::from_secs(60);
    let (a, b) = tokio::join!(
        claim(&t.db, "test.claim", "instance-a", t0, lease),
        claim(&t.db, "test.claim", "instance-b", t0, lease)
    );
    assert_eq!([a.unwrap(), b.unwrap()].iter().filter(|x| **x).count(), 1);
}

#[tokio::test]
async fn a_job_runs_again_only_when_its_period_has_passed() {
    let t = test_db().await;
    let (jobs, runs) = counting("test.period", Duration::from_secs(300));
    let t0 = at("2026-11-30T08:00:00Z");
    ensure(&t.db, &jobs, t0).await.unwrap();
    assert_eq!(tick(&t.db, &jobs, "a", t0).await.unwrap(), vec!["test.period"]);
    assert!(tick(&t.db, &jobs, "b", at("2026-11-30T08:04:59Z"))
        .await
        .unwrap()
        .is_empty());
    assert_eq!(
        tick(&t.db, &jobs, "b", at("2026-11-30T08:05:00Z")).await.unwrap(),
        vec!["test.period"]
    );
    assert_eq!(runs.load(Ordering::SeqCst), 2);
    let row = job::Entity::find_by_id("test.period")
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.next_run_at, at("2026-11-30T08:10:00Z"));
    assert_eq!(row.last_run_at, Some(at("2026-11-30T08:05:00Z")));
    assert_eq!((row.locked_by, row.locked_until, row.last_error), (None, None, None));
}

#[tokio::test]
async fn a_job_held_by_an_instance_is_taken_over_only_after_its_lease() {
    let t = test_db().await;
    let (jobs, _) = counting("test.lease", Duration::from_secs(60));
    let t0 = at("2026-11-30T08:00:00Z");
    ensure(&t.db, &jobs, t0).await.unwrap();
    let lease = Duration::from_secs(120);
    assert!(claim(&t.db, "test.lease", "a", t0, lease).await.unwrap());
    // Instance a died holding it: b waits for the lease to run out.
    assert!(!claim(&t.db, "test.lease", "b", at("2026-11-30T08:01:59Z"), lease)
        .await
        .unwrap());
    assert!(claim(&t.db, "test.lease", "b", at("2026-11-30T08:02:01Z"), lease)
        .await
        .unwrap());
    // a comes back too late: it no longer holds the job and writes nothing.
    assert!(!finish(&t.db, "test.lease", "a", t0, at("2026-11-30T09:00:00Z"), None)
        .await
        .unwrap());
    assert!(finish(&t.db, "test.lease", "b", t0, at("2026-11-30T08:03:00Z"), None)
        .await
        .unwrap());
}

#[tokio::test]
async fn a_failing_job_records_its_error_and_runs_again_next_period() {
    let t = test_db().await;
    let mut jobs = Jobs::default();
    jobs.every("test.fails", Duration::from_secs(60), |_db, _now| async {
        Err(anyhow::anyhow!("the mail server said no"))
    });
    let t0 = at("2026-11-30T08:00:00Z");
    ensure(&t.db, &jobs, t0).await.unwrap();
    assert_eq!(tick(&t.db, &jobs, "a", t0).await.unwrap(), vec!["test.fails"]);
    let row = job::Entity::find_by_id("test.fails").one(&t.db).await.unwrap().unwrap();
    assert_eq!(row.last_error.as_deref(), Some("the mail server said no"));
    assert_eq!(row.locked_by, None);
    assert_eq!(row.next_run_at, at("2026-11-30T08:01:00Z"));
}

#[tokio::test]
async fn a_job_that_outlives_its_lease_is_cut_off() {
    let t = test_db().await;
    let mut jobs = Jobs::default();
    jobs.every_with_lease(
        "test.slow",
        Duration::from_secs(60),
        Duration::from_millis(50),
        |_db, _now| async {
            tokio::time::sleep(Duration::from_secs(30)).await;
            Ok(())
        },
    );
    let t0 = at("2026-11-30T08:00:00Z");
    ensure(&t.db, &jobs, t0).await.unwrap();
    tick(&t.db, &jobs, "a", t0).await.unwrap();
    let row = job::Entity::find_by_id("test.slow").one(&t.db).await.unwrap().unwrap();
    assert!(row.last_error.unwrap().starts_with("cut off"));
}

#[tokio::test]
async fn registering_twice_keeps_one_row_and_one_job() {
    let t = test_db().await;
    let (mut jobs, _) = counting("test.twice", Duration::from_secs(60));
    jobs.every("test.twice", Duration::from_secs(30), |_db, _now| async { Ok(()) });
    assert_eq!(jobs.list().len(), 1);
    assert_eq!(jobs.list()[0].every, Duration::from_secs(30));
    let t0 = at("2026-11-30T08:00:00Z");
    ensure(&t.db, &jobs, t0).await.unwrap();
    ensure(&t.db, &jobs, at("2026-11-30T09:00:00Z")).await.unwrap();
    let row = job::Entity::find_by_id("test.twice").one(&t.db).await.unwrap().unwrap();
    assert_eq!(row.next_run_at, t0, "the second start leaves the row alone");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_runner_runs_due_jobs_and_stops_when_asked() {
    let t = test_db().await;
    let (jobs, runs) = counting("test.runner", Duration::from_millis(10));
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let handle = spawn(t.db.clone(), jobs, "runner".into(), Duration::from_millis(20), stopped);
    let waited = tokio::time::timeout(Duration::from_secs(10), async {
        while runs.load(Ordering::SeqCst) < 2 {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    })
    .await;
    assert!(waited.is_ok(), "the runner ran the job twice");
    stop.send(true).unwrap();
    tokio::time::timeout(Duration::from_secs(5), handle)
        .await
        .expect("the runner stops")
        .unwrap();
    let after = runs.load(Ordering::SeqCst);
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(runs.load(Ordering::SeqCst), after, "nothing runs after the stop");
}
