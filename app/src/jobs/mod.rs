//! Periodic background jobs, safe with several app instances running.
//!
//! Each job is a row of the `job` table: when it runs next, and which
//! instance holds it until when. Every instance ticks every few seconds and
//! tries to *claim* each due job with one conditional update
//! ([`claim`]: `… WHERE name = ? AND next_run_at <= now AND (locked_until
//! IS NULL OR locked_until < now)`); the instance whose update changed the
//! row runs the job, the others see no row changed and skip it. A run is cut
//! off at its lease (so a lease never runs out under a job still running),
//! and an instance that dies mid-run leaves the lease to expire: then
//! another instance takes the job over.
//!
//! An area registers a job in `server/src/startup.rs::jobs()` with one line:
//!
//! ```ignore
//! jobs.every("attest.reminders", Duration::from_secs(300), app::attest::reminders::run);
//! ```
//!
//! where `run` is an `async fn(DatabaseConnection, DateTime<Utc>) ->
//! anyhow::Result<()>` (the time is the tick's; use it instead of reading
//! the clock, so tests can choose it). A closure works too, to pass
//! settings: `move |db, now| send_due(db, now, mailer.clone())`. A job must
//! be idempotent: after a crash it may run again for the same period.

use crate::entities::job;
use chrono::{DateTime, Utc};
use futures::future::BoxFuture;
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

#[cfg(test)]
mod tests;

/// How long an instance holds a job it took, unless registered otherwise:
/// a run is cut off after this long.
pub const DEFAULT_LEASE: Duration = Duration::from_secs(5 * 60);

/// How often each instance looks for due jobs.
pub const TICK: Duration = Duration::from_secs(5);

type JobFn = Arc<dyn Fn(DatabaseConnection, DateTime<Utc>) -> BoxFuture<'static, anyhow::Result<()>> + Send + Sync>;

/// One periodic job.
#[derive(Clone)]
pub struct Job {
    /// Unique, stable across releases (it is the row's key): `area.what`.
    pub name: &'static str,
    /// Time from one run's start to the next run.
    pub every: Duration,
    /// How long a run may take; the instance holds the job that long.
    pub lease: Duration,
    run: JobFn,
}

impl std::fmt::Debug for Job {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Job")
            .field("name", &self.name)
            .field("every", &self.every)
            .field("lease", &self.lease)
            .finish_non_exhaustive()
    }
}

/// The jobs every instance runs, registered at startup.
#[derive(Clone, Debug, Default)]
pub struct Jobs(Vec<Job>);

