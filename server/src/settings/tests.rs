//! Tests of the settings: defaults, file, environment and the production checks.

use super::*;
use figment::Jail;

#[test]
fn defaults_give_a_development_server_on_an_sqlite_file() {
    Jail::expect_with(|_jail| {
        let s = Settings::from_figment(Settings::figment("avrop.toml")).unwrap();
        assert_eq!(s, Settings::default());
        assert!(!s.seed_demo(), "demo data only when asked for");
        assert!(s.trusted_proxies().is_none());
        assert_eq!(s.database_url, "sqlite://data/avrop.db?mode=rwc");
        Ok(())
    });
}

#[test]
fn the_environment_overrides_the_file_and_the_file_overrides_defaults() {
    Jail::expect_with(|jail| {
        jail.create_file("avrop.toml", "listen = \"0.0.0.0:8080\"\ndb_max_connections = 4")?;
        jail.set_env("AVROP_DB_MAX_CONNECTIONS", "8");
        jail.set_env("DATABASE_URL", "postgres://avrop@db.internal/avrop");
        let s = Settings::from_figment(Settings::figment("avrop.toml")).unwrap();
        assert_eq!(s.listen, "0.0.0.0:8080".parse().unwrap());
        assert_eq!(s.db_max_connections, 8);
        assert_eq!(s.database_url, "postgres://avrop@db.internal/avrop");
        Ok(())
    });
}

#[test]
fn a_value_of_the_wrong_type_names_the_setting() {
    Jail::expect_with(|jail| {
        jail.set_env("AVROP_DB_MAX_CONNECTIONS", "many");
        let err = Settings::from_figment(Settings::figment("avrop.toml"))
            .unwrap_err()
            .to_string();
        assert!(err.to_lowercase().contains("db_max_connections"), "{err}");
        Ok(())
    });
}

