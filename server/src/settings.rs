//! Typed settings: defaults → optional TOML file → environment variables.
//!
//! The file is `avrop.toml` in the working directory when present, or the
//! path in `AVROP_CONFIG` (which must then exist). Every key can be set from
//! the environment as `AVROP_<KEY>`; the database also from `DATABASE_URL`.

use app::auth::dto::LocalLogin;
use app::domain::client_address::TrustedProxies;
use figment::providers::{Env, Format, Serialized, Toml};
use figment::Figment;
use serde::{Deserialize, Deserializer, Serialize};
use std::net::SocketAddr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Environment {
    Development,
    Production,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// `development` (default) or `production`.
    pub environment: Environment,
    /// `sqlite://path?mode=rwc` (default `sqlite://data/avrop.db?mode=rwc`)
    /// or `postgres://user:password@host/db`.
    pub database_url: String,
    /// Largest number of pooled database connections per app instance.
    pub db_max_connections: u32,
    /// Address the HTTP server listens on.
    pub listen: SocketAddr,
    /// The URL users reach Avrop at (behind the load balancer).
    pub public_url: String,
    /// Create the demo region in an empty database at start. Off unless
    /// asked for (`./x run` and the tests ask); never in production.
    pub seed_demo: bool,
    /// `text` (default) or `json` log lines.
    pub log_format: LogFormat,
    /// Requests taking longer than this many seconds are aborted with 408.
    pub request_timeout_secs: u64,
    /// A session unused for this many minutes ends.
    pub session_idle_minutes: i64,
    /// A session ends this many hours after login, used or not.
    pub session_absolute_hours: i64,
    /// Failed logins allowed per account within the window.
    pub login_max_failures: u32,
    /// Failed logins allowed per client IP address within the window.
    pub login_max_failures_per_ip: u32,
    /// The rate-limit window, in minutes.
    pub login_window_minutes: i64,
    /// Avrop's own proxies in front of it: a count of hops (`1`: one load
    /// balancer) or a comma-separated list of networks (`10.0.0.0/8,
    /// 192.168.1.10/32`). Empty (default): none, the TCP peer is the client.
    #[serde(deserialize_with = "text_or_number")]
    pub trusted_proxies: String,
    /// Deprecated: `true` is `trusted_proxies = 1` (when that is not set).
    pub trust_forwarded_for: bool,
    /// The SMTP server email notifications go out through:
    /// `smtp://host:port` (add `?tls=required` for STARTTLS),
    /// `smtps://host:port`, with `user:password@` when it asks. Unset
    /// (default): no email is sent; the outbox keeps the messages.
    pub smtp_url: Option<String>,
    /// The sender of email notifications, `Avrop <avrop@region.se>` or an
    /// address; required with `smtp_url`.
    pub mail_from: Option<String>,
    /// Working days an order waits for attestation before its attesters
    /// are reminded (weekends and Swedish public holidays excluded).
    pub attest_remind_after_days: u32,
    /// Working days an order waits before it escalates one level up the
    /// organisation (more than the reminder's).
    pub attest_escalate_after_days: u32,
    /// A page render running longer than this many seconds is stuck:
    /// `/livez` fails until it ends (restart the instance).
    pub render_deadline_secs: u64,
    /// The bearer token Prometheus sends to `/metrics` on the app's
    /// address (at least 32 characters). Unset: `/metrics` is 404 there.
    pub metrics_token: Option<String>,
    /// An address of its own that serves `/metrics` without a token (an
    /// internal interface). Unset: none.
    pub metrics_listen: Option<SocketAddr>,
    /// The region's identity provider (OpenID Connect issuer URL); unset:
    /// local passwords only.
    pub oidc_issuer: Option<String>,
    /// Avrop's client id at the provider.
    pub oidc_client_id: Option<String>,
    /// The client secret (or `oidc_client_secret_file`); neither: a public
    /// client (PKCE alone).
    pub oidc_client_secret: Option<String>,
    /// A file holding the client secret (a container secret).
    pub oidc_client_secret_file: Option<String>,
    /// The ID token's claim that names the person: `sub` (default), an
    /// HSA-id claim, `preferred_username` (compared with the username) or
    /// `email` (compared with the e-mail address).
    pub oidc_claim: String,
    /// The scopes asked for, separated by spaces or commas (`openid` is
    /// always asked for).
    pub oidc_scopes: String,
    /// Who may sign in with a local password: `on`, `admins-only` or `off`.
    /// Unset: `admins-only` in production with an identity provider, else `on`.
    pub local_login: Option<String>,
}

