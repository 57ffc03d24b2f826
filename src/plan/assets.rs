//! Reading what the document shows besides the data, before any work: the logo and colours of
//! `[dokument]` and the images the controller's texts (`text/*.md`) name. Every problem is a
//! Swedish error naming the file, so a report is never written without its logo or a picture.

use std::path::Path;

use anyhow::{Result, anyhow};
use comrak::nodes::NodeValue;

use super::texts::Pictures;
use crate::render::document::{Assets, Image, ImageKind};
use crate::render::markdown;
use crate::settings::Settings;

/// The folder of the texts, whose images are named relative to it.
const TEXT_DIR: &str = "text";

/// The logo and the texts' images of the data folder `dir`, after checking the colours.
/// `sources` are the template sources with the folder's texts added (`text/<avsnitt>.md`);
/// `pictures` are the images the Word texts brought, which are not files to read.
pub fn read(
    dir: &Path,
    settings: &Settings,
    sources: &[(String, String)],
    pictures: Pictures,
) -> Result<Assets> {
    check_colours(settings)?;
    // A Word file's pictures are addressed under its name as a link writes it (`egen%20del.docx/
    // bild1.png`); like every image they are kept under the decoded address.
    let mut assets = Assets {
        images: pictures
            .images
            .into_iter()
            .map(|(url, img)| (Assets::key(&url), img))
            .collect(),
        widths: pictures
            .widths
            .into_iter()
            .map(|(url, w)| (Assets::key(&url), w))
            .collect(),
        ..Assets::default()
    };
    if let Some(rel) = settings
        .dokument
        .logotyp
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty())
    {
        assets.logo = Some(image(
            &dir.join(rel),
            &format!("logotypen {rel} ([dokument] logotyp)"),
        )?);
    }
    for (name, text) in sources {
        if !name.starts_with(&format!("{TEXT_DIR}/")) {
            continue;
        }
        for url in image_urls(text) {
            let key = Assets::key(&url);
            if assets.images.contains_key(&key) || is_remote(&url) {
                continue;
            }
            let what = format!("{name}: bilden {url}");
            let img = image(&dir.join(TEXT_DIR).join(&key), &what)?;
            assets.images.insert(key, img);
        }
    }
    Ok(assets)
}

/// The sources and alt texts of the images in the Markdown `text`, in order, as the renderers
/// will look them up.
pub fn images(text: &str) -> Vec<(String, String)> {
    let arena = comrak::Arena::new();
    let root = comrak::parse_document(&arena, text, &markdown::comrak_options());
    root.descendants()
        .filter_map(|n| match &n.data().value {
            NodeValue::Image(link) => Some((link.url.clone(), markdown::plain_text(n))),
            _ => None,
        })
        .collect()
}

/// The sources of the images in the Markdown `text` that name something.
pub fn image_urls(text: &str) -> Vec<String> {
    images(text)
        .into_iter()
        .map(|(url, _)| url)
        .filter(|url| !url.is_empty())
        .collect()
}

/// An image on the web or inline, which is not a file to read.
fn is_remote(url: &str) -> bool {
    ["http://", "https://", "data:"]
        .iter()
        .any(|p| url.to_ascii_lowercase().starts_with(p))
}

/// Reads the image at `path`; `what` names it in errors ("logotypen logga.png …").
fn image(path: &Path, what: &str) -> Result<Image> {
    let bytes = std::fs::read(path).map_err(|e| {
        let why = if e.kind() == std::io::ErrorKind::NotFound {
            format!("finns inte ({})", crate::base::names::path(path))
        } else {
            format!("kan inte läsas: {}", crate::ingest::io_reason(&e))
        };
        anyhow!("{what} {why}")
    })?;
    let kind = ImageKind::sniff(&bytes)
        .ok_or_else(|| anyhow!("{what} är ingen bild som kan visas: använd PNG, JPEG eller SVG"))?;
    Ok(Image { bytes, kind })
}