#[test]
fn an_unknown_setting_is_refused_rather_than_ignored() {
    Jail::expect_with(|jail| {
        jail.set_env("AVROP_LISTEN_PORT", "3000");
        let err = Settings::from_figment(Settings::figment("avrop.toml"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("listen_port"), "{err}");
        Ok(())
    });
}

#[test]
fn the_public_origin_drops_the_path() {
    let s = Settings {
        public_url: "https://avrop.regionnorrvik.se/app/".into(),
        ..Settings::default()
    };
    assert_eq!(s.public_origin(), "https://avrop.regionnorrvik.se");
    assert!(s.auth_config().secure_cookie);
}

#[test]
fn an_unsupported_database_is_refused() {
    Jail::expect_with(|jail| {
        jail.set_env("DATABASE_URL", "mysql://x@y/z");
        let err = Settings::from_figment(Settings::figment("avrop.toml"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("database_url"), "{err}");
        Ok(())
    });
}

#[test]
fn production_refuses_demo_data_and_plain_http() {
    Jail::expect_with(|jail| {
        jail.set_env("AVROP_ENVIRONMENT", "production");
        jail.set_env("AVROP_PUBLIC_URL", "https://avrop.regionnorrvik.se");
        let s = Settings::from_figment(Settings::figment("avrop.toml")).unwrap();
        assert!(!s.seed_demo());

        jail.set_env("AVROP_SEED_DEMO", "true");
        let err = Settings::from_figment(Settings::figment("avrop.toml"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("seed_demo"), "{err}");

        jail.set_env("AVROP_SEED_DEMO", "false");
        jail.set_env("AVROP_PUBLIC_URL", "http://avrop.regionnorrvik.se");
        let err = Settings::from_figment(Settings::figment("avrop.toml"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("public_url"), "{err}");
        Ok(())
    });
}

#[test]
fn demo_data_is_seeded_only_when_asked_for_in_any_environment() {
    Jail::expect_with(|jail| {
        jail.set_env("AVROP_ENVIRONMENT", "development");
        let s = Settings::from_figment(Settings::figment("avrop.toml")).unwrap();
        assert!(!s.seed_demo());
        jail.set_env("AVROP_SEED_DEMO", "true");
        let s = Settings::from_figment(Settings::figment("avrop.toml")).unwrap();
        assert!(s.seed_demo());
        Ok(())
    });
}

#[test]
fn trusted_proxies_are_a_count_or_networks_and_the_old_switch_means_one() {
    Jail::expect_with(|jail| {
        jail.set_env("AVROP_TRUSTED_PROXIES", "1");
        let s = Settings::from_figment(Settings::figment("avrop.toml")).unwrap();
        assert_eq!(s.trusted_proxies(), TrustedProxies::Count(1));

        jail.set_env("AVROP_TRUSTED_PROXIES", "10.0.0.0/8,192.168.1.10/32");
        let s = Settings::from_figment(Settings::figment("avrop.toml")).unwrap();
        assert_eq!(
            s.auth_config().trusted_proxies,
            TrustedProxies::parse("10.0.0.0/8, 192.168.1.10/32").unwrap()
        );

        jail.set_env("AVROP_TRUSTED_PROXIES", "10.0.0.0/8,lastbalanseraren");
        let err = Settings::from_figment(Settings::figment("avrop.toml"))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("trusted_proxies") && err.contains("lastbalanseraren"),
            "{err}"
        );

        jail.set_env("AVROP_TRUSTED_PROXIES", "");
        jail.set_env("AVROP_TRUST_FORWARDED_FOR", "true");
        let s = Settings::from_figment(Settings::figment("avrop.toml")).unwrap();
        assert_eq!(s.trusted_proxies(), TrustedProxies::Count(1));
        Ok(())
    });
}

#[test]
fn email_is_off_until_an_smtp_server_and_a_sender_are_set() {
    Jail::expect_with(|jail| {
        let s = Settings::from_figment(Settings::figment("avrop.toml")).unwrap();
        assert_eq!(s.mail_settings(), None);
        jail.set_env("AVROP_SMTP_URL", "");
        let s = Settings::from_figment(Settings::figment("avrop.toml")).unwrap();
        assert_eq!(s.mail_settings(), None, "an empty URL is none");
        jail.set_env("AVROP_SMTP_URL", "smtp://127.0.0.1:2525");
        let err = Settings::from_figment(Settings::figment("avrop.toml"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("mail_from"), "{err}");
        jail.set_env("AVROP_MAIL_FROM", "Avrop <avrop@regionnorrvik.se>");
        let s = Settings::from_figment(Settings::figment("avrop.toml")).unwrap();
        let mail = s.mail_settings().unwrap();
        assert_eq!(mail.smtp_url, "smtp://127.0.0.1:2525");
        assert_eq!(mail.public_url, s.public_url);
        Ok(())
    });
}

#[test]
fn an_smtp_url_or_sender_that_is_not_one_names_its_setting() {
    Jail::expect_with(|jail| {
        jail.set_env("AVROP_SMTP_URL", "mail.regionnorrvik.se");
        jail.set_env("AVROP_MAIL_FROM", "avrop@regionnorrvik.se");
        let err = Settings::from_figment(Settings::figment("avrop.toml"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("smtp_url"), "{err}");
        jail.set_env("AVROP_SMTP_URL", "smtp://mail.regionnorrvik.se:587?tls=required");
        jail.set_env("AVROP_MAIL_FROM", "inte en adress");
        let err = Settings::from_figment(Settings::figment("avrop.toml"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("mail_from"), "{err}");
        Ok(())
    });
}

#[test]
fn the_metrics_token_is_long_and_plain_and_the_render_deadline_bounded() {
    let check = |token: &str| {
        Settings {
            metrics_token: Some(token.into()),
            ..Settings::default()
        }
        .validate()
    };
    assert!(check("kort").is_err());
    assert!(check("en token med mellanslag som är lång nog 1234").is_err());
    assert!(check("nyckel-för-mätvärden-som-är-lång-nog-0123").is_err(), "not ASCII");
    assert!(check("4f0c1e5b9a7d2c8e6b3a1f0d9c8b7a6e").is_ok());
    let deadline = |secs| {
        Settings {
            render_deadline_secs: secs,
            ..Settings::default()
        }
        .validate()
    };
    assert!(deadline(0).is_err() && deadline(301).is_err() && deadline(10).is_ok());
    Jail::expect_with(|jail| {
        jail.set_env("AVROP_METRICS_LISTEN", "10.0.0.5:9301");
        jail.set_env("AVROP_RENDER_DEADLINE_SECS", "5");
        let s = Settings::from_figment(Settings::figment("avrop.toml")).unwrap();
        assert_eq!(s.metrics_listen, Some("10.0.0.5:9301".parse().unwrap()));
        let options = s.router_options();
        assert_eq!(options.render_deadline, std::time::Duration::from_secs(5));
        assert!(options.metrics_token.is_none());
        Ok(())
    });
}

fn sign_in_error(vars: &[(&str, &str)]) -> Option<String> {
    let mut out = None;
    Jail::expect_with(|jail| {
        for (k, v) in vars {
            jail.set_env(k, v);
        }
        out = Settings::from_figment(Settings::figment("avrop.toml"))
            .err()
            .map(|e| e.to_string());
        Ok(())
    });
    out
}

#[test]
fn the_identity_provider_needs_an_issuer_url_and_a_client_id() {
    let ok = [
        ("AVROP_OIDC_ISSUER", "https://idp.regionnorrvik.se"),
        ("AVROP_OIDC_CLIENT_ID", "avrop"),
    ];
    assert_eq!(sign_in_error(&ok), None);
    let err = sign_in_error(&[("AVROP_OIDC_ISSUER", "https://idp.regionnorrvik.se")]).unwrap();
    assert!(err.contains("AVROP_OIDC_CLIENT_ID"), "{err}");
    let err = sign_in_error(&[
        ("AVROP_OIDC_ISSUER", "idp.regionnorrvik.se"),
        ("AVROP_OIDC_CLIENT_ID", "avrop"),
    ])
    .unwrap();
    assert!(err.contains("AVROP_OIDC_ISSUER"), "{err}");
    let err = sign_in_error(&[("AVROP_OIDC_CLIENT_ID", "avrop")]).unwrap();
    assert!(
        err.contains("AVROP_OIDC_CLIENT_ID") && err.contains("oidc_issuer"),
        "{err}"
    );
    let err = sign_in_error(&[
        ("AVROP_ENVIRONMENT", "production"),
        ("AVROP_PUBLIC_URL", "https://avrop.regionnorrvik.se"),
        ("AVROP_OIDC_ISSUER", "http://idp.regionnorrvik.se"),
        ("AVROP_OIDC_CLIENT_ID", "avrop"),
    ])
    .unwrap();
    assert!(err.contains("AVROP_OIDC_ISSUER") && err.contains("https"), "{err}");
}

#[test]
fn the_client_secret_comes_from_the_setting_or_a_file_not_both() {
    Jail::expect_with(|jail| {
        jail.create_file("secret.txt", "  s3cret\n")?;
        jail.set_env("AVROP_OIDC_ISSUER", "https://idp.regionnorrvik.se");
        jail.set_env("AVROP_OIDC_CLIENT_ID", "avrop");
        jail.set_env("AVROP_OIDC_CLIENT_SECRET_FILE", "secret.txt");
        jail.set_env("AVROP_OIDC_SCOPES", "openid, email hsa");
        let s = Settings::from_figment(Settings::figment("avrop.toml")).unwrap();
        let oidc = s.oidc_settings().unwrap();
        assert_eq!(oidc.client_secret.as_deref(), Some("s3cret"));
        assert_eq!(oidc.scopes, ["openid", "email", "hsa"]);
        assert_eq!(oidc.claim, "sub");
        jail.set_env("AVROP_OIDC_CLIENT_SECRET", "other");
        let err = Settings::from_figment(Settings::figment("avrop.toml"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("AVROP_OIDC_CLIENT_SECRET_FILE"), "{err}");
        Ok(())
    });
    let err = sign_in_error(&[
        ("AVROP_OIDC_ISSUER", "https://idp.regionnorrvik.se"),
        ("AVROP_OIDC_CLIENT_ID", "avrop"),
        ("AVROP_OIDC_CLIENT_SECRET_FILE", "/finns/inte"),
    ])
    .unwrap();
    assert!(
        err.contains("AVROP_OIDC_CLIENT_SECRET_FILE") && err.contains("/finns/inte"),
        "{err}"
    );
}

#[test]
fn local_login_defaults_to_admins_only_in_production_with_a_provider_and_on_otherwise() {
    Jail::expect_with(|jail| {
        let s = Settings::from_figment(Settings::figment("avrop.toml")).unwrap();
        assert_eq!(s.local_login(), LocalLogin::On);
        assert!(!s.auth_config().login.sso);
        jail.set_env("AVROP_OIDC_ISSUER", "https://idp.regionnorrvik.se");
        jail.set_env("AVROP_OIDC_CLIENT_ID", "avrop");
        let s = Settings::from_figment(Settings::figment("avrop.toml")).unwrap();
        assert_eq!(s.local_login(), LocalLogin::On, "development");
        jail.set_env("AVROP_ENVIRONMENT", "production");
        jail.set_env("AVROP_PUBLIC_URL", "https://avrop.regionnorrvik.se");
        let s = Settings::from_figment(Settings::figment("avrop.toml")).unwrap();
        assert_eq!(s.local_login(), LocalLogin::AdminsOnly);
        assert!(s.auth_config().login.sso);
        jail.set_env("AVROP_LOCAL_LOGIN", "off");
        let s = Settings::from_figment(Settings::figment("avrop.toml")).unwrap();
        assert_eq!(s.auth_config().login.local, LocalLogin::Off);
        Ok(())
    });
    let err = sign_in_error(&[("AVROP_LOCAL_LOGIN", "ibland")]).unwrap();
    assert!(err.contains("AVROP_LOCAL_LOGIN"), "{err}");
    let err = sign_in_error(&[("AVROP_LOCAL_LOGIN", "off")]).unwrap();
    assert!(
        err.contains("AVROP_LOCAL_LOGIN") && err.contains("nobody could sign in"),
        "{err}"
    );
}
