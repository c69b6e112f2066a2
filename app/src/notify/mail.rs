//! Sending the email outbox over SMTP, as a background job.
//!
//! [`service::notify`](super::service::notify) writes an `email_outbox` row
//! in the caller's transaction; [`send_due`] (registered with
//! [`register`]) sends the rows that are due, one instance at a time. A
//! failed send is retried later, each time after a longer wait
//! ([`backoff`]), up to [`MAX_ATTEMPTS`]; a refusal the mail server calls
//! permanent (an unknown recipient) is not retried. A row that names a
//! person goes to the person's address at the time of sending; a person
//! without one, or no longer active, gets none (the row is given up). Without SMTP settings
//! the job is not registered and the rows wait.

use crate::entities::email_outbox;
use crate::jobs::Jobs;
use anyhow::Context as _;
use chrono::{DateTime, Utc};
use lettre::message::{header::ContentType, Mailbox};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::time::Duration;

#[cfg(test)]
mod tests;

/// Sends after which a row is given up (about three days of retries).
pub const MAX_ATTEMPTS: i32 = 15;

/// Rows sent per run of the job (each send may take up to [`SEND_TIMEOUT`]).
const BATCH: u64 = 20;

/// How long one SMTP conversation may take.
const SEND_TIMEOUT: Duration = Duration::from_secs(15);

/// How often the outbox job runs.
pub const EVERY: Duration = Duration::from_secs(10);

/// The job's name in the `job` table.
pub const JOB: &str = "notify.email";

/// The wait before the next try after `attempts` failed sends: one minute,
/// doubling, at most six hours.
pub fn backoff(attempts: i32) -> chrono::Duration {
    let doublings = attempts.saturating_sub(1).clamp(0, 16) as u32;
    chrono::Duration::minutes((1i64 << doublings).min(6 * 60))
}

/// Where email goes out and what the links in it start with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailSettings {
    /// `smtp://host:port` (plain or STARTTLS when offered with
    /// `?tls=opportunistic`, required with `?tls=required`) or
    /// `smtps://host:port`; user and password in the URL when the server
    /// wants them.
    pub smtp_url: String,
    /// The sender: `Avrop <avrop@region.se>` or an address alone.
    pub from: String,
    /// The URL users reach Avrop at, put before each message's link.
    pub public_url: String,
}

/// Why [`MailSettings`] describe no sender, by setting.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MailSettingsError {
    #[error("{0}")]
    SmtpUrl(String),
    #[error("{0}")]
    From(String),
}

/// A configured SMTP sender. Cheap to clone.
#[derive(Clone, Debug)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    public_url: String,
}

impl Mailer {
    /// The sender these settings describe; which setting is wrong and why
    /// when they do not describe one (checked at startup).
    pub fn new(settings: &MailSettings) -> Result<Mailer, MailSettingsError> {
        if !(settings.smtp_url.starts_with("smtp://") || settings.smtp_url.starts_with("smtps://")) {
            return Err(MailSettingsError::SmtpUrl("must start with smtp:// or smtps://".into()));
        }
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(&settings.smtp_url)
            .map_err(|e| MailSettingsError::SmtpUrl(format!("not an SMTP URL: {e}")))?
            .timeout(Some(SEND_TIMEOUT))
            .build();
        let from = settings
            .from
            .parse::<Mailbox>()
            .map_err(|e| MailSettingsError::From(format!("{:?} is not an email address: {e}", settings.from)))?;
        Ok(Mailer {
            transport,
            from,
            public_url: settings.public_url.trim_end_matches('/').to_owned(),
        })
    }

    /// The message of one outbox row to `to`: its text, then the link in
    /// full.
    pub fn message(&self, row: &email_outbox::Model, to: &str) -> anyhow::Result<Message> {
        let to: Mailbox = to
            .parse()
            .with_context(|| format!("the recipient {to:?} is not an email address"))?;
        let mut text = row.body.trim_end().to_owned();
        if let Some(link) = &row.link {
            text.push_str(&format!("\n\nÖppna i Avrop: {}{link}", self.public_url));
        }
        text.push_str(&format!(
            "\n\n-- \nDet här meddelandet skickades automatiskt av Avrop. \
             Alla dina aviseringar: {}/aviseringar\n",
            self.public_url
        ));
        Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(row.subject.clone())
            .header(ContentType::TEXT_PLAIN)
            .body(text)
            .context("building the message")
    }
}

/// What one run of [`send_due`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sent {
    pub sent: usize,
    pub failed: usize,
}

/// Sends the outbox rows due at `now` (oldest first, at most a batch):
/// a sent row gets `sent_at`; a failed one another attempt later, with the
/// error. Only a database failure is an error of the run.
pub async fn send_due(db: &DatabaseConnection, now: DateTime<Utc>, mailer: &Mailer) -> anyhow::Result<Sent> {
    let due = email_outbox::Entity::find()
        .filter(email_outbox::Column::SentAt.is_null())
        .filter(email_outbox::Column::NextAttemptAt.lte(now))
        .filter(email_outbox::Column::Attempts.lt(MAX_ATTEMPTS))
        .order_by_asc(email_outbox::Column::Id)
        .limit(BATCH)
        .all(db)
        .await
        .context("reading the email outbox")?;
    // The addresses of the rows that name a person, as they are now.
    let addresses = crate::org::directory::emails_of(db, due.iter().filter_map(|r| r.person_id))
        .await
        .context("reading the recipients' addresses")?;
    let mut done = Sent::default();
    for row in due {
        let to = match row.person_id {
            Some(person) => addresses.get(&person).cloned(),
            None => Some(row.to_address.clone()),
        };
        let outcome = match &to {
            None => Err((
                true,
                "the recipient has no email address or is no longer active".to_owned(),
            )),
            Some(to) => match mailer.message(&row, to) {
                Ok(message) => mailer
                    .transport
                    .send(message)
                    .await
                    .map(|_| ())
                    .map_err(|e| (e.is_permanent(), format!("{e}"))),
                Err(e) => Err((true, format!("{e:#}"))),
            },
        };
        let update = email_outbox::Entity::update_many().filter(email_outbox::Column::Id.eq(row.id));
        let update = match outcome {
            Ok(()) => {
                done.sent += 1;
                update
                    .col_expr(email_outbox::Column::SentAt, Expr::value(Some(Utc::now())))
                    .col_expr(email_outbox::Column::ToAddress, Expr::value(to.unwrap_or_default()))
                    .col_expr(email_outbox::Column::LastError, Expr::value(Option::<String>::None))
            }
            Err((permanent, error)) => {
                done.failed += 1;
                let attempts = if permanent { MAX_ATTEMPTS } else { row.attempts + 1 };
                tracing::warn!(outbox_id = row.id, attempts, permanent, %error, "an email was not sent");
                update
                    .col_expr(email_outbox::Column::Attempts, Expr::value(attempts))
                    .col_expr(
                        email_outbox::Column::NextAttemptAt,
                        Expr::value(now + backoff(attempts)),
                    )
                    .col_expr(email_outbox::Column::LastError, Expr::value(Some(error)))
            }
        };
        update.exec(db).await.context("recording an email's outcome")?;
    }
    Ok(done)
}

/// Registers the outbox sender with the jobs of this instance.
pub fn register(jobs: &mut Jobs, mailer: Mailer) {
    jobs.every(JOB, EVERY, move |db, now| {
        let mailer = mailer.clone();
        async move { send_due(&db, now, &mailer).await.map(|_| ()) }
    });
}
