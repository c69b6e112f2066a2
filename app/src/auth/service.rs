//! Login and sessions on the database (tokens: `super::tokens`).

use super::dto::{CurrentUser, LocalLogin, SessionUser};
use super::password;
use crate::audit::service as audit;
use crate::ctx::{Actor, Ctx};
use crate::domain::rate_limit;
use crate::domain::roles::Role;
use crate::entities::{local_credential, login_attempt, session};
use crate::error::AppError;
use crate::org::directory;
use crate::state::AuthConfig;
use base64::Engine as _;
use chrono::{DateTime, Utc};
use rand::RngCore as _;
use sea_orm::sea_query::{Expr, SimpleExpr, SubQueryStatement};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter, QuerySelect, QueryTrait,
    RelationTrait, Set, TransactionTrait,
};
use sha2::{Digest, Sha256};

/// The name of the session cookie on plain http (development).
pub const SESSION_COOKIE: &str = "avrop_session";
/// The name of the session cookie on https: the `__Host-` prefix makes the
/// browser refuse it unless it is `Secure`, for `Path=/` and without a
/// `Domain`, so no other host or path can set or shadow it.
pub const SECURE_SESSION_COOKIE: &str = "__Host-avrop_session";

/// The longest username a login accepts (the stored attempts and audit
/// entries hold at most this much of what someone typed).
pub const MAX_USERNAME_CHARS: usize = 64;
/// The longest password a login accepts; argon2 never sees more.
pub const MAX_PASSWORD_CHARS: usize = 1024;

/// The one message for every failed login: it never says whether the account exists.
pub const WRONG_CREDENTIALS: &str = "Fel användarnamn eller lösenord.";
/// A password login where local login is off (`AVROP_LOCAL_LOGIN=off`).
pub const LOCAL_LOGIN_OFF: &str =
    "Inloggning med lösenord är avstängd i Avrop. Logga in med ditt e-tjänstekort i stället.";
/// A correct password of someone who is not an administrator, where only
/// administrators may use one (`AVROP_LOCAL_LOGIN=admins-only`).
pub const LOCAL_LOGIN_ADMINS_ONLY: &str =
    "Inloggning med lösenord är bara öppen för administratörer. Logga in med ditt e-tjänstekort i stället.";

/// A way of establishing who someone is. Local passwords now; the region's
/// OIDC IdP later, without touching the areas.
#[allow(async_fn_in_trait)]
pub trait IdentityProvider {
    type Credentials;
    /// The person these credentials belong to, or `None`.
    async fn identify<C: ConnectionTrait>(
        &self,
        db: &C,
        credentials: &Self::Credentials,
    ) -> Result<Option<i32>, AppError>;
}

/// Username and password against `local_credential`. The hash is checked
/// on the blocking pool, at most as many at once as `hashing` allows.
pub struct LocalPasswords<'a> {
    pub hashing: &'a std::sync::Arc<tokio::sync::Semaphore>,
}

pub struct UsernamePassword {
    pub username: String,
    pub password: String,
}

impl IdentityProvider for LocalPasswords<'_> {
    type Credentials = UsernamePassword;

    async fn identify<C: ConnectionTrait>(&self, db: &C, c: &UsernamePassword) -> Result<Option<i32>, AppError> {
        let found = directory::person_by_username(db, &c.username)
            .await?
            .filter(|p| p.active);
        let credential = match &found {
            Some(p) => local_credential::Entity::find_by_id(p.id).one(db).await?,
            None => None,
        };
        // No account, or one without a password: the dummy hash is checked
        // instead, so both take as long as a real check.
        let stored = credential.map(|c| c.password_hash);
        let ok = password::verify_limited(self.hashing, stored, &c.password).await?;
        Ok(if ok { found.map(|p| p.id) } else { None })
    }
}

/// A random secret, URL-safe.
pub(crate) fn random_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// SHA-256 in hex: how session and token secrets are stored.
pub fn digest(secret: &str) -> String {
    let d = Sha256::digest(secret.as_bytes());
    d.iter().map(|b| format!("{b:02x}")).collect()
}

