//! `avrop-bench` — the bench harness's tools, kept out of the product:
//! `data` generates a region at a multiple of the reference customer's
//! volumes, `orders` is the order-submission load client, `attest-data` and
//! `attest` are the attestation benchmarks. `./x bench` runs them around a
//! release server (see `bench/run.sh` and `bench-results/`).

mod attest;
mod data;
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
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("avrop-bench failed: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
