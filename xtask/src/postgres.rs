//! A throwaway PostgreSQL server for the tests and the bench: Debian's
//! `postgresql` package (installed once by [`ensure`], like chromium),
//! `initdb` in a fresh temporary directory, listening on 127.0.0.1 on a free
//! port, run as an unprivileged user when this runs as root (PostgreSQL refuses
//! root). [`Server`] stops it and removes its directory when dropped, also when
//! a step panics.
//!
//! It serves TLS too (`ssl = on`) with a certificate made here by the
//! `openssl` command for the name `localhost` only, signed by a throwaway CA
//! (`ca.crt` in its directory): the endpoint's TLS tests connect with
//! `sslmode=verify-full&sslrootcert=…` and see a wrong host name refused.
//! Plain connections are still accepted. The tests may stop and start it
//! ([`Server::test_env`] says how), as an operator's restart would.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::cmd::{self, output, Result};

/// The user the server runs as when xtask runs as root.
const FALLBACK_USER: &str = "readiness-pg";

/// `bin/` of the newest installed PostgreSQL (`/usr/lib/postgresql/<major>/bin`).
pub fn bin_dir() -> Option<PathBuf> {
    let mut found: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .flatten()
        .filter_map(|entry| {
            let major = entry.file_name().to_str()?.parse::<u32>().ok()?;
            let bin = entry.path().join("bin");
            bin.join("pg_ctl").exists().then_some((major, bin))
        })
        .collect();
    found.sort();
    found.pop().map(|(_, bin)| bin)
}

/// Installs Debian's `postgresql` if no server binaries are there yet.
pub fn ensure() -> Result {
    if let Some(bin) = bin_dir() {
        let version = output(&bin.join("postgres").to_string_lossy(), &["--version"]).unwrap_or_default();
        println!(
            "✓ {:<28} {}",
            "postgresql",
            version.split_whitespace().last().unwrap_or("")
        );
        return Ok(());
    }
    println!("→ installing Debian's postgresql (server binaries only; no cluster is started by xtask)");
    crate::tools::apt(&["update"])?;
    crate::tools::apt(&["install", "-y", "--no-install-recommends", "postgresql"])?;
    bin_dir()
        .map(|_| ())
        .ok_or_else(|| "postgresql installed, but no /usr/lib/postgresql/*/bin/pg_ctl".into())
}

/// A running throwaway server; stopped (immediately) and deleted on drop.
pub struct Server {
    /// `postgres://postgres@127.0.0.1:<port>/postgres`: trust authentication, loopback only.
    pub url: String,
    /// The CA that signed the server's certificate (for `localhost`), PEM.
    pub ca: PathBuf,
    dir: PathBuf,
    bin: PathBuf,
    user: Option<String>,
}

impl Server {
    /// What the endpoint's tests read: the URL (`READINESS_TEST_POSTGRES`), the CA file
    /// (`READINESS_TEST_POSTGRES_CA`) and two scripts that stop (`--mode fast`) and start the
    /// server again (`READINESS_TEST_POSTGRES_STOP`, `READINESS_TEST_POSTGRES_START`).
    pub fn test_env(&self) -> Vec<(&'static str, String)> {
        let shown = |p: &Path| p.display().to_string();
        vec![
            ("READINESS_TEST_POSTGRES", self.url.clone()),
            ("READINESS_TEST_POSTGRES_CA", shown(&self.ca)),
            ("READINESS_TEST_POSTGRES_STOP", shown(&self.dir.join("stop"))),
            ("READINESS_TEST_POSTGRES_START", shown(&self.dir.join("start"))),
        ]
    }
}

