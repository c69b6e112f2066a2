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
    #[error("{message}")]
    Conflict { message: String },
    /// A step the state machine refuses now, with the state it is in (the
    /// supplier API answers it as 409 with `state`).
    #[error("{message}")]
    StateConflict { message: String, state: String },
    #[error("{message}")]
    RateLimited { message: String },
    #[error("Något gick fel hos oss. Försök igen om en stund.")]
    Internal,
    #[error("Tjänsten kunde inte nås. Kontrollera anslutningen och försök igen.")]
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
            AppError::Validation { .. } => "validation",
            AppError::Conflict { .. } | AppError::StateConflict { .. } => "conflict",
            AppError::RateLimited { .. } => "rate_limited",
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
            AppError::Validation { .. } => 422,
            AppError::Conflict { .. } | AppError::StateConflict { .. } => 409,
            AppError::RateLimited { .. } => 429,
            AppError::Internal => 500,
            AppError::Unavailable => 503,
        }
    }

    pub fn field(&self) -> Option<&str> {
        match self {
            AppError::Validation { field, .. } => field.as_deref(),
            _ => None,
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

/// The JSON body of every API error: `{"error", "message", "field"?}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    /// Machine-readable kind: `not_found`, `forbidden`, `unauthorized`,
    /// `validation`, `conflict`, `internal`, `unavailable`.
    pub error: String,
    /// Swedish text to show the user.
    pub message: String,
    /// The input field the error concerns, for validation errors.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The current state, when a step was refused in it (409).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
}

impl From<&AppError> for ErrorBody {
    fn from(e: &AppError) -> Self {
        ErrorBody {
            error: e.kind().to_owned(),
            message: e.to_string(),
            field: e.field().map(str::to_owned),
            state: e.state().map(str::to_owned),
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
            AppError::internal(format!("database: {e}"))
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

    #[test]
    fn errors_survive_the_round_trip_to_the_browser() {
        let e = AppError::validation("x", "fel");
        let json = serde_json::to_string(&e).unwrap();
        assert_eq!(serde_json::from_str::<AppError>(&json).unwrap(), e);
    }
}
