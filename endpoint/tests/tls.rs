//! TLS to PostgreSQL with libpq's URL parameters, against the test suite's
//! server (`ssl = on`, a certificate for `localhost` signed by a CA that
//! `cargo xtask test` makes and names in `READINESS_TEST_POSTGRES_CA`).

mod support;

use readiness_endpoint::store::postgres::tls;
use readiness_endpoint::store::{Database, Store, StoreError};
use support::*;

/// A fresh database on the test server, reached as `host`, with `query` appended. The tests are
/// `#[ignore]`d (skipped) without a server; run with one, a missing CA fails saying so.
async fn url(name: &str, host: &str, query: &str) -> (String, String) {
    let ca = std::env::var("READINESS_TEST_POSTGRES_CA")
        .unwrap_or_else(|_| panic!("{name}: READINESS_TEST_POSTGRES_CA is not set; `cargo xtask test` sets it"));
    let database = pg_database(name).await.display().to_string();
    let url = database.replacen("127.0.0.1", host, 1);
    (format!("{url}?{}", query.replace("{ca}", &ca)), ca)
}

/// Whether a connection made as `url` says is encrypted (`pg_stat_ssl`).
async fn encrypted(url: &str) -> Result<bool, String> {
    let settings = tls::settings(url).map_err(|e| e.to_string())?;
    let chain = |e: tokio_postgres::Error| StoreError::from(e).to_string();
    let (client, connection) = settings.config.connect(settings.tls).await.map_err(chain)?;
    tokio::spawn(connection);
    let row = client
        .query_one("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", &[])
        .await
        .map_err(|e| e.to_string())?;
    Ok(row.get(0))
}

#[tokio::test]
#[ignore = "needs PostgreSQL: READINESS_TEST_POSTGRES (cargo xtask test sets it and runs these)"]
async fn verify_full_with_the_providers_ca_stores_over_tls() {
    let (url, _) = url("tls-full", "localhost", "sslmode=verify-full&sslrootcert={ca}").await;
    assert_eq!(encrypted(&url).await, Ok(true));
    let server = start_with(url.clone().into(), |_| {}).await;
    assert_eq!(post_json(&server, "key-tls-0001", &valid()).await.status(), 201);
    let store = Store::open(&url.parse::<Database>().unwrap(), 1).await.unwrap();
    assert_eq!(store.export_all().await.unwrap().len(), 1);
    server.shutdown().await;
}

#[tokio::test]
#[ignore = "needs PostgreSQL: READINESS_TEST_POSTGRES (cargo xtask test sets it and runs these)"]
async fn verify_full_refuses_a_certificate_for_another_host_name() {
    // The certificate names `localhost`; the same server reached as 127.0.0.1 is refused.
    let (url, _) = url("tls-wrong-name", "127.0.0.1", "sslmode=verify-full&sslrootcert={ca}").await;
    let error = Store::open(&url.parse::<Database>().unwrap(), 1)
        .await
        .err()
        .expect("a certificate for another name is refused");
    assert!(error.to_string().to_lowercase().contains("certificate"), "{error}");
    // verify-ca checks the chain, not the name: the same address is accepted.
    let ca_only = url.replace("verify-full", "verify-ca");
    assert_eq!(encrypted(&ca_only).await, Ok(true));
}

#[tokio::test]
#[ignore = "needs PostgreSQL: READINESS_TEST_POSTGRES (cargo xtask test sets it and runs these)"]
async fn a_certificate_from_another_ca_is_refused_and_require_only_encrypts() {
    let (url, _) = url("tls-other-ca", "localhost", "sslmode=verify-full").await;
    // No sslrootcert: the Mozilla roots, which did not sign the test CA.
    let error = encrypted(&url).await.expect_err("an unknown issuer is refused");
    assert!(error.to_lowercase().contains("certificate"), "{error}");
    assert_eq!(encrypted(&url.replace("verify-full", "require")).await, Ok(true));
    assert_eq!(encrypted(&url.replace("verify-full", "disable")).await, Ok(false));
    assert_eq!(
        encrypted(&url.replace("?sslmode=verify-full", "")).await,
        Ok(true),
        "prefer, as libpq"
    );
}