/// The CA's and the server's `openssl` settings: the server's certificate names `localhost` only.
const CERTIFICATES: [(&str, &str); 2] = [
    (
        "ca.cnf",
        "[req]\ndistinguished_name = dn\nx509_extensions = ca\nprompt = no\n[dn]\nCN = readiness throwaway CA\n\
         [ca]\nbasicConstraints = critical,CA:TRUE\nkeyUsage = critical,keyCertSign,cRLSign\nsubjectKeyIdentifier = hash\n",
    ),
    (
        "server.cnf",
        "[req]\ndistinguished_name = dn\nprompt = no\n[dn]\nCN = localhost\n\
         [server]\nsubjectAltName = DNS:localhost\nbasicConstraints = CA:FALSE\n\
         keyUsage = critical,digitalSignature\nextendedKeyUsage = serverAuth\nauthorityKeyIdentifier = keyid\n",
    ),
];

/// A CA and, signed by it, a certificate and key for `localhost` (EC P-256, two days), made
/// with the `openssl` command in `dir`; the server's files are handed to `user`, who runs it.
fn certificates(dir: &Path, user: &Option<String>) -> Result {
    for (name, text) in CERTIFICATES {
        std::fs::write(dir.join(name), text).map_err(|e| format!("{name}: {e}"))?;
    }
    let openssl = |args: &[&str]| {
        cmd::run(
            Command::new("openssl")
                .args(args)
                .current_dir(dir)
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null()),
        )
    };
    let key = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
    openssl(
        &[
            &["req", "-x509", "-config", "ca.cnf", "-days", "2"][..],
            &key,
            &["-keyout", "ca.key", "-out", "ca.crt"],
        ]
        .concat(),
    )?;
    openssl(
        &[
            &["req", "-new", "-config", "server.cnf"][..],
            &key,
            &["-keyout", "server.key", "-out", "server.csr"],
        ]
        .concat(),
    )?;
    openssl(&[
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.crt",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-days",
        "2",
        "-extfile",
        "server.cnf",
        "-extensions",
        "server",
        "-out",
        "server.crt",
    ])?;
    std::fs::set_permissions(
        dir.join("server.key"),
        std::os::unix::fs::PermissionsExt::from_mode(0o600),
    )
    .map_err(|e| format!("server.key: {e}"))?;
    if let Some(user) = user {
        cmd::run(
            Command::new("chown")
                .arg(format!("{user}:"))
                .arg(dir.join("server.key"))
                .arg(dir.join("server.crt")),
        )?;
    }
    Ok(())
}

/// Writes `stop` and `start`: the server stopped as an operator's restart does (`--mode fast`)
/// and started again on the same port and data, for the tests.
fn scripts(dir: &Path, bin: &Path, user: &Option<String>, options: &str) -> Result {
    let run_as = user.as_ref().map(|u| format!("runuser -u {u} -- ")).unwrap_or_default();
    let data = dir.join("data");
    let ctl = bin.join("pg_ctl");
    let texts = [
        (
            "stop",
            format!("#!/bin/sh\nexec {run_as}{} --wait --silent --mode fast --pgdata '{}' stop\n", ctl.display(), data.display()),
        ),
        (
            "start",
            format!(
                "#!/bin/sh\nexec {run_as}{} --wait --timeout 60 --silent --pgdata '{}' --log '{}' -o '{options}' start\n",
                ctl.display(),
                data.display(),
                dir.join("server.log").display()
            ),
        ),
    ];
    for (name, text) in texts {
        let path = dir.join(name);
        std::fs::write(&path, text).map_err(|e| format!("{name}: {e}"))?;
        std::fs::set_permissions(&path, std::os::unix::fs::PermissionsExt::from_mode(0o755))
            .map_err(|e| format!("{name}: {e}"))?;
    }
    Ok(())
}

/// Runs `program` as `user` (through `runuser`), or as ourselves.
fn as_user(user: &Option<String>, program: &Path) -> Command {
    match user {
        Some(user) => {
            let mut command = Command::new("runuser");
            command.args(["-u", user, "--"]).arg(program);
            command
        }
        None => Command::new(program),
    }
}