/// `[dokument.farger]` must be `#rrggbb`, so every format can use them as they are.
fn check_colours(settings: &Settings) -> Result<()> {
    let farger = &settings.dokument.farger;
    for (key, value) in [("primar", &farger.primar), ("accent", &farger.accent)] {
        if let Some(v) = value {
            let ok =
                v.len() == 7 && v.starts_with('#') && v[1..].chars().all(|c| c.is_ascii_hexdigit());
            if !ok {
                return Err(anyhow!(
                    "kvalitet.toml: [dokument.farger] {key} = \"{v}\" är ingen färg; skriv den som #rrggbb, till exempel \"#0b4f8a\""
                ));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn settings(toml: &str) -> Settings {
        Settings::parse(toml).unwrap()
    }

    fn text(name: &str, body: &str) -> (String, String) {
        (format!("text/{name}.md"), body.to_string())
    }

    #[test]
    fn the_logo_and_the_texts_images_are_read_by_their_signature() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("logga.svg"),
            "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        )
        .unwrap();
        std::fs::create_dir_all(dir.path().join("text/bilder")).unwrap();
        std::fs::write(
            dir.path().join("text/bilder/graf 1.png"),
            b"\x89PNG\r\n\x1a\nrest",
        )
        .unwrap();
        let s = settings("[dokument]\nlogotyp = \"logga.svg\"\n");
        let sources = [
            text(
                "avvikelser",
                "Se ![Graf](bilder/graf%201.png) och ![webb](https://x.se/a.png).\n",
            ),
            (
                "avsnitt/inledning.md".to_string(),
                "![mall](ingen.png)".to_string(),
            ),
        ];
        let assets = read(dir.path(), &s, &sources, Pictures::default()).unwrap();
        assert_eq!(assets.logo.as_ref().unwrap().kind, ImageKind::Svg);
        assert_eq!(
            assets.images.keys().collect::<Vec<_>>(),
            ["bilder/graf 1.png"]
        );
        assert_eq!(
            assets.image("bilder/graf%201.png").unwrap().kind,
            ImageKind::Png
        );
        assert_eq!(
            assets.image("bilder/graf 1.png").unwrap().kind,
            ImageKind::Png
        );
    }

    #[test]
    fn a_missing_or_unreadable_logo_is_a_swedish_error_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let err = read(
            dir.path(),
            &settings("[dokument]\nlogotyp = \"logga.png\"\n"),
            &[],
            Pictures::default(),
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.starts_with("logotypen logga.png ([dokument] logotyp) finns inte"),
            "{err}"
        );
        std::fs::write(dir.path().join("logga.png"), "inte en bild").unwrap();
        let err = read(
            dir.path(),
            &settings("[dokument]\nlogotyp = \"logga.png\"\n"),
            &[],
            Pictures::default(),
        )
        .unwrap_err()
        .to_string();
        assert_eq!(
            err,
            "logotypen logga.png ([dokument] logotyp) är ingen bild som kan visas: använd PNG, JPEG eller SVG"
        );
    }

    #[test]
    fn a_missing_image_names_the_text_and_the_image() {
        let dir = tempfile::tempdir().unwrap();
        let err = read(
            dir.path(),
            &Settings::default(),
            &[text("samverkan", "![Karta](karta.png)\n")],
            Pictures::default(),
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.starts_with("text/samverkan.md: bilden karta.png finns inte"),
            "{err}"
        );
    }

    #[test]
    fn a_word_texts_pictures_are_no_files_to_read() {
        let dir = tempfile::tempdir().unwrap();
        let png = Image {
            bytes: b"\x89PNG\r\n\x1a\n".to_vec(),
            kind: ImageKind::Png,
        };
        let pictures = Pictures {
            images: BTreeMap::from([
                ("samverkan.docx/bild1.png".to_string(), png.clone()),
                ("egen%20del.docx/bild1.png".to_string(), png.clone()),
            ]),
            widths: BTreeMap::from([("egen%20del.docx/bild1.png".to_string(), 2.0)]),
        };
        let assets = read(
            dir.path(),
            &Settings::default(),
            &[
                text("samverkan", "![Karta](samverkan.docx/bild1.png)\n"),
                text("egen del", "![Karta](egen%20del.docx/bild1.png)\n"),
            ],
            pictures,
        )
        .unwrap();
        assert_eq!(assets.image("samverkan.docx/bild1.png"), Some(&png));
        // A Word file with a space in its name: found by the address its link writes.
        let url = "egen%20del.docx/bild1.png";
        assert_eq!(assets.image(url), Some(&png));
        assert_eq!(assets.width(url, &png), Some(2.0));
    }

    #[test]
    fn colours_must_be_hex() {
        let dir = tempfile::tempdir().unwrap();
        let err = read(
            dir.path(),
            &settings("[dokument.farger]\nprimar = \"blå\"\n"),
            &[],
            Pictures::default(),
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("[dokument.farger] primar = \"blå\" är ingen färg"),
            "{err}"
        );
        assert!(
            read(
                dir.path(),
                &settings("[dokument.farger]\naccent = \"#A0b1C2\"\n"),
                &[],
                Pictures::default(),
            )
            .is_ok()
        );
    }
}
