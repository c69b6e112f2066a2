//! `server` — the Avrop binary.

use avrop_server::settings::Settings;
use avrop_server::{bench_data, bench_orders, startup, telemetry};
use clap::{Parser, Subcommand};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(name = "server", about = "Avrop: self-service IT ordering and IT governance")]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Migrate, seed (when AVROP_SEED_DEMO=true) and serve HTTP (the default).
    Serve,
    /// Apply pending migrations and exit.
    Migrate,
    /// Check the settings and print them (without secrets).
    CheckConfig,
    /// Set a person's password, read from standard input (one line).
    SetPassword {
        /// The person's username.
        username: String,
    },
    /// Fill the database with generated data for benchmarks.
    BenchData {
        /// 1 = the reference customer's volumes, 10 = ten times that.
        #[arg(long, default_value_t = 1)]
        scale: u32,
    },
    /// Order-submission benchmark against a running server on the bench
    /// database (each order sent twice with one idempotency key).
    BenchOrders {
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
            eprintln!("Avrop cannot start: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    telemetry::init(settings.log_format);
    let result = match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => startup::serve(settings).await,
        Command::Migrate => {
            async {
                let db = app::db::connect(&settings.database_url, 1).await?;
                app::db::migrate(&db).await?;
                println!("migrations applied");
                Ok(())
            }
            .await
        }
        Command::CheckConfig => {
            let mut shown = settings.clone();
            shown.database_url = app::db::redact(&shown.database_url);
            println!("{shown:#?}");
            Ok(())
        }
        Command::BenchData { scale } => bench_data::run(&settings, scale).await,
        Command::BenchOrders {
            addr,
            duplicate_addr,
            concurrency,
            duration,
            pace_ms,
        } => {
            let options = bench_orders::Options {
                duplicate_addr: duplicate_addr.unwrap_or_else(|| addr.clone()),
                addr,
                concurrency,
                duration: std::time::Duration::from_secs(duration),
                pace: std::time::Duration::from_millis(pace_ms),
            };
            bench_orders::run(&settings, options).await
        }
        Command::SetPassword { username } => {
            async {
                let mut password = String::new();
                std::io::stdin().read_line(&mut password)?;
                let password = password.trim_end_matches(['\r', '\n']);
                let db = app::db::connect(&settings.database_url, 1).await?;
                app::db::migrate(&db).await?;
                let hashing = app::state::default_hashing_limit();
                app::auth::service::set_password(&db, &hashing, &username, password, app::demo::DEMO_PASSWORD)
                    .await
                    .map_err(|e| anyhow::anyhow!("{e}"))?;
                println!("password set for {username}");
                Ok(())
            }
            .await
        }
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("Avrop failed: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