/// The person with their roles, as the UI and `/api/v1/me` show them.
pub async fn current_user<C: ConnectionTrait>(db: &C, person_id: i32) -> Result<Option<CurrentUser>, AppError> {
    let Some(p) = directory::person(db, person_id).await? else {
        return Ok(None);
    };
    let unit_name = directory::unit_name(db, p.unit_id).await?.unwrap_or_default();
    let roles = directory::global_roles(db, p.id).await?;
    Ok(Some(CurrentUser {
        id: p.id,
        name: p.name,
        username: p.username,
        email: p.email,
        unit: unit_name,
        roles,
    }))
}

/// What a successful login hands back.
pub struct LoggedIn {
    /// The cookie value; only its digest is stored.
    pub session_secret: String,
    pub user: CurrentUser,
}

/// Checks the lengths, takes a place under the rate limits, checks the
/// password, records the outcome and the audit entry, and starts a session.
///
/// The attempt is written as a failure, and the limits counted, in one
/// transaction that no other login's can interleave with (the table is
/// locked on PostgreSQL; SQLite has one writer), before the password is
/// checked: of a burst of parallel tries, only as many as the limit allows
/// get to the password. A try over the limit leaves no row (it is rolled
/// back), so refused tries do not lengthen the wait; a successful login
/// turns its row into a success.
pub async fn login<C>(
    db: &C,
    cfg: &AuthConfig,
    username: &str,
    password: &str,
    ip: &str,
    user_agent: Option<&str>,
) -> Result<LoggedIn, AppError>
where
    C: ConnectionTrait + TransactionTrait,
{
    let username = username.trim();
    if username.is_empty() {
        return Err(AppError::validation("username", "Fyll i ditt användarnamn."));
    }
    if username.chars().count() > MAX_USERNAME_CHARS {
        return Err(AppError::validation(
            "username",
            format!("Användarnamnet får vara högst {MAX_USERNAME_CHARS} tecken."),
        ));
    }
    if password.is_empty() {
        return Err(AppError::validation("password", "Fyll i ditt lösenord."));
    }
    if password.chars().count() > MAX_PASSWORD_CHARS {
        return Err(AppError::validation(
            "password",
            "Lösenordet får vara högst 1 024 tecken.",
        ));
    }
    let username = username.to_lowercase();
    let ip: String = ip.chars().take(64).collect();
    let anonymous = Ctx {
        actor: Actor::Anonymous,
        roles: vec![],
        ip: Some(ip.clone()),
    };
    let now = Utc::now();
    if cfg.login.local == LocalLogin::Off {
        refused(db, &anonymous, &username, "local_login_off").await?;
        return Err(AppError::ForbiddenWithMessage {
            message: LOCAL_LOGIN_OFF.into(),
        });
    }

    let attempt = match take_attempt(db, cfg, &username, &ip, now).await? {
        Ok(id) => id,
        Err(wait) => {
            crate::metrics::login_failed(crate::metrics::LoginFailure::RateLimited);
            refused(db, &anonymous, &username, "rate_limited").await?;
            return Err(AppError::RateLimited {
                message: wait.message(),
            });
        }
    };

    let person_id = LocalPasswords { hashing: &cfg.hashing }
        .identify(
            db,
            &UsernamePassword {
                username: username.clone(),
                password: password.to_owned(),
            },
        )
        .await?;
    let Some(person_id) = person_id else {
        crate::metrics::login_failed(crate::metrics::LoginFailure::WrongCredentials);
        audit::record(
            db,
            &anonymous,
            "login.failure",
            Some("person"),
            Some(&username),
            serde_json::json!({}),
        )
        .await?;
        return Err(AppError::Validation {
            field: None,
            message: WRONG_CREDENTIALS.into(),
        });
    };
    if cfg.login.local == LocalLogin::AdminsOnly
        && !directory::global_roles(db, person_id).await?.contains(&Role::Admin)
    {
        refused(db, &anonymous, &username, "local_login_admins_only").await?;
        return Err(AppError::ForbiddenWithMessage {
            message: LOCAL_LOGIN_ADMINS_ONLY.into(),
        });
    }
    let txn = crate::db::begin_write(db).await?;
    login_attempt::Entity::update_many()
        .col_expr(login_attempt::Column::Succeeded, Expr::value(true))
        .filter(login_attempt::Column::Id.eq(attempt))
        .exec(&txn)
        .await?;
    let secret = signed_in(
        &txn,
        cfg,
        person_id,
        &username,
        &ip,
        user_agent,
        None,
        serde_json::json!({}),
    )
    .await?;
    txn.commit().await?;
    let user = current_user(db, person_id).await?.ok_or(AppError::Internal)?;
    Ok(LoggedIn {
        session_secret: secret,
        user,
    })
}

