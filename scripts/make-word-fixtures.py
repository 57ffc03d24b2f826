#!/usr/bin/env python3
"""Writes the Word-in fixtures of tests/fixtures/word/ (committed; tests read the files).

- python-docx.docx: written by python-docx (pip install python-docx), with a heading, bold and
  italics, a placeholder split over runs of different formatting, bulleted and numbered lists,
  a table, a hyperlink, a comment and pending tracked changes (an insertion and a deletion,
  added as raw WordprocessingML since python-docx has no API for them).
- bild.docx: python-docx, a paragraph and three pictures: a 2×2 PNG with alt text and a
  caption after it, which comes along; a GIF, which is left out with a notice; and a 3×3 PNG
  without alt text, which comes along with a warning.
- bild-libreoffice.docx: bild.docx opened and saved again by LibreOffice.
- bild-i-tabell.docx: python-docx, a table whose cell holds text and a 4×2 PNG with alt text
  (a picture in a table comes along, in its cell); and bild-i-tabell-libreoffice.docx, the same
  saved again by LibreOffice.
- textruta.docx: a flat ODF text with a text box (a "faktaruta" of two paragraphs, one word bold)
  anchored in a paragraph, converted by LibreOffice: DrawingML with a VML fallback, as Word
  writes text boxes.
- fotnoter.docx: a flat ODF text with two footnotes (one of two paragraphs, one with a bold
  word) and an endnote, converted by LibreOffice: Word's footnotes and endnotes parts, with
  their separators.
- libreoffice.docx: HTML converted by LibreOffice (soffice --headless --convert-to docx), with
  the same constructs except comments and tracked changes.

Run from the repository root: python3 scripts/make-word-fixtures.py
"""

import io
import os
import shutil
import struct
import subprocess
import tempfile
import zlib

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.opc.constants import RELATIONSHIP_TYPE as RT

OUT = os.path.join("tests", "fixtures", "word")


def hyperlink(paragraph, url, text):
    part = paragraph.part
    rid = part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = parse_xml(
        f'<w:hyperlink {nsdecls("w", "r")} r:id="{rid}"><w:r><w:t>{text}</w:t></w:r></w:hyperlink>'
    )
    paragraph._p.append(link)


def tracked(paragraph):
    """A pending insertion and a pending deletion, as Word writes them."""
    ins = parse_xml(
        f'<w:ins {nsdecls("w")} w:id="101" w:author="Chef" w:date="2026-01-10T10:00:00Z">'
        '<w:r><w:t xml:space="preserve">INFOGAT </w:t></w:r></w:ins>'
    )
    dele = parse_xml(
        f'<w:del {nsdecls("w")} w:id="102" w:author="Chef" w:date="2026-01-10T10:00:00Z">'
        '<w:r><w:delText xml:space="preserve">borttaget </w:delText></w:r></w:del>'
    )
    paragraph._p.append(ins)
    paragraph._p.append(dele)


def python_docx(path):
    d = docx.Document()
    d.add_heading("Ej verkställda beslut", level=1)
    p = d.add_paragraph("Under året rapporterades ")
    p.add_run("{{ f.avvik").bold = True
    p.add_run("elser.ar | t")
    p.add_run("al }}")
    p.add_run(" avvikelser. Det är ")
    p.add_run("viktigt").bold = True
    p.add_run(" och ")
    p.add_run("bra").italic = True
    p.add_run(".")
    d.add_heading("Åtgärder", level=2)
    d.add_paragraph("Rutinen för beslut ses över.", style="List Bullet")
    d.add_paragraph("Uppföljning varje månad.", style="List Bullet")
    d.add_paragraph("Första steget.", style="List Number")
    d.add_paragraph("Andra steget.", style="List Number")
    t = d.add_table(rows=3, cols=2)
    for r, (a, b) in enumerate([("Beslut", "Antal"), ("Bistånd", "4"), ("LSS", "..")]):
        t.cell(r, 0).text = a
        t.cell(r, 1).text = b
    p = d.add_paragraph("Läs mer hos ")
    hyperlink(p, "https://www.ivo.se/", "IVO")
    p.add_run(".")
    p = d.add_paragraph("Text före ")
    tracked(p)
    p.add_run("efter.")
    c = d.add_paragraph("En mening med en kommentar.")
    d.add_comment(c.runs, text="Stämmer siffran?", author="Controller")
    d.save(path)


def png(width=2, height=2):
    """A small grey PNG, written by hand so no imaging library is needed."""

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\x80\x80\x80" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


# A 1×1 GIF: a format the report cannot show.
GIF = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00"
    b",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)


def with_picture(path):
    d = docx.Document()
    d.add_paragraph("Bilden nedan visar organisationen.")
    shape = d.add_picture(io.BytesIO(png()))
    shape._inline.docPr.set("descr", "Organisationen: nämnd, förvaltning och enheter")
    d.add_paragraph("Figur 1. Organisationen.")
    d.add_picture(io.BytesIO(GIF))
    d.add_picture(io.BytesIO(png(3, 3)))
    d.save(path)


