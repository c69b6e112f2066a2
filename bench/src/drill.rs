//! `avrop-bench drill` and `avrop-bench cluster-check`: the load and the
//! checks of `./x cluster` (see `bench/cluster.sh`), which runs three
//! instances on one PostgreSQL behind nginx and injects the faults.
//!
//! The drill's workers each sign in once and then, until the time is up,
//! view the signed-in start page and submit an order through the load
//! balancer. A submission that fails (no answer, or a 5xx) is sent again
//! with the same `Idempotency-Key`, as a real client retries, until it is
//! accepted. Afterwards the database is counted: exactly one order per key
//! (none lost, none doubled). The figures go to stdout as one JSON object.

use crate::orders::{connect, login, percentile, requesters, send, Requesters, Sender};
use anyhow::{bail, Context as _};
use app::entities::orders;
use avrop_server::settings::Settings;
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper::Request;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use std::time::{Duration, Instant};

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Mix {
    /// A start page, then an order, in turn.
    Both,
    /// Only signed-in start pages.
    Pages,
    /// Only order submissions.
    Orders,
}

pub struct Options {
    /// nginx (or one instance), `127.0.0.1:8080`.
    pub addr: String,
    pub workers: u32,
    pub duration: Duration,
    pub mix: Mix,
    /// How long an order may keep failing after the load ends before the
    /// drill gives up on it (it then counts as lost).
    pub grace: Duration,
    pub limits: Limits,
    /// The fault injector's log: lines `<unix seconds> <event>`, the last
    /// `up` marking when the fault ended.
    pub events: Option<std::path::PathBuf>,
}

/// What the drill accepts; the run fails beyond it.
#[derive(Default)]
pub struct Limits {
    /// Failed requests in all.
    pub failed: Option<u64>,
    /// How long a failed request may take (failing fast, not hanging).
    pub failure_ms: Option<u64>,
    /// Seconds from the last `up` event to the end of the last failure.
    pub recovery_s: Option<f64>,
    /// Only 5xx answers count as acceptable failures (no dropped connection).
    pub answered: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Page,
    Order,
}

/// One request: when it started (since the drill's start), how long it
/// took, and its status (`None`: no answer at all).
struct Sample {
    kind: Kind,
    at: Duration,
    took: Duration,
    status: Option<u16>,
}

impl Sample {
    fn ok(&self) -> bool {
        matches!(
            (self.kind, self.status),
            (Kind::Page, Some(200)) | (Kind::Order, Some(201))
        )
    }
}

#[derive(Default)]
struct Tally {
    samples: Vec<Sample>,
    /// Orders (keys) the workers set out to submit, and those accepted.
    keys: u64,
    accepted: u64,
    /// Orders refused with a 4xx (the drill's orders are valid: a bug).
    refused: u64,
}

struct Worker<'a> {
    addr: &'a str,
    sender: Option<Sender>,
    start: Instant,
}

impl Worker<'_> {
    /// Sends one request and reads its answer. Like a browser, it sends a
    /// request once more on a new connection when a reused keep-alive
    /// connection closed before any answer came (nginx closes idle ones
    /// when it reloads); every other failure is the sample's.
    async fn request(
        &mut self,
        kind: Kind,
        make: impl Fn() -> anyhow::Result<Request<Full<Bytes>>>,
    ) -> anyhow::Result<(Sample, Option<Bytes>)> {
        let at = self.start.elapsed();
        let started = Instant::now();
        let mut reply = None;
        for attempt in 0..2 {
            let reused = self.sender.as_ref().is_some_and(|s| !s.is_closed());
            if !reused {
                self.sender = connect(self.addr).await.ok();
            }
            let Some(sender) = self.sender.as_mut() else { break };
            let req = make()?;
            let head = tokio::time::timeout(Duration::from_secs(60), async {
                sender.ready().await?;
                sender.send_request(req).await
            })
            .await;
            match head {
                Ok(Ok(res)) => {
                    let status = res.status().as_u16();
                    let body = tokio::time::timeout(Duration::from_secs(60), res.into_body().collect()).await;
                    if let Ok(Ok(body)) = body {
                        reply = Some((status, body.to_bytes()));
                    }
                    break;
                }
                Ok(Err(_)) if reused && attempt == 0 => self.sender = None,
                _ => break,
            }
        }
        if reply.is_none() {
            self.sender = None;
        }
        let sample = Sample {
            kind,
            at,
            took: started.elapsed(),
            status: reply.as_ref().map(|r| r.0),
        };
        Ok((sample, reply.map(|r| r.1)))
    }
}

