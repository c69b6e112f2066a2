//! The one error type that crosses the server/browser boundary.
//!
//! Each variant is a *kind* with a Swedish message for the user; the cause of
//! an `Internal` error is logged on the server and never sent to the client.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AppError {
    #[error("{message}")]
    NotFound { message: String },
    #[error("Du saknar behörighet för det här.")]
    Forbidden,
    /// A refusal with a more specific explanation.
    #[error("{message}")]
    ForbiddenWithMessage { message: String },
    #[error("Du behöver logga in.")]
    Unauthorized,
    #[error("{message}")]
    Validation { field: Option<String>, message: String },
    /// Several fields are wrong at once (a form checked as a whole): each
    /// with its message, in the form's order.
    #[error("{} uppgifter behöver rättas.", problems.len())]
    Fields { problems: Vec<FieldProblem> },
    #[error("{message}")]
    Conflict { message: String },
    /// A step the state machine refuses now, with the state it is in (the
    /// supplier API answers it as 409 with `state`).
    #[error("{message}")]
    StateConflict { message: String, state: String },
    #[error("{message}")]
    RateLimited { message: String },
    /// A request that could not be read as what it is sent to (a server
    /// function's arguments missing or of the wrong type).
    #[error("{message}")]
    Malformed { message: String },
    #[error("Något gick fel hos oss. Försök igen om en stund.")]
    Internal,
    /// Avrop cannot be reached (in the browser), or Avrop cannot reach its
    /// database now (on the server): 503, worth trying again.
    #[error("Tjänsten kunde inte nås just nu. Kontrollera anslutningen och försök igen om en stund.")]
    Unavailable,
}

impl AppError {
    pub fn not_found(message: impl Into<String>) -> Self {
        AppError::NotFound {
            message: message.into(),
        }
    }

    pub fn validation(field: impl Into<String>, message: impl Into<String>) -> Self {
        AppError::Validation {
            field: Some(field.into()),
            message: message.into(),
        }
    }

    pub fn conflict(message: impl Into<String>) -> Self {
        AppError::Conflict {
            message: message.into(),
        }
    }

    /// The machine-readable kind used in JSON bodies: `{"error": kind}`.
    pub fn kind(&self) -> &'static str {
        match self {
            AppError::NotFound { .. } => "not_found",
            AppError::Forbidden | AppError::ForbiddenWithMessage { .. } => "forbidden",
            AppError::Unauthorized => "unauthorized",
            AppError::Validation { .. } | AppError::Fields { .. } => "validation",
            AppError::Conflict { .. } | AppError::StateConflict { .. } => "conflict",
            AppError::RateLimited { .. } => "rate_limited",
            AppError::Malformed { .. } => "bad_request",
            AppError::Internal => "internal",
            AppError::Unavailable => "unavailable",
        }
    }

    /// The HTTP status this error maps to.
    pub fn status(&self) -> u16 {
        match self {
            AppError::NotFound { .. } => 404,
            AppError::Forbidden | AppError::ForbiddenWithMessage { .. } => 403,
            AppError::Unauthorized => 401,
            AppError::Validation { .. } | AppError::Fields { .. } => 422,
            AppError::Conflict { .. } | AppError::StateConflict { .. } => 409,
            AppError::RateLimited { .. } => 429,
            AppError::Malformed { .. } => 400,
            AppError::Internal => 500,
            AppError::Unavailable => 503,
        }
    }

    /// The (first) input field the error concerns.
    pub fn field(&self) -> Option<&str> {
        match self {
            AppError::Validation { field, .. } => field.as_deref(),
            AppError::Fields { problems } => problems.first().map(|p| p.field.as_str()),
            _ => None,
        }
    }

    /// Whether the error concerns input field `field`.
    pub fn has_field(&self, field: &str) -> bool {
        self.message_for(field).is_some()
    }

    /// The message for input field `field`, when the error concerns it.
    pub fn message_for(&self, field: &str) -> Option<&str> {
        match self {
            AppError::Validation {
                field: Some(f),
                message,
            } if f == field => Some(message),
            AppError::Fields { problems } => problems.iter().find(|p| p.field == field).map(|p| p.message.as_str()),
            _ => None,
        }
    }

    /// Every field the error concerns with its message, in order.
    pub fn problems(&self) -> Vec<FieldProblem> {
        match self {
            AppError::Validation {
                field: Some(field),
                message,
            } => vec![FieldProblem {
                field: field.clone(),
                message: message.clone(),
            }],
            AppError::Fields { problems } => problems.clone(),
            _ => Vec::new(),
        }
    }

    /// The current state, for a step refused in it.
    pub fn state(&self) -> Option<&str> {
        match self {
            AppError::StateConflict { state, .. } => Some(state),
            _ => None,
        }
    }
}

