//! Running commands: echo them, fail with a clear message, and (for tests)
//! copy their output through while counting `test result:` lines.

use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};

/// What went wrong, for the user.
pub type Result<T = ()> = std::result::Result<T, String>;

/// The workspace root (xtask lives one level below it).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask is inside the workspace")
        .to_path_buf()
}

fn describe(command: &Command) -> String {
    let mut text = command.get_program().to_string_lossy().into_owned();
    for arg in command.get_args() {
        text.push(' ');
        text.push_str(&arg.to_string_lossy());
    }
    text
}

/// Runs a command to completion, its output going straight to ours.
pub fn run(command: &mut Command) -> Result {
    let line = describe(command);
    println!("$ {line}");
    let status = command.status().map_err(|e| format!("could not start `{line}`: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{line}` failed ({status})"))
    }
}

/// A command's stdout (trimmed), or `None` if it cannot run or fails.
pub fn output(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program).args(args).stderr(Stdio::null()).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

/// Test counts read from `test result:` lines.
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    pub passed: u64,
    pub failed: u64,
    pub ignored: u64,
}

impl Counts {
    pub fn add(&mut self, other: Counts) {
        self.passed += other.passed;
        self.failed += other.failed;
        self.ignored += other.ignored;
    }
}

/// Reads `test result: ok. 12 passed; 0 failed; 1 ignored; …`.
pub fn parse_result_line(line: &str) -> Option<Counts> {
    let rest = line.trim().strip_prefix("test result: ")?;
    let number_before = |word: &str| -> u64 {
        rest.split(';')
            .find_map(|part| {
                part.trim()
                    .trim_start_matches("ok. ")
                    .trim_start_matches("FAILED. ")
                    .strip_suffix(word)
            })
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or(0)
    };
    Some(Counts {
        passed: number_before(" passed"),
        failed: number_before(" failed"),
        ignored: number_before(" ignored"),
    })
}

/// Runs a test command, copying its output through and summing its counts.
pub fn run_tests(command: &mut Command) -> (Result, Counts) {
    let line = describe(command);
    println!("$ {line}");
    let child = command.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn();
    let mut child = match child {
        Ok(child) => child,
        Err(e) => return (Err(format!("could not start `{line}`: {e}")), Counts::default()),
    };
    let stderr = child.stderr.take().unwrap();
    let echo_err = std::thread::spawn(move || {
        let mut counts = Counts::default();
        for line in BufReader::new(stderr).lines().map_while(std::result::Result::ok) {
            eprintln!("{line}");
            if let Some(c) = parse_result_line(&line) {
                counts.add(c);
            }
        }
        counts
    });
    let mut counts = Counts::default();
    for out in BufReader::new(child.stdout.take().unwrap())
        .lines()
        .map_while(std::result::Result::ok)
    {
        println!("{out}");
        if let Some(c) = parse_result_line(&out) {
            counts.add(c);
        }
    }
    let _ = std::io::stdout().flush();
    counts.add(echo_err.join().unwrap_or_default());
    let status = child.wait();
    let result = match status {
        Ok(s) if s.success() => Ok(()),
        Ok(s) => Err(format!("`{line}` failed ({s})")),
        Err(e) => Err(format!("`{line}`: {e}")),
    };
    (result, counts)
}

#[cfg(test)]
mod tests {
    use super::parse_result_line;

    #[test]
    fn reads_cargo_and_wasm_bindgen_result_lines() {
        let c = parse_result_line(
            "test result: ok. 43 passed; 0 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.00s",
        )
        .unwrap();
        assert_eq!((c.passed, c.failed, c.ignored), (43, 0, 1));
        let c =
            parse_result_line("test result: FAILED. 6 passed; 3 failed; 0 ignored; 0 filtered out; finished in 0.30s")
                .unwrap();
        assert_eq!((c.passed, c.failed), (6, 3));
        assert!(parse_result_line("running 3 tests").is_none());
    }
}
