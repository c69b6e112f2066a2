//! Sign-in through the region's identity provider (SITHS cards behind it):
//! OpenID Connect's authorization code flow with PKCE, through the
//! `openidconnect` crate.
//!
//! `GET /logga-in/oidc?next=…` keeps the sign-in's nonce and PKCE verifier
//! in the database under the digest of its `state` and sends the browser to
//! the provider; `GET /logga-in/oidc/callback` takes that sign-in (once, on
//! whichever instance the browser comes back to), exchanges the code with
//! the verifier, verifies the ID token (signature against the provider's
//! keys, issuer, audience, expiry with a minute's clock skew, nonce), and
//! hands the configured claim to `app::auth::sso::login`, which starts the
//! session exactly as a password login does. Logging out of a session begun
//! here also ends the one at the provider, where it offers that.

use app::auth::sso::{self, Flow, Matching, Verified};
use app::error::ErrorBody;
use app::state::{AppState, ClientIp};
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use openidconnect::core::{CoreAuthenticationFlow, CoreClient, CoreIdToken, CoreIdTokenVerifier};
use openidconnect::{
    reqwest, AuthorizationCode, ClaimsVerificationError, ClientId, ClientSecret, CsrfToken, EndSessionUrl,
    EndpointMaybeSet, EndpointNotSet, EndpointSet, IssuerUrl, LogoutRequest, Nonce, PkceCodeChallenge,
    PkceCodeVerifier, PostLogoutRedirectUrl, ProviderMetadataWithLogout, RedirectUrl, RequestTokenError, Scope,
};
use serde::Deserialize;
use std::sync::{Arc, RwLock};
use std::time::Duration;

/// Where the login page's button sends the browser.
pub const START_PATH: &str = "/logga-in/oidc";
/// The redirect URI to register at the provider (after the public URL).
pub const CALLBACK_PATH: &str = "/logga-in/oidc/callback";
/// Where the provider sends the browser after its logout (register it as a
/// post-logout redirect URI).
pub const AFTER_LOGOUT_PATH: &str = "/logga-in?utloggad=1";

/// How far Avrop's clock and the provider's may disagree: an ID token
/// expired less than this long ago is still accepted.
pub const CLOCK_SKEW: chrono::Duration = chrono::Duration::seconds(60);

/// How long a call to the provider may take (discovery, the code exchange).
const PROVIDER_TIMEOUT: Duration = Duration::from_secs(10);

/// The provider and this client, as the settings say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OidcSettings {
    /// The issuer URL (discovery is at `…/.well-known/openid-configuration`).
    pub issuer: String,
    pub client_id: String,
    /// The client secret (a confidential client); `None`: a public client,
    /// PKCE alone.
    pub client_secret: Option<String>,
    /// The ID token's claim that names the person (`sub`, an HSA-id claim,
    /// `email`).
    pub claim: String,
    /// Scopes asked for besides `openid`.
    pub scopes: Vec<String>,
    /// `scheme://host[:port]` of Avrop (the redirect URIs start with it).
    pub public_origin: String,
}

impl OidcSettings {
    /// The directory field the claim is compared with: the address for
    /// `email`, the username for any other claim.
    pub fn matching(&self) -> Matching {
        if self.claim == "email" {
            Matching::Email
        } else {
            Matching::Username
        }
    }
}

type Client =
    CoreClient<EndpointSet, EndpointNotSet, EndpointNotSet, EndpointNotSet, EndpointMaybeSet, EndpointMaybeSet>;

/// What discovery said: the client built from the provider's metadata (its
/// endpoints and signing keys) and its logout endpoint, if any.
struct Discovered {
    client: Client,
    end_session: Option<EndSessionUrl>,
}

/// The identity provider, discovered: kept for the life of the instance
/// (`AppState::kept`). Its signing keys are fetched again when an ID token
/// names a key they do not have (the provider rotated them).
pub struct Oidc {
    settings: OidcSettings,
    http: reqwest::Client,
    current: RwLock<Arc<Discovered>>,
}

impl Oidc {
    /// Reads the provider's metadata and keys. The message of an error
    /// names the setting to look at.
    pub async fn discover(settings: OidcSettings) -> Result<Oidc, String> {
        let http = reqwest::ClientBuilder::new()
            // Following redirects would let the provider's answers point
            // Avrop's requests anywhere.
            .redirect(reqwest::redirect::Policy::none())
            .timeout(PROVIDER_TIMEOUT)
            .build()
            .map_err(|e| format!("the HTTP client for the identity provider could not be built: {e}"))?;
        let discovered = fetch(&settings, &http).await?;
        Ok(Oidc {
            settings,
            http,
            current: RwLock::new(Arc::new(discovered)),
        })
    }