fn page_request(addr: &str, cookie: &str) -> anyhow::Result<Request<Full<Bytes>>> {
    Ok(Request::get("/")
        .header("host", addr)
        .header("cookie", cookie)
        .body(Full::new(Bytes::new()))?)
}

fn order_request(
    addr: &str,
    origin: &str,
    cookie: &str,
    body: &str,
    key: &str,
) -> anyhow::Result<Request<Full<Bytes>>> {
    Ok(Request::post("/api/v1/orders")
        .header("host", addr)
        .header("origin", origin)
        .header("cookie", cookie)
        .header("content-type", "application/json")
        .header("idempotency-key", key)
        .body(Full::new(Bytes::from(body.to_owned())))?)
}

fn order_id(body: &[u8]) -> Option<i64> {
    serde_json::from_slice::<serde_json::Value>(body).ok()?["id"].as_i64()
}

async fn worker(
    o: &Options,
    cookie: String,
    body: String,
    run: &str,
    index: u32,
    (start, until): (Instant, Instant),
) -> anyhow::Result<Tally> {
    let origin = format!("http://{}", o.addr);
    let mut w = Worker {
        addr: &o.addr,
        sender: None,
        start,
    };
    let mut tally = Tally::default();
    let mut n = 0u64;
    while Instant::now() < until {
        if o.mix != Mix::Orders {
            let (sample, _) = w.request(Kind::Page, || page_request(&o.addr, &cookie)).await?;
            if !sample.ok() && sample.status.is_some_and(|s| s < 500) {
                bail!("the start page answered {:?}", sample.status);
            }
            tally.samples.push(sample);
        }
        if o.mix == Mix::Pages {
            continue;
        }
        n += 1;
        tally.keys += 1;
        let key = format!("drill-{run}-{index}-{n}");
        loop {
            let (sample, reply) = w
                .request(Kind::Order, || order_request(&o.addr, &origin, &cookie, &body, &key))
                .await?;
            let (ok, status) = (sample.ok(), sample.status);
            tally.samples.push(sample);
            if ok {
                tally.accepted += 1;
                break;
            }
            if status.is_some_and(|s| (400..500).contains(&s) && s != 408 && s != 429) {
                tally.refused += 1;
                if tally.refused == 1 {
                    eprintln!(
                        "an order was refused with {status:?}: {}",
                        String::from_utf8_lossy(reply.as_deref().unwrap_or_default())
                    );
                }
                break;
            }
            if Instant::now() > until + o.grace {
                break;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }
    Ok(tally)
}

fn figures(samples: &[&Sample], seconds: f64) -> serde_json::Value {
    let mut ok: Vec<Duration> = samples.iter().filter(|s| s.ok()).map(|s| s.took).collect();
    ok.sort();
    let failed: Vec<&&Sample> = samples.iter().filter(|s| !s.ok()).collect();
    let mut statuses = std::collections::BTreeMap::<String, u64>::new();
    for s in &failed {
        *statuses
            .entry(s.status.map_or("no answer".to_owned(), |s| s.to_string()))
            .or_default() += 1;
    }
    let ms = |d: Duration| (d.as_secs_f64() * 10_000.0).round() / 10.0;
    serde_json::json!({
        "requests": samples.len(),
        "ok": ok.len(),
        "failed": failed.len(),
        "failed_by_status": statuses,
        "per_second": (ok.len() as f64 / seconds * 10.0).round() / 10.0,
        "p50_ms": (percentile(&ok, 0.50) * 10.0).round() / 10.0,
        "p95_ms": (percentile(&ok, 0.95) * 10.0).round() / 10.0,
        "p99_ms": (percentile(&ok, 0.99) * 10.0).round() / 10.0,
        "slowest_failure_ms": failed.iter().map(|s| ms(s.took)).fold(0.0, f64::max),
        "first_failure_s": failed.iter().map(|s| s.at.as_secs_f64()).reduce(f64::min),
        "last_failure_s": failed.iter().map(|s| (s.at + s.took).as_secs_f64()).reduce(f64::max),
    })
}

/// Runs the drill and prints its figures as one JSON object; fails when an
/// order was lost, doubled or refused, or beyond `o.limits`.
pub async fn run(settings: &Settings, o: Options) -> anyhow::Result<()> {
    let people = requesters(settings, Requesters::Demo).await?;
    let run = uuid::Uuid::new_v4().simple().to_string()[..8].to_owned();
    let mut cookies = Vec::new();
    for r in &people {
        cookies.push(login(&o.addr, &r.username).await?);
    }
    let o = std::sync::Arc::new(o);
    let start = Instant::now();
    let started_unix = unix_now();
    // The fault injector waits for this line before it starts.
    if let Some(path) = &o.events {
        use std::io::Write as _;
        let mut log = std::fs::OpenOptions::new().append(true).create(true).open(path)?;
        writeln!(log, "{started_unix} load")?;
    }
    let until = start + o.duration;
    let mut tasks = Vec::new();
    for i in 0..o.workers {
        let pick = i as usize % people.len();
        let (o, run) = (o.clone(), run.clone());
        let (cookie, body) = (cookies[pick].clone(), people[pick].body.clone());
        tasks.push(tokio::spawn(async move {
            worker(&o, cookie, body, &run, i, (start, until)).await
        }));
    }
    let mut all = Tally::default();
    for t in tasks {
        let t = t.await??;
        all.samples.extend(t.samples);
        all.keys += t.keys;
        all.accepted += t.accepted;
        all.refused += t.refused;
    }
    let db = app::db::connect(&settings.database_url, 2).await?;
    let stored = orders::Entity::find()
        .filter(orders::Column::IdempotencyKey.starts_with(format!("drill-{run}-")))
        .count(&db)
        .await?;
    let seconds = o.duration.as_secs_f64();
    let pages: Vec<&Sample> = all.samples.iter().filter(|s| s.kind == Kind::Page).collect();
    let submissions: Vec<&Sample> = all.samples.iter().filter(|s| s.kind == Kind::Order).collect();
    let failures: Vec<&Sample> = all.samples.iter().filter(|s| !s.ok()).collect();
    let lost = all.keys.saturating_sub(stored);
    let doubled = stored.saturating_sub(all.keys);
    // The fault's events, in seconds since the drill started.
    let events: Vec<(f64, String)> = match &o.events {
        Some(path) => std::fs::read_to_string(path)
            .unwrap_or_default()
            .lines()
            .filter_map(|l| {
                let (t, what) = l.split_once(' ')?;
                Some((t.parse::<f64>().ok()? - started_unix, what.trim().to_owned()))
            })
            .collect(),
        None => Vec::new(),
    };
    let events: Vec<(f64, String)> = events.into_iter().filter(|e| e.1 != "load").collect();
    let up = events.iter().rev().find(|e| e.1 == "up").map(|e| e.0);
    let last_failure_end = failures.iter().map(|s| (s.at + s.took).as_secs_f64()).reduce(f64::max);
    let recovery = match (up, last_failure_end) {
        (Some(up), Some(end)) => Some(((end - up).max(0.0) * 10.0).round() / 10.0),
        (Some(_), None) => Some(0.0),
        _ => None,
    };
    let slowest_failure_ms = failures.iter().map(|s| s.took.as_millis() as u64).max().unwrap_or(0);
    let unanswered = failures.iter().filter(|s| s.status.is_none_or(|s| s < 500)).count();
    let report = serde_json::json!({
        "seconds": seconds,
        "workers": o.workers,
        "events": events.iter().map(|(t, what)| serde_json::json!({ "at_s": (t * 10.0).round() / 10.0, "event": what })).collect::<Vec<_>>(),
        "pages": figures(&pages, seconds),
        "order_requests": figures(&submissions, seconds),
        "orders": { "keys": all.keys, "accepted": all.accepted, "in_database": stored,
                    "lost": lost, "doubled": doubled, "refused": all.refused },
        "recovered_s_after_up": recovery,
    });
    println!("{report}");
    if lost + doubled + all.refused > 0 {
        bail!(
            "orders were lost ({lost}), doubled ({doubled}) or refused ({})",
            all.refused
        );
    }
    let l = &o.limits;
    if let Some(max) = l.failed.filter(|max| failures.len() as u64 > *max) {
        bail!("{} requests failed, more than the {max} allowed", failures.len());
    }
    if let Some(max) = l.failure_ms.filter(|max| slowest_failure_ms > *max) {
        bail!("a failed request took {slowest_failure_ms} ms, more than the {max} ms allowed");
    }
    if let (Some(max), Some(took)) = (l.recovery_s, recovery) {
        if took > max {
            bail!("requests still failed {took} s after the fault ended (at most {max} s allowed)");
        }
    }
    if l.answered && unanswered > 0 {
        bail!("{unanswered} requests failed without a 5xx answer (dropped or refused)");
    }
    Ok(())
}

fn unix_now() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64())
}

