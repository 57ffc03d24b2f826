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
    "guide",
    "cli",
    "ingest",
    "output",
    "kolada",
    "model",
    "store",
    "compute",
    "render",
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
        "lib" | "main" | "build" | "architecture_tests" => None,
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
        let entry = entry.expect("entry");
        let rel = PathBuf::from(entry.file_name());
        // Rooms are Rust modules: folders and .rs files (src/README.md is documentation).
        let is_room = entry.path().is_dir() || rel.extension().is_some_and(|e| e == "rs");
        if !is_room {
            continue;
        }
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

// ---------------------------------------------------------------------------------------
// Within a room: no circle of files importing each other.
// ---------------------------------------------------------------------------------------

/// The module path of a file under `src/`: `compute/table.rs` → `[compute, table]`,
/// `model/survey/mod.rs` → `[model, survey]`, `lib.rs` → `[]`.
fn module_of(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if let Some(last) = parts.pop() {
        let stem = last.strip_suffix(".rs").unwrap_or(&last).to_string();
        if !(stem == "mod" || (parts.is_empty() && (stem == "lib" || stem == "main"))) {
            parts.push(stem);
        }
    }
    parts
}

/// Every path named after `crate::` or `super::` in `text`, as module segments from the crate
/// root (`super` resolved against `module`); a grouped import gives one path per item, up to
/// its first name.
fn paths_used(text: &str, module: &[String]) -> Vec<Vec<String>> {
    let code: String = text.lines().map(code).collect::<Vec<_>>().join("\n");
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    let mut out = Vec::new();
    let bytes = code.as_bytes();
    let mut i = 0;
    while i < code.len() {
        let rest = &code[i..];
        let starts = (rest.starts_with("crate::") || rest.starts_with("super::"))
            && (i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || b"_:".contains(&bytes[i - 1])));
        if !starts {
            i += rest.chars().next().map_or(1, char::len_utf8);
            continue;
        }
        // `super` is the parent of the file's module, for a `mod.rs` as for any other file.
        let mut path: Vec<String> = match rest.starts_with("crate::") {
            true => Vec::new(),
            false => module.to_vec(),
        };
        let mut rest = rest;
        if let Some(r) = rest.strip_prefix("crate::") {
            rest = r;
        }
        while let Some(r) = rest.strip_prefix("super::") {
            path.pop();
            rest = r;
        }
        loop {
            let name = ident(rest);
            if name.is_empty() || !rest[name.len()..].starts_with("::") {
                if !name.is_empty() {
                    path.push(name);
                }
                break;
            }
            rest = &rest[name.len() + 2..];
            path.push(name);
        }
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find("};").unwrap_or(group.len());
            let (mut depth, mut start) = (0, true);
            for (j, c) in group[..end].char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => start = true,
                    c if start && depth == 0 && (c.is_ascii_alphabetic() || c == '_') => {
                        let name = ident(&group[j..]);
                        if name != "self" {
                            out.push([path.clone(), vec![name]].concat());
                        }
                        start = false;
                    }
                    _ => {}
                }
            }
        } else {
            out.push(path);
        }
        i = code.len() - rest.len();
    }
    out
}

/// Circles of files that import each other, one line each (`a → b → a`). An import of a
/// module's own ancestor or descendant (a `mod.rs` and its children) is not counted: that is how
/// a module and its parts share their types.
fn file_circles(src: &Path) -> Vec<String> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let mut modules: BTreeMap<Vec<String>, PathBuf> = BTreeMap::new();
    // Tests may build their fixtures from any sibling: test files and `#[cfg(test)]` modules
    // (at the end of a file, by the crate's habit) are left out.
    for path in &files {
        let rel = path.strip_prefix(src).expect("under src").to_path_buf();
        if !rel.to_string_lossy().ends_with("tests.rs") {
            modules.insert(module_of(&rel), rel);
        }
    }
    let related = |a: &[String], b: &[String]| a.starts_with(b) || b.starts_with(a);
    let mut edges: BTreeMap<Vec<String>, Vec<Vec<String>>> = BTreeMap::new();
    for (module, rel) in &modules {
        let text = std::fs::read_to_string(src.join(rel)).expect("source is readable");
        let text = text.split("#[cfg(test)]").next().unwrap_or_default();
        let mut used = Vec::new();
        for path in paths_used(text, module) {
            let target = (0..=path.len())
                .rev()
                .map(|k| path[..k].to_vec())
                .find(|p| modules.contains_key(p));
            if let Some(t) = target
                && !related(module, &t)
                && !used.contains(&t)
            {
                used.push(t);
            }
        }
        edges.insert(module.clone(), used);
    }
    // A depth-first search finds one circle through each back edge.
    let mut circles = Vec::new();
    let mut state: BTreeMap<Vec<String>, u8> = BTreeMap::new();
    fn visit(
        m: &Vec<String>,
        edges: &BTreeMap<Vec<String>, Vec<Vec<String>>>,
        state: &mut BTreeMap<Vec<String>, u8>,
        stack: &mut Vec<Vec<String>>,
        circles: &mut Vec<String>,
    ) {
        state.insert(m.clone(), 1);
        stack.push(m.clone());
        for t in edges.get(m).into_iter().flatten() {
            match state.get(t) {
                None => visit(t, edges, state, stack, circles),
                Some(1) => {
                    let from = stack.iter().position(|s| s == t).expect("on the stack");
                    let names: Vec<String> = stack[from..]
                        .iter()
                        .chain(std::iter::once(t))
                        .map(|s| s.join("::"))
                        .collect();
                    circles.push(names.join(" → "));
                }
                _ => {}
            }
        }
        stack.pop();
        state.insert(m.clone(), 2);
    }
    for m in modules.keys() {
        if !state.contains_key(m) {
            visit(m, &edges, &mut state, &mut Vec::new(), &mut circles);
        }
    }
    circles
}

#[test]
fn no_files_import_each_other_in_a_circle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let circles = file_circles(&src);
    assert!(
        circles.is_empty(),
        "files that import each other in a circle ({}):\n{}",
        circles.len(),
        circles.join("\n")
    );
}

#[test]
fn a_circle_of_sibling_files_is_reported_but_a_module_and_its_parts_are_not() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("render/parts")).expect("dirs");
    let write = |rel: &str, text: &str| std::fs::write(dir.path().join(rel), text).expect("write");
    write("render/a.rs", "use super::b::f;\n");
    write("render/b.rs", "use crate::render::{a::g, c};\n");
    write(
        "render/c.rs",
        "// crate::render::a in a comment is no import\n#[cfg(test)]\nuse crate::render::a;\n",
    );
    write("render/parts/mod.rs", "use one::X;\nmod one;\n");
    write(
        "render/parts/one.rs",
        "use super::Y;\nuse super::super::c;\n",
    );
    assert_eq!(
        file_circles(dir.path()),
        ["render::a → render::b → render::a"]
    );
}

#[test]
fn super_paths_resolve_from_the_file_or_its_mod_rs() {
    let m = |s: &str| s.split("::").map(String::from).collect::<Vec<_>>();
    assert_eq!(
        paths_used(
            "use super::{kpi::Meta, keys};",
            &m("model::indicators::values")
        ),
        [m("model::indicators::kpi"), m("model::indicators::keys")]
    );
    assert_eq!(
        paths_used("x = super::table::Row;", &m("compute::survey_tables")),
        [m("compute::table::Row")]
    );
    assert_eq!(
        paths_used(
            "super::super::catalog::kpi(1)",
            &m("model::indicators::metadata")
        ),
        [m("model::catalog::kpi")]
    );
}