    pub fn settings(&self) -> &OidcSettings {
        &self.settings
    }

    fn current(&self) -> Arc<Discovered> {
        self.current.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    async fn refresh(&self) -> Result<Arc<Discovered>, String> {
        let fresh = Arc::new(fetch(&self.settings, &self.http).await?);
        *self.current.write().unwrap_or_else(|e| e.into_inner()) = fresh.clone();
        Ok(fresh)
    }

    /// `scheme://host[:port]` of the provider's logout, if it has one.
    pub fn logout_origin(&self) -> Option<String> {
        let url = self.current().end_session.clone()?;
        let url = url.url();
        let origin = url.origin();
        origin.is_tuple().then(|| origin.ascii_serialization())
    }

    /// Where to send the browser after Avrop's own logout of a session
    /// begun here: the provider's end-session endpoint with the ID token as
    /// a hint and Avrop's login page to come back to; `None` when the
    /// provider has no such endpoint.
    pub fn logout_url(&self, id_token: &str) -> Option<String> {
        let end_session = self.current().end_session.clone()?;
        let back = PostLogoutRedirectUrl::new(format!("{}{AFTER_LOGOUT_PATH}", self.settings.public_origin)).ok()?;
        let mut request = LogoutRequest::from(end_session)
            .set_client_id(ClientId::new(self.settings.client_id.clone()))
            .set_post_logout_redirect_uri(back);
        if let Ok(token) = id_token.parse::<CoreIdToken>() {
            request = request.set_id_token_hint(&token);
        }
        Some(request.http_get_url().to_string())
    }
}

async fn fetch(settings: &OidcSettings, http: &reqwest::Client) -> Result<Discovered, String> {
    let issuer = IssuerUrl::new(settings.issuer.clone())
        .map_err(|e| format!("AVROP_OIDC_ISSUER ({}) is not a URL: {e}", settings.issuer))?;
    let metadata = ProviderMetadataWithLogout::discover_async(issuer, http)
        .await
        .map_err(|e| {
            format!(
                "AVROP_OIDC_ISSUER: the identity provider's metadata could not be read from {}/.well-known/openid-configuration: {}",
                settings.issuer.trim_end_matches('/'),
                chain(&e)
            )
        })?;
    let end_session = metadata.additional_metadata().end_session_endpoint.clone();
    let redirect = RedirectUrl::new(format!("{}{CALLBACK_PATH}", settings.public_origin))
        .map_err(|e| format!("AVROP_PUBLIC_URL does not make a redirect URI: {e}"))?;
    let client = CoreClient::from_provider_metadata(
        metadata,
        ClientId::new(settings.client_id.clone()),
        settings.client_secret.clone().map(ClientSecret::new),
    )
    .set_redirect_uri(redirect);
    Ok(Discovered { client, end_session })
}

/// An error with its causes, for the log and the start-up message.
fn chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

/// Why an ID token was not accepted: the audit's reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    Expired,
    WrongAudience,
    WrongIssuer,
    WrongNonce,
    BadSignature,
    /// The configured claim is missing or empty.
    MissingClaim,
    Invalid(String),
}

impl Refusal {
    pub fn reason(&self) -> &'static str {
        match self {
            Refusal::Expired => "id_token_expired",
            Refusal::WrongAudience => "id_token_audience",
            Refusal::WrongIssuer => "id_token_issuer",
            Refusal::WrongNonce => "id_token_nonce",
            Refusal::BadSignature => "id_token_signature",
            Refusal::MissingClaim => "id_token_claim_missing",
            Refusal::Invalid(_) => "id_token_invalid",
        }
    }
}

impl From<ClaimsVerificationError> for Refusal {
    fn from(e: ClaimsVerificationError) -> Self {
        match e {
            ClaimsVerificationError::Expired(_) => Refusal::Expired,
            ClaimsVerificationError::InvalidAudience(_) => Refusal::WrongAudience,
            ClaimsVerificationError::InvalidIssuer(_) => Refusal::WrongIssuer,
            ClaimsVerificationError::InvalidNonce(_) => Refusal::WrongNonce,
            ClaimsVerificationError::SignatureVerification(_) => Refusal::BadSignature,
            other => Refusal::Invalid(other.to_string()),
        }
    }
}

