//! TLS to PostgreSQL as libpq reads it from the URL, so operators can paste
//! what their provider gives them (`?sslmode=verify-full&sslrootcert=/path/ca.crt`).
//! tokio-postgres parses `sslmode` only as `disable`, `prefer` or `require`
//! and knows no `sslrootcert`: those two are taken out of the URL here, the
//! rest is left to tokio-postgres. rustls (with ring, as reqwest and lettre
//! use) does the TLS, through `tokio-postgres-rustls`.
//!
//! | `sslmode` | encrypted | certificate checked |
//! |---|---|---|
//! | `disable` | no | – |
//! | `allow`, `prefer` (the default) | if the server offers it | no |
//! | `require` | yes | no; with `sslrootcert`, as `verify-ca` (as libpq does) |
//! | `verify-ca` | yes | signed by `sslrootcert` (or the Mozilla roots with `system` or none) |
//! | `verify-full` | yes | as `verify-ca`, and the name is the host's |

use std::fmt;
use std::sync::Arc;

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::WebPkiServerVerifier;
use rustls::crypto::{verify_tls12_signature, verify_tls13_signature, CryptoProvider};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{CertificateError, DigitallySignedStruct, RootCertStore, SignatureScheme};
use tokio_postgres::config::SslMode;
use tokio_postgres_rustls::MakeRustlsConnect;

use crate::store::error::StoreError;

/// libpq's `sslmode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// No TLS.
    Disable,
    /// TLS if the server offers it, unchecked (`allow` and `prefer`).
    Prefer,
    /// TLS, unchecked.
    Require,
    /// TLS, the chain checked.
    VerifyCa,
    /// TLS, the chain and the host name checked.
    VerifyFull,
}

/// A URL's connection settings: tokio-postgres' own, and the TLS connector for them.
pub struct Settings {
    /// Everything tokio-postgres parses (`sslmode` mapped onto its three).
    pub config: tokio_postgres::Config,
    /// What the certificate check is.
    pub mode: Mode,
    /// The connector (never used with `disable`).
    pub tls: MakeRustlsConnect,
}

impl fmt::Debug for Settings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Settings")
            .field("mode", &self.mode)
            .finish_non_exhaustive()
    }
}

/// Reads `url` as libpq would: its `sslmode` and `sslrootcert`, then the rest.
pub fn settings(url: &str) -> Result<Settings, StoreError> {
    let bad = |why: String| StoreError::Config(format!("the PostgreSQL URL: {why}"));
    let (base, query) = url.split_once('?').unwrap_or((url, ""));
    let mut mode = None;
    let mut root = None;
    let mut kept = url::form_urlencoded::Serializer::new(String::new());
    for (key, value) in url::form_urlencoded::parse(query.as_bytes()) {
        match key.as_ref() {
            "sslmode" => mode = Some(value.into_owned()),
            "sslrootcert" => root = Some(value.into_owned()),
            "sslcert" | "sslkey" => {
                return Err(bad(format!(
                    "`{key}`: client certificates are not supported; use a password"
                )));
            }
            _ => {
                kept.append_pair(&key, &value);
            }
        }
    }
    let mode = match mode.as_deref().unwrap_or("prefer") {
        "disable" => Mode::Disable,
        "allow" | "prefer" => Mode::Prefer,
        "require" if root.as_deref().is_some_and(|r| r != "system") => Mode::VerifyCa,
        "require" => Mode::Require,
        "verify-ca" => Mode::VerifyCa,
        "verify-full" => Mode::VerifyFull,
        other => {
            return Err(bad(format!(
                "sslmode `{other}`: use disable, prefer, require, verify-ca or verify-full"
            )))
        }
    };
    let kept = kept.finish();
    let rest = if kept.is_empty() {
        base.to_owned()
    } else {
        format!("{base}?{kept}")
    };
    let mut config: tokio_postgres::Config = rest.parse().map_err(|e| bad(format!("{e}")))?;
    config.ssl_mode(match mode {
        Mode::Disable => SslMode::Disable,
        Mode::Prefer => SslMode::Prefer,
        Mode::Require | Mode::VerifyCa | Mode::VerifyFull => SslMode::Require,
    });
    let tls = connector(mode, root.as_deref())?;
    Ok(Settings { config, mode, tls })
}

