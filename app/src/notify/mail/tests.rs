//! Tests of the outbox sender: the backoff, the message, failures, and
//! delivery to a real SMTP server (Python's `aiosmtpd`, which `./x test`
//! installs and starts and names in `TEST_SMTP` and
//! `TEST_SMTP_MAILDIR`). Without those variables the delivery test starts
//! `python3 -m aiosmtpd` itself when it can, and otherwise says why it
//! skips.

use super::*;
use crate::entities::person;
use crate::notify::dto::Kind;
use crate::testing::demo_db;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

fn settings(smtp_url: &str) -> MailSettings {
    MailSettings {
        smtp_url: smtp_url.to_owned(),
        from: "Avrop <avrop@norrvik.example>".to_owned(),
        public_url: "https://avrop.norrvik.example/".to_owned(),
    }
}

fn row(to: &str, link: Option<&str>) -> email_outbox::Model {
    email_outbox::Model {
        id: 1,
        to_address: to.to_owned(),
        person_id: None,
        subject: "Beställning 12 väntar på din attest".to_owned(),
        body: "Anna Lindqvist har beställt en dockningsstation.".to_owned(),
        link: link.map(str::to_owned),
        created_at: Utc::now(),
        attempts: 0,
        next_attempt_at: Utc::now(),
        sent_at: None,
        last_error: None,
    }
}

#[test]
fn the_wait_doubles_from_one_minute_up_to_six_hours() {
    let minutes: Vec<i64> = (0..=12).map(|a| backoff(a).num_minutes()).collect();
    assert_eq!(minutes, vec![1, 1, 2, 4, 8, 16, 32, 64, 128, 256, 360, 360, 360]);
    assert_eq!(backoff(i32::MAX).num_minutes(), 360);
}

#[test]
fn settings_that_describe_no_sender_are_refused_with_the_reason() {
    assert!(Mailer::new(&settings("smtp://127.0.0.1:2525")).is_ok());
    assert!(Mailer::new(&settings("smtps://mail.example:465")).is_ok());
    assert!(matches!(
        Mailer::new(&settings("http://127.0.0.1:2525")).unwrap_err(),
        MailSettingsError::SmtpUrl(reason) if reason.contains("smtp://")
    ));
    let mut bad_from = settings("smtp://127.0.0.1:2525");
    bad_from.from = "inte en adress".into();
    assert!(matches!(
        Mailer::new(&bad_from).unwrap_err(),
        MailSettingsError::From(_)
    ));
}

#[test]
fn a_message_ends_with_the_full_link_and_a_line_on_where_it_comes_from() {
    let mailer = Mailer::new(&settings("smtp://127.0.0.1:2525")).unwrap();
    let message = mailer
        .message(&row("", Some("/attestera/order/12")), "erik.johansson@norrvik.example")
        .unwrap();
    let raw = message.formatted();
    let parsed = mailparse::parse_mail(&raw).unwrap();
    let body = parsed.get_body().unwrap();
    assert!(
        body.contains("Öppna i Avrop: https://avrop.norrvik.example/attestera/order/12"),
        "{body}"
    );
    assert!(body.contains("https://avrop.norrvik.example/aviseringar"), "{body}");
    assert!(body.starts_with("Anna Lindqvist har beställt"), "{body}");
}

async fn outbox(db: &DatabaseConnection) -> Vec<email_outbox::Model> {
    email_outbox::Entity::find()
        .order_by_asc(email_outbox::Column::Id)
        .all(db)
        .await
        .unwrap()
}

async fn insert(db: &DatabaseConnection, to: &str, now: DateTime<Utc>) {
    use sea_orm::{ActiveModelTrait, Set};
    email_outbox::ActiveModel {
        to_address: Set(to.to_owned()),
        subject: Set("Ämne".to_owned()),
        body: Set("Text".to_owned()),
        link: Set(Some("/aviseringar".to_owned())),
        created_at: Set(now),
        attempts: Set(0),
        next_attempt_at: Set(now),
        sent_at: Set(None),
        last_error: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
}

/// An address where nothing listens.
fn closed_port() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    addr.to_string()
}