/// What every way of logging in does once it knows the person, in the
/// caller's transaction: starts the session (with the provider's ID token,
/// if any) and audits `login.success` with `details`. Returns the cookie
/// secret.
#[allow(clippy::too_many_arguments)]
pub(super) async fn signed_in<C: ConnectionTrait>(
    txn: &C,
    cfg: &AuthConfig,
    person_id: i32,
    username: &str,
    ip: &str,
    user_agent: Option<&str>,
    id_token: Option<&str>,
    details: serde_json::Value,
) -> Result<String, AppError> {
    let secret = start_session(txn, cfg, person_id, Some(ip), user_agent, id_token).await?;
    let ctx = Ctx {
        actor: Actor::Person {
            id: person_id,
            username: username.to_owned(),
        },
        roles: vec![],
        ip: Some(ip.to_owned()),
    };
    audit::record(
        txn,
        &ctx,
        "login.success",
        Some("person"),
        Some(&person_id.to_string()),
        details,
    )
    .await?;
    Ok(secret)
}

/// Audits a password login refused before its password decided (`reason`).
async fn refused<C: ConnectionTrait>(db: &C, anonymous: &Ctx, username: &str, reason: &str) -> Result<(), AppError> {
    audit::record(
        db,
        anonymous,
        "login.refused",
        Some("person"),
        Some(username),
        serde_json::json!({ "reason": reason }),
    )
    .await
}

/// Writes a login attempt (as a failure, until the password says
/// otherwise) when the account's and the address's earlier failures leave
/// room for it; its id, or how long to wait.
async fn take_attempt<C>(
    db: &C,
    cfg: &AuthConfig,
    username: &str,
    ip: &str,
    now: DateTime<Utc>,
) -> Result<Result<i32, rate_limit::RetryAfter>, AppError>
where
    C: ConnectionTrait + TransactionTrait,
{
    let txn = crate::db::begin_write(db).await?;
    if txn.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
        // Self-exclusive, and exclusive of the inserts and updates of other
        // logins: each transaction here sees every attempt written before it.
        // SQLite needs nothing: the insert below takes its one write lock.
        txn.execute_unprepared("LOCK TABLE login_attempt IN SHARE ROW EXCLUSIVE MODE")
            .await?;
    }
    let attempt = login_attempt::ActiveModel {
        username: Set(username.to_owned()),
        ip: Set(ip.to_owned()),
        succeeded: Set(false),
        attempted_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let since = now - cfg.login_window.length.max(cfg.ip_window.length);
    for (column, value, window) in [
        (login_attempt::Column::Username, username, cfg.login_window),
        (login_attempt::Column::Ip, ip, cfg.ip_window),
    ] {
        let failures: Vec<DateTime<Utc>> = login_attempt::Entity::find()
            .select_only()
            .column(login_attempt::Column::AttemptedAt)
            .filter(column.eq(value))
            .filter(login_attempt::Column::Succeeded.eq(false))
            .filter(login_attempt::Column::AttemptedAt.gt(since))
            .filter(login_attempt::Column::Id.ne(attempt.id))
            .into_tuple()
            .all(&txn)
            .await?;
        // Judged as of now, after the count: a login that started earlier
        // but got the lock later must also count the attempts written
        // meanwhile (a time after its own start).
        let at = failures.iter().copied().max().unwrap_or(now).max(Utc::now());
        if let Err(wait) = rate_limit::check(window, &failures, at) {
            txn.rollback().await?;
            return Ok(Err(wait));
        }
    }
    txn.commit().await?;
    Ok(Ok(attempt.id))
}