impl leptos::server_fn::error::FromServerFnError for AppError {
    type Encoder = leptos::server_fn::codec::JsonEncoding;

    fn from_server_fn_error(value: leptos::server_fn::error::ServerFnErrorErr) -> Self {
        use leptos::server_fn::error::ServerFnErrorErr as E;
        match value {
            E::Request(_) | E::Response(_) => AppError::Unavailable,
            // On the server these are the caller's arguments: a missing
            // field, `abc` for a number, JSON to a form endpoint.
            #[cfg(feature = "ssr")]
            E::Args(why) | E::MissingArg(why) | E::Deserialization(why) => AppError::Malformed {
                message: format!("Anropets uppgifter kunde inte läsas: {why}"),
            },
            other => {
                #[cfg(feature = "ssr")]
                tracing::error!(cause = %other, "server function transport error");
                #[cfg(not(feature = "ssr"))]
                let _ = other;
                AppError::Internal
            }
        }
    }
}

/// One wrong input field and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct FieldProblem {
    /// The input field.
    pub field: String,
    /// Swedish text to show the user.
    pub message: String,
}

/// The problems of a form checked as a whole: each field's validation
/// error is kept, so that the user sees them all at once rather than one
/// per submit.
#[derive(Debug, Default)]
pub struct Problems(Vec<FieldProblem>);

impl Problems {
    /// Records what is wrong with `field`; a field keeps its first problem.
    pub fn add(&mut self, field: impl Into<String>, message: impl Into<String>) {
        let field = field.into();
        if !self.0.iter().any(|p| p.field == field) {
            self.0.push(FieldProblem {
                field,
                message: message.into(),
            });
        }
    }

    /// The value of `r`; a validation error is kept here (and `None`
    /// answered), any other error passes on.
    pub fn take<T>(&mut self, r: Result<T, AppError>) -> Result<Option<T>, AppError> {
        match r {
            Ok(v) => Ok(Some(v)),
            Err(AppError::Validation {
                field: Some(field),
                message,
            }) => {
                self.add(field, message);
                Ok(None)
            }
            Err(AppError::Fields { problems }) => {
                for p in problems {
                    self.add(p.field, p.message);
                }
                Ok(None)
            }
            Err(e) => Err(e),
        }
    }

    /// `Ok` when nothing was wrong; one field's error as itself; several
    /// as [`AppError::Fields`].
    pub fn finish(mut self) -> Result<(), AppError> {
        match self.0.len() {
            0 => Ok(()),
            1 => {
                let p = self.0.remove(0);
                Err(AppError::Validation {
                    field: Some(p.field),
                    message: p.message,
                })
            }
            _ => Err(AppError::Fields { problems: self.0 }),
        }
    }
}

/// The JSON body of every API error: `{"error", "message", "field"?}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    /// Machine-readable kind: `not_found`, `forbidden`, `unauthorized`,
    /// `bad_request`, `validation`, `conflict`, `rate_limited`, `internal`,
    /// `unavailable`.
    pub error: String,
    /// Swedish text to show the user.
    pub message: String,
    /// The input field the error concerns, for validation errors.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The current state, when a step was refused in it (409).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// Every wrong field, when several are (`field` names the first).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<FieldProblem>,
}