#[tokio::test]
async fn a_send_that_fails_waits_longer_each_time_and_keeps_the_error() {
    let t = crate::testing::test_db().await;
    let mailer = Mailer::new(&settings(&format!("smtp://{}", closed_port()))).unwrap();
    let t0 = DateTime::parse_from_rfc3339("2026-11-30T08:00:00Z")
        .unwrap()
        .with_timezone(&Utc);
    insert(&t.db, "erik.johansson@norrvik.example", t0).await;

    let sent = send_due(&t.db, t0, &mailer).await.unwrap();
    assert_eq!(sent, Sent { sent: 0, failed: 1 });
    let r = &outbox(&t.db).await[0];
    assert_eq!((r.attempts, r.sent_at), (1, None));
    assert_eq!(r.next_attempt_at, t0 + chrono::Duration::minutes(1));
    assert!(r.last_error.is_some());

    // Not due yet: nothing is tried.
    let early = t0 + chrono::Duration::seconds(59);
    assert_eq!(send_due(&t.db, early, &mailer).await.unwrap(), Sent::default());
    let t1 = t0 + chrono::Duration::minutes(1);
    send_due(&t.db, t1, &mailer).await.unwrap();
    let r = &outbox(&t.db).await[0];
    assert_eq!(r.attempts, 2);
    assert_eq!(r.next_attempt_at, t1 + chrono::Duration::minutes(2));
}

#[tokio::test]
async fn an_address_that_cannot_be_an_address_is_given_up_at_once() {
    let t = crate::testing::test_db().await;
    let mailer = Mailer::new(&settings(&format!("smtp://{}", closed_port()))).unwrap();
    let now = Utc::now();
    insert(&t.db, "inte en adress", now).await;
    send_due(&t.db, now, &mailer).await.unwrap();
    let r = &outbox(&t.db).await[0];
    assert_eq!(r.attempts, MAX_ATTEMPTS);
    assert!(r.last_error.as_deref().unwrap().contains("not an email address"));
    let later = now + chrono::Duration::days(30);
    assert_eq!(send_due(&t.db, later, &mailer).await.unwrap(), Sent::default());
}

#[tokio::test]
async fn a_person_without_an_address_or_no_longer_active_is_given_up_without_a_send() {
    use sea_orm::sea_query::Expr;
    let t = demo_db().await;
    let mailer = Mailer::new(&settings(&format!("smtp://{}", closed_port()))).unwrap();
    let mut people = Vec::new();
    for username in ["erik.johansson", "anna.lindqvist"] {
        let p = person::Entity::find()
            .filter(person::Column::Username.eq(username))
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        people.push(p.id);
        crate::notify::service::notify(&t.db, p.id, Kind::Reminder, "Påminnelse", "Text", "/attestera")
            .await
            .unwrap();
    }
    // Erik's address is removed and Anna leaves after the notices were written.
    person::Entity::update_many()
        .col_expr(person::Column::Email, Expr::value(""))
        .filter(person::Column::Id.eq(people[0]))
        .exec(&t.db)
        .await
        .unwrap();
    person::Entity::update_many()
        .col_expr(person::Column::Active, Expr::value(false))
        .filter(person::Column::Id.eq(people[1]))
        .exec(&t.db)
        .await
        .unwrap();
    let now = Utc::now();
    assert_eq!(
        send_due(&t.db, now, &mailer).await.unwrap(),
        Sent { sent: 0, failed: 2 }
    );
    for r in outbox(&t.db).await {
        assert_eq!((r.attempts, r.sent_at, r.to_address.as_str()), (MAX_ATTEMPTS, None, ""));
        assert!(
            r.last_error.as_deref().unwrap().contains("no email address"),
            "{:?}",
            r.last_error
        );
    }
    let later = now + chrono::Duration::days(30);
    assert_eq!(send_due(&t.db, later, &mailer).await.unwrap(), Sent::default());
}

/// An SMTP server that stores what it receives in a Maildir.
struct SmtpServer {
    addr: String,
    maildir: PathBuf,
    /// Set when this test started the server (stopped and removed on drop).
    own: Option<Child>,
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        if let Some(child) = &mut self.own {
            let _ = child.kill();
            let _ = child.wait();
            let _ = std::fs::remove_dir_all(&self.maildir);
        }
    }
}