/// Creates a session for a person someone has identified (any provider) and
/// returns the cookie secret. A new secret at every login: the session id
/// is never carried over from before. `id_token`: the identity provider's,
/// kept for its logout.
pub async fn start_session<C: ConnectionTrait>(
    db: &C,
    cfg: &AuthConfig,
    person_id: i32,
    ip: Option<&str>,
    user_agent: Option<&str>,
    id_token: Option<&str>,
) -> Result<String, AppError> {
    let secret = random_secret();
    let now = Utc::now();
    session::ActiveModel {
        id: Set(digest(&secret)),
        person_id: Set(person_id),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(now + cfg.absolute_timeout),
        ip: Set(ip.map(|s| s.chars().take(64).collect())),
        user_agent: Set(user_agent.map(|s| s.chars().take(255).collect())),
        id_token: Set(id_token.map(str::to_owned)),
    }
    .insert(db)
    .await?;
    Ok(secret)
}

#[derive(Debug, sea_orm::FromQueryResult)]
struct SessionRow {
    expires_at: DateTime<Utc>,
    last_seen_at: DateTime<Utc>,
    person_id: i32,
    #[sea_orm(nested)]
    account: directory::AccountRow,
}

/// The caller behind a session cookie, if the session is alive. Touches
/// `last_seen_at` at most once a minute.
pub async fn resolve_session<C: ConnectionTrait>(
    db: &C,
    cfg: &AuthConfig,
    secret: &str,
    ip: Option<String>,
) -> Result<Option<(Ctx, SessionUser)>, AppError> {
    Ok(resolve_session_with(db, cfg, secret, ip, |_| Vec::new())
        .await?
        .map(|(ctx, user, _)| (ctx, user)))
}