impl Jobs {
    /// Registers `run` to run every `every` (on one instance at a time),
    /// with the [`DEFAULT_LEASE`]. A second job of the same name replaces
    /// the first.
    pub fn every<F, Fut>(&mut self, name: &'static str, every: Duration, run: F) -> &mut Self
    where
        F: Fn(DatabaseConnection, DateTime<Utc>) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = anyhow::Result<()>> + Send + 'static,
    {
        self.every_with_lease(name, every, DEFAULT_LEASE, run)
    }

    /// [`Jobs::every`] with a lease of its own, for a job that may take
    /// longer than five minutes or should be taken over sooner after a crash.
    pub fn every_with_lease<F, Fut>(
        &mut self,
        name: &'static str,
        every: Duration,
        lease: Duration,
        run: F,
    ) -> &mut Self
    where
        F: Fn(DatabaseConnection, DateTime<Utc>) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = anyhow::Result<()>> + Send + 'static,
    {
        self.0.retain(|j| j.name != name);
        self.0.push(Job {
            name,
            every,
            lease,
            run: Arc::new(move |db, now| Box::pin(run(db, now))),
        });
        self
    }

    /// The registered jobs, in registration order.
    pub fn list(&self) -> &[Job] {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

fn after(t: DateTime<Utc>, d: Duration) -> DateTime<Utc> {
    t + chrono::Duration::from_std(d).unwrap_or(chrono::Duration::MAX)
}

/// Gives every job a row (due at once) unless it has one: run by each
/// instance at start; two instances doing it together write one row.
pub async fn ensure<C: ConnectionTrait>(db: &C, jobs: &Jobs, now: DateTime<Utc>) -> Result<(), sea_orm::DbErr> {
    if jobs.is_empty() {
        return Ok(());
    }
    let rows = jobs.list().iter().map(|j| job::ActiveModel {
        name: Set(j.name.to_owned()),
        next_run_at: Set(now),
        locked_by: Set(None),
        locked_until: Set(None),
        last_run_at: Set(None),
        last_error: Set(None),
    });
    job::Entity::insert_many(rows)
        .on_conflict(OnConflict::column(job::Column::Name).do_nothing().to_owned())
        .do_nothing()
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// Takes the job `name` for `instance` until `now + lease` if it is due and
/// nobody holds it: `true` when this call took it. One conditional update,
/// so of several instances asking at once exactly one gets `true`.
pub async fn claim<C: ConnectionTrait>(
    db: &C,
    name: &str,
    instance: &str,
    now: DateTime<Utc>,
    lease: Duration,
) -> Result<bool, sea_orm::DbErr> {
    let taken = job::Entity::update_many()
        .col_expr(job::Column::LockedBy, Expr::value(instance))
        .col_expr(job::Column::LockedUntil, Expr::value(after(now, lease)))
        .filter(job::Column::Name.eq(name))
        .filter(job::Column::NextRunAt.lte(now))
        .filter(
            Condition::any()
                .add(job::Column::LockedUntil.is_null())
                .add(job::Column::LockedUntil.lt(now)),
        )
        .exec(db)
        .await?;
    Ok(taken.rows_affected == 1)
}

/// Records a run that `instance` started at `started` and releases the job
/// until `next_run_at`. `false` when the instance no longer held it (its
/// lease ran out and another took over): then nothing is written.
pub async fn finish<C: ConnectionTrait>(
    db: &C,
    name: &str,
    instance: &str,
    started: DateTime<Utc>,
    next_run_at: DateTime<Utc>,
    error: Option<String>,
) -> Result<bool, sea_orm::DbErr> {
    let done = job::Entity::update_many()
        .col_expr(job::Column::NextRunAt, Expr::value(next_run_at))
        .col_expr(job::Column::LastRunAt, Expr::value(Some(started)))
        .col_expr(job::Column::LastError, Expr::value(error))
        .col_expr(job::Column::LockedBy, Expr::value(Option::<String>::None))
        .col_expr(job::Column::LockedUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .filter(job::Column::Name.eq(name))
        .filter(job::Column::LockedBy.eq(instance))
        .exec(db)
        .await?;
    Ok(done.rows_affected == 1)
}

/// The jobs waiting and running across all instances, for `/metrics`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JobCounts {
    /// Due and held by no instance.
    pub due: u64,
    /// Held by an instance (its lease runs).
    pub running: u64,
}

pub async fn counts<C: ConnectionTrait>(db: &C, now: DateTime<Utc>) -> Result<JobCounts, sea_orm::DbErr> {
    use sea_orm::PaginatorTrait;
    let running = job::Entity::find()
        .filter(job::Column::LockedUntil.gte(now))
        .count(db)
        .await?;
    let due = job::Entity::find()
        .filter(job::Column::NextRunAt.lte(now))
        .filter(
            Condition::any()
                .add(job::Column::LockedUntil.is_null())
                .add(job::Column::LockedUntil.lt(now)),
        )
        .count(db)
        .await?;
    Ok(JobCounts { due, running })
}

/// Runs, on this instance, every job that is due at `now` and that this
/// instance manages to claim, one after another; answers the names of the
/// jobs it ran. A job's failure is recorded in its row and logged; only a
/// failure to reach the database is an error here.
pub async fn tick(
    db: &DatabaseConnection,
    jobs: &Jobs,
    instance: &str,
    now: DateTime<Utc>,
) -> Result<Vec<&'static str>, sea_orm::DbErr> {
    let mut ran = Vec::new();
    for job in jobs.list() {
        if !claim(db, job.name, instance, now, job.lease).await? {
            continue;
        }
        let outcome = tokio::time::timeout(job.lease, (job.run)(db.clone(), now)).await;
        use crate::metrics::{job_ran, JobOutcome};
        let error = match outcome {
            Ok(Ok(())) => {
                job_ran(job.name, JobOutcome::Ok);
                None
            }
            Ok(Err(e)) => {
                job_ran(job.name, JobOutcome::Failed);
                tracing::warn!(job = job.name, error = %format!("{e:#}"), "background job failed");
                Some(format!("{e:#}"))
            }
            Err(_) => {
                job_ran(job.name, JobOutcome::CutOff);
                tracing::warn!(job = job.name, lease = ?job.lease, "background job cut off at its lease");
                Some(format!("cut off after {} s (its lease)", job.lease.as_secs()))
            }
        };
        // The next run counts from this one's start, so the cadence holds;
        // a run that took longer than `every` is followed at once.
        if !finish(db, job.name, instance, now, after(now, job.every), error).await? {
            tracing::warn!(job = job.name, "background job's lease ran out before it finished");
        }
        ran.push(job.name);
    }
    Ok(ran)
}

/// A name for this instance in the `job` table: host, process and a random
/// part (a restarted process is another instance).
pub fn instance_name() -> String {
    let host = std::env::var("HOSTNAME").unwrap_or_else(|_| "avrop".to_owned());
    let id = uuid::Uuid::new_v4().simple().to_string();
    format!("{host}:{}:{}", std::process::id(), &id[..8])
}

/// Starts this instance's runner: it makes sure every job has its row,
/// then ticks every `every` until `stop` turns `true` (or its sender is
/// dropped). A job running when asked to stop finishes first, so await the
/// handle (with a time limit) before closing the database.
pub fn spawn(
    db: DatabaseConnection,
    jobs: Jobs,
    instance: String,
    every: Duration,
    mut stop: tokio::sync::watch::Receiver<bool>,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        if jobs.is_empty() {
            return;
        }
        let names: Vec<&str> = jobs.list().iter().map(|j| j.name).collect();
        tracing::info!(%instance, jobs = ?names, "background jobs started");
        let mut ticker = tokio::time::interval(every);
        ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut ready = false;
        loop {
            tokio::select! {
                _ = ticker.tick() => {}
                changed = stop.changed() => {
                    if changed.is_err() || *stop.borrow() {
                        break;
                    }
                    continue;
                }
            }
            if *stop.borrow() {
                break;
            }
            let now = Utc::now();
            if !ready {
                match ensure(&db, &jobs, now).await {
                    Ok(()) => ready = true,
                    Err(e) => {
                        tracing::warn!(error = %e, "background jobs: cannot register the jobs yet");
                        continue;
                    }
                }
            }
            if let Err(e) = tick(&db, &jobs, &instance, now).await {
                tracing::warn!(error = %e, "background jobs: the database did not answer");
            }
        }
        tracing::info!(%instance, "background jobs stopped");
    })
}
