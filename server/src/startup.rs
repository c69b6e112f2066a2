//! Starting the server: database, migrations, demo data, listener, shutdown.

use crate::router;
use crate::settings::Settings;
use anyhow::Context as _;
use app::demo::{self, SeedOutcome};
use app::domain::roles::Role;
use app::jobs::Jobs;
use app::state::{AppState, Kept};
use leptos::config::get_configuration;
use sea_orm::DatabaseConnection;
use std::time::Duration;

/// Connects and migrates; seeds the demo region when the settings say so;
/// then refuses to go on while a public server has demo passwords.
pub async fn prepare_database(settings: &Settings) -> anyhow::Result<DatabaseConnection> {
    let db = app::db::connect(&settings.database_url, settings.db_max_connections).await?;
    app::db::migrate(&db).await?;
    if settings.seed_demo() {
        match demo::seed_demo(&db).await.context("seeding demo data")? {
            SeedOutcome::Seeded => tracing::info!("demo region seeded"),
            SeedOutcome::AlreadyPresent => tracing::info!("demo region already present"),
        }
    }
    refuse_demo_passwords(&db, settings).await?;
    Ok(db)
}

/// Whether the public URL names this machine (127.0.0.0/8, ::1 or
/// localhost): only then may accounts keep the demo password.
pub fn public_url_is_loopback(public_url: &str) -> bool {
    let Ok(uri) = public_url.parse::<http::Uri>() else {
        return false;
    };
    let Some(host) = uri.host() else { return false };
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.to_canonical().is_loopback())
}

/// A server that others can reach (a public URL that is not loopback) or
/// runs in production never starts while an account can still log in with
/// the demo password. Only seeded accounts can have it (setting a password
/// refuses it), so the demo people and every admin are checked; each
/// distinct stored hash is verified once (the seed gives all demo people
/// one), on the blocking pool.
pub async fn refuse_demo_passwords(db: &DatabaseConnection, settings: &Settings) -> anyhow::Result<()> {
    use app::entities::{local_credential, person, person_role};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
    if !settings.is_production() && public_url_is_loopback(&settings.public_url) {
        return Ok(());
    }
    let demo_usernames: Vec<&str> = demo::org::PEOPLE.iter().map(|p| p.0).collect();
    let admin_ids: Vec<i32> = person_role::Entity::find()
        .select_only()
        .column(person_role::Column::PersonId)
        .filter(person_role::Column::Role.eq(Role::Admin.as_str()))
        .into_tuple()
        .all(db)
        .await
        .context("reading the admins")?;
    let people: std::collections::HashMap<i32, String> = person::Entity::find()
        .select_only()
        .column(person::Column::Id)
        .column(person::Column::Username)
        .filter(
            person::Column::Username
                .is_in(demo_usernames)
                .or(person::Column::Id.is_in(admin_ids)),
        )
        .into_tuple()
        .all(db)
        .await
        .context("reading the demo accounts")?
        .into_iter()
        .collect();
    let credentials: Vec<(i32, String)> = local_credential::Entity::find()
        .select_only()
        .column(local_credential::Column::PersonId)
        .column(local_credential::Column::PasswordHash)
        .filter(local_credential::Column::PersonId.is_in(people.keys().copied()))
        .into_tuple()
        .all(db)
        .await
        .context("reading the demo accounts' passwords")?;
    let mut by_hash: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    for (person_id, hash) in credentials {
        if let Some(username) = people.get(&person_id) {
            by_hash.entry(hash).or_default().push(username.clone());
        }
    }
    let demo = tokio::task::spawn_blocking(move || {
        let mut demo: Vec<String> = by_hash
            .into_iter()
            .filter(|(hash, _)| app::auth::password::verify(hash, demo::DEMO_PASSWORD))
            .flat_map(|(_, usernames)| usernames)
            .collect();
        demo.sort();
        demo
    })
    .await
    .context("checking for demo passwords")?;
    if let Some(first) = demo.first() {
        let place = if settings.is_production() {
            "in production".to_owned()
        } else {
            format!("on the public URL {}", settings.public_url)
        };
        anyhow::bail!(
            "refusing to start {place}: {n} account(s) still have the demo password ({names}); \
             set a new one for each with `server set-password USERNAME`, e.g. `server set-password {first}` \
             (or serve on a loopback URL such as http://127.0.0.1:3000 for a demo)",
            n = demo.len(),
            names = demo.join(", "),
        );
    }
    Ok(())
}