/// The cross-instance checks: a session made through the first instance
/// works on every other, and one order sent at the same moment through two
/// instances with one key is stored once.
pub async fn check(settings: &Settings, instances: &[String], public: &str) -> anyhow::Result<()> {
    let [first, second, ..] = instances else {
        bail!("give at least two instances");
    };
    let people = requesters(settings, Requesters::Demo).await?;
    let me = people.first().context("no demo requester")?;
    let cookie = login(first, &me.username).await?;
    for addr in instances {
        let mut s = connect(addr).await?;
        let req = Request::get("/api/v1/me")
            .header("host", addr.as_str())
            .header("cookie", &cookie)
            .body(Full::new(Bytes::new()))?;
        let (status, _, body) = send(&mut s, req).await?;
        let who: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
        if status != 200 || who["username"] != me.username.as_str() {
            bail!("the session made on {first} answered {status} on {addr}: {who}");
        }
    }
    println!(
        "a session made through {first} is signed in on {}",
        instances.join(", ")
    );

    let key = format!("drill-twice-{}", uuid::Uuid::new_v4().simple());
    let order = |addr: &str| -> anyhow::Result<Request<Full<Bytes>>> {
        Ok(Request::post("/api/v1/orders")
            .header("host", addr)
            .header("origin", public)
            .header("cookie", &cookie)
            .header("content-type", "application/json")
            .header("idempotency-key", &key)
            .body(Full::new(Bytes::from(me.body.clone())))?)
    };
    let (mut a, mut b) = (connect(first).await?, connect(second).await?);
    let (ra, rb) = (order(first)?, order(second)?);
    let (x, y) = tokio::join!(send(&mut a, ra), send(&mut b, rb));
    let (x, y) = (x?, y?);
    let (ix, iy) = (order_id(&x.2), order_id(&y.2));
    if x.0 != 201 || y.0 != 201 || ix.is_none() || ix != iy {
        bail!(
            "one order sent through {first} and {second} answered {} {} and {} {}",
            x.0,
            String::from_utf8_lossy(&x.2),
            y.0,
            String::from_utf8_lossy(&y.2)
        );
    }
    let db = app::db::connect(&settings.database_url, 2).await?;
    let stored = orders::Entity::find()
        .filter(orders::Column::IdempotencyKey.eq(&key))
        .count(&db)
        .await?;
    if stored != 1 {
        bail!("one order sent through two instances was stored {stored} times");
    }
    println!(
        "one order sent at once through {first} and {second}: both answered order {}, stored once",
        ix.unwrap_or_default()
    );
    Ok(())
}
