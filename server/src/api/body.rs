//! JSON request bodies of the API. The body's types check their numbers as
//! they deserialize (days, kronor, quantities, years: `domain`'s checked
//! constructors), so a value out of bounds is a deserialization error; this
//! extractor answers it with the API's error body, 422 naming the field by
//! its path in the body (`content.goals[0].days_business`), where axum's
//! `Json` answers plain text without the field.

use app::error::AppError;
use axum::extract::{FromRequest, Request};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::de::DeserializeOwned;

/// A JSON body deserialized into `T`, or the API's 422 error body.
#[derive(Debug, Clone, Copy, Default)]
pub struct ApiJson<T>(pub T);

impl<T, S> FromRequest<S> for ApiJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = Response;

    async fn from_request(req: Request, state: &S) -> Result<Self, Response> {
        // Syntax, content type and size keep axum's answers (issue 21 gives
        // them the error body); a document that parses is read into `T`
        // with the path of whatever does not fit.
        let Json(value) = Json::<serde_json::Value>::from_request(req, state)
            .await
            .map_err(IntoResponse::into_response)?;
        serde_path_to_error::deserialize(value)
            .map(ApiJson)
            .map_err(|e| invalid(&e).into_response())
    }
}

/// The 422 for a body that does not fit its type: the field is the path to
/// the value (none for the body as a whole), the message the checked
/// constructor's Swedish sentence or serde's description of the mismatch.
fn invalid(e: &serde_path_to_error::Error<serde_json::Error>) -> AppError {
    let path = e.path().to_string();
    // From a `Value` the inner error carries no line and column to strip.
    let why = e.inner().to_string();
    if path == "." {
        AppError::Validation {
            field: None,
            message: format!("Innehållet har fel form: {why}"),
        }
    } else {
        AppError::validation(path.clone(), format!("Fel värde i {path}: {why}"))
    }
}

/// The version an `If-Match` header carries (`"3"`, or weakly `W/"3"`),
/// for a write that must start from the version the client read: the
/// answer to send when it is missing (428, naming what to send), or a 422
/// with `invalid` when it is not a version that has a next one (1 up to
/// `i32::MAX - 1`, as `domain::plan::next_version` has it).
pub fn if_match_version(headers: &axum::http::HeaderMap, missing: &str, invalid: &str) -> Result<i32, Box<Response>> {
    let Some(raw) = headers.get(axum::http::header::IF_MATCH).and_then(|v| v.to_str().ok()) else {
        let body = app::error::ErrorBody::from(&AppError::validation("If-Match", missing));
        return Err(Box::new(
            (axum::http::StatusCode::PRECONDITION_REQUIRED, Json(body)).into_response(),
        ));
    };
    raw.trim()
        .trim_start_matches("W/")
        .trim_matches('"')
        .parse::<i32>()
        .ok()
        .filter(|v| *v >= 1 && *v < i32::MAX)
        .ok_or_else(|| Box::new(AppError::validation("If-Match", invalid).into_response()))
}

/// The `ETag` of a versioned resource: its version, quoted.
pub fn etag(version: i32) -> axum::http::HeaderValue {
    axum::http::HeaderValue::from_str(&format!("\"{version}\""))
        .unwrap_or(axum::http::HeaderValue::from_static("\"0\""))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::http::{header, StatusCode};

    #[derive(Debug, serde::Deserialize)]
    struct Plan {
        #[allow(dead_code)]
        goals: Vec<Goal>,
    }

    #[derive(Debug, serde::Deserialize)]
    struct Goal {
        #[allow(dead_code)]
        #[serde(deserialize_with = "app::domain::plan::deserialize_estimate")]
        days: app::domain::plan::Days,
    }

    async fn read(body: &str) -> Result<Plan, Response> {
        let req = Request::post("/")
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_owned()))
            .unwrap();
        ApiJson::<Plan>::from_request(req, &()).await.map(|ApiJson(p)| p)
    }

    async fn error_of(body: &str) -> (StatusCode, serde_json::Value) {
        let r = read(body).await.unwrap_err();
        let status = r.status();
        let bytes = axum::body::to_bytes(r.into_body(), 1 << 16).await.unwrap();
        (status, serde_json::from_slice(&bytes).unwrap_or_default())
    }

    #[tokio::test]
    async fn a_value_out_of_bounds_is_a_422_naming_its_path_with_the_swedish_reason() {
        assert!(read(r#"{"goals": [{"days": 10}]}"#).await.is_ok());
        let (status, body) = error_of(r#"{"goals": [{"days": 10}, {"days": -10}]}"#).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(body["error"], "validation");
        assert_eq!(body["field"], "goals[1].days");
        assert_eq!(
            body["message"],
            "Fel värde i goals[1].days: Antalet dagar kan inte vara negativt."
        );
    }

    #[tokio::test]
    async fn a_wrong_type_or_a_missing_field_is_a_422_too() {
        let (status, body) = error_of(r#"{"goals": [{"days": "tio"}]}"#).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(body["field"], "goals[0].days");
        let (status, body) = error_of(r#"{"mål": []}"#).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(body.get("field").is_none());
        assert!(body["message"].as_str().unwrap().contains("goals"), "{body}");
    }

    #[tokio::test]
    async fn a_body_that_is_not_json_keeps_its_4xx() {
        let r = read("{").await.unwrap_err();
        assert!(r.status().is_client_error());
        let req = Request::post("/").body(Body::from("{}")).unwrap();
        let r = ApiJson::<Plan>::from_request(req, &()).await.unwrap_err();
        assert_eq!(r.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    }
}