/// The demo people, one line per role, for the console.
pub fn demo_people_banner() -> String {
    let mut out = format!(
        "Demo people (Region Norrvik), one per role, password \"{}\":\n",
        demo::DEMO_PASSWORD
    );
    for role in Role::ALL {
        let person = demo::org::PEOPLE
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

/// What each area keeps in memory on this instance, fetched by its type
/// (`AppState::kept`, `app::state::kept`). A new area that keeps something
/// registers it here; one that is not registered fails with an internal error.
pub fn kept() -> Kept {
    let mut kept = Kept::default();
    // org: the start page's figures, recomputed at most once a minute.
    // Derived data only: losing it loses nothing.
    kept.insert(app::state::Cached::<app::org::dto::OrgSummary>::default());
    // org: the unit register as the API lists it, read again at most once a
    // minute (no request writes it: it comes with the region's imports).
    kept.insert(app::org::register::UnitRegister::with_ttl(Duration::from_secs(60)));
    // catalog: the day's catalogue, checked against the database's catalogue
    // version; other instances' changes show within a second.
    kept.insert(app::catalog::snapshot::CatalogCache::with_ttl(Duration::from_secs(1)));
    // orders: submissions in progress here, so that a duplicate waits for the
    // first one's answer (the database claim still decides).
    kept.insert(app::orders::in_flight::InFlight::default());
    // fulfilment: supplier events being applied here, so that a copy sent at
    // the same time waits for the first one's answer (the claim still decides).
    kept.insert(app::fulfilment::service::supplier::SupplierEvents::default());
    // fulfilment: past months' automation figures, counted at most once a
    // minute here (the current month is always counted afresh).
    kept.insert(app::fulfilment::service::statistics::PastMonths::default());
    // plans: what the follow-up report needs of each plan and follow-up,
    // kept by id and version (a save increments the version).
    kept.insert(app::plans::follow_up::service::ReportFigures::default());
    // plans: each year's portfolio as last summed here, checked against the
    // database's portfolio version on every request.
    kept.insert(app::plans::service::PortfolioCache::default());
    // server: the page renders running here, for `/livez` and `/metrics`.
    kept.insert(crate::liveness::Renders::default());
    kept
}

/// The background jobs every instance runs (one instance at a time per
/// job; see `app::jobs`). A new area registers its job here, one line:
/// `jobs.every("area.what", Duration::from_secs(60), app::area::job::run);`
pub fn jobs(settings: &Settings) -> Jobs {
    let mut jobs = Jobs::default();
    // notify: the email outbox, when an SMTP server is set; without one the
    // messages wait in the outbox.
    match settings.mail_settings().map(|m| app::notify::mail::Mailer::new(&m)) {
        Some(Ok(mailer)) => app::notify::mail::register(&mut jobs, mailer),
        Some(Err(e)) => tracing::error!(error = %e, "email is off: the SMTP settings are not usable"),
        None => tracing::info!("email is off (AVROP_SMTP_URL is not set): messages wait in the outbox"),
    }
    // attest: reminders after N working days, escalation after M.
    let timing = app::attest::service::reminders::Timing {
        remind_after: settings.attest_remind_after_days,
        escalate_after: settings.attest_escalate_after_days,
    };
    jobs.every("attest.reminders", Duration::from_secs(15 * 60), move |db, now| {
        app::attest::service::reminders::run(db, now, timing)
    });
    // fulfilment: delivered orders are closed 30 days after delivery.
    jobs.every(
        "fulfilment.close",
        Duration::from_secs(60 * 60),
        app::fulfilment::service::closing::run,
    );
    // assets: an import of an older register whose worker stopped is
    // taken over (nothing of it was written).
    jobs.every_with_lease(
        "assets.imports",
        Duration::from_secs(60),
        Duration::from_secs(30 * 60),
        app::assets::import::resume,
    );
    jobs
}

/// Whether cargo-leptos left the list of hashed file names (`hash.txt`)
/// beside this binary, where Leptos reads it.
fn hash_file_beside_binary(name: &str) -> bool {
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join(name)))
        .is_some_and(|path| path.is_file())
}