/// The unprivileged user to run the server as, when we are root: Debian's `postgres`,
/// or one created once (idempotently) if that is missing.
fn server_user() -> Result<Option<String>> {
    if output("id", &["-u"]).as_deref() != Some("0") {
        return Ok(None);
    }
    for user in ["postgres", FALLBACK_USER] {
        if output("id", &["-u", user]).is_some() {
            return Ok(Some(user.to_owned()));
        }
    }
    cmd::run(Command::new("useradd").args([
        "--system",
        "--no-create-home",
        "--shell",
        "/usr/sbin/nologin",
        FALLBACK_USER,
    ]))?;
    Ok(Some(FALLBACK_USER.to_owned()))
}

/// A free TCP port on loopback.
fn free_port() -> Result<u16> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    Ok(listener.local_addr().map_err(|e| e.to_string())?.port())
}

/// Starts a fresh server. `durable`: `fsync` and synchronous commits on, as in
/// production (the bench); off for the tests, which do not survive power loss.
pub fn start(durable: bool) -> Result<Server> {
    let bin = bin_dir().ok_or("PostgreSQL is not installed (cargo xtask test installs it)")?;
    let user = server_user()?;
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    let dir = std::env::temp_dir().join(format!("readiness-pg-{}-{nanos}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    if let Some(user) = &user {
        cmd::run(Command::new("chown").arg(format!("{user}:")).arg(&dir))?;
    }
    let port = free_port()?;
    // From here on the guard cleans up, whatever fails.
    let server = Server {
        url: format!("postgres://postgres@127.0.0.1:{port}/postgres"),
        ca: dir.join("ca.crt"),
        dir: dir.clone(),
        bin: bin.clone(),
        user: user.clone(),
    };
    let data = dir.join("data");
    cmd::run(
        as_user(&user, &bin.join("initdb"))
            .args([
                "--username",
                "postgres",
                "--auth",
                "trust",
                "--encoding",
                "UTF8",
                "--no-locale",
            ])
            .args(["--no-sync", "--pgdata"])
            .arg(&data)
            .stdout(std::process::Stdio::null()),
    )?;
    let durability = if durable {
        ""
    } else {
        " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    };
    certificates(&dir, &user)?;
    let options = format!(
        "-p {port} -k {dir} -c listen_addresses=127.0.0.1 -c max_connections=300{durability} \
         -c ssl=on -c ssl_cert_file={dir}/server.crt -c ssl_key_file={dir}/server.key",
        dir = dir.display()
    );
    scripts(&dir, &bin, &user, &options)?;
    cmd::run(
        as_user(&user, &bin.join("pg_ctl"))
            .args(["--wait", "--timeout", "60", "--silent", "--pgdata"])
            .arg(&data)
            .arg("--log")
            .arg(dir.join("server.log"))
            .arg("-o")
            .arg(&options)
            .arg("start"),
    )?;
    println!("✓ throwaway PostgreSQL at 127.0.0.1:{port} ({})", dir.display());
    Ok(server)
}

/// `cargo xtask postgres`: a test server until Enter (or end of input), with its variables.
pub fn until_enter() -> Result {
    ensure()?;
    let server = start(false)?;
    for (name, value) in server.test_env() {
        println!("{name}={value}");
    }
    println!("(Enter stops it)");
    let _ = std::io::stdin().read_line(&mut String::new());
    drop(server);
    Ok(())
}

impl Drop for Server {
    fn drop(&mut self) {
        let stopped = as_user(&self.user, &self.bin.join("pg_ctl"))
            .args(["--wait", "--silent", "--mode", "immediate", "--pgdata"])
            .arg(self.dir.join("data"))
            .arg("stop")
            .status();
        if stopped.is_ok_and(|s| s.success()) {
            println!("✓ throwaway PostgreSQL stopped");
        } else if self.dir.join("data/postmaster.pid").exists() {
            eprintln!("! could not stop the throwaway PostgreSQL in {}", self.dir.display());
            return;
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
