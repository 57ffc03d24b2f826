#!/usr/bin/env python3
"""Writes src/render/docx/metrics.rs: the advance widths of the fonts Word documents are
most often set in, so that the Word tables' columns are planned from what the text really
takes instead of an estimate.

The widths come from the metric-compatible free fonts, which have the same advances as the
fonts they stand in for: Liberation Sans for Arial, Liberation Serif for Times New Roman and
Carlito for Calibri. Needs fontTools (pip) and the Debian packages fonts-liberation and
fonts-crosextra-carlito. Run from the repository's root:

    python3 scripts/font-widths.py
"""

from fontTools.ttLib import TTFont

FONTS = [
    ("Arial", "/usr/share/fonts/truetype/liberation/LiberationSans-{}.ttf", "Liberation Sans"),
    (
        "Times New Roman",
        "/usr/share/fonts/truetype/liberation/LiberationSerif-{}.ttf",
        "Liberation Serif",
    ),
    ("Calibri", "/usr/share/fonts/truetype/crosextra/Carlito-{}.ttf", "Carlito"),
]

# Printable ASCII and Latin-1, then the punctuation and spaces the report writes.
CHARS = [chr(c) for c in range(0x20, 0x7F)] + [chr(c) for c in range(0xA0, 0x100)]
CHARS += ["\u2013", "\u2014", "\u2018", "\u2019", "\u201c", "\u201d", "\u2026", "\u2212"]
# Carlito has no soft hyphen; a character not listed is estimated.
CHARS.remove("\u00ad")


def widths(path):
    font = TTFont(path)
    per_em = font["head"].unitsPerEm
    cmap = font.getBestCmap()
    hmtx = font["hmtx"]
    out = []
    for c in CHARS:
        # A no-break space is set as wide as a space where the font does not list it.
        glyph = cmap.get(ord(c)) or (cmap.get(0x20) if c == "\u00a0" else None)
        if glyph is None:
            raise SystemExit(f"{path} lacks U+{ord(c):04X}")
        # In thousandths of an em, rounded: Word itself lays out in twentieths of a point.
        out.append(round(hmtx[glyph][0] * 1000 / per_em))
    return out


def rust_char(c):
    if c in "\\'":
        return f"'\\{c}'"
    if c.isprintable() and c != "\u00a0":
        return f"'{c}'"
    return f"'\\u{{{ord(c):x}}}'"


def main():
    lines = [
        "//! The advance widths of Arial, Times New Roman and Calibri, in thousandths of an em, for",
        "//! the characters the report writes: written by `scripts/font-widths.py` from the",
        "//! metric-compatible Liberation Sans, Liberation Serif and Carlito. Do not edit by hand.",
        "",
        "/// The characters the tables below give widths for, in code point order.",
        f"pub const CHARS: [char; {len(CHARS)}] = [{', '.join(rust_char(c) for c in CHARS)}];",
        "",
        "/// A font's widths: its name in Word, then regular and bold, one per character of",
        "/// [`CHARS`].",
        f"pub const FONTS: [(&str, [u16; {len(CHARS)}], [u16; {len(CHARS)}]); {len(FONTS)}] = [",
    ]
    for name, pattern, source in FONTS:
        lines.append(f"    // {source}")
        lines.append("    (")
        lines.append(f'        "{name}",')
        for style in ["Regular", "Bold"]:
            w = widths(pattern.format(style))
            lines.append(f"        {w},")
        lines.append("    ),")
    lines.append("];")
    with open("src/render/docx/metrics.rs", "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
