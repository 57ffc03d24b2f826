//! The xlsx package: the zip archive, its parts inflated within a bound (a zip bomb is refused
//! while it inflates, whatever its headers claim), and the workbook's sheets, styles and
//! shared-string part as its relationships name them.

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use zip::ZipArchive;
use zip::read::ZipFile;

use super::Fail;
use super::checks::limit;
use super::scan::{Kind, Scanner, attr_text};
use super::styles::Styles;

/// A sheet as the workbook lists it.
#[derive(Debug, Clone)]
pub(super) struct SheetEntry {
    pub(super) name: String,
    pub(super) hidden: bool,
    /// Its part in the archive, when the relationships name one.
    pub(super) part: Option<String>,
}

/// What the workbook says of itself, read once when it is opened.
#[derive(Debug)]
pub(super) struct Package {
    pub(super) path: PathBuf,
    pub(super) sheets: Vec<SheetEntry>,
    pub(super) styles: Styles,
    pub(super) is_1904: bool,
    /// The shared-string part (which may be missing).
    pub(super) shared_strings: String,
}

/// A part as it inflates, refused beyond its bound.
pub(super) struct Bounded<R> {
    inner: R,
    left: u64,
    limit: u64,
}

impl<R: Read> Read for Bounded<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        match self.left.checked_sub(n as u64) {
            Some(left) => {
                self.left = left;
                Ok(n)
            }
            None => Err(io::Error::other(Fail::Bomb(self.limit))),
        }
    }
}

/// Opens the archive at `path`; `Err(Fail)` inside when it is no zip archive, or when a part
/// declares an inflated size beyond its bound.
pub(super) fn archive(path: &Path) -> io::Result<Result<ZipArchive<File>, Fail>> {
    let file = File::open(path)?;
    let Ok(mut zip) = ZipArchive::new(file) else {
        return Ok(Err(Fail::Unreadable));
    };
    for i in 0..zip.len() {
        let Ok(part) = zip.by_index_raw(i) else {
            return Ok(Err(Fail::Unreadable));
        };
        let bound = limit(part.compressed_size());
        if part.size() > bound {
            return Ok(Err(Fail::Bomb(bound)));
        }
    }
    Ok(Ok(zip))
}

/// The part called `name` (compared without case and leading slash, as Excel does), as it
/// inflates within its bound; `None` if the archive has no such part.
pub(super) fn part<'a>(
    zip: &'a mut ZipArchive<File>,
    name: &str,
) -> Result<Option<Bounded<ZipFile<'a, File>>>, Fail> {
    let wanted = name.trim_start_matches('/').replace('\\', "/");
    let index = zip.index_for_name(&wanted).or_else(|| {
        let found = zip
            .file_names()
            .filter_map(Result::ok)
            .find(|n| n.replace('\\', "/").eq_ignore_ascii_case(&wanted))?
            .into_owned();
        zip.index_for_name(&found)
    });
    let Some(index) = index else {
        return Ok(None);
    };
    let file = zip.by_index(index).map_err(|_| Fail::Unreadable)?;
    let limit = limit(file.compressed_size());
    Ok(Some(Bounded {
        inner: file,
        left: limit,
        limit,
    }))
}

/// The whole of a small part, or `None` if there is none.
fn small_part(zip: &mut ZipArchive<File>, name: &str) -> Result<Option<Vec<u8>>, Fail> {
    let Some(mut part) = part(zip, name)? else {
        return Ok(None);
    };
    let mut bytes = Vec::new();
    part.read_to_end(&mut bytes)
        .map_err(|e| super::scan::read_failure(&e))?;
    Ok(Some(bytes))
}

/// One relationship: its id, the end of its type, its target resolved against `base`.
struct Relationship {
    id: String,
    kind: String,
    target: String,
}

fn relationships(xml: &[u8], base: &str) -> Result<Vec<Relationship>, Fail> {
    let mut scan = Scanner::new(xml);
    let mut found = Vec::new();
    while let Some(node) = scan.next()? {
        if !matches!(node.kind, Kind::Open | Kind::Empty) || scan.name(&node) != b"Relationship" {
            continue;
        }
        let (mut id, mut kind, mut target) = (String::new(), String::new(), String::new());
        for (k, v) in scan.attrs(&node) {
            match k {
                b"Id" => id = attr_text(v)?,
                b"Type" => kind = attr_text(v)?.rsplit('/').next().unwrap_or("").to_string(),
                b"Target" => target = resolve(base, &attr_text(v)?),
                _ => {}
            }
        }
        found.push(Relationship { id, kind, target });
    }
    Ok(found)
}

