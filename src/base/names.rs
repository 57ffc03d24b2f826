//! The one guard for text that reaches an output without being a data cell: file, folder
//! and sheet names, column headers and KPI titles. Each passes [`shown`], [`header`],
//! [`file_name`] or [`path`] before it is printed in a message, the report, an export path or
//! JSON; text that looks like personal data ([`super::personal_data::detect`]) is replaced, never echoed.

use std::borrow::Cow;
use std::path::{Component, Path, PathBuf};

use super::personal_data::detect;

/// What a name that looks like personal data is shown as.
pub const HIDDEN_NAME: &str = "dolt namn";

/// What a header that looks like personal data is shown as.
pub const HIDDEN_HEADER: &str = "dold rubrik";

/// A name as it may be shown: itself, or [`HIDDEN_NAME`] when it looks like personal data.
pub fn shown(name: &str) -> Cow<'_, str> {
    match detect(name) {
        Some(_) => HIDDEN_NAME.into(),
        None => name.into(),
    }
}

/// A column header as it may be shown: itself, or [`HIDDEN_HEADER`].
pub fn header(text: &str) -> Cow<'_, str> {
    match detect(text) {
        Some(_) => HIDDEN_HEADER.into(),
        None => text.into(),
    }
}

/// The name of a file as shown: the file name only (directories may hold personal names),
/// or [`HIDDEN_NAME`] with the file's extension (`dolt namn.xlsx`) when it looks like
/// personal data.
pub fn file_name(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    if detect(&name).is_none() {
        return name;
    }
    match path.extension().map(|e| e.to_string_lossy()) {
        Some(ext) if detect(&ext).is_none() => format!("{HIDDEN_NAME}.{ext}"),
        _ => HIDDEN_NAME.to_string(),
    }
}

/// A path as shown: every folder or file name in it that looks like personal data is
/// [`HIDDEN_NAME`].
pub fn path(path: &Path) -> String {
    if detect(&path.to_string_lossy()).is_none() {
        return path.display().to_string();
    }
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::Normal(name) => out.push(shown(&name.to_string_lossy()).as_ref()),
            other => out.push(other),
        }
    }
    out.display().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_look_like_personal_data_are_hidden() {
        assert_eq!(shown("Rapporter"), "Rapporter");
        assert_eq!(shown("Rapporter 2022-03-14"), "Rapporter 2022-03-14");
        for name in [
            "19121212-1212",
            "Anna 121212\u{2013}1212.csv",
            "anna.andersson@kommun.se",
            "ring 070-123 45 67",
        ] {
            assert_eq!(shown(name), HIDDEN_NAME, "{name}");
        }
        assert_eq!(header("Personnummer"), "Personnummer");
        assert_eq!(header("191212121212"), HIDDEN_HEADER);
    }

    #[test]
    fn file_names_keep_their_extension_and_lose_their_folders() {
        assert_eq!(file_name(Path::new("a/b/rapporter.xlsx")), "rapporter.xlsx");
        assert_eq!(
            file_name(Path::new("data/19121212-1212.xlsx")),
            "dolt namn.xlsx"
        );
        assert_eq!(
            file_name(Path::new("enkät 121212-1212 hemtjänst.csv")),
            "dolt namn.csv"
        );
    }

    #[test]
    fn paths_hide_only_the_parts_that_look_like_personal_data() {
        assert_eq!(path(Path::new("kommuner/norrvik")), "kommuner/norrvik");
        assert_eq!(
            path(Path::new("/srv/19121212-1212/norrvik")),
            "/srv/dolt namn/norrvik"
        );
    }
}
