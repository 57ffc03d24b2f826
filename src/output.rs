//! The only module that writes files: atomically (temp file in the same folder, then rename),
//! so a run that dies half-way leaves the previous file intact.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow};

/// What marks a temporary file of [`write_atomic`]: `.NAME.tmp-PID`.
const TEMP_MARK: &str = ".tmp-";

/// Removes the temporary files that a run killed between writing and renaming left in `dir`
/// (hidden `.NAME.tmp-PID` files). The finished files are never touched.
pub fn remove_stale_temps(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let stale = name.starts_with('.')
            && name
                .rsplit_once(TEMP_MARK)
                .is_some_and(|(_, pid)| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()));
        if stale && entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Removes the images an earlier run wrote into `dir/folder` (`bild-N` or `diagram-N`, `.png`,
/// `.jpg` or `.svg`) that are not among `written` (names relative to `dir`), and the folder when
/// that leaves it empty, so that it holds the Markdown file's images and no others. Any other
/// file in it is left alone.
pub fn remove_stale_images(dir: &Path, folder: &str, written: &[String]) {
    let media = dir.join(folder);
    let Ok(entries) = fs::read_dir(&media) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let ours = ["bild-", "diagram-"]
            .iter()
            .find_map(|prefix| name.strip_prefix(prefix))
            .and_then(|rest| rest.split_once('.'))
            .is_some_and(|(n, ext)| {
                !n.is_empty()
                    && n.bytes().all(|b| b.is_ascii_digit())
                    && ["png", "jpg", "svg"].contains(&ext)
            });
        let kept = written.iter().any(|w| *w == format!("{folder}/{name}"));
        if ours && !kept && entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = fs::remove_file(entry.path());
        }
    }
    // Succeeds only when nothing is left in it.
    let _ = fs::remove_dir(&media);
}

/// The lines that tell which files a run wrote, `names` relative to `dir`: "skrev PATH" for
/// each, except that the images of the media `folder` (one per chart and picture of the
/// Markdown file) are told as one line, where the first of them stands: "skrev DIR/FOLDER/
/// (13 diagram och 2 bilder)".
pub fn written_lines(dir: &Path, folder: &str, names: &[String]) -> Vec<String> {
    let in_folder = |name: &str| {
        name.strip_prefix(folder)
            .and_then(|rest| rest.strip_prefix('/'))
            .map(str::to_string)
    };
    let media: Vec<String> = names.iter().filter_map(|n| in_folder(n)).collect();
    let mut lines = Vec::new();
    let mut told = false;
    for name in names {
        if in_folder(name).is_none() {
            lines.push(format!("skrev {}", dir.join(name).display()));
        } else if !told {
            told = true;
            let charts = media.iter().filter(|m| m.starts_with("diagram-")).count();
            let pictures = media.len() - charts;
            let mut parts = Vec::new();
            if charts > 0 {
                parts.push(format!("{charts} diagram"));
            }
            if pictures > 0 {
                parts.push(crate::base::format::count(pictures, "bild", "bilder"));
            }
            lines.push(format!(
                "skrev {}{} ({})",
                dir.join(folder).display(),
                std::path::MAIN_SEPARATOR,
                parts.join(" och ")
            ));
        }
    }
    lines
}

/// Writes `contents` to `path` atomically, creating the folder if needed.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(|e| {
        anyhow!(
            "kan inte skapa mappen {}: {}",
            dir.display(),
            crate::ingest::io_reason(&e)
        )
    })?;
    let name = path
        .file_name()
        .ok_or_else(|| anyhow!("{} är inget filnamn", path.display()))?;
    let tmp: PathBuf = dir.join(format!(
        ".{}{TEMP_MARK}{}",
        name.to_string_lossy(),
        std::process::id()
    ));
    let result = (|| -> std::io::Result<()> {
        let mut f = File::create(&tmp)?;
        f.write_all(contents)?;
        f.sync_all()?;
        fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = fs::remove_file(&tmp);
        return Err(anyhow!(
            "kan inte skriva {}: {}",
            path.display(),
            crate::ingest::io_reason(&e)
        ));
    }
    Ok(())
}

