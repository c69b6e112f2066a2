//! Server state shared by the router, the API and server functions.

use crate::ctx::Ctx;
use crate::domain::rate_limit::Window;
use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;
use sea_orm::DatabaseConnection;
use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::sync::Arc;

pub mod in_flight;

/// Settings of identity and access, from the server's `Settings`.
#[derive(Clone, Debug)]
pub struct AuthConfig {
    /// A session unused this long ends.
    pub idle_timeout: chrono::Duration,
    /// A session ends this long after login, used or not.
    pub absolute_timeout: chrono::Duration,
    /// Send the session cookie with `Secure` (when served over https).
    pub secure_cookie: bool,
    /// Failed logins allowed per account.
    pub login_window: Window,
    /// Failed logins allowed per client address (higher: many people share
    /// a hospital's address).
    pub ip_window: Window,
    /// `scheme://host[:port]` users reach Avrop at; browser writes must come from it.
    pub public_origin: String,
    /// In development, also accept the origin the browser used (localhost vs 127.0.0.1).
    pub development: bool,
    /// Which hops of `X-Forwarded-For` are our own proxies (none by default:
    /// the TCP peer is the client).
    pub trusted_proxies: crate::domain::client_address::TrustedProxies,
    /// Bounds how many password hashes (argon2, ~19 MiB and ~25 ms each) run
    /// at once on the blocking pool; shared by every clone of this config.
    pub hashing: std::sync::Arc<tokio::sync::Semaphore>,
    /// What the login page offers: the identity provider (when one is
    /// configured) and who may use a local password.
    pub login: crate::auth::dto::LoginOptions,
}

impl AuthConfig {
    /// The session cookie's name: `__Host-` prefixed on https, where the
    /// browser then insists on `Secure`, `Path=/` and no `Domain`.
    pub fn session_cookie_name(&self) -> &'static str {
        if self.secure_cookie {
            crate::auth::service::SECURE_SESSION_COOKIE
        } else {
            crate::auth::service::SESSION_COOKIE
        }
    }
}

/// One permit per core: more hashes at once only wait for a core while
/// holding their memory.
pub fn default_hashing_limit() -> std::sync::Arc<tokio::sync::Semaphore> {
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2);
    std::sync::Arc::new(tokio::sync::Semaphore::new(cores))
}

impl Default for AuthConfig {
    fn default() -> Self {
        AuthConfig {
            idle_timeout: chrono::Duration::minutes(60),
            absolute_timeout: chrono::Duration::hours(12),
            secure_cookie: false,
            login_window: Window::default(),
            ip_window: Window {
                max_failures: 50,
                ..Window::default()
            },
            public_origin: "http://127.0.0.1:3000".into(),
            development: true,
            trusted_proxies: Default::default(),
            hashing: default_hashing_limit(),
            login: Default::default(),
        }
    }
}

#[derive(Clone, Debug)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: DatabaseConnection,
    pub auth: AuthConfig,
    /// What the areas keep in memory on this instance (caches, submissions
    /// in progress), registered at startup.
    pub kept: Kept,
}

impl AppState {
    /// The value of type `T` an area keeps on this instance; an internal
    /// error (never a panic) when nothing registered one.
    pub fn kept<T: Any + Send + Sync>(&self) -> Result<&T, crate::error::AppError> {
        self.kept.get::<T>()
    }

    /// The value of type `T` when one is registered only where configured
    /// (the identity provider): its absence is no error.
    pub fn kept_if<T: Any + Send + Sync>(&self) -> Option<&T> {
        self.kept.find::<T>()
    }
}

/// What the areas keep in memory for the life of an instance, one value per
/// type: each area's cache or map of work in progress, fetched by its type.
/// State names no area; the server's startup registers each area's value.
/// Cheap to clone: clones share the values.
#[derive(Clone, Default)]
pub struct Kept(Arc<HashMap<TypeId, KeptValue>>);

/// A kept value with its type's name (for `Debug`).
type KeptValue = (&'static str, Arc<dyn Any + Send + Sync>);

impl Kept {
    /// Keeps `value`, in place of a kept value of the same type.
    pub fn insert<T: Any + Send + Sync>(&mut self, value: T) {
        Arc::make_mut(&mut self.0).insert(TypeId::of::<T>(), (std::any::type_name::<T>(), Arc::new(value)));
    }

    /// The kept value of type `T`, if one was registered.
    pub fn find<T: Any + Send + Sync>(&self) -> Option<&T> {
        self.0
            .get(&TypeId::of::<T>())
            .and_then(|(_, value)| value.downcast_ref::<T>())
    }

    /// The kept value of type `T`; an internal error when none was registered.
    pub fn get<T: Any + Send + Sync>(&self) -> Result<&T, crate::error::AppError> {
        self.find::<T>().ok_or_else(|| {
            crate::error::AppError::internal(format!(
                "nothing of type {} is kept: register it at startup",
                std::any::type_name::<T>()
            ))
        })
    }
}

impl std::fmt::Debug for Kept {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_set().entries(self.0.values().map(|(name, _)| name)).finish()
    }
}

