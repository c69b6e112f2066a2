//! `server` — the Avrop binary.

use avrop_server::settings::Settings;
use avrop_server::{startup, telemetry};
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
    /// Write brotli and gzip copies of the app's files (after a build).
    /// Write a backup of the database to FILE (PostgreSQL: pg_dump's custom
    /// format; SQLite: a consistent copy, also while the server runs).
    Backup {
        /// Where the backup goes (must not exist).
        file: std::path::PathBuf,
    },
    /// Restore FILE (from `server backup`) into the configured database,
    /// which must be empty; then start the server as usual.
    Restore {
        /// The backup to restore.
        file: std::path::PathBuf,
    },
    Precompress {
        /// Brotli quality, 0–11 (11: smallest, slowest).
        #[arg(long, default_value_t = 11)]
        quality: u8,
        /// The directory of the wasm, JS and CSS.
        #[arg(default_value = "target/site/pkg")]
        dir: std::path::PathBuf,
    },
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    // A build step: no settings, no database.
    if let Some(Command::Precompress { quality, dir }) = &cli.command {
        return match avrop_server::precompress::run(dir, *quality) {
            Ok(written) => {
                for file in written {
                    println!("{}", file.display());
                }
                std::process::ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("precompress: {e:#}");
                std::process::ExitCode::FAILURE
            }
        };
    }
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
        Command::Backup { file } => {
            async {
                avrop_server::backup::backup(&settings.database_url, &file).await?;
                println!("backup written to {}", file.display());
                Ok(())
            }
            .await
        }
        Command::Restore { file } => {
            async {
                avrop_server::backup::restore(&settings.database_url, &file).await?;
                let db = app::db::connect(&settings.database_url, 1).await?;
                let figures = avrop_server::backup::fingerprint(&db).await?;
                db.close().await.ok();
                let rows: i64 = figures.values().map(|f| f.rows).sum();
                println!("restored {}: {} tables, {rows} rows", file.display(), figures.len());
                for (table, f) in &figures {
                    println!("  {table:<28} {:>10}", f.rows);
                }
                Ok(())
            }
            .await
        }
        Command::Precompress { .. } => unreachable!("answered before the settings are read"),
        Command::CheckConfig => {
            let mut shown = settings.clone();
            shown.database_url = app::db::redact(&shown.database_url);
            shown.smtp_url = shown.smtp_url.as_deref().map(app::db::redact);
            if shown.metrics_token.is_some() {
                shown.metrics_token = Some("***".into());
            }
            println!("{shown:#?}");
            Ok(())
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