/// Integer columns that other areas read in the session's own statement:
/// each a name and an expression of the session's person (a correlated
/// subquery of the area's table), so that a page's first read of, say,
/// the header's counts costs no round trip of its own.
pub type Beside = Vec<(&'static str, SimpleExpr)>;

/// [`resolve_session`], with the columns `beside(person)` read in the
/// same statement (`person`: the session's person id). Their values come
/// back in the same order, for a session that is alive.
pub async fn resolve_session_with<C: ConnectionTrait>(
    db: &C,
    cfg: &AuthConfig,
    secret: &str,
    ip: Option<String>,
    beside: impl FnOnce(SimpleExpr) -> Beside,
) -> Result<Option<(Ctx, SessionUser, Vec<i64>)>, AppError> {
    let now = Utc::now();
    let id = digest(secret);
    let beside = beside(Expr::col((session::Entity, session::Column::PersonId)).into());
    // Session, person and roles in one round trip: this runs on every request.
    let mut sessions = session::Entity::find()
        .select_only()
        .column(session::Column::ExpiresAt)
        .column(session::Column::LastSeenAt)
        .column(session::Column::PersonId);
    for (name, expr) in &beside {
        sessions = sessions.expr_as(expr.clone(), *name);
    }
    // The session's person as a scalar subquery by the session's key: the
    // person is then read by their primary key too (see `with_account`).
    let person = session::Entity::find()
        .select_only()
        .column(session::Column::PersonId)
        .filter(session::Column::Id.eq(id.clone()))
        .into_query();
    let person = SimpleExpr::SubQuery(None, Box::new(SubQueryStatement::SelectStatement(person)));
    let statement = directory::with_account(sessions, session::Relation::Person.def(), person)
        .filter(session::Column::Id.eq(id.clone()))
        .build(db.get_database_backend());
    let results = db.query_all(statement).await?;
    let rows = results
        .iter()
        .map(|r| SessionRow::from_query_result(r, ""))
        .collect::<Result<Vec<_>, _>>()?;
    let (Some(s), Some(account)) = (rows.first(), directory::Account::of(rows.iter().map(|r| &r.account))) else {
        return Ok(None);
    };
    if s.expires_at <= now || s.last_seen_at + cfg.idle_timeout <= now {
        session::Entity::delete_by_id(id).exec(db).await?;
        return Ok(None);
    }
    if now - s.last_seen_at > chrono::Duration::seconds(60) {
        session::Entity::update_many()
            .col_expr(session::Column::LastSeenAt, Expr::value(now))
            .filter(session::Column::Id.eq(id))
            .exec(db)
            .await?;
    }
    if !account.active {
        return Ok(None);
    }
    let user = SessionUser {
        id: s.person_id,
        username: account.username.clone(),
        name: account.name,
        roles: account.roles.clone(),
    };
    let values = match results.first() {
        Some(row) => beside
            .iter()
            .map(|(name, _)| row.try_get::<i64>("", name))
            .collect::<Result<Vec<_>, _>>()?,
        None => Vec::new(),
    };
    let ctx = Ctx {
        actor: Actor::Person {
            id: s.person_id,
            username: account.username,
        },
        roles: account.roles,
        ip,
    };
    Ok(Some((ctx, user, values)))
}

/// Ends a session server-side; the provider's ID token when the session
/// was begun through OpenID Connect (its logout takes it as a hint).
pub async fn logout<C: ConnectionTrait>(db: &C, ctx: &Ctx, secret: &str) -> Result<Option<String>, AppError> {
    let id = digest(secret);
    let id_token: Option<Option<String>> = session::Entity::find_by_id(id.clone())
        .select_only()
        .column(session::Column::IdToken)
        .into_tuple()
        .one(db)
        .await?;
    let id_token = id_token.flatten();
    let res = session::Entity::delete_by_id(id).exec(db).await?;
    if res.rows_affected > 0 {
        let detail = match id_token.as_deref().and_then(|t| super::sso::claim_of(t, "sub")) {
            Some(subject) => serde_json::json!({"method": "oidc", "subject": subject}),
            None => serde_json::json!({}),
        };
        audit::record(
            db,
            ctx,
            "logout",
            Some("person"),
            ctx.person_id().map(|i| i.to_string()).as_deref(),
            detail,
        )
        .await?;
    }
    Ok(id_token.filter(|_| res.rows_affected > 0))
}

/// Ends a person's sessions, all but `except` (the secret of the caller's
/// own session, when they are changing their own password); how many.
/// Called wherever what a session stands for changes: a new password, and
/// (when there is a place that changes them) the person's roles.
pub async fn end_sessions<C: ConnectionTrait>(db: &C, person_id: i32, except: Option<&str>) -> Result<u64, AppError> {
    let mut delete = session::Entity::delete_many().filter(session::Column::PersonId.eq(person_id));
    if let Some(keep) = except {
        delete = delete.filter(session::Column::Id.ne(digest(keep)));
    }
    Ok(delete.exec(db).await?.rows_affected)
}

/// Sets a person's local password (command line and admin tools) and ends
/// their sessions: whoever was signed in with the old password is signed
/// out. The hash runs on the blocking pool under `hashing`. The demo data's
/// password is refused (see [`password::check_strength`]).
pub async fn set_password<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    hashing: &std::sync::Arc<tokio::sync::Semaphore>,
    username: &str,
    password: &str,
    demo_password: &str,
) -> Result<(), AppError> {
    let p = directory::person_by_username(db, username)
        .await?
        .ok_or_else(|| AppError::not_found(format!("Det finns ingen person med användarnamnet {username}.")))?;
    password::check_strength(password, username, demo_password).map_err(|m| AppError::validation("password", m))?;
    let hash = password::hash_limited(hashing, password).await?;
    let txn = crate::db::begin_write(db).await?;
    local_credential::Entity::delete_by_id(p.id).exec(&txn).await?;
    local_credential::ActiveModel {
        person_id: Set(p.id),
        password_hash: Set(hash),
        updated_at: Set(Utc::now()),
    }
    .insert(&txn)
    .await?;
    let ended = end_sessions(&txn, p.id, None).await?;
    audit::record(
        &txn,
        &Ctx::system(),
        "password.set",
        Some("person"),
        Some(&p.id.to_string()),
        serde_json::json!({"sessions_ended": ended}),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