impl From<&AppError> for ErrorBody {
    fn from(e: &AppError) -> Self {
        ErrorBody {
            error: e.kind().to_owned(),
            message: e.to_string(),
            field: e.field().map(str::to_owned),
            state: e.state().map(str::to_owned),
            problems: match e {
                AppError::Fields { problems } => problems.clone(),
                _ => Vec::new(),
            },
        }
    }
}

#[cfg(feature = "ssr")]
mod ssr {
    use super::*;

    impl AppError {
        /// An unexpected failure: the cause is logged here and only the kind
        /// leaves the server.
        pub fn internal(cause: impl std::fmt::Display) -> Self {
            tracing::error!(%cause, "internal error");
            AppError::Internal
        }
    }

    impl From<sea_orm::DbErr> for AppError {
        fn from(e: sea_orm::DbErr) -> Self {
            if db_unreachable(&e) {
                tracing::warn!(cause = %e, "the database cannot be reached");
                return AppError::Unavailable;
            }
            AppError::internal(format!("database: {e}"))
        }
    }

    /// Whether `e` says the database cannot be reached now (no connection
    /// within the pool's wait, a connection lost, the server shutting down
    /// or starting up) rather than that the statement failed: the request
    /// is answered 503, and trying again later may succeed.
    pub fn db_unreachable(e: &sea_orm::DbErr) -> bool {
        use sea_orm::sqlx::Error as Sqlx;
        use sea_orm::{DbErr, RuntimeErr};
        match e {
            DbErr::ConnectionAcquire(_) => true,
            DbErr::Conn(RuntimeErr::SqlxError(s))
            | DbErr::Exec(RuntimeErr::SqlxError(s))
            | DbErr::Query(RuntimeErr::SqlxError(s)) => match s {
                Sqlx::Io(_) | Sqlx::Tls(_) | Sqlx::PoolTimedOut | Sqlx::PoolClosed | Sqlx::WorkerCrashed => true,
                // Class 08: connection exception; 57P01–57P03: the server
                // is shutting down, crashed or starting up.
                Sqlx::Database(d) => d.code().is_some_and(|c| c.starts_with("08") || c.starts_with("57P")),
                _ => false,
            },
            DbErr::Conn(_) => true,
            _ => false,
        }
    }

    impl From<anyhow::Error> for AppError {
        fn from(e: anyhow::Error) -> Self {
            AppError::internal(format!("{e:#}"))
        }
    }

