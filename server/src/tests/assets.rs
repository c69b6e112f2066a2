//! The app's own files: hashed names are kept for a year by any browser,
//! signed in or not, and go out as the brotli or gzip copy written at build
//! time; the icon for a day; pages of a signed-in person are never stored.

use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_apps_files_are_cached_for_a_year_precompressed_and_pages_are_not_stored() {
    let app = spawn_app().await;
    let site = tempfile::tempdir().unwrap();
    let pkg = site.path().join("pkg");
    std::fs::create_dir(&pkg).unwrap();
    let wasm: Vec<u8> = (0..100_000u32).flat_map(|i| (i % 97).to_le_bytes()).collect();
    std::fs::write(pkg.join("avrop.0123abcd.wasm"), &wasm).unwrap();
    std::fs::write(pkg.join("avrop.0123abcd.css"), "body{color:black}").unwrap();
    std::fs::write(
        site.path().join("favicon.svg"),
        "<svg xmlns='http://www.w3.org/2000/svg'/>",
    )
    .unwrap();
    crate::precompress::run(&pkg, 5).unwrap();
    let options = LeptosOptions::builder()
        .output_name("avrop")
        .site_root(site.path().to_string_lossy().into_owned())
        .hash_files(true)
        .build();
    let router = instance_of(
        &app.t.db,
        app::state::AuthConfig {
            development: false,
            ..Default::default()
        },
        options,
    );
    let cookie = login_as(&app, "anna.lindqvist").await;
    let fetch = |uri: &str, encoding: &str| {
        let req = Request::get(uri)
            .header("cookie", &cookie)
            .header(header::ACCEPT_ENCODING, encoding)
            .body(Body::empty())
            .unwrap();
        let router = router.clone();
        async move { router.oneshot(req).await.unwrap() }
    };

    for (encoding, expected) in [("br, gzip", Some("br")), ("gzip", Some("gzip")), ("identity", None)] {
        let res = fetch("/pkg/avrop.0123abcd.wasm", encoding).await;
        assert_eq!(res.status(), StatusCode::OK, "{encoding}");
        assert_eq!(
            res.headers()[header::CACHE_CONTROL],
            "public, max-age=31536000, immutable",
            "{encoding}: a signed-in person's file is cached too"
        );
        assert_eq!(
            res.headers().get(header::CONTENT_ENCODING).map(|v| v.to_str().unwrap()),
            expected,
            "{encoding}"
        );
        let body = axum::body::to_bytes(res.into_body(), usize::MAX).await.unwrap();
        if expected == Some("br") {
            assert!(body.len() < wasm.len() / 4, "the brotli copy: {} bytes", body.len());
        }
        if expected.is_none() {
            assert_eq!(body.len(), wasm.len());
        }
    }

    let icon = fetch("/favicon.svg", "gzip").await;
    assert_eq!(icon.status(), StatusCode::OK);
    assert_eq!(icon.headers()[header::CACHE_CONTROL], "public, max-age=86400");

    let missing = fetch("/pkg/avrop.ffffffff.wasm", "br").await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);

    // A page of a signed-in person is never stored (rendered by an
    // instance without hashed names: this test binary has no `hash.txt`).
    let page = app
        .router
        .clone()
        .oneshot(
            Request::get("/bestallningar")
                .header("cookie", &cookie)
                .header(header::ACCEPT, "text/html")
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(page.headers()[header::CACHE_CONTROL], "no-store");
}
