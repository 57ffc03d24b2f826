//! Printing the HTML report to a tagged PDF through headless Chromium: finding the browser,
//! running it on a private temporary copy of the page, and returning the PDF's bytes. The
//! PDF file itself is written by `output`, like every other file. Must not build the HTML.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Result, anyhow, bail};

/// The environment variable that names the browser to print with.
pub const BROWSER_VAR: &str = "KVALITET_CHROMIUM";
/// Browser programs looked for on `PATH`, in order.
const BROWSERS: &[&str] = &[
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
];
/// The reproducible-builds variable: when set (seconds since 1970), it is the PDF's date, so
/// the same input gives a byte-identical PDF.
pub const DATE_VAR: &str = "SOURCE_DATE_EPOCH";
/// How long printing may take before the browser is stopped.
const TIMEOUT: Duration = Duration::from_secs(120);

/// The browser to print with: `KVALITET_CHROMIUM` if set, else the first of [`BROWSERS`] on
/// `PATH`. The error says in Swedish how to get one.
pub fn find_browser() -> Result<PathBuf> {
    if let Some(named) = std::env::var_os(BROWSER_VAR).filter(|v| !v.is_empty()) {
        let path = PathBuf::from(named);
        if path.is_file() {
            return Ok(path);
        }
        bail!(
            "PDF kan inte skrivas: {BROWSER_VAR} pekar på {}, som inte finns",
            path.display()
        );
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    for dir in std::env::split_paths(&path) {
        for name in BROWSERS {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Ok(candidate);
            }
        }
    }
    bail!(
        "PDF kan inte skrivas eftersom webbläsaren Chromium inte hittades. Installera den (till exempel med \"apt-get install chromium\") eller ange sökvägen till den i miljövariabeln {BROWSER_VAR}. Utan Chromium kan du skriva rapporten med --format md,html och skriva ut HTML-filen som PDF från en webbläsare."
    )
}

/// Prints `html` to PDF with `browser` and returns the PDF.
pub fn print(browser: &Path, html: &str) -> Result<Vec<u8>> {
    let dir = tempfile::Builder::new()
        .prefix("kvalitet-pdf-")
        .tempdir()
        .map_err(|e| anyhow!("kan inte skapa en tillfällig mapp för PDF:en: {e}"))?;
    let page = dir.path().join("rapport.html");
    let pdf = dir.path().join("rapport.pdf");
    std::fs::write(&page, html)
        .map_err(|e| anyhow!("kan inte skriva den tillfälliga sidan för PDF:en: {e}"))?;
    let mut child = Command::new(browser)
        .args(arguments(dir.path(), &pdf, &page))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| anyhow!("kan inte starta {}: {e}", browser.display()))?;
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if started.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            bail!(
                "{} skrev ingen PDF inom {} sekunder och stoppades",
                browser.display(),
                TIMEOUT.as_secs()
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    match std::fs::read(&pdf) {
        Ok(mut bytes) if status.success() && bytes.starts_with(b"%PDF") => {
            let epoch = std::env::var(DATE_VAR)
                .ok()
                .and_then(|v| v.trim().parse().ok());
            if let Some(date) = epoch.and_then(pdf_date) {
                set_dates(&mut bytes, &date);
            }
            Ok(bytes)
        }
        _ => bail!(
            "{} kunde inte skriva PDF:en ({})",
            browser.display(),
            match status.code() {
                Some(c) => format!("slutkod {c}"),
                None => "avbröts".to_string(),
            }
        ),
    }
}

/// The browser's command line: headless, offline, a throw-away profile, no header or footer,
/// a document outline from the headings, and tagged (accessible) PDF.
fn arguments(profile: &Path, pdf: &Path, page: &Path) -> Vec<String> {
    vec![
        "--headless".into(),
        "--no-sandbox".into(),
        "--disable-gpu".into(),
        "--disable-quic".into(),
        "--no-first-run".into(),
        "--disable-background-networking".into(),
        "--disable-component-update".into(),
        "--disable-sync".into(),
        "--disable-extensions".into(),
        format!("--user-data-dir={}", profile.join("profil").display()),
        "--no-pdf-header-footer".into(),
        "--generate-pdf-document-outline".into(),
        "--export-tagged-pdf".into(),
        format!("--print-to-pdf={}", pdf.display()),
        file_url(page),
    ]
}

/// A PDF date string for `epoch` seconds: `D:20230115093000+00'00'`.
fn pdf_date(epoch: i64) -> Option<String> {
    let t = chrono::DateTime::from_timestamp(epoch, 0)?;
    Some(t.format("D:%Y%m%d%H%M%S+00'00'").to_string())
}

/// Overwrites the creation and modification dates in place with `date` (of the same length,
/// so every offset in the file stays right). Dates of another shape are left alone.
fn set_dates(pdf: &mut [u8], date: &str) {
    for key in [&b"/CreationDate ("[..], b"/ModDate ("] {
        let mut from = 0;
        while let Some(at) = find(&pdf[from..], key) {
            let start = from + at + key.len();
            let end = start + date.len();
            let fits = pdf
                .get(start..end)
                .is_some_and(|old| old.starts_with(b"D:"))
                && pdf.get(end) == Some(&b')');
            if fits {
                pdf[start..end].copy_from_slice(date.as_bytes());
            }
            from = start;
        }
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// `file://` URL of an absolute path, with every byte outside a safe set percent-encoded.
fn file_url(path: &Path) -> String {
    let mut url = String::from("file://");
    for b in path.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) {
            url.push(b as char);
        } else {
            url.push_str(&format!("%{b:02X}"));
        }
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_urls_encode_spaces_and_letters_outside_ascii() {
        assert_eq!(
            file_url(Path::new("/tmp/Min mapp/rapport-ö.html")),
            "file:///tmp/Min%20mapp/rapport-%C3%B6.html"
        );
    }

    #[test]
    fn dates_are_replaced_in_place() {
        let date = pdf_date(1_673_775_000).unwrap();
        assert_eq!(date, "D:20230115093000+00'00'");
        let mut pdf = b"<< /CreationDate (D:20261124000546+01'00')\n/ModDate (D:20261124000546+01'00') /Other (D:2026) >>".to_vec();
        let len = pdf.len();
        set_dates(&mut pdf, &date);
        assert_eq!(pdf.len(), len);
        assert_eq!(
            String::from_utf8(pdf).unwrap(),
            "<< /CreationDate (D:20230115093000+00'00')\n/ModDate (D:20230115093000+00'00') /Other (D:2026) >>"
        );
        let mut odd = b"/CreationDate (D:2026Z)".to_vec();
        set_dates(&mut odd, &date);
        assert_eq!(odd, b"/CreationDate (D:2026Z)");
    }

    #[test]
    fn the_browser_prints_offline_without_header_and_tagged() {
        let args = arguments(
            Path::new("/t"),
            Path::new("/t/r.pdf"),
            Path::new("/t/r.html"),
        );
        for flag in [
            "--headless",
            "--no-pdf-header-footer",
            "--disable-background-networking",
            "--export-tagged-pdf",
            "--print-to-pdf=/t/r.pdf",
            "--user-data-dir=/t/profil",
        ] {
            assert!(args.iter().any(|a| a == flag), "{flag} missing in {args:?}");
        }
        assert_eq!(args.last().unwrap(), "file:///t/r.html");
    }
}
