//! `scripts/test`'s checks of what to install (issue 27): installed fonts are seen however
//! long `fc-list`'s output is (a `fc-list | grep -q` under `pipefail` failed whenever grep
//! stopped reading early), and what is really missing is named. Run with stand-ins for
//! `fc-list`, `node`, `npm` and Chromium, and `KVALITET_TEST_MISSING=1`, which makes the script
//! only list what it would install.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

/// An executable shell script `name` in `dir` running `body`.
fn stand_in(dir: &Path, name: &str, body: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

/// What `scripts/test` would install when `fc-list` prints `fonts` (a shell command's output)
/// and Chromium is at `chromium`.
fn missing(fonts: &str, chromium: Option<&str>) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    stand_in(&bin, "fc-list", fonts);
    stand_in(&bin, "node", "echo v20.11.0");
    stand_in(&bin, "npm", "true");
    let browser = stand_in(dir.path(), "chromium", "true");
    let chromium = chromium.map_or(browser, PathBuf::from);
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/test");
    let out = Command::new("bash")
        .arg(script)
        .env("PATH", format!("{}:/usr/bin:/bin", bin.display()))
        .env("KVALITET_CHROMIUM", chromium)
        .env("KVALITET_TEST_MISSING", "1")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn installed_fonts_are_found_in_a_long_font_list() {
    // The fonts first, then far more than a pipe holds: grep -q would stop reading at once.
    let long = "echo '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf: Liberation Sans:style=Regular'; \
                echo '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf: DejaVu Sans:style=Book'; \
                i=0; while [ $i -lt 20000 ]; do echo \"/usr/share/fonts/other/Font$i.ttf: Other Font $i:style=Regular\"; i=$((i+1)); done";
    for _ in 0..3 {
        assert_eq!(missing(long, None), Vec::<String>::new());
    }
}

#[test]
fn what_is_missing_is_named() {
    let dejavu_only =
        "echo '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf: DejaVu Sans:style=Book'";
    assert_eq!(missing(dejavu_only, None), ["fonts-liberation"]);
    assert_eq!(
        missing("true", Some("/finns/inte/chromium")),
        ["chromium", "fonts-liberation", "fonts-dejavu-core"]
    );
}
