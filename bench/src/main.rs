//! `avrop-bench` — the bench harness's tools, kept out of the product:
//! `data` generates a region at a multiple of the reference customer's
//! volumes, `orders` is the order-submission load client. `./x bench` runs
//! them around a release server (see `bench/run.sh` and `bench-results/`).

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
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("avrop-bench failed: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
