//! Starting the server: database, migrations, demo data, listener, shutdown.

use crate::router::{self, RouterOptions};
use crate::settings::Settings;
use anyhow::Context as _;
use app::domain::roles::Role;
use app::org::seed::{self, SeedOutcome};
use app::state::AppState;
use leptos::config::get_configuration;
use sea_orm::DatabaseConnection;
use std::time::Duration;

/// Connects and migrates; seeds the demo region when the settings say so.
pub async fn prepare_database(settings: &Settings) -> anyhow::Result<DatabaseConnection> {
    let db = app::db::connect(&settings.database_url, settings.db_max_connections).await?;
    app::db::migrate(&db).await?;
    if settings.is_production() {
        refuse_demo_password_for_admins(&db).await?;
    }
    if settings.seed_demo() {
        match seed::seed_demo(&db).await.context("seeding demo data")? {
            SeedOutcome::Seeded => tracing::info!("demo region seeded"),
            SeedOutcome::AlreadyPresent => tracing::info!("demo region already present"),
        }
    }
    Ok(db)
}

/// Production never starts while an admin can log in with the demo password.
async fn refuse_demo_password_for_admins(db: &DatabaseConnection) -> anyhow::Result<()> {
    use app::entities::{local_credential, person, person_role};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let admins = person_role::Entity::find()
        .filter(person_role::Column::Role.eq(Role::Admin.as_str()))
        .all(db)
        .await?;
    for a in admins {
        if let Some(c) = local_credential::Entity::find_by_id(a.person_id).one(db).await? {
            if app::auth::password::verify(&c.password_hash, seed::DEMO_PASSWORD) {
                let who = person::Entity::find_by_id(a.person_id)
                    .one(db)
                    .await?
                    .map(|p| p.username)
                    .unwrap_or_default();
                anyhow::bail!(
                    "refusing to start in production: the admin {who} has the demo password; \
                     set a new one with `server set-password {who}`"
                );
            }
        }
    }
    Ok(())
}

/// The demo people, one line per role, for the console.
pub fn demo_people_banner() -> String {
    let mut out = format!(
        "Demo people (Region Norrvik), one per role, password \"{}\":\n",
        seed::DEMO_PASSWORD
    );
    for role in Role::ALL {
        let person = seed::PEOPLE
            .iter()
            .find(|p| role == Role::Requester && p.5.is_empty() || p.5.iter().any(|(r, _)| *r == role));
        if let Some((username, given, family, ..)) = person {
            out.push_str(&format!(
                "  {:<22} {:<18} {} {}\n",
                role.label_sv(),
                username,
                given,
                family
            ));
        }
    }
    out
}

pub async fn serve(settings: Settings) -> anyhow::Result<()> {
    let db = prepare_database(&settings).await?;
    let mut leptos_options = get_configuration(None)
        .context("reading the Leptos configuration")?
        .leptos_options;
    leptos_options.site_addr = settings.listen;
    let state = AppState {
        leptos_options,
        db: db.clone(),
        auth: settings.auth_config(),
        org_summary: Default::default(),
        // Other instances' catalogue changes show within a second.
        catalog: app::catalog::snapshot::CatalogCache::with_ttl(std::time::Duration::from_secs(1)),
        orders_in_flight: Default::default(),
    };
    let app = router::build(
        state,
        RouterOptions {
            request_timeout: Duration::from_secs(settings.request_timeout_secs),
            hsts: settings.public_url.starts_with("https://"),
            trust_forwarded_for: settings.trust_forwarded_for,
        },
    );
    let listener = tokio::net::TcpListener::bind(settings.listen)
        .await
        .with_context(|| format!("listening on {} (is another Avrop already running?)", settings.listen))?;
    if settings.seed_demo() {
        println!("{}", demo_people_banner());
    }
    println!(
        "Avrop is listening on http://{} (public URL {})",
        settings.listen, settings.public_url
    );
    tracing::info!(addr = %settings.listen, database = %app::db::redact(&settings.database_url), "listening");
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await
    .context("serving HTTP")?;
    db.close().await.ok();
    tracing::info!("stopped");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