/// The Python with `aiosmtpd`: the one `./x test` installs under
/// `target/`, else the system's.
fn python_with_aiosmtpd() -> Option<PathBuf> {
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/aiosmtpd/bin/python");
    [venv, PathBuf::from("python3")].into_iter().find(|python| {
        Command::new(python)
            .args(["-c", "import aiosmtpd"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    })
}

/// The server `./x test` started, or one started here; `None` (with the
/// reason printed) when neither is possible.
fn smtp_server() -> Option<SmtpServer> {
    if let (Ok(addr), Ok(maildir)) = (std::env::var("TEST_SMTP"), std::env::var("TEST_SMTP_MAILDIR")) {
        return Some(SmtpServer {
            addr,
            maildir: maildir.into(),
            own: None,
        });
    }
    let Some(python) = python_with_aiosmtpd() else {
        eprintln!(
            "skipped: no SMTP server to deliver to (TEST_SMTP and TEST_SMTP_MAILDIR are not set and \
             Python's aiosmtpd is not installed; ./x test installs and starts it)"
        );
        return None;
    };
    let addr = closed_port();
    let maildir = std::env::temp_dir().join(format!("avrop-mail-{}", uuid::Uuid::new_v4().simple()));
    let child = Command::new(python)
        .args(["-m", "aiosmtpd", "-n", "-l", &addr, "-c", "aiosmtpd.handlers.Mailbox"])
        .arg(&maildir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start aiosmtpd");
    let server = SmtpServer {
        addr: addr.clone(),
        maildir,
        own: Some(child),
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    while std::net::TcpStream::connect(&addr).is_err() {
        assert!(std::time::Instant::now() < deadline, "aiosmtpd did not start on {addr}");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    Some(server)
}

/// The delivered message whose subject contains `token`, parsed: (subject,
/// recipients, text). Waits up to ten seconds for it to arrive.
async fn delivered(maildir: &Path, token: &str) -> (String, String, String) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        for entry in std::fs::read_dir(maildir.join("new")).into_iter().flatten().flatten() {
            let raw = std::fs::read(entry.path()).unwrap_or_default();
            let Ok(parsed) = mailparse::parse_mail(&raw) else {
                continue;
            };
            use mailparse::MailHeaderMap;
            let subject = parsed.headers.get_first_value("Subject").unwrap_or_default();
            if subject.contains(token) {
                let to = parsed.headers.get_first_value("To").unwrap_or_default();
                return (subject, to, parsed.get_body().unwrap());
            }
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no message with {token} in {}",
            maildir.display()
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_outbox_job_delivers_a_notification_to_a_real_smtp_server() {
    let Some(server) = smtp_server() else { return };
    let t = demo_db().await;
    let erik = person::Entity::find()
        .filter(person::Column::Username.eq("erik.johansson"))
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    // The test server is shared by both databases' runs: find ours by a token.
    let token = uuid::Uuid::new_v4().simple().to_string();
    let title = format!("Beställning 12 väntar på din attest ({token})");
    crate::notify::service::notify(
        &t.db,
        erik.id,
        Kind::ToAttest,
        &title,
        "Anna Lindqvist har beställt en dockningsstation på kostnadsställe 41210.",
        "/attestera/order/12",
    )
    .await
    .unwrap();

    // Through the job runner, as the server runs it.
    let mut jobs = Jobs::default();
    register(
        &mut jobs,
        Mailer::new(&settings(&format!("smtp://{}", server.addr))).unwrap(),
    );
    let now = Utc::now();
    crate::jobs::ensure(&t.db, &jobs, now).await.unwrap();
    assert_eq!(crate::jobs::tick(&t.db, &jobs, "test", now).await.unwrap(), vec![JOB]);

    let (subject, to, body) = delivered(&server.maildir, &token).await;
    assert_eq!(subject, title);
    assert!(to.contains(&erik.email), "{to}");
    assert!(body.contains("dockningsstation"), "{body}");
    assert!(
        body.contains("https://avrop.norrvik.example/attestera/order/12"),
        "{body}"
    );
    let row = &outbox(&t.db).await[0];
    assert!(row.sent_at.is_some(), "{:?}", row.last_error);
    assert_eq!(row.last_error, None);
    // The address it went to, looked up when it was sent.
    assert_eq!(row.to_address, erik.email);
    // Sent once: the next run has nothing to do.
    let mailer = Mailer::new(&settings(&format!("smtp://{}", server.addr))).unwrap();
    assert_eq!(send_due(&t.db, Utc::now(), &mailer).await.unwrap(), Sent::default());
}