/// A value computed from the database, kept for a short while.
#[derive(Clone, Debug)]
pub struct Cached<T>(std::sync::Arc<std::sync::Mutex<Option<(std::time::Instant, T)>>>);

impl<T> Default for Cached<T> {
    fn default() -> Self {
        Cached(Default::default())
    }
}

impl<T: Clone> Cached<T> {
    /// The kept value if younger than `ttl`, else a fresh one from `load`.
    pub async fn get_or_load<F, Fut>(&self, ttl: std::time::Duration, load: F) -> Result<T, crate::error::AppError>
    where
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = Result<T, crate::error::AppError>>,
    {
        let kept = self
            .0
            .lock()
            .ok()
            .and_then(|g| g.as_ref().filter(|(at, _)| at.elapsed() < ttl).map(|(_, v)| v.clone()));
        if let Some(v) = kept {
            return Ok(v);
        }
        let fresh = load().await?;
        if let Ok(mut g) = self.0.lock() {
            *g = Some((std::time::Instant::now(), fresh.clone()));
        }
        Ok(fresh)
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// The client's address as the identity middleware determined it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientIp(pub String);

pub fn app_state() -> Result<AppState, crate::error::AppError> {
    leptos::prelude::use_context::<AppState>()
        .ok_or_else(|| crate::error::AppError::internal("AppState missing from the Leptos context"))
}

/// The value of type `T` an area keeps on this instance (see [`Kept`]),
/// for use inside server functions.
pub fn kept<T: Any + Send + Sync + Clone>() -> Result<T, crate::error::AppError> {
    app_state()?.kept::<T>().cloned()
}

/// The database pool of the running server, for use inside server functions.
pub fn db() -> Result<DatabaseConnection, crate::error::AppError> {
    app_state().map(|s| s.db)
}

pub fn auth_config() -> Result<AuthConfig, crate::error::AppError> {
    app_state().map(|s| s.auth)
}

/// The caller of the current server function, as resolved by the identity
/// middleware (anonymous when there is none).
pub fn ctx() -> Ctx {
    leptos::prelude::use_context::<http::request::Parts>()
        .and_then(|p| p.extensions.get::<Ctx>().cloned())
        .unwrap_or_else(Ctx::anonymous)
}

/// What the middleware put in the current request's extensions for the
/// server functions (beside the caller: see [`ctx`]).
pub fn extension<T: Clone + Send + Sync + 'static>() -> Option<T> {
    leptos::prelude::use_context::<http::request::Parts>().and_then(|p| p.extensions.get::<T>().cloned())
}

/// A request header of the current server function call.
pub fn header(name: http::header::HeaderName) -> Option<String> {
    leptos::prelude::use_context::<http::request::Parts>()
        .and_then(|p| p.headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_owned))
}

/// Gives a failing server function the HTTP status of its error (leptos
/// answers 500 for every error otherwise). Wrap each server function's body.
pub async fn with_status<T>(
    body: impl std::future::Future<Output = Result<T, crate::error::AppError>>,
) -> Result<T, crate::error::AppError> {
    let result = body.await;
    if let Err(e) = &result {
        if let Some(resp) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
            resp.set_status(http::StatusCode::from_u16(e.status()).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR));
        }
    }
    result
}

/// What a server function checks before it does anything else.
#[derive(Clone, Copy, Debug)]
pub enum Gate {
    /// The caller's global grants must permit this (`ctx::require`).
    Permission(crate::domain::authz::Permission),
    /// Any signed-in caller; the service then decides on the object's scope
    /// (`ctx::require_on`).
    SignedIn,
}

impl From<crate::domain::authz::Permission> for Gate {
    fn from(p: crate::domain::authz::Permission) -> Self {
        Gate::Permission(p)
    }
}

/// The one shape of a server function: the error gets its HTTP status, the
/// caller is resolved and checked against `gate` first (failing closed),
/// and only then does `body` get the caller and the database.
///
/// ```ignore
/// #[server(endpoint = "cart/add")]
/// pub async fn add_to_cart(item_id: i32, quantity: i32) -> Result<(), AppError> {
///     serve(Permission::Order, |ctx, db| async move { service::add(&ctx, &db, item_id, quantity).await }).await
/// }
/// ```
pub async fn serve<T, F, Fut>(gate: impl Into<Gate>, body: F) -> Result<T, crate::error::AppError>
where
    F: FnOnce(Ctx, DatabaseConnection) -> Fut,
    Fut: std::future::Future<Output = Result<T, crate::error::AppError>>,
{
    with_status(async move {
        let ctx = ctx();
        match gate.into() {
            Gate::Permission(p) => crate::ctx::require(&ctx, p)?,
            Gate::SignedIn => crate::ctx::require_signed_in(&ctx)?,
        }
        let db = db()?;
        body(ctx, db).await
    })
    .await
}

#[cfg(test)]
mod tests;