/// A setting that is text but may come from the environment as a number
/// (`AVROP_TRUSTED_PROXIES=1`).
fn text_or_number<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum TextOrNumber {
        Text(String),
        Number(u64),
    }
    Ok(match TextOrNumber::deserialize(d)? {
        TextOrNumber::Text(t) => t,
        TextOrNumber::Number(n) => n.to_string(),
    })
}

/// Twice the cores plus two: more connections than the database can run at
/// once only queue inside it (measured: on 2 cores, 16 connections gave a
/// signed-in page p95 of 23 ms on PostgreSQL, 6 gave 14 ms).
pub fn default_pool_size() -> u32 {
    let cores = std::thread::available_parallelism()
        .map(|n| n.get() as u32)
        .unwrap_or(2);
    cores * 2 + 2
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            environment: Environment::Development,
            database_url: "sqlite://data/avrop.db?mode=rwc".into(),
            db_max_connections: default_pool_size(),
            listen: SocketAddr::from(([127, 0, 0, 1], 3000)),
            public_url: "http://127.0.0.1:3000".into(),
            seed_demo: false,
            log_format: LogFormat::Text,
            request_timeout_secs: 30,
            session_idle_minutes: 60,
            session_absolute_hours: 12,
            login_max_failures: 10,
            login_max_failures_per_ip: 50,
            login_window_minutes: 15,
            trusted_proxies: String::new(),
            trust_forwarded_for: false,
            smtp_url: None,
            mail_from: None,
            attest_remind_after_days: 2,
            attest_escalate_after_days: 5,
            render_deadline_secs: 10,
            metrics_token: None,
            metrics_listen: None,
            oidc_issuer: None,
            oidc_client_id: None,
            oidc_client_secret: None,
            oidc_client_secret_file: None,
            oidc_claim: "sub".into(),
            oidc_scopes: "openid".into(),
            local_login: None,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error("invalid setting: {0}")]
    Parse(#[from] Box<figment::Error>),
    #[error("invalid setting {key} (AVROP_{upper}): {reason}", upper = key.to_uppercase())]
    Invalid { key: &'static str, reason: String },
    #[error("the settings file {0} (AVROP_CONFIG) does not exist")]
    MissingFile(String),
}

impl Settings {
    /// Loads settings from the process environment and the optional file.
    pub fn load() -> Result<Self, SettingsError> {
        let file = match std::env::var("AVROP_CONFIG") {
            Ok(path) => {
                if !std::path::Path::new(&path).exists() {
                    return Err(SettingsError::MissingFile(path));
                }
                path
            }
            Err(_) => "avrop.toml".to_owned(),
        };
        Self::from_figment(Self::figment(&file))
    }

    /// The layered sources, in order of increasing precedence.
    pub fn figment(file: &str) -> Figment {
        Figment::from(Serialized::defaults(Settings::default()))
            .merge(Toml::file(file))
            .merge(Env::prefixed("AVROP_").ignore(&["config"]))
            .merge(Env::raw().only(&["DATABASE_URL"]))
    }

    pub fn from_figment(figment: Figment) -> Result<Self, SettingsError> {
        let s: Settings = figment.extract().map_err(Box::new)?;
        s.validate()?;
        Ok(s)
    }

    fn validate(&self) -> Result<(), SettingsError> {
        let invalid = |key, reason: &str| {
            Err(SettingsError::Invalid {
                key,
                reason: reason.to_owned(),
            })
        };
        if !(self.database_url.starts_with("sqlite:")
            || self.database_url.starts_with("postgres://")
            || self.database_url.starts_with("postgresql://"))
        {
            return invalid("database_url", "must start with sqlite: or postgres://");
        }
        if self.db_max_connections == 0 || self.db_max_connections > 1000 {
            return invalid("db_max_connections", "must be between 1 and 1000");
        }
        if !(self.public_url.starts_with("http://") || self.public_url.starts_with("https://"))
            || self.public_url.parse::<http::Uri>().is_err()
        {
            return invalid("public_url", "must be an absolute http:// or https:// URL");
        }
        if self.request_timeout_secs == 0 {
            return invalid("request_timeout_secs", "must be at least 1");
        }
        if !(1..=24 * 60).contains(&self.session_idle_minutes) {
            return invalid("session_idle_minutes", "must be between 1 and 1440");
        }
        if !(1..=24 * 30).contains(&self.session_absolute_hours) {
            return invalid("session_absolute_hours", "must be between 1 and 720");
        }
        if self.login_max_failures == 0 {
            return invalid("login_max_failures", "must be at least 1");
        }
        if !(1..=60).contains(&self.attest_remind_after_days) {
            return invalid("attest_remind_after_days", "must be between 1 and 60");
        }
        if self.attest_escalate_after_days <= self.attest_remind_after_days || self.attest_escalate_after_days > 120 {
            return invalid(
                "attest_escalate_after_days",
                "must be more than attest_remind_after_days and at most 120",
            );
        }
        if self.login_max_failures_per_ip == 0 {
            return invalid("login_max_failures_per_ip", "must be at least 1");
        }
        if !(1..=24 * 60).contains(&self.login_window_minutes) {
            return invalid("login_window_minutes", "must be between 1 and 1440");
        }
        if !(1..=300).contains(&self.render_deadline_secs) {
            return invalid("render_deadline_secs", "must be between 1 and 300");
        }
        if let Some(token) = &self.metrics_token {
            if token.len() < 32 || !token.chars().all(|c| c.is_ascii_graphic()) {
                return invalid(
                    "metrics_token",
                    "must be at least 32 letters, digits or signs, no spaces (openssl rand -hex 32)",
                );
            }
        }
        if let Err(reason) = TrustedProxies::parse(&self.trusted_proxies) {
            return invalid("trusted_proxies", &reason);
        }
        if let Some(mail) = self.mail_settings() {
            if mail.from.trim().is_empty() {
                return invalid(
                    "mail_from",
                    "must be set when smtp_url is (the sender of email notifications)",
                );
            }
            use app::notify::mail::{MailSettingsError, Mailer};
            match Mailer::new(&mail) {
                Ok(_) => {}
                Err(MailSettingsError::SmtpUrl(reason)) => return invalid("smtp_url", &reason),
                Err(MailSettingsError::From(reason)) => return invalid("mail_from", &reason),
            }
        }
        self.validate_sign_in()?;
        if self.environment == Environment::Production {
            if self.seed_demo {
                return invalid("seed_demo", "demo data must never be seeded in production");
            }
            if !self.public_url.starts_with("https://") {
                return invalid("public_url", "must be https:// in production");
            }
        }
        Ok(())
    }

    /// The identity provider's settings and the local login's.
    fn validate_sign_in(&self) -> Result<(), SettingsError> {
        let invalid = |key, reason: String| Err(SettingsError::Invalid { key, reason });
        let set = |v: &Option<String>| v.as_deref().is_some_and(|v| !v.trim().is_empty());
        if let Some(mode) = &self.local_login {
            if LocalLogin::parse(mode).is_none() {
                return invalid("local_login", "must be on, admins-only or off".into());
            }
        }
        let configured = set(&self.oidc_issuer);
        if !configured {
            for (key, given) in [
                ("oidc_client_id", set(&self.oidc_client_id)),
                ("oidc_client_secret", set(&self.oidc_client_secret)),
                ("oidc_client_secret_file", set(&self.oidc_client_secret_file)),
            ] {
                if given {
                    return invalid(
                        key,
                        "is set but oidc_issuer is not (the identity provider's issuer URL)".into(),
                    );
                }
            }
            if self.local_login() == LocalLogin::Off {
                return invalid(
                    "local_login",
                    "off needs an identity provider (oidc_issuer); without one nobody could sign in".into(),
                );
            }
            return Ok(());
        }
        let issuer = self.oidc_issuer.as_deref().unwrap_or_default().trim();
        let https = issuer.starts_with("https://");
        if !(https || issuer.starts_with("http://")) || issuer.parse::<http::Uri>().is_err() {
            return invalid("oidc_issuer", "must be the provider's issuer URL (https://…)".into());
        }
        if self.is_production() && !https {
            return invalid("oidc_issuer", "must be https:// in production".into());
        }
        if !set(&self.oidc_client_id) {
            return invalid(
                "oidc_client_id",
                "must be set with oidc_issuer (Avrop's client id at the provider)".into(),
            );
        }
        if set(&self.oidc_client_secret) && set(&self.oidc_client_secret_file) {
            return invalid(
                "oidc_client_secret_file",
                "set either it or oidc_client_secret, not both".into(),
            );
        }
        if let Err(reason) = self.oidc_client_secret() {
            return invalid("oidc_client_secret_file", reason);
        }
        let claim = self.oidc_claim.trim();
        if claim.is_empty() || claim.len() > 100 || !claim.chars().all(|c| c.is_ascii_graphic()) {
            return invalid("oidc_claim", "must name a claim of the ID token (sub, email, …)".into());
        }
        if self
            .oidc_scope_list()
            .iter()
            .any(|s| s.len() > 100 || !s.chars().all(|c| c.is_ascii_graphic() && c != '"' && c != '\\'))
        {
            return invalid(
                "oidc_scopes",
                "must be scope names separated by spaces or commas".into(),
            );
        }
        Ok(())
    }

    /// The client secret, from the setting or its file (trimmed).
    fn oidc_client_secret(&self) -> Result<Option<String>, String> {
        if let Some(path) = self.oidc_client_secret_file.as_deref().filter(|p| !p.trim().is_empty()) {
            let secret = std::fs::read_to_string(path.trim()).map_err(|e| format!("{path} cannot be read: {e}"))?;
            let secret = secret.trim().to_owned();
            if secret.is_empty() {
                return Err(format!("{path} is empty"));
            }
            return Ok(Some(secret));
        }
        Ok(self
            .oidc_client_secret
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned))
    }

    fn oidc_scope_list(&self) -> Vec<String> {
        self.oidc_scopes
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect()
    }

    /// The identity provider to discover at start, when one is configured.
    pub fn oidc_settings(&self) -> Option<crate::oidc::OidcSettings> {
        let issuer = self.oidc_issuer.as_deref().map(str::trim).filter(|i| !i.is_empty())?;
        Some(crate::oidc::OidcSettings {
            issuer: issuer.to_owned(),
            client_id: self.oidc_client_id.clone().unwrap_or_default().trim().to_owned(),
            client_secret: self.oidc_client_secret().ok().flatten(),
            claim: self.oidc_claim.trim().to_owned(),
            scopes: self.oidc_scope_list(),
            public_origin: self.public_origin(),
        })
    }

    /// Who may sign in with a password: as set, or `admins-only` in
    /// production with an identity provider and `on` otherwise.
    pub fn local_login(&self) -> LocalLogin {
        match self.local_login.as_deref().and_then(LocalLogin::parse) {
            Some(mode) => mode,
            None if self.is_production() && self.oidc_issuer.as_deref().is_some_and(|i| !i.trim().is_empty()) => {
                LocalLogin::AdminsOnly
            }
            None => LocalLogin::On,
        }
    }

    pub fn seed_demo(&self) -> bool {
        self.seed_demo
    }

    /// The trusted proxies; the deprecated `trust_forwarded_for = true`
    /// stands for one hop when `trusted_proxies` is not set.
    pub fn trusted_proxies(&self) -> TrustedProxies {
        let set = TrustedProxies::parse(&self.trusted_proxies).unwrap_or_default();
        if set.is_none() && self.trust_forwarded_for {
            TrustedProxies::Count(1)
        } else {
            set
        }
    }

    /// Where email notifications go out, when an SMTP server is set (an
    /// empty `smtp_url` is none).
    pub fn mail_settings(&self) -> Option<app::notify::mail::MailSettings> {
        let smtp_url = self.smtp_url.as_deref().map(str::trim).filter(|u| !u.is_empty())?;
        Some(app::notify::mail::MailSettings {
            smtp_url: smtp_url.to_owned(),
            from: self.mail_from.clone().unwrap_or_default(),
            public_url: self.public_url.clone(),
        })
    }

    /// The router's options from these settings.
    pub fn router_options(&self) -> crate::router::RouterOptions {
        crate::router::RouterOptions {
            request_timeout: std::time::Duration::from_secs(self.request_timeout_secs),
            hsts: self.public_url.starts_with("https://"),
            render_deadline: std::time::Duration::from_secs(self.render_deadline_secs),
            metrics_token: self.metrics_token.as_deref().map(Into::into),
        }
    }

    pub fn is_production(&self) -> bool {
        self.environment == Environment::Production
    }

    /// `scheme://host[:port]` of the public URL.
    pub fn public_origin(&self) -> String {
        let uri: http::Uri = self.public_url.parse().unwrap_or_default();
        match (uri.scheme_str(), uri.authority()) {
            (Some(scheme), Some(authority)) => format!("{scheme}://{authority}"),
            _ => self.public_url.trim_end_matches('/').to_owned(),
        }
    }

    pub fn auth_config(&self) -> app::state::AuthConfig {
        app::state::AuthConfig {
            idle_timeout: chrono::Duration::minutes(self.session_idle_minutes),
            absolute_timeout: chrono::Duration::hours(self.session_absolute_hours),
            secure_cookie: self.public_url.starts_with("https://"),
            login_window: app::domain::rate_limit::Window {
                max_failures: self.login_max_failures,
                length: chrono::Duration::minutes(self.login_window_minutes),
            },
            ip_window: app::domain::rate_limit::Window {
                max_failures: self.login_max_failures_per_ip,
                length: chrono::Duration::minutes(self.login_window_minutes),
            },
            public_origin: self.public_origin(),
            development: !self.is_production(),
            trusted_proxies: self.trusted_proxies(),
            hashing: app::state::default_hashing_limit(),
            login: app::auth::dto::LoginOptions {
                sso: self.oidc_settings().is_some(),
                local: self.local_login(),
            },
        }
    }
}

// `Jail` closures must return figment's (large) error type.
#[allow(clippy::result_large_err)]
#[cfg(test)]
mod tests;