    impl axum::response::IntoResponse for AppError {
        fn into_response(self) -> axum::response::Response {
            let status = axum::http::StatusCode::from_u16(self.status())
                .unwrap_or(axum::http::StatusCode::INTERNAL_SERVER_ERROR);
            (status, axum::Json(ErrorBody::from(&self))).into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_validation_error_names_its_field_in_the_json_body() {
        let e = AppError::validation("postal_code", "Postnumret ska ha fem siffror.");
        let body = serde_json::to_value(ErrorBody::from(&e)).unwrap();
        assert_eq!(
            body,
            serde_json::json!({"error": "validation", "message": "Postnumret ska ha fem siffror.", "field": "postal_code"})
        );
        assert_eq!(e.status(), 422);
    }

    #[test]
    fn several_wrong_fields_are_answered_together_and_one_as_itself() {
        let mut p = Problems::default();
        assert!(p.take(Ok::<_, AppError>(1)).unwrap().is_some());
        assert!(p
            .take::<()>(Err(AppError::validation("wanted_date", "Datumet har passerat.")))
            .unwrap()
            .is_none());
        p.add("contact_phone", "Fyll i ett telefonnummer.");
        p.add("contact_phone", "Skriv telefonnumret med siffror.");
        assert!(p.take::<()>(Err(AppError::Forbidden)).is_err());
        let e = p.finish().unwrap_err();
        assert_eq!(e.status(), 422);
        assert_eq!(e.field(), Some("wanted_date"));
        assert!(e.has_field("contact_phone"));
        assert_eq!(e.message_for("contact_phone"), Some("Fyll i ett telefonnummer."));
        let body = serde_json::to_value(ErrorBody::from(&e)).unwrap();
        assert_eq!(body["error"], "validation");
        assert_eq!(body["message"], "2 uppgifter behöver rättas.");
        assert_eq!(body["problems"][1]["field"], "contact_phone");

        let mut one = Problems::default();
        one.add("contact_phone", "Fyll i ett telefonnummer.");
        assert_eq!(
            one.finish().unwrap_err(),
            AppError::validation("contact_phone", "Fyll i ett telefonnummer.")
        );
        assert!(Problems::default().finish().is_ok());
    }

    #[test]
    fn an_internal_error_says_nothing_about_its_cause() {
        let body = ErrorBody::from(&AppError::Internal);
        assert_eq!(body.error, "internal");
        assert!(body.field.is_none());
        assert_eq!(AppError::Internal.status(), 500);
    }

    #[test]
    fn every_kind_has_its_own_status() {
        let all = [
            AppError::not_found("x"),
            AppError::Forbidden,
            AppError::Unauthorized,
            AppError::validation("f", "m"),
            AppError::conflict("c"),
            AppError::RateLimited {
                message: "vänta".into(),
            },
            AppError::Internal,
            AppError::Unavailable,
        ];
        let statuses: Vec<u16> = all.iter().map(AppError::status).collect();
        assert_eq!(statuses, vec![404, 403, 401, 422, 409, 429, 500, 503]);
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn a_database_out_of_reach_is_503_and_a_failed_statement_500() {
        use sea_orm::sqlx::Error as Sqlx;
        use sea_orm::{ConnAcquireErr, DbErr, RuntimeErr};
        let io = || std::io::Error::new(std::io::ErrorKind::ConnectionRefused, "refused");
        let unreachable = [
            DbErr::ConnectionAcquire(ConnAcquireErr::Timeout),
            DbErr::ConnectionAcquire(ConnAcquireErr::ConnectionClosed),
            DbErr::Conn(RuntimeErr::SqlxError(Sqlx::Io(io()))),
            DbErr::Query(RuntimeErr::SqlxError(Sqlx::Io(io()))),
            DbErr::Exec(RuntimeErr::SqlxError(Sqlx::PoolTimedOut)),
            DbErr::Query(RuntimeErr::SqlxError(Sqlx::PoolClosed)),
        ];
        for e in unreachable {
            assert_eq!(AppError::from(e).status(), 503);
        }
        let failed = [
            DbErr::RecordNotFound("x".into()),
            DbErr::Query(RuntimeErr::SqlxError(Sqlx::RowNotFound)),
            DbErr::Exec(RuntimeErr::Internal("syntax".into())),
            DbErr::Custom("x".into()),
        ];
        for e in failed {
            assert_eq!(AppError::from(e).status(), 500);
        }
    }

    #[cfg(feature = "ssr")]
    #[tokio::test]
    async fn a_closed_pool_answers_503() {
        use sea_orm::ConnectionTrait;
        let t = crate::testing::test_db().await;
        t.db.clone().close().await.unwrap();
        let e = t.db.execute_unprepared("SELECT 1").await.unwrap_err();
        assert_eq!(AppError::from(e).status(), 503);
    }

    #[test]
    fn errors_survive_the_round_trip_to_the_browser() {
        let e = AppError::validation("x", "fel");
        let json = serde_json::to_string(&e).unwrap();
        assert_eq!(serde_json::from_str::<AppError>(&json).unwrap(), e);
    }
}