/// The rustls client for `mode`, trusting `root` (a PEM file; `system` or none: the Mozilla roots).
fn connector(mode: Mode, root: Option<&str>) -> Result<MakeRustlsConnect, StoreError> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut roots = RootCertStore::empty();
    match root {
        None | Some("system") => roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned()),
        Some(path) => {
            let certificates = CertificateDer::pem_file_iter(path)
                .and_then(|c| c.collect::<Result<Vec<_>, _>>())
                .map_err(|e| StoreError::Config(format!("sslrootcert `{path}`: {e}")))?;
            let (added, _) = roots.add_parsable_certificates(certificates);
            if added == 0 {
                return Err(StoreError::Config(format!(
                    "sslrootcert `{path}`: no certificate in it"
                )));
            }
        }
    }
    let webpki = WebPkiServerVerifier::builder_with_provider(Arc::new(roots), provider.clone())
        .build()
        .map_err(|e| StoreError::Config(format!("sslrootcert: {e}")))?;
    let verifier: Arc<dyn ServerCertVerifier> = Arc::new(Verifier {
        mode,
        webpki,
        provider: provider.clone(),
    });
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| StoreError::Config(e.to_string()))?
        .dangerous()
        .with_custom_certificate_verifier(verifier)
        .with_no_client_auth();
    Ok(MakeRustlsConnect::new(config))
}

/// Checks the server's certificate as far as `mode` asks; the handshake's signatures always.
#[derive(Debug)]
struct Verifier {
    mode: Mode,
    webpki: Arc<WebPkiServerVerifier>,
    provider: Arc<CryptoProvider>,
}

impl ServerCertVerifier for Verifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        match self.mode {
            Mode::Disable | Mode::Prefer | Mode::Require => Ok(ServerCertVerified::assertion()),
            Mode::VerifyFull => self
                .webpki
                .verify_server_cert(end_entity, intermediates, server_name, ocsp, now),
            Mode::VerifyCa => match self
                .webpki
                .verify_server_cert(end_entity, intermediates, server_name, ocsp, now)
            {
                Err(rustls::Error::InvalidCertificate(
                    CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
                )) => Ok(ServerCertVerified::assertion()),
                other => other,
            },
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls12_signature(message, cert, dss, &self.provider.signature_verification_algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls13_signature(message, cert, dss, &self.provider.signature_verification_algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider.signature_verification_algorithms.supported_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn libpq_parameters_are_read_and_the_rest_left_to_tokio_postgres() {
        let s = settings("postgres://ada:pw@db.example:6432/leads?sslmode=verify-full&application_name=x").unwrap();
        assert_eq!(s.mode, Mode::VerifyFull);
        assert_eq!(s.config.get_ssl_mode(), SslMode::Require);
        assert_eq!(s.config.get_application_name(), Some("x"));
        assert_eq!(settings("postgres://h/db").unwrap().mode, Mode::Prefer);
        assert_eq!(
            settings("postgres://h/db?sslmode=disable")
                .unwrap()
                .config
                .get_ssl_mode(),
            SslMode::Disable
        );
        assert_eq!(settings("postgres://h/db?sslmode=require").unwrap().mode, Mode::Require);
    }

    #[test]
    fn a_wrong_mode_or_a_missing_root_file_is_said_at_start() {
        let wrong = settings("postgres://h/db?sslmode=always").unwrap_err().to_string();
        assert!(wrong.contains("sslmode `always`"), "{wrong}");
        let missing = settings("postgres://h/db?sslmode=verify-full&sslrootcert=/nonexistent/ca.crt")
            .unwrap_err()
            .to_string();
        assert!(missing.contains("/nonexistent/ca.crt"), "{missing}");
        let client = settings("postgres://h/db?sslcert=/a.crt").unwrap_err().to_string();
        assert!(client.contains("client certificates"), "{client}");
    }
}