def picture_in_table(path):
    d = docx.Document()
    d.add_paragraph("Enheternas logotyper.")
    table = d.add_table(rows=3, cols=2)
    for cell, text in zip(table.rows[0].cells, ["Enhet", "Logotyp"]):
        cell.text = text
    table.rows[1].cells[0].text = "Norr"
    run = table.rows[1].cells[1].paragraphs[0].add_run("Ny från 2022: ")
    shape = run.add_picture(io.BytesIO(png(4, 2)))
    shape._inline.docPr.set("descr", "Norrs logotyp")
    table.rows[2].cells[0].text = "Söder"
    table.rows[2].cells[1].text = "Ingen än"
    d.save(path)


def resaved_by_libreoffice(src, path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("LibreOffice (soffice) saknas: apt-get install libreoffice-writer-nogui")
    with tempfile.TemporaryDirectory() as tmp:
        copy = os.path.join(tmp, os.path.basename(path))
        shutil.copy(src, copy)
        out = os.path.join(tmp, "ut")
        subprocess.run(
            [soffice, "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir", out, copy],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        shutil.copy(os.path.join(out, os.path.basename(path)), path)


HTML = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Samverkan</title></head><body>
<h1>Samverkan med regionen</h1>
<p>Vi hade <b>{{ f.klag</b>omal.ar | tal }} klagomål och <i>flera</i> möten, se
<a href="https://www.example.se/samverkan">överenskommelsen</a>.</p>
<h2>Vad vi gjorde</h2>
<ul><li>Gemensamma rutiner</li><li>Utbildning</li></ul>
<ol><li>Planera</li><li>Följa upp</li></ol>
<table border="1"><tr><th>Part</th><th>Möten</th></tr><tr><td>Regionen</td><td>6</td></tr></table>
</body></html>
"""


TEXT_BOX = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:automatic-styles>
  <style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
 </office:automatic-styles>
 <office:body>
  <office:text>
   <text:p>Vi rapporterade fler avvikelser i år.</text:p>
   <text:p>Se faktarutan.<draw:frame draw:name="Faktaruta" text:anchor-type="paragraph" svg:width="8cm" svg:height="3cm"><draw:text-box><text:p>Lex Sarah innebär att personalen ska rapportera missförhållanden.</text:p><text:p><text:span text:style-name="T1">Fakta</text:span>: 12 rapporter</text:p></draw:text-box></draw:frame></text:p>
   <text:p>Efter rutan.</text:p>
  </office:text>
 </office:body>
</office:document>
"""


FOOTNOTES = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:automatic-styles>
  <style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
 </office:automatic-styles>
 <office:body>
  <office:text>
   <text:p>Andelen som fick beslut inom två veckor ökade<text:note text:id="ftn1" text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>Källa: verksamhetssystemet, uttag den 15 januari.</text:p></text:note-body></text:note> och väntetiden minskade.</text:p>
   <text:p>Rutinen för lex Sarah reviderades<text:note text:id="ftn2" text:note-class="footnote"><text:note-citation>2</text:note-citation><text:note-body><text:p>Beslutad av nämnden i <text:span text:style-name="T1">mars</text:span>.</text:p><text:p>Gäller från 1 april.</text:p></text:note-body></text:note>, och alla enheter har gått igenom den<text:note text:id="edn1" text:note-class="endnote"><text:note-citation>i</text:note-citation><text:note-body><text:p>Se bilaga 2.</text:p></text:note-body></text:note>.</text:p>
  </office:text>
 </office:body>
</office:document>
"""


def converted_by_libreoffice(name, text, path):
    """`text` written as the file `name` and converted to .docx by LibreOffice, at `path`."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("LibreOffice (soffice) saknas: apt-get install libreoffice-writer-nogui")
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, name)
        with open(src, "w", encoding="utf-8") as f:
            f.write(text)
        subprocess.run(
            [soffice, "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir", tmp, src],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        shutil.copy(os.path.join(tmp, os.path.splitext(name)[0] + ".docx"), path)


def text_box(path):
    converted_by_libreoffice("textruta.fodt", TEXT_BOX, path)


def footnotes(path):
    converted_by_libreoffice("fotnoter.fodt", FOOTNOTES, path)


def libreoffice(path):
    converted_by_libreoffice("libreoffice.html", HTML, path)


def main():
    os.makedirs(OUT, exist_ok=True)
    python_docx(os.path.join(OUT, "python-docx.docx"))
    with_picture(os.path.join(OUT, "bild.docx"))
    resaved_by_libreoffice(os.path.join(OUT, "bild.docx"), os.path.join(OUT, "bild-libreoffice.docx"))
    picture_in_table(os.path.join(OUT, "bild-i-tabell.docx"))
    resaved_by_libreoffice(
        os.path.join(OUT, "bild-i-tabell.docx"), os.path.join(OUT, "bild-i-tabell-libreoffice.docx")
    )
    libreoffice(os.path.join(OUT, "libreoffice.docx"))
    text_box(os.path.join(OUT, "textruta.docx"))
    footnotes(os.path.join(OUT, "fotnoter.docx"))


if __name__ == "__main__":
    main()