/// Whether an error comes from writing to a closed pipe (`kvalitet … | head`), which is not a
/// failure.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Writes a line to stdout, turning a closed pipe into an error `main` treats as success.
pub fn println(line: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    writeln!(out, "{line}").context("stdout")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_media_folder_is_told_as_one_line_where_its_first_file_stands() {
        let names: Vec<String> = [
            "r.md",
            "r-bilder/diagram-1.svg",
            "r-bilder/bild-1.png",
            "r-bilder/diagram-2.svg",
            "r.html",
            "r-bilder-x.md",
        ]
        .map(String::from)
        .to_vec();
        let dir = Path::new("ut");
        let sep = std::path::MAIN_SEPARATOR;
        assert_eq!(
            written_lines(dir, "r-bilder", &names),
            [
                format!("skrev {}", dir.join("r.md").display()),
                format!(
                    "skrev {}{sep} (2 diagram och 1 bild)",
                    dir.join("r-bilder").display()
                ),
                format!("skrev {}", dir.join("r.html").display()),
                format!("skrev {}", dir.join("r-bilder-x.md").display()),
            ]
        );
        let pictures = ["r-bilder/bild-1.png", "r-bilder/bild-2.jpg"].map(String::from);
        assert_eq!(
            written_lines(dir, "r-bilder", &pictures),
            [format!(
                "skrev {}{sep} (2 bilder)",
                dir.join("r-bilder").display()
            )]
        );
        let charts = ["r-bilder/diagram-1.svg"].map(String::from);
        assert_eq!(
            written_lines(dir, "r-bilder", &charts),
            [format!(
                "skrev {}{sep} (1 diagram)",
                dir.join("r-bilder").display()
            )]
        );
        assert!(written_lines(dir, "r-bilder", &[]).is_empty());
    }

    #[test]
    fn atomic_write_replaces_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ut").join("a.md");
        write_atomic(&path, b"ett").unwrap();
        write_atomic(&path, b"tva").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "tva");
        let names: Vec<_> = fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("a.md")]);
    }

    #[test]
    fn stale_temp_files_are_removed_and_finished_files_kept() {
        let dir = tempfile::tempdir().unwrap();
        for name in [".a.csv.tmp-123", "a.csv", ".b.tmp-x", "c.tmp-1"] {
            fs::write(dir.path().join(name), "x").unwrap();
        }
        remove_stale_temps(dir.path());
        let mut names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(names, [".b.tmp-x", "a.csv", "c.tmp-1"]);
    }

    #[test]
    fn images_of_an_earlier_run_are_removed_and_other_files_kept() {
        let dir = tempfile::tempdir().unwrap();
        let media = dir.path().join("r-bilder");
        fs::create_dir(&media).unwrap();
        for name in [
            "bild-1.png",
            "bild-2.svg",
            "bild-3.jpg",
            "bild-x.png",
            "karta.png",
            "bild-4.gif",
        ] {
            fs::write(media.join(name), "x").unwrap();
        }
        remove_stale_images(dir.path(), "r-bilder", &["r-bilder/bild-1.png".to_string()]);
        let mut names: Vec<_> = fs::read_dir(&media)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(
            names,
            ["bild-1.png", "bild-4.gif", "bild-x.png", "karta.png"]
        );
        // With no image left, the folder goes too; a folder that is not there is no error.
        let only = dir.path().join("s-bilder");
        fs::create_dir(&only).unwrap();
        fs::write(only.join("bild-1.png"), "x").unwrap();
        remove_stale_images(dir.path(), "s-bilder", &[]);
        assert!(!only.exists());
        remove_stale_images(dir.path(), "t-bilder", &[]);
    }

    #[test]
    fn broken_pipe_is_recognised_through_context() {
        let err = anyhow::Error::new(std::io::Error::from(std::io::ErrorKind::BrokenPipe))
            .context("stdout");
        assert!(is_broken_pipe(&err));
        assert!(!is_broken_pipe(&anyhow!("annat")));
    }
}