/// Verifies an ID token as of `now` (allowing [`CLOCK_SKEW`]): signature,
/// issuer, audience, expiry and nonce, then reads the claim that names the
/// person.
pub fn verify(
    verifier: CoreIdTokenVerifier<'_>,
    token: &CoreIdToken,
    nonce: &Nonce,
    now: chrono::DateTime<chrono::Utc>,
    claim: &str,
) -> Result<Verified, Refusal> {
    let verifier = verifier.set_time_fn(move || now - CLOCK_SKEW);
    let claims = token.claims(&verifier, nonce)?;
    let subject = claims.subject().as_str().to_owned();
    let jwt = token.to_string();
    let value = if claim == "sub" {
        Some(subject.clone())
    } else {
        sso::claim_of(&jwt, claim)
    };
    let value = value.filter(|v| !v.trim().is_empty()).ok_or(Refusal::MissingClaim)?;
    Ok(Verified {
        subject,
        value,
        id_token: jwt,
    })
}

/// An error page for the browser (the error-page layer turns the JSON body
/// into a Swedish page); a program gets the JSON.
fn error(status: StatusCode, kind: &str, message: impl Into<String>) -> Response {
    let body = ErrorBody {
        error: kind.to_owned(),
        message: message.into(),
        field: None,
        state: None,
        problems: vec![],
    };
    let mut res = (status, Json(body)).into_response();
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

const NOT_CONFIGURED: &str = "Inloggning med e-tjänstekort är inte inställd i den här Avrop-installationen.";
const PROVIDER_DOWN: &str = "Regionens inloggningstjänst svarar inte just nu. Försök igen om en stund; hör av dig till IT-servicedesk om det inte går.";
const PROVIDER_REFUSED: &str =
    "Regionens inloggningstjänst godkände inte inloggningen. Börja om från inloggningssidan.";
const TOKEN_REFUSED: &str = "Inloggningen kunde inte bekräftas: beviset från regionens inloggningstjänst var inte giltigt för Avrop. Börja om från inloggningssidan; hör av dig till IT-servicedesk om det händer igen.";

fn see_other(location: &str) -> Response {
    let mut res = StatusCode::SEE_OTHER.into_response();
    if let Ok(v) = HeaderValue::from_str(location) {
        res.headers_mut().insert(header::LOCATION, v);
    }
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

#[derive(Debug, Deserialize)]
pub struct StartQuery {
    next: Option<String>,
}

/// `GET /logga-in/oidc?next=…`: begins a sign-in and sends the browser to
/// the provider.
pub async fn start(State(state): State<AppState>, Query(q): Query<StartQuery>) -> Response {
    let Some(oidc) = state.kept_if::<Oidc>() else {
        return error(StatusCode::NOT_FOUND, "not_found", NOT_CONFIGURED);
    };
    let discovered = oidc.current();
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let mut request = discovered
        .client
        .authorize_url(
            CoreAuthenticationFlow::AuthorizationCode,
            CsrfToken::new_random,
            Nonce::new_random,
        )
        .set_pkce_challenge(challenge);
    for scope in oidc.settings.scopes.iter().filter(|s| s.as_str() != "openid") {
        request = request.add_scope(Scope::new(scope.clone()));
    }
    let (url, csrf, nonce) = request.url();
    let flow = Flow {
        nonce: nonce.secret().clone(),
        pkce_verifier: verifier.secret().clone(),
        next: app::domain::redirect::safe_next(q.next.as_deref()),
    };
    if let Err(e) = sso::begin_flow(&state.db, csrf.secret(), &flow).await {
        return e.into_response();
    }
    see_other(url.as_str())
}

#[derive(Debug, Deserialize)]
pub struct CallbackQuery {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

/// `GET /logga-in/oidc/callback?code=…&state=…`: finishes the sign-in,
/// sets the session cookie and sends the browser where it was going.
pub async fn callback(
    State(state): State<AppState>,
    Extension(ip): Extension<ClientIp>,
    headers: HeaderMap,
    Query(q): Query<CallbackQuery>,
) -> Response {
    let agent = headers.get(header::USER_AGENT).and_then(|v| v.to_str().ok());
    match finish(&state, q, &ip.0, agent).await {
        Ok((secret, next)) => {
            let mut res = see_other(&next);
            if let Ok(cookie) = HeaderValue::from_str(&app::auth::server_fns::session_cookie(&state.auth, &secret)) {
                res.headers_mut().append(header::SET_COOKIE, cookie);
            }
            res
        }
        Err(res) => res,
    }
}

async fn finish(
    state: &AppState,
    q: CallbackQuery,
    ip: &str,
    agent: Option<&str>,
) -> Result<(String, String), Response> {
    let oidc = state
        .kept_if::<Oidc>()
        .ok_or_else(|| error(StatusCode::NOT_FOUND, "not_found", NOT_CONFIGURED))?;
    let db = &state.db;
    let refuse = |reason: &'static str, subject: Option<String>, status: StatusCode, message: &'static str| async move {
        tracing::info!(reason, "sign-in through the identity provider refused");
        match sso::refused(db, ip, reason, subject.as_deref(), None).await {
            Ok(()) => error(status, "bad_request", message),
            Err(e) => e.into_response(),
        }
    };
    let Some(flow_state) = q.state.filter(|s| !s.is_empty() && s.len() <= 512) else {
        return Err(refuse("state_missing", None, StatusCode::BAD_REQUEST, sso::FLOW_GONE).await);
    };
    // Taken before anything else: a sign-in is finished at most once.
    let flow = sso::take_flow(db, &flow_state)
        .await
        .map_err(IntoResponse::into_response)?;
    if let Some(e) = q.error {
        // The person cancelled, or the provider would not sign them in.
        tracing::info!(error = %e, "the identity provider answered with an error");
        return Err(refuse("provider_error", None, StatusCode::FORBIDDEN, PROVIDER_REFUSED).await);
    }
    let Some(flow) = flow else {
        return Err(refuse("state_unknown", None, StatusCode::BAD_REQUEST, sso::FLOW_GONE).await);
    };
    let Some(code) = q.code.filter(|c| !c.is_empty() && c.len() <= 4096) else {
        return Err(refuse("code_missing", None, StatusCode::BAD_REQUEST, sso::FLOW_GONE).await);
    };
    let discovered = oidc.current();
    let exchange = discovered
        .client
        .exchange_code(AuthorizationCode::new(code))
        .map_err(|e| {
            tracing::error!(error = %e, "the identity provider has no token endpoint");
            error(StatusCode::BAD_GATEWAY, "unavailable", PROVIDER_DOWN)
        })?
        .set_pkce_verifier(PkceCodeVerifier::new(flow.pkce_verifier))
        .request_async(&oidc.http)
        .await;
    let tokens = match exchange {
        Ok(tokens) => tokens,
        // The provider refused the code: used before, expired, or not
        // issued for this verifier.
        Err(RequestTokenError::ServerResponse(e)) => {
            tracing::info!(error = %e.error(), "the identity provider refused the code");
            return Err(refuse("code_refused", None, StatusCode::BAD_REQUEST, sso::FLOW_GONE).await);
        }
        Err(e) => {
            tracing::warn!(error = %chain(&e), "the identity provider could not be reached for the code exchange");
            return Err(error(StatusCode::SERVICE_UNAVAILABLE, "unavailable", PROVIDER_DOWN));
        }
    };
    let Some(id_token) = openidconnect::TokenResponse::id_token(&tokens) else {
        return Err(refuse("id_token_missing", None, StatusCode::BAD_GATEWAY, TOKEN_REFUSED).await);
    };
    let nonce = Nonce::new(flow.nonce);
    let claim = &oidc.settings.claim;
    let mut verified = verify(
        discovered.client.id_token_verifier(),
        id_token,
        &nonce,
        chrono::Utc::now(),
        claim,
    );
    if matches!(verified, Err(Refusal::BadSignature)) {
        // Perhaps signed with a key published since discovery.
        match oidc.refresh().await {
            Ok(fresh) => {
                verified = verify(
                    fresh.client.id_token_verifier(),
                    id_token,
                    &nonce,
                    chrono::Utc::now(),
                    claim,
                );
            }
            Err(e) => tracing::warn!(error = %e, "the identity provider's keys could not be fetched again"),
        }
    }
    let who = match verified {
        Ok(who) => who,
        Err(refusal) => {
            tracing::warn!(?refusal, "an ID token was refused");
            let subject = sso::claim_of(&id_token.to_string(), "sub");
            return Err(refuse(refusal.reason(), subject, StatusCode::FORBIDDEN, TOKEN_REFUSED).await);
        }
    };
    let done = sso::login(db, &state.auth, oidc.settings.matching(), &who, ip, agent)
        .await
        .map_err(IntoResponse::into_response)?;
    Ok((done.session_secret, flow.next))
}

#[cfg(test)]
mod tests;
