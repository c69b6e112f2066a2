//! What the app counts for `/metrics`, through the `metrics` facade. The
//! server installs the Prometheus recorder (`server::metrics`); without a
//! recorder (tools, tests of the app alone) these do nothing.

const ORDERS_SUBMITTED: &str = "avrop_orders_submitted_total";
const LOGIN_FAILURES: &str = "avrop_login_failures_total";
const JOB_RUNS: &str = "avrop_jobs_runs_total";

/// Describes the app's figures to the recorder (once, at its install).
pub fn describe() {
    metrics::describe_counter!(
        ORDERS_SUBMITTED,
        "Orders submitted (an idempotent repeat is not counted)"
    );
    metrics::describe_counter!(
        LOGIN_FAILURES,
        "Logins refused, by reason: wrong_credentials or rate_limited"
    );
    metrics::describe_counter!(
        JOB_RUNS,
        "Background job runs on this instance, by job and outcome: ok, failed or cut_off"
    );
}

/// An order was created.
pub fn order_submitted() {
    metrics::counter!(ORDERS_SUBMITTED).increment(1);
}

/// A login was refused.
pub fn login_failed(reason: LoginFailure) {
    let reason = match reason {
        LoginFailure::WrongCredentials => "wrong_credentials",
        LoginFailure::RateLimited => "rate_limited",
        LoginFailure::UnknownPerson => "unknown_person",
        LoginFailure::Refused => "refused",
    };
    metrics::counter!(LOGIN_FAILURES, "reason" => reason).increment(1);
}

/// Why a login was refused.
#[derive(Debug, Clone, Copy)]
pub enum LoginFailure {
    WrongCredentials,
    RateLimited,
    /// The identity provider's person is not in the directory.
    UnknownPerson,
    /// Refused by the settings (local login off) or by the sign-in's
    /// checks (state, code, ID token).
    Refused,
}

/// A background job ran here.
pub fn job_ran(job: &'static str, outcome: JobOutcome) {
    let outcome = match outcome {
        JobOutcome::Ok => "ok",
        JobOutcome::Failed => "failed",
        JobOutcome::CutOff => "cut_off",
    };
    metrics::counter!(JOB_RUNS, "job" => job, "outcome" => outcome).increment(1);
}

/// How a background job's run ended.
#[derive(Debug, Clone, Copy)]
pub enum JobOutcome {
    Ok,
    Failed,
    CutOff,
}