/// Builds a derived copy (`what`) before the instance listens and logs how
/// many entries it holds and how long it took; a failure is logged and left
/// to the first request, which builds it then.
async fn warm(what: &str, build: impl std::future::Future<Output = Result<Option<usize>, app::error::AppError>>) {
    let started = std::time::Instant::now();
    match build.await {
        Ok(Some(entries)) => tracing::info!(entries, ms = started.elapsed().as_millis() as u64, "{what} ready"),
        Ok(None) => {}
        Err(e) => tracing::warn!(error = %e, "the {what} could not be built at start; the first request builds it"),
    }
}

pub async fn serve(settings: Settings) -> anyhow::Result<()> {
    if settings.trust_forwarded_for {
        tracing::warn!("AVROP_TRUST_FORWARDED_FOR is deprecated: set AVROP_TRUSTED_PROXIES=1 instead");
    }
    let db = prepare_database(&settings).await?;
    let mut leptos_options = get_configuration(None)
        .context("reading the Leptos configuration")?
        .leptos_options;
    leptos_options.site_addr = settings.listen;
    // A build with hashed file names leaves their list beside the binary.
    if !leptos_options.hash_files {
        leptos_options.hash_files = hash_file_beside_binary(&leptos_options.hash_file);
    }
    let mut kept = kept();
    // The identity provider answers before the instance listens: bad or
    // unreachable settings stop the start, naming the setting.
    if let Some(oidc) = settings.oidc_settings() {
        let issuer = oidc.issuer.clone();
        let provider = crate::oidc::Oidc::discover(oidc).await.map_err(anyhow::Error::msg)?;
        tracing::info!(%issuer, local_login = ?settings.local_login(), "identity provider ready");
        kept.insert(provider);
    }
    // The day's catalogue and the unit register are built before the
    // instance listens, so that a load balancer sends it traffic only when
    // it is warm.
    let catalogue = kept.get::<app::catalog::snapshot::CatalogCache>().ok();
    let register = kept.get::<app::org::register::UnitRegister>().ok();
    tokio::join!(
        warm("catalogue", async {
            let Some(cache) = catalogue else { return Ok(None) };
            let day = chrono::Local::now().date_naive();
            Ok(Some(cache.get(&db, day).await?.entries.len()))
        }),
        warm("unit register", async {
            let Some(register) = register else { return Ok(None) };
            Ok(Some(register.get(&db).await?.units.len()))
        }),
    );
    let state = AppState {
        leptos_options,
        db: db.clone(),
        auth: settings.auth_config(),
        kept,
    };
    if let Some(addr) = settings.metrics_listen {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .with_context(|| format!("listening for metrics on {addr}"))?;
        let metrics = crate::metrics::listener(state.clone());
        tracing::info!(%addr, "metrics listening");
        tokio::spawn(async move {
            if let Err(e) = axum::serve(listener, metrics).await {
                tracing::error!(error = %e, "the metrics listener stopped");
            }
        });
    }
    let app = router::build(state, settings.router_options());
    let listener = tokio::net::TcpListener::bind(settings.listen)
        .await
        .with_context(|| format!("listening on {} (is another Avrop already running?)", settings.listen))?;
    let (stop_jobs, jobs_stopped) = tokio::sync::watch::channel(false);
    let runner = app::jobs::spawn(
        db.clone(),
        jobs(&settings),
        app::jobs::instance_name(),
        app::jobs::TICK,
        jobs_stopped,
    );
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
    // A job still running gets a little time to finish; one cut off here
    // runs again on another instance after its lease.
    let _ = stop_jobs.send(true);
    if tokio::time::timeout(Duration::from_secs(10), runner).await.is_err() {
        tracing::warn!("a background job was still running at shutdown");
    }
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
