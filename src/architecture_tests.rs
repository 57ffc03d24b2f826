//! The house rule of issue 15, checked on the source itself: imports between the crate's rooms
//! run one way only, down the pipeline `base → ingest → model → compute → render → output`, with
//! the plans, the batch export and `cmd/` on top. A room may use itself and any room below it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The rooms from the bottom up. A room may import only from rooms earlier in this list.
const ORDER: &[&str] = &[
    "text",
    "base",
    "diagnostics",
    "settings",
    "cli",
    "ingest",
    "output",
    "kolada",
    "model",
    "store",
    "compute",
    "render",
    "pdf",
    "scaffold",
    "plan",
    "export",
    "cmd",
];

fn rank(room: &str) -> Option<usize> {
    ORDER.iter().position(|r| *r == room)
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src is readable") {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The room a file belongs to: its first path component under `src/` without `.rs`; `None` for
/// the crate root (`lib.rs`, `main.rs`, this file), which may use every room.
fn room_of(rel: &Path) -> Option<String> {
    let first = rel.components().next()?.as_os_str().to_str()?;
    let room = first.strip_suffix(".rs").unwrap_or(first);
    match room {
        "lib" | "main" | "architecture_tests" => None,
        r => Some(r.to_string()),
    }
}

/// The code of a line without its `//` comment (a `//` inside a string is rare enough in this
/// crate's `use` lines and paths to ignore).
fn code(line: &str) -> &str {
    match line.find("//") {
        Some(i) => &line[..i],
        None => line,
    }
}

/// Every room named after `crate::` in `text`: plain paths (`crate::ingest::cell`) and the
/// first names inside a grouped import (`use crate::{ingest, model::Record}`).
fn rooms_used(text: &str) -> Vec<String> {
    let code: String = text.lines().map(code).collect::<Vec<_>>().join("\n");
    let mut out = Vec::new();
    let mut rest = code.as_str();
    while let Some(i) = rest.find("crate::") {
        rest = &rest[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find("};").unwrap_or(group.len());
            let mut depth = 0;
            let mut start = true;
            for (j, c) in group[..end].char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => start = true,
                    c if start && (c.is_ascii_alphabetic() || c == '_') && depth == 0 => {
                        let name: String = group[j..]
                            .chars()
                            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                            .collect();
                        out.push(name);
                        start = false;
                    }
                    _ => {}
                }
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                out.push(name);
            }
        }
    }
    out
}

/// `file: room → used room` for every import that runs up, or sideways into an unlisted room.
fn upward_imports(src: &Path) -> Vec<String> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    files.sort();
    let mut bad = Vec::new();
    for path in files {
        let rel = path.strip_prefix(src).expect("under src");
        let Some(room) = room_of(rel) else { continue };
        let Some(own) = rank(&room) else {
            bad.push(format!("{}: room {room} is not in ORDER", rel.display()));
            continue;
        };
        let text = std::fs::read_to_string(&path).expect("source is readable");
        let mut seen = BTreeMap::new();
        for used in rooms_used(&text) {
            if used == room || used == "self" || used == "super" {
                continue;
            }
            match rank(&used) {
                Some(r) if r < own => {}
                _ => {
                    seen.insert(used, ());
                }
            }
        }
        for used in seen.keys() {
            bad.push(format!("{}: {room} → {used}", rel.display()));
        }
    }
    bad
}

#[test]
fn imports_run_down_the_pipeline() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let bad = upward_imports(&src);
    assert!(
        bad.is_empty(),
        "imports that run up the pipeline ({}):\n{}",
        bad.len(),
        bad.join("\n")
    );
}

#[test]
fn every_top_level_room_is_ordered() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(&src).expect("src is readable") {
        let rel = PathBuf::from(entry.expect("entry").file_name());
        if let Some(room) = room_of(&rel)
            && rank(&room).is_none()
        {
            missing.push(room);
        }
    }
    assert!(missing.is_empty(), "rooms not in ORDER: {missing:?}");
}

#[test]
fn grouped_and_plain_imports_are_both_seen() {
    let text = "use crate::{ingest::cell, model::{Record, Kind}};\nlet x = crate::render::format::int(1); // crate::cmd\n";
    assert_eq!(rooms_used(text), ["ingest", "model", "render"]);
}

#[test]
fn an_upward_import_is_reported_with_its_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join("model")).expect("model dir");
    std::fs::write(
        dir.path().join("model/x.rs"),
        "use crate::render::format;\nuse crate::ingest::cell;\n",
    )
    .expect("write");
    assert_eq!(upward_imports(dir.path()), ["model/x.rs: model → render"]);
}
