//! Measuring child processes for the benches: the release binary, wall and CPU time and peak
//! RSS from `wait4` (Unix only), and small helpers. Shared by `benches/*.rs` through `#[path]`.
#![allow(dead_code)]

use std::fs::File;
use std::io::{self, Read, Seek};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

pub type Result<T, E = Box<dyn std::error::Error>> = std::result::Result<T, E>;

/// A bench's `main`: runs `bench` only under `cargo bench` (with `--bench`; under
/// `cargo test --all-targets` it says it was skipped), and reports its error as `name: …`.
pub fn bench_main<E: std::fmt::Display>(
    name: &str,
    bench: impl FnOnce() -> std::result::Result<(), E>,
) -> std::process::ExitCode {
    if !std::env::args().any(|a| a == "--bench") {
        println!("{name}: skipped (run it with `cargo bench --bench {name}`)");
        return std::process::ExitCode::SUCCESS;
    }
    match bench() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{name}: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

pub fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(default)
}

pub fn median(sorted: &[f64]) -> f64 {
    let n = sorted.len();
    if n % 2 == 1 {
        sorted[n / 2]
    } else {
        (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
    }
}

/// `<target>/release/deps/register-HASH` → `<target>`; else `./target`.
pub fn target_dir() -> PathBuf {
    let exe = std::env::current_exe().unwrap_or_default();
    match exe.parent() {
        Some(deps) if deps.file_name().is_some_and(|n| n == "deps") => {
            deps.parent().and_then(Path::parent).map(Path::to_path_buf)
        }
        _ => None,
    }
    .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"))
}

/// Copies the sample's `kvalitet.toml` into `dir`, with `extra` settings appended, and the
/// files it names beside it (the logo), so that a bench's data folder runs as the sample does.
pub fn sample_settings(dir: &Path, extra: &str) -> Result<()> {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data");
    let mut toml = std::fs::read_to_string(sample.join("kvalitet.toml"))?;
    toml.push_str(extra);
    std::fs::write(dir.join("kvalitet.toml"), toml)?;
    for entry in std::fs::read_dir(&sample)? {
        let path = entry?.path();
        if path
            .extension()
            .is_some_and(|e| e == "svg" || e == "png" || e == "jpg")
        {
            std::fs::copy(&path, dir.join(path.file_name().expect("a file name")))?;
        }
    }
    Ok(())
}

/// The release `kvalitet`: the one cargo built for this bench, else `<target>/release/kvalitet`,
/// else built now with `cargo build --release`.
pub fn kvalitet_binary() -> Result<PathBuf> {
    if let Some(bin) = option_env!("CARGO_BIN_EXE_kvalitet")
        .map(PathBuf::from)
        .filter(|p| p.is_file())
    {
        return Ok(bin);
    }
    let bin = target_dir()
        .join("release")
        .join(format!("kvalitet{}", std::env::consts::EXE_SUFFIX));
    if !bin.is_file() {
        println!("building {} with cargo build --release", bin.display());
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let status = Command::new(cargo)
            .args(["build", "--release", "--bin", "kvalitet"])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("CARGO_TARGET_DIR", target_dir())
            .status()?;
        if !status.success() || !bin.is_file() {
            return Err(format!("cargo build --release failed ({status})").into());
        }
    }
    Ok(bin)
}

// ---------------------------------------------------------------------------
// Measuring one child
// ---------------------------------------------------------------------------

pub const MIB: f64 = 1024.0 * 1024.0;

pub struct Sample {
    pub wall: Duration,
    pub cpu: Duration,
    /// `ru_maxrss`: kilobytes on Linux.
    pub max_rss_kb: i64,
    pub stdout: String,
}

impl Sample {
    pub fn max_rss_mib(&self) -> f64 {
        self.max_rss_kb as f64 / 1024.0
    }
}

/// Runs `cmd` to completion with its output captured in temp files; on failure the error
/// carries its exit status and the tail of its stderr.
pub fn measure(cmd: &mut Command) -> Result<Sample, String> {
    let (sample, status, stderr) = run(cmd).map_err(|e| format!("could not run {cmd:?}: {e}"))?;
    if libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0 {
        return Ok(sample);
    }
    let how = if libc::WIFEXITED(status) {
        format!("exit code {}", libc::WEXITSTATUS(status))
    } else {
        format!("killed by signal {}", libc::WTERMSIG(status))
    };
    let lines: Vec<&str> = stderr.lines().collect();
    let tail = lines[lines.len().saturating_sub(30)..].join("\n    ");
    Err(format!("{how}\n    {tail}"))
}

pub fn run(cmd: &mut Command) -> io::Result<(Sample, i32, String)> {
    let (mut out, mut err) = (tempfile::tempfile()?, tempfile::tempfile()?);
    cmd.stdin(Stdio::null())
        .stdout(out.try_clone()?)
        .stderr(err.try_clone()?);
    let start = Instant::now();
    let child = cmd.spawn()?;
    let (status, usage) = wait4(child.id())?;
    let wall = start.elapsed();
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    let sample = Sample {
        wall,
        cpu: tv(usage.ru_utime) + tv(usage.ru_stime),
        max_rss_kb: usage.ru_maxrss,
        stdout: read_back(&mut out)?,
    };
    Ok((sample, status, read_back(&mut err)?))
}

pub fn read_back(f: &mut File) -> io::Result<String> {
    let mut s = String::new();
    f.rewind()?;
    f.read_to_string(&mut s)?;
    Ok(s)
}

/// Waits for `pid` and returns its raw wait status and resource usage.
#[allow(unsafe_code)]
pub fn wait4(pid: u32) -> io::Result<(i32, libc::rusage)> {
    let mut status = 0;
    // SAFETY: `rusage` is a plain C struct for which all-zero bytes are a valid value.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: both pointers are valid, exclusive and live for the call; wait4 only writes
        // through them. `pid` is our own child, which std has not reaped (we never call wait).
        let r = unsafe { libc::wait4(pid as libc::pid_t, &mut status, 0, &mut usage) };
        if r != -1 {
            return Ok((status, usage));
        }
        let e = io::Error::last_os_error();
        if e.kind() != io::ErrorKind::Interrupted {
            return Err(e);
        }
    }
}