/// A relationship's target as a part name: absolute (`/xl/…`) or relative to `base`'s folder.
fn resolve(base: &str, target: &str) -> String {
    let mut parts: Vec<&str> = match target.strip_prefix('/') {
        Some(_) => Vec::new(),
        None => base.split('/').filter(|p| !p.is_empty()).collect(),
    };
    for piece in target.trim_start_matches('/').split('/') {
        match piece {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// The folder of a part name (`xl/workbook.xml` → `xl`).
fn folder(part: &str) -> &str {
    part.rsplit_once('/').map_or("", |(dir, _)| dir)
}

impl Package {
    /// Opens the workbook at `path`: the archive, then the parts that describe it.
    pub(super) fn open(path: &Path) -> io::Result<Result<(Package, ZipArchive<File>), Fail>> {
        let mut zip = match archive(path)? {
            Ok(zip) => zip,
            Err(fail) => return Ok(Err(fail)),
        };
        Ok(Package::read(path, &mut zip).map(|p| (p, zip)))
    }

    fn read(path: &Path, zip: &mut ZipArchive<File>) -> Result<Package, Fail> {
        let root = small_part(zip, "_rels/.rels")?
            .map(|xml| relationships(&xml, ""))
            .transpose()?
            .unwrap_or_default();
        let workbook = root
            .iter()
            .find(|r| r.kind == "officeDocument")
            .map_or("xl/workbook.xml".to_string(), |r| r.target.clone());
        let Some(xml) = small_part(zip, &workbook)? else {
            return Err(Fail::Unreadable);
        };
        let base = folder(&workbook);
        let (file_name, dir) = (
            workbook.rsplit('/').next().unwrap_or(""),
            if base.is_empty() {
                String::new()
            } else {
                format!("{base}/")
            },
        );
        let rels = small_part(zip, &format!("{dir}_rels/{file_name}.rels"))?
            .map(|xml| relationships(&xml, base))
            .transpose()?
            .unwrap_or_default();
        let by_kind = |kind: &str, default: &str| {
            rels.iter()
                .find(|r| r.kind == kind)
                .map_or(format!("{dir}{default}"), |r| r.target.clone())
        };
        let (styles, shared) = (
            by_kind("styles", "styles.xml"),
            by_kind("sharedStrings", "sharedStrings.xml"),
        );
        let styles = match small_part(zip, &styles)? {
            Some(xml) => Styles::parse(&xml)?,
            None => Styles::default(),
        };

        let mut scan = Scanner::new(&xml[..]);
        let mut sheets = Vec::new();
        let mut is_1904 = false;
        while let Some(node) = scan.next()? {
            if !matches!(node.kind, Kind::Open | Kind::Empty) {
                continue;
            }
            match scan.name(&node) {
                // Excel 2013+ and Mac Excel repeat `workbookPr` inside `extLst`
                // (`x15:workbookPr`) without the attribute: only a stated flag counts.
                b"workbookPr" => {
                    if let Some((_, v)) = scan.attrs(&node).find(|(k, _)| *k == b"date1904") {
                        is_1904 = matches!(v, b"1" | b"true");
                    }
                }
                b"sheet" => {
                    let (mut name, mut hidden, mut id) = (String::new(), false, None);
                    for (k, v) in scan.attrs(&node) {
                        match k {
                            b"name" => name = attr_text(v)?,
                            // Any other state (`show`, which is not valid) is visible,
                            // as Excel shows it.
                            b"state" => hidden = matches!(v, b"hidden" | b"veryHidden"),
                            k if k == b"id" || k.ends_with(b":id") => id = Some(attr_text(v)?),
                            _ => {}
                        }
                    }
                    let part = id
                        .and_then(|id| rels.iter().find(|r| r.id == id).map(|r| r.target.clone()));
                    sheets.push(SheetEntry { name, hidden, part });
                }
                _ => {}
            }
        }
        Ok(Package {
            path: path.to_path_buf(),
            sheets,
            styles,
            is_1904,
            shared_strings: shared,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_resolve_against_the_folder_of_their_source() {
        assert_eq!(
            resolve("xl", "worksheets/sheet1.xml"),
            "xl/worksheets/sheet1.xml"
        );
        assert_eq!(
            resolve("xl", "/xl/worksheets/sheet1.xml"),
            "xl/worksheets/sheet1.xml"
        );
        assert_eq!(resolve("xl/sub", "../styles.xml"), "xl/styles.xml");
        assert_eq!(resolve("", "xl/workbook.xml"), "xl/workbook.xml");
        assert_eq!(folder("xl/workbook.xml"), "xl");
        assert_eq!(folder("workbook.xml"), "");
    }

    #[test]
    fn relationships_name_their_kind_by_the_end_of_the_type() {
        let xml = br#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://x/styles" Target="/xl/styles.xml"/></Relationships>"#;
        let rels = relationships(xml, "xl").unwrap();
        assert_eq!(rels.len(), 2);
        assert_eq!(
            (
                rels[0].id.as_str(),
                rels[0].kind.as_str(),
                rels[0].target.as_str()
            ),
            ("rId1", "worksheet", "xl/worksheets/sheet1.xml")
        );
        assert_eq!(rels[1].target, "xl/styles.xml");
    }
}
