//! `avrop-bench` — the bench harness's tools, kept out of the product:
//! `data` generates a region at a multiple of the reference customer's
//! volumes, `orders` is the order-submission load client, `attest-data` and
//! `attest` are the attestation benchmarks, `fulfilment-data`, `fulfilment`
//! and `supplier-events` the fulfilment ones, `assets-data`, `assets` and
//! `assets-import` the asset register's. `./x bench` runs them around a
//! release server (see `bench/run.sh` and `bench-results/`). `drill` and
//! `cluster-check` are the load and the checks of `./x cluster`
//! (`bench/cluster.sh`).

mod assets;
mod assets_import;
mod attest;
mod catalog;
mod data;
mod drill;
mod fulfilment;
mod orders;

use avrop_server::settings::Settings;
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "avrop-bench", about = "Avrop's bench tools (run by ./x bench)")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Fill the database (DATABASE_URL) with generated data for benchmarks.
    Data {
        /// 1 = the reference customer's volumes, 10 = ten times that.
        #[arg(long, default_value_t = 1)]
        scale: u32,
    },
    /// Order-submission benchmark against a running server on the bench
    /// database (each order sent twice with one idempotency key).
    Orders {
        /// Where the server listens.
        #[arg(long, default_value = "127.0.0.1:3300")]
        addr: String,
        /// Send each order's second copy to this instance instead (two
        /// instances behind a load balancer; both on the same database and
        /// with the same public URL).
        #[arg(long)]
        duplicate_addr: Option<String>,
        /// Requesters submitting at the same time.
        #[arg(long, default_value_t = 20)]
        concurrency: u32,
        /// Seconds to run.
        #[arg(long, default_value_t = 10)]
        duration: u64,
        /// Milliseconds between one requester's orders (0: back to back).
        #[arg(long, default_value_t = 0)]
        pace_ms: u64,
    },
    /// Add attestation data to the database (DATABASE_URL), on top of the
    /// demo region: cost centres, attesters with attest rights (one,
    /// `bench.attestant`, on 20 cost centres), and orders waiting for
    /// attestation. A second run adds only the orders still missing.
    AttestData {
        /// Orders waiting for attestation.
        #[arg(long, default_value_t = 100_000)]
        pending: u32,
        /// Cost centres they are spread over.
        #[arg(long, default_value_t = 5_000)]
        cost_centers: u32,
        /// Attesters holding attest rights on them.
        #[arg(long, default_value_t = 2_000)]
        attesters: u32,
    },
    /// Attestation benchmarks in process on the attest-data database: what
    /// waits for `bench.attestant`, routing at submit, and rounds of two
    /// concurrent decisions on one order (fails unless every round ends in
    /// exactly one decision). Prints Markdown table rows.
    Attest {
        /// Timed calls of `attest::service::pending`.
        #[arg(long, default_value_t = 200)]
        pending_calls: u32,
        /// Orders routed (each in a transaction that is rolled back).
        #[arg(long, default_value_t = 1_000)]
        routes: u32,
        /// Rounds of two concurrent decisions.
        #[arg(long, default_value_t = 1_000)]
        rounds: u32,
    },
    /// Add fulfilment data to the database (DATABASE_URL), on top of
    /// `data`: orders over the years at the customer's volume, in every status,
    /// with their parts, deviations and outcomes, and orders waiting at the
    /// event supplier for `supplier-events`. Once per database.
    FulfilmentData {
        #[arg(long, default_value_t = 1_000_000)]
        orders: u32,
        /// Orders in `sent_to_supplier` at the event supplier.
        #[arg(long, default_value_t = 10_000)]
        event_parts: u32,
        /// Orders a month as a multiple of the customer's 7 800 (1: the
        /// orders span about 10.7 years; 10: 13 months, ten times as many
        /// open at once).
        #[arg(long, default_value_t = 1)]
        volume: u32,
    },
    /// Fulfilment benchmarks in process on the fulfilment-data database:
    /// the coordinators' queue under each single filter, and the
    /// statistics page of the busiest month. Prints Markdown table rows.
    Fulfilment {
        /// Coordinators asking at the same time.
        #[arg(long, default_value_t = 20)]
        coordinators: u32,
        /// Calls per coordinator and filter.
        #[arg(long, default_value_t = 10)]
        calls: u32,
        /// Milliseconds between one coordinator's calls (a busy person);
        /// the filters are then asked back to back as a stress figure.
        #[arg(long, default_value_t = 1000)]
        pace_ms: u64,
        /// Timed calls of the statistics page.
        #[arg(long, default_value_t = 50)]
        statistics_calls: u32,
    },
    /// Supplier events over HTTP against a running server on the
    /// fulfilment-data database, each sent twice at once; fails unless none
    /// is lost and none applied twice. Prints a Markdown table row.
    SupplierEvents {
        #[arg(long, default_value = "127.0.0.1:3300")]
        addr: String,
        #[arg(long, default_value_t = 8)]
        senders: u32,
        /// Longest run in seconds (it ends sooner when the parts run out).
        #[arg(long, default_value_t = 15)]
        duration: u64,
    },
    /// Add the asset register to the database (DATABASE_URL), on top of
    /// `data`: generated assets of the demo catalogue's models and active
    /// subscriptions on them. A second run adds only the assets missing.
    AssetsData {
        #[arg(long, default_value_t = 1_500_000)]
        assets: u32,
        #[arg(long, default_value_t = 500_000)]
        subscriptions: u32,
    },
    /// The catalogue copy after each kind of change in process on the
    /// `data` database: built anew, and patched after a new price, name,
    /// retirement, new item and 100 new prices, each `rounds` times.
    CatalogChange {
        #[arg(long, default_value_t = 10)]
        rounds: usize,
    },
    /// The import of an older register in process: a generated file of
    /// `rows` assets checked, then imported (and removed again), with the
    /// progress a page would see.
    AssetsImport {
        #[arg(long, default_value_t = 100_000)]
        rows: u32,
    },
    /// The asset register's benchmarks in process on the assets-data
    /// database: lookups by tag and serial number, filtered list pages at
    /// concurrent users, the charging run of last month and the
    /// replacement forecast. Prints Markdown table rows.
    Assets {
        #[arg(long, default_value_t = 200)]
        lookups: u32,
        #[arg(long, default_value_t = 20)]
        users: u32,
        #[arg(long, default_value_t = 10)]
        pages: u32,
        /// Milliseconds between one user's pages.
        #[arg(long, default_value_t = 1000)]
        pace_ms: u64,
        /// All users ask at the same instant each time (the worst case)
        /// instead of each starting at their own moment within the pace.
        #[arg(long)]
        in_step: bool,
        #[arg(long, default_value_t = 3)]
        charging_runs: u32,
        #[arg(long, default_value_t = 20)]
        forecasts: u32,
    },
    /// Load through the load balancer while `./x cluster` injects a fault:
    /// the demo people's signed-in start pages and order submissions (a
    /// failed submission is sent again with its key until accepted).
    /// Prints the figures as JSON; fails when an order is lost, doubled or
    /// refused, or beyond the limits given.
    Drill {
        #[arg(long, default_value = "127.0.0.1:3320")]
        addr: String,
        #[arg(long, default_value_t = 12)]
        workers: u32,
        /// Seconds of load.
        #[arg(long, default_value_t = 10)]
        duration: u64,
        #[arg(long, value_enum, default_value_t = drill::Mix::Both)]
        mix: drill::Mix,
        /// The fault injector's log: `<unix seconds> <event>` lines, the
        /// last `up` ending the fault.
        #[arg(long)]
        events: Option<std::path::PathBuf>,
        /// Failed requests allowed in all.
        #[arg(long)]
        max_failed: Option<u64>,
        /// How long a failed request may take.
        #[arg(long)]
        max_failure_ms: Option<u64>,
        /// Seconds after the last `up` event within which failures end.
        #[arg(long)]
        max_recovery_s: Option<f64>,
        /// Every failed request must be a 5xx answer (none dropped).
        #[arg(long)]
        answered: bool,
    },
    /// A session made on the first instance works on every other, and one
    /// order sent at once through the first two with one key is stored once.
    ClusterCheck {
        /// The instances, comma separated (`127.0.0.1:3321,127.0.0.1:3322`).
        #[arg(long, value_delimiter = ',', required = true)]
        instances: Vec<String>,
        /// The public URL the instances share (the origin of writes).
        #[arg(long)]
        public: String,
    },
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let settings = match Settings::load() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("avrop-bench cannot start: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    let result = match cli.command {
        Command::Data { scale } => data::run(&settings, scale).await,
        Command::Orders {
            addr,
            duplicate_addr,
            concurrency,
            duration,
            pace_ms,
        } => {
            let options = orders::Options {
                duplicate_addr: duplicate_addr.unwrap_or_else(|| addr.clone()),
                addr,
                concurrency,
                duration: std::time::Duration::from_secs(duration),
                pace: std::time::Duration::from_millis(pace_ms),
            };
            orders::run(&settings, options).await
        }
        Command::AttestData {
            pending,
            cost_centers,
            attesters,
        } => {
            let sizes = attest::Sizes {
                pending,
                cost_centers,
                attesters,
            };
            attest::data::run(&settings, sizes).await
        }
        Command::Attest {
            pending_calls,
            routes,
            rounds,
        } => {
            let options = attest::Options {
                pending_calls,
                routes,
                rounds,
            };
            attest::run(&settings, options).await
        }
        Command::FulfilmentData {
            orders,
            event_parts,
            volume,
        } => {
            let sizes = fulfilment::data::Sizes {
                orders,
                event_parts,
                volume,
            };
            fulfilment::data::run(&settings, sizes).await
        }
        Command::Fulfilment {
            coordinators,
            calls,
            pace_ms,
            statistics_calls,
        } => {
            let options = fulfilment::Options {
                coordinators,
                calls,
                pace: std::time::Duration::from_millis(pace_ms),
                statistics_calls,
            };
            fulfilment::run(&settings, options).await
        }
        Command::SupplierEvents {
            addr,
            senders,
            duration,
        } => {
            let options = fulfilment::events::Options {
                addr,
                senders,
                duration: std::time::Duration::from_secs(duration),
            };
            fulfilment::events::run(&settings, options).await
        }
        Command::AssetsData { assets, subscriptions } => {
            assets::data(&settings, assets::Sizes { assets, subscriptions }).await
        }
        Command::CatalogChange { rounds } => catalog::run(&settings, rounds).await,
        Command::AssetsImport { rows } => assets_import::run(&settings, rows).await,
        Command::Assets {
            lookups,
            users,
            pages,
            pace_ms,
            in_step,
            charging_runs,
            forecasts,
        } => {
            let options = assets::Options {
                lookups,
                users,
                pages,
                pace: std::time::Duration::from_millis(pace_ms),
                in_step,
                charging_runs,
                forecasts,
            };
            assets::run(&settings, options).await
        }
        Command::Drill {
            addr,
            workers,
            duration,
            mix,
            events,
            max_failed,
            max_failure_ms,
            max_recovery_s,
            answered,
        } => {
            let options = drill::Options {
                addr,
                workers: workers.max(1),
                duration: std::time::Duration::from_secs(duration),
                mix,
                grace: std::time::Duration::from_secs(30),
                limits: drill::Limits {
                    failed: max_failed,
                    failure_ms: max_failure_ms,
                    recovery_s: max_recovery_s,
                    answered,
                },
                events,
            };
            drill::run(&settings, options).await
        }
        Command::ClusterCheck { instances, public } => drill::check(&settings, &instances, &public).await,
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("avrop-bench failed: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
