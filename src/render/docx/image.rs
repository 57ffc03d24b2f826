//! Pictures for the Word document: charts (and SVG images) rasterised to PNG at print
//! resolution with resvg, using only the fonts the edge read into the assets, and the pixel
//! size of PNG and JPEG images read from their headers.

use std::sync::Arc;

use resvg::{tiny_skia, usvg};

use crate::render::chart::{self, Chart};
use crate::render::diagram::Pending;

/// Pixels per CSS pixel of the charts: 680 px wide charts become 2040 px, 300 dpi at 17 cm.
pub const SCALE: f32 = 3.0;

/// The fonts charts are drawn with.
pub struct Fonts {
    db: Arc<usvg::fontdb::Database>,
    family: Option<String>,
}

impl Fonts {
    /// A font database of the given font files (as the edge read them).
    pub fn new(files: &[Vec<u8>]) -> Fonts {
        let mut db = usvg::fontdb::Database::new();
        for f in files {
            db.load_font_data(f.clone());
        }
        let family = db
            .faces()
            .flat_map(|f| f.families.iter().map(|(name, _)| name.clone()))
            .next();
        if let Some(f) = &family {
            db.set_sans_serif_family(f.clone());
        }
        Fonts {
            db: Arc::new(db),
            family,
        }
    }
}

/// A picture as PNG bytes with its size in CSS pixels.
pub type Raster = (Vec<u8>, f32, f32);

/// Every chart as PNG, drawn on as many threads as there are charts (each is independent).
pub fn charts(figures: &[Pending], fonts: &Fonts) -> Vec<Option<Raster>> {
    std::thread::scope(|s| {
        let handles: Vec<_> = figures
            .iter()
            .enumerate()
            .map(|(k, f)| {
                s.spawn(move || {
                    let chart = Chart {
                        id: format!("diagram-{}", k + 1),
                        ..f.chart.clone()
                    };
                    rasterise(&chart::svg(&chart), fonts)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().ok().flatten())
            .collect()
    })
}

/// The SVG as PNG bytes at [`SCALE`] times its size, with its size in CSS pixels; `None` when
/// the SVG cannot be read.
pub fn rasterise(svg: &str, fonts: &Fonts) -> Option<Raster> {
    let mut opt = usvg::Options {
        fontdb: fonts.db.clone(),
        ..Default::default()
    };
    if let Some(f) = &fonts.family {
        opt.font_family = f.clone();
    }
    let tree = usvg::Tree::from_str(svg, &opt).ok()?;
    let size = tree.size();
    let (w, h) = (size.width(), size.height());
    let mut pixmap = tiny_skia::Pixmap::new((w * SCALE).ceil() as u32, (h * SCALE).ceil() as u32)?;
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(SCALE, SCALE),
        &mut pixmap.as_mut(),
    );
    Some((encode(&pixmap)?, w, h))
}

/// The opaque pixmap as an RGB PNG.
fn encode(pixmap: &tiny_skia::Pixmap) -> Option<Vec<u8>> {
    let rgb: Vec<u8> = pixmap
        .data()
        .chunks_exact(4)
        .flat_map(|p| [p[0], p[1], p[2]])
        .collect();
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, pixmap.width(), pixmap.height());
    enc.set_color(png::ColorType::Rgb);
    enc.set_depth(png::BitDepth::Eight);
    enc.set_compression(png::Compression::Balanced);
    // 300 dots per inch, so Word and LibreOffice know the print size.
    enc.set_pixel_dims(Some(png::PixelDimensions {
        xppu: 11_811,
        yppu: 11_811,
        unit: png::Unit::Meter,
    }));
    let mut w = enc.write_header().ok()?;
    w.write_image_data(&rgb).ok()?;
    w.finish().ok()?;
    Some(out)
}

pub use crate::render::document::pixel_size as size;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::document::ImageKind;

    #[test]
    fn png_and_jpeg_sizes_come_from_the_header() {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        png.extend(640u32.to_be_bytes());
        png.extend(480u32.to_be_bytes());
        assert_eq!(size(&png, ImageKind::Png), Some((640, 480)));
        assert_eq!(size(b"GIF89a", ImageKind::Png), None);
        let jpeg = [
            0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 0, 0, 0xFF, 0xC0, 0, 17, 8, 0, 200, 1, 44, 3, 0, 0,
        ];
        assert_eq!(size(&jpeg, ImageKind::Jpeg), Some((300, 200)));
    }

    #[test]
    fn an_svg_becomes_a_png_three_times_its_size() {
        let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 5\"><rect width=\"10\" height=\"5\" fill=\"#000\"/></svg>";
        let (png, w, h) = rasterise(svg, &Fonts::new(&[])).unwrap();
        assert_eq!((w, h), (10.0, 5.0));
        assert_eq!(size(&png, ImageKind::Png), Some((30, 15)));
        assert!(rasterise("<nej", &Fonts::new(&[])).is_none());
    }
}
