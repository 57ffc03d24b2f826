#!/usr/bin/env python3
"""Writes tests/corpus/: broken, hostile and odd input files, and MANIFEST.tsv saying what
`kvalitet check` must say about each. Deterministic: run it again and nothing changes.
The files are committed (the fuzzers use them as seeds); tests/cli/corpus.rs runs them.

MANIFEST.tsv columns:
  fil        the file
  roll       which input it is copied in as: rapporter, statistik or brukarundersokning
  slutkod    the exit code of `kvalitet check` (0 or 1, never 101)
  förväntat  text that stdout or stderr must contain (Swedish)
  samma-som  optional: a reference file whose report (Markdown) must be identical
"""

import os
import random
import zipfile
import zlib
from xml.sax.saxutils import escape

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "corpus")

HEADER = [
    "Id", "Typ", "Händelsedatum", "Rapporterad", "Förvaltning", "Enhet", "Händelsetyp",
    "Bedömning", "Lex Sarah", "Anmäld IVO", "Anmäld IMY", "Bakomliggande orsak", "Åtgärd",
    "Status", "Avslutad", "Beskrivning",
]
# Dates are (year, month, day) so every format can be written from them.
ROWS = [
    ["AV-1", "Avvikelse", (2021, 3, 2), (2021, 3, 3), "Socialförvaltningen", "Enhet A",
     "Lång handläggningstid", "Missförhållande", "Ja", "Nej", "Nej", "Processer och rutiner",
     "Översyn av rutin eller process", "Avslutad", (2021, 4, 1), "fritext"],
    ["AV-2", "Avvikelse", (2022, 3, 2), (2022, 3, 5), "Socialförvaltningen", "Enhet Å",
     "Sekretessbrott", "Avvikelse", "Nej", "Nej", "Nej", "Utbildning och kompetens",
     "Översyn av rutin eller process", "Avslutad", (2022, 3, 20), "fritext"],
    ["AV-3", "Avvikelse", (2022, 5, 12), (2022, 5, 15), "Socialförvaltningen", "Enhet B",
     "Sekretessbrott", "Allvarligt missförhållande", "Ja", "Ja", "Nej",
     "Utbildning och kompetens", "Utbildning och kompetensutveckling", "Pågående", None,
     "fritext"],
    ["KL-1", "Klagomål", (2022, 6, 2), (2022, 6, 2), "Socialförvaltningen", "Enhet B",
     "Bemötande", "", "Nej", "Nej", "Nej", "", "", "Avslutad", (2022, 6, 30), "fritext"],
    ["PU-1", "Personuppgiftsincident", (2022, 12, 2), (2022, 12, 5), "Socialförvaltningen",
     "Enhet Ö", "Sekretessbrott", "", "Nej", "Nej", "Ja", "", "", "Avslutad",
     (2023, 1, 10), "fritext"],
]

STAT_HEADER = ["Id", "Titel", "Enhet", "Period", "Värde"]
STAT_ROWS = [
    ["aterkrav_beslut", "Beslut om återkrav", "antal", "2021", "14"],
    ["aterkrav_beslut", "Beslut om återkrav", "antal", "2022", "17"],
    ["aterkrav_belopp", "Återbetalt belopp", "kr", "2021", "1438805"],
    ["aterkrav_belopp", "Återbetalt belopp", "kr", "2022", "1234,5"],
]

SURVEY_HEADER = ["Undersökning", "År", "Fråga", "Svarsalternativ", "Antal", "Nationellt (%)"]
SURVEY_ROWS = [
    ["Hemtjänst", "2022", "Trivs du?", "Ja", "40", "80"],
    ["Hemtjänst", "2022", "Trivs du?", "Nej", "10", "20"],
]

manifest = []


def iso(d):
    return "%04d-%02d-%02d" % d


def cells(row, date=iso):
    return ["" if v is None else date(v) if isinstance(v, tuple) else v for v in row]


def csv_text(header, rows, sep=";", date=iso, newline="\n"):
    def quote(v):
        if any(c in v for c in (sep, '"', "\n")):
            return '"' + v.replace('"', '""') + '"'
        return v

    lines = [sep.join(quote(h) for h in header)]
    lines += [sep.join(quote(v) for v in cells(r, date)) for r in rows]
    return newline.join(lines) + newline


def write(name, data, role, code, expected, same_as=""):
    path = os.path.join(OUT, name)
    with open(path, "wb") as f:
        f.write(data.encode("utf-8") if isinstance(data, str) else data)
    manifest.append((name, role, str(code), expected, same_as))


def register(name, data, code, expected, same_as=""):
    write(name, data, "rapporter", code, expected, same_as)


OK = "inga problem hittades"

# ---- xlsx written by hand, so that every broken variant can be made ----

def col_letters(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def serial(d):
    import datetime
    return (datetime.date(*d) - datetime.date(1899, 12, 30)).days


def sheet_xml(rows, dimension=None, merges=(), strings=None, extra_cells=""):
    """rows: lists of cells: str (shared string), int/float, ('date', (y,m,d)),
    ('formula', text), ('formula-value', text, number), ('error', '#N/A'), None."""
    out = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">']
    if dimension:
        out.append('<dimension ref="%s"/>' % dimension)
    out.append("<sheetData>")
    for r, row in enumerate(rows):
        out.append('<row r="%d">' % (r + 1))
        for c, v in enumerate(row):
            ref = "%s%d" % (col_letters(c), r + 1)
            if v is None or v == "":
                continue
            if isinstance(v, tuple) and v[0] == "date":
                out.append('<c r="%s" s="1"><v>%d</v></c>' % (ref, serial(v[1])))
            elif isinstance(v, tuple) and v[0] == "formula":
                out.append('<c r="%s" t="str"><f>%s</f></c>' % (ref, escape(v[1])))
            elif isinstance(v, tuple) and v[0] == "formula-value":
                out.append('<c r="%s" t="str"><f>%s</f><v>%s</v></c>'
                           % (ref, escape(v[1]), escape(v[2])))
            elif isinstance(v, tuple) and v[0] == "error":
                out.append('<c r="%s" t="e"><v>%s</v></c>' % (ref, v[1]))
            elif isinstance(v, (int, float)):
                out.append('<c r="%s"><v>%s</v></c>' % (ref, v))
            else:
                if v not in strings:
                    strings[v] = len(strings)
                out.append('<c r="%s" t="s"><v>%d</v></c>' % (ref, strings[v]))
        out.append("</row>")
    out.append(extra_cells)
    out.append("</sheetData>")
    if merges:
        out.append('<mergeCells count="%d">' % len(merges))
        out += ['<mergeCell ref="%s"/>' % m for m in merges]
        out.append("</mergeCells>")
    out.append("</worksheet>")
    return "".join(out)


def xlsx(sheets, shared_strings_xml=None, deflate_level=6, huge_entry=None):
    """sheets: list of (name, sheet xml or None for a sheet file that is missing)."""
    ct = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
          '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
          '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
          '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>']
    for i in range(len(sheets)):
        ct.append('<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' % (i + 1))
    ct.append("</Types>")
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            '</Relationships>')
    wb = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
          '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
          'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>']
    wbrels = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">']
    for i, sheet in enumerate(sheets):
        # An optional third item is the sheet's state: "hidden" or "veryHidden".
        state = ' state="%s"' % sheet[2] if len(sheet) > 2 else ""
        wb.append('<sheet name="%s" sheetId="%d"%s r:id="rId%d"/>' % (escape(sheet[0]), i + 1, state, i + 1))
        wbrels.append('<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>' % (i + 1, i + 1))
    n = len(sheets)
    wbrels.append('<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' % (n + 1))
    wbrels.append('<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>' % (n + 2))
    wb.append("</sheets></workbook>")
    wbrels.append("</Relationships>")
    styles = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
              '<fonts count="1"><font/></fonts><fills count="1"><fill/></fills>'
              '<borders count="1"><border/></borders>'
              '<cellStyleXfs count="1"><xf/></cellStyleXfs>'
              '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs>'
              '</styleSheet>')
    import io
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=deflate_level) as z:
        def add(name, text):
            info = zipfile.ZipInfo(name, date_time=(2022, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text)
        add("[Content_Types].xml", "".join(ct))
        add("_rels/.rels", rels)
        add("xl/workbook.xml", "".join(wb))
        add("xl/_rels/workbook.xml.rels", "".join(wbrels))
        add("xl/styles.xml", styles)
        if shared_strings_xml is not None:
            add("xl/sharedStrings.xml", shared_strings_xml)
        for i, sheet in enumerate(sheets):
            xml = sheet[1]
            if xml is not None:
                add("xl/worksheets/sheet%d.xml" % (i + 1), xml)
        if huge_entry:
            name, chunk, count = huge_entry
            info = zipfile.ZipInfo(name, date_time=(2022, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            with z.open(info, "w", force_zip64=True) as f:
                for _ in range(count):
                    f.write(chunk)
    return buf.getvalue()


def shared(strings):
    items = sorted(strings.items(), key=lambda kv: kv[1])
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">'
            % (len(items), len(items))
            + "".join('<si><t xml:space="preserve">%s</t></si>' % escape(s) for s, _ in items)
            + "</sst>")


def register_xlsx(rows=None, date="date", sheet="Rapporter", header=HEADER, **kw):
    strings = {}
    body = []
    for r in rows if rows is not None else ROWS:
        out = []
        for v in r:
            if isinstance(v, tuple) and len(v) == 3 and isinstance(v[0], int):
                out.append(("date", v) if date == "date" else date(v))
            else:
                out.append(v)
        body.append(out)
    merges = kw.pop("merges", ())
    dimension = kw.pop("dimension", None)
    extra_cells = kw.pop("extra_cells", "")
    xml = sheet_xml([list(header)] + body, dimension, merges, strings, extra_cells)
    return xlsx([(sheet, xml)], shared(strings), **kw)


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))
    rnd = random.Random(7)
    ref = csv_text(HEADER, ROWS)

    # ---- valid references ----
    register("ok-referens.csv", ref, 0, OK)
    register("ok-referens.xlsx", register_xlsx(), 0, OK, "ok-referens.csv")

    # ---- valid but odd: the tables must equal the reference's ----
    odd = [
        ("bom-utf8.csv", b"\xef\xbb\xbf" + ref.encode()),
        ("utf16le-bom.csv", b"\xff\xfe" + ref.encode("utf-16-le")),
        ("utf16be-bom.csv", b"\xfe\xff" + ref.encode("utf-16-be")),
        ("windows-1252.csv", ref.encode("cp1252")),
        ("mac-roman.csv", ref.encode("mac_roman")),
        ("komma.csv", csv_text(HEADER, ROWS, sep=",")),
        ("tabb.csv", csv_text(HEADER, ROWS, sep="\t")),
        ("crlf.csv", csv_text(HEADER, ROWS, newline="\r\n")),
        ("titelrad.csv", "Avvikelser och klagomål 2021–2022;;;\n\n" + ref),
        ("tomma-rader.csv", ref.replace("\n", "\n;;;\n\n", 3)),
        ("datum-iso-med-tid.csv", csv_text(HEADER, ROWS, date=lambda d: iso(d) + " 10:15")),
        ("datum-d-m-aaaa.csv", csv_text(HEADER, ROWS, date=lambda d: "%d/%d/%d" % (d[2], d[1], d[0]))),
        ("datum-punkter.csv", csv_text(HEADER, ROWS, date=lambda d: "%d.%d.%d" % (d[2], d[1], d[0]))),
        ("datum-kompakt.csv", csv_text(HEADER, ROWS, date=lambda d: "%04d%02d%02d" % d)),
        ("datum-aaaa-mm-dd-snedstreck.csv", csv_text(HEADER, ROWS, date=lambda d: "%04d/%02d/%02d" % d)),
        ("datum-iso-t.csv", csv_text(HEADER, ROWS, date=lambda d: iso(d) + "T10:15:00")),
        ("datum-d-m-aaaa-bindestreck.csv", csv_text(HEADER, ROWS, date=lambda d: "%d-%d-%d" % (d[2], d[1], d[0]))),
        ("mellanslag-kring-celler.csv", csv_text(HEADER, [[(" \u00a0%s " % v) if isinstance(v, str) and v else v for v in r] for r in ROWS])),
        ("rubriker-versaler-utan-accent.csv", csv_text([h.upper().replace("Ä", "A").replace("Å", "A").replace("Ö", "O") for h in HEADER], ROWS)),
        ("rubriker-i-annan-ordning.csv", csv_text(HEADER[::-1], [r[::-1] for r in ROWS])),
        ("extra-okanda-kolumner.csv", csv_text(HEADER + ["Handläggare", "Övrigt"], [r + ["Anna", "x"] for r in ROWS])),
        ("fritext-10000-tecken.csv", csv_text(HEADER, [r[:-1] + ["å" * 10000] for r in ROWS])),
        ("fritext-med-radbrytningar.csv", csv_text(HEADER, [r[:-1] + ["rad 1\nrad 2;\"citat\""] for r in ROWS])),
        ("fritext-med-personnummer.csv", csv_text(HEADER, [r[:-1] + ["19121212-1212 anna@example.se"] for r in ROWS])),
    ]
    for name, data in odd:
        register(name, data, 0, OK, "ok-referens.csv")
    register("xlsx-datum-som-text.xlsx", register_xlsx(date=iso), 0, OK, "ok-referens.csv")
    register("xlsx-datum-som-d-m-aaaa.xlsx",
             register_xlsx(date=lambda d: "%d/%d/%d" % (d[2], d[1], d[0])), 0, OK, "ok-referens.csv")
    register("xlsx-bladnamn-och-extra-blad.xlsx",
             xlsx_with_extra_sheet(), 0, OK, "ok-referens.csv")
    register("xlsx-miljon-kolumner.xlsx",
             register_xlsx(dimension="A1:XFD1048576",
                           extra_cells='<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'),
             1, "rapporter.xlsx › Rapporter › rad 1048576, kolumn A (Id): Id saknas")
    register("xlsx-formel-med-sparat-varde.xlsx",
             register_xlsx([r[:5] + [("formula-value", 'CONCAT("Enhet ","A")', r[5])] + r[6:] for r in ROWS]),
             0, OK, "ok-referens.csv")

    # ---- own statistics: numbers written in every way mean the same number ----
    stat_ref = csv_text(STAT_HEADER, STAT_ROWS)
    write("statistik-referens.csv", stat_ref, "statistik", 0, OK)
    spaced = [r[:4] + [v] for r, v in zip(STAT_ROWS, ["14", "17", "1 438 805", "1 234,5"])]
    write("statistik-tal-med-mellanslag.csv", csv_text(STAT_HEADER, spaced), "statistik", 0, OK,
          "statistik-referens.csv")
    nbsp = [r[:4] + [v] for r, v in zip(STAT_ROWS, ["14", "17", "1\u00a0438\u00a0805", "1\u202f234,5"])]
    write("statistik-tal-med-hardt-mellanslag.csv", csv_text(STAT_HEADER, nbsp), "statistik", 0, OK,
          "statistik-referens.csv")
    dotted = [r[:4] + [v] for r, v in zip(STAT_ROWS, ["14", "17", "1.438.805", "1.234,5"])]
    write("statistik-tal-med-punkter.csv", csv_text(STAT_HEADER, dotted), "statistik", 0, OK,
          "statistik-referens.csv")
    english = [r[:4] + [v] for r, v in zip(STAT_ROWS, ["14", "17", "1,438,805", "1234.5"])]
    write("statistik-tal-engelska.csv", csv_text(STAT_HEADER, english, sep=";"), "statistik", 0, OK,
          "statistik-referens.csv")
    bad = [r[:4] + [v] for r, v in zip(STAT_ROWS, ["14 st", "17", "1 438 805 kr", "12 %"])]
    write("statistik-text-i-tal.csv", csv_text(STAT_HEADER, bad), "statistik", 1,
          "statistik.csv › rad 2, kolumn 5 (Värde): Värde är inget tal")

    # Issue 17.4: a share in percent stored as a fraction is pointed out, not shown as 0 %.
    shares = [["aterakt", "Återaktualiserade", "%", "2021", "0,4"], ["aterakt", "Återaktualiserade", "%", "2022", "0,38"]]
    write("statistik-procent-som-brak.csv", csv_text(STAT_HEADER, STAT_ROWS + shares), "statistik", 1,
          "varning: statistik.csv › rad 6: alla värden för aterakt är högst 1 fast enheten är procent")

    # Found by the csv fuzz target: a six-byte period with a multi-byte letter panicked.
    write("statistik-period-med-flerbytestecken.csv",
          csv_text(STAT_HEADER, [STAT_ROWS[0][:3] + ["Ã…r"] + STAT_ROWS[0][4:]] + STAT_ROWS[1:]),
          "statistik", 1, "statistik.csv › rad 2, kolumn 4 (Period)")

    # ---- surveys ----
    write("enkat-referens.csv", csv_text(SURVEY_HEADER, SURVEY_ROWS), "brukarundersokning", 0, OK)
    # Issue 17.4: national shares stored as fractions (Excel's "80 %" is 0,8) are percent.
    fractions = [r[:5] + [str(int(r[5]) / 100).replace(".", ",")] for r in SURVEY_ROWS]
    write("enkat-nationellt-som-brak.csv", csv_text(SURVEY_HEADER, fractions), "brukarundersokning", 0,
          "obs: brukarundersokning.csv › rad 2, kolumn 6 (Nationellt (%)): alla nationella andelar i kolumnen är högst 1",
          "enkat-referens.csv")
    write("enkat-antal-som-text.csv",
          csv_text(SURVEY_HEADER, [r[:4] + ["fyrtio"] + r[5:] for r in SURVEY_ROWS]),
          "brukarundersokning", 1, "brukarundersokning.csv › rad 2, kolumn 5 (Antal)")
    write("enkat-bara-rubrik.csv", csv_text(SURVEY_HEADER, []), "brukarundersokning", 0,
          "brukarundersokning.csv: 0 rader lästa")

    # ---- broken register files: a clear Swedish error or a located finding ----
    no_header = "hittade ingen rubrikrad bland de första 20 raderna"
    register("tom.csv", b"", 1, "rapporter.csv: " + no_header)
    register("bara-bom.csv", b"\xef\xbb\xbf", 1, "rapporter.csv: " + no_header)
    register("bara-radbrytningar.csv", "\n\r\n\n" * 50, 1, no_header)
    register("bara-rubrik.csv", csv_text(HEADER, []), 0, "rapporter.csv: 0 rader lästa")
    register("bara-rubrik-bom.csv", b"\xef\xbb\xbf" + csv_text(HEADER, []).encode(), 0,
             "rapporter.csv: 0 rader lästa")
    register("dubbla-rubriker.csv", csv_text(HEADER + ["Enhet"], [r + ["Enhet C"] for r in ROWS]), 1,
             'kolumnen "Enhet" finns två gånger (kolumn 6 och 17)')
    register("dubbla-rubriker-alias.csv",
             csv_text(HEADER + ["Verksamhet"], [r + ["Enhet C"] for r in ROWS]), 1,
             'kolumnen "Enhet" finns två gånger (kolumn 6 och 17)')
    register("saknar-typ.csv", csv_text(HEADER[:1] + HEADER[2:], [r[:1] + r[2:] for r in ROWS]), 1,
             'obligatorisk kolumn "Typ" saknas')
    register("felstavad-rubrik.csv",
             csv_text([h if h != "Händelsedatum" else "Händelsedatm" for h in HEADER], ROWS), 1,
             'menade du "Händelsedatum"?')
    # Issue 17.4: UTF-8 with one row saved as Windows-1252 is refused at that row, not misread.
    lines = ref.split("\n")
    mixed = "\n".join(lines[:4]).encode() + b"\n" + "\n".join(lines[4:]).encode("cp1252")
    register("blandad-utf8-och-windows-1252.csv", mixed, 1,
             "rapporter.csv › rad 5: filen är till största delen UTF-8, men raden har en byte (0xE5) som inte är UTF-8")
    register("utf16le-utan-bom.csv", ref.encode("utf-16-le"), 1, "rapporter.csv: " + no_header)
    register("binart-skrap.csv", bytes(rnd.randrange(256) for _ in range(4096)), 1, no_header)
    register("nul-tecken.csv", ref.replace("Enhet A", "Enhet\0A").replace("AV-2", "AV\0-2"), 0, OK)
    mixed = ref.splitlines()
    mixed[2] = mixed[2].replace(";", ",")
    register("blandade-avgransare.csv", "\n".join(mixed) + "\n", 1,
             "rapporter.csv › rad 3, kolumn 2 (Typ): Typ saknas; raden räknas inte")
    register("oavslutat-citattecken.csv", ref.replace("Enhet B", '"Enhet B', 1), 1,
             "rapporter.csv › rad 4")
    register("datum-amerikanskt.csv",
             csv_text(HEADER, ROWS, date=lambda d: "%02d/%02d/%04d" % (d[1], 14, d[0])), 1,
             "Händelsedatum är ett datum som inte finns i kalendern")
    register("datum-manadsnamn.csv",
             csv_text(HEADER, ROWS, date=lambda d: "%d mars %d" % (d[2], d[0])), 1,
             "rapporter.csv › rad 2, kolumn 3 (Händelsedatum): Händelsedatum är inget datum")
    register("datum-tvasiffrigt-ar.csv",
             csv_text(HEADER, ROWS, date=lambda d: "%d/%d/%02d" % (d[2], d[1], d[0] % 100)), 1,
             "Händelsedatum är inget datum")
    register("datum-ar-1800.csv",
             csv_text(HEADER, ROWS, date=lambda d: "1822-%02d-%02d" % (d[1], d[2])), 1,
             "ligger utanför 1900–2100")
    register("dubbla-id.csv", csv_text(HEADER, ROWS + [ROWS[1]]), 1,
             "rapporter.csv › rad 7, kolumn 1 (Id): samma Id som rad 3")
    register("enhet-10000-tecken.csv",
             csv_text(HEADER, [r[:5] + ["E" * 10000] + r[6:] for r in ROWS]), 0, OK)
    register("rubrik-10000-tecken.csv", csv_text(HEADER + ["R" * 10000], [r + ["x"] for r in ROWS]),
             0, OK)
    register("rad-med-100000-falt.csv", ref.replace("fritext\n", "fritext" + ";" * 100000 + "\n", 1),
             1, "rapporter.csv › rad 2: raden har 100016 fält men rubrikraden 16")
    # Issue 17: an unquoted ";" in the free text moves a sentence about a person into Enhet.
    shifted = HEADER[:5] + ["Beskrivning"] + HEADER[5:15]
    lines = [";".join(shifted)]
    for i, r in enumerate(cells(row) for row in ROWS):
        text = "Anna Andersson; Storgatan 1" if i == 1 else "fritext"
        lines.append(";".join(r[:5] + [text] + r[5:15]))
    register("fritext-semikolon-flyttar-falt.csv", "\n".join(lines) + "\n", 1,
             "rapporter.csv › rad 3: raden har 17 fält men rubrikraden 16")
    register("citattecken-mitt-i-cell.csv", ref.replace("Enhet B", 'Enhet "B', 1), 1,
             'rapporter.csv › rad 4: ett citattecken (") står mitt i en cell')
    register("personnummer-i-enhet.csv",
             csv_text(HEADER, [r[:5] + ["Enhet 121212-1212"] + r[6:] for r in ROWS]), 1,
             "rapporter.csv › rad 2, kolumn 6 (Enhet): cellen ser ut att innehålla ett personnummer")
    register("samordningsnummer-som-id.csv",
             csv_text(HEADER, [["701261-2383"] + ROWS[0][1:]] + ROWS[1:]), 1,
             "rapporter.csv › rad 2, kolumn 1 (Id): cellen ser ut att innehålla ett samordningsnummer")
    register("e-post-i-handelsetyp.csv",
             csv_text(HEADER, [r[:6] + ["anna.andersson@kommun.se"] + r[7:] for r in ROWS]), 1,
             "kolumn 7 (Händelsetyp): cellen ser ut att innehålla en e-postadress")
    register("telefon-i-atgard.csv",
             csv_text(HEADER, [r[:12] + ["ring 070-123 45 67"] + r[13:] for r in ROWS]), 1,
             "kolumn 13 (Åtgärd): cellen ser ut att innehålla ett telefonnummer")
    register("personnummer-som-rubrik.csv",
             csv_text(HEADER + ["19121212-1212"], [r + ["x"] for r in ROWS]), 1,
             "rapporter.csv › rad 1, kolumn 17 (dold rubrik): cellen ser ut att innehålla ett personnummer")
    # Issue 17: personal data in the forms a word processor or Excel gives it.
    for name, value, what in [
        ("personnummer-med-tankstreck.csv", "Enhet 121212\u20131212", "ett personnummer"),
        ("personnummer-med-hart-bindestreck.csv", "Enhet 19121212\u20111212", "ett personnummer"),
        ("personnummer-med-mellanslag.csv", "Enhet 19121212 1212", "ett personnummer"),
        ("telefon-med-parentes.csv", "ring (08) 123 456 78", "ett telefonnummer"),
        ("telefon-med-snedstreck.csv", "ring 08/123 456 78", "ett telefonnummer"),
        ("telefon-med-luftigt-bindestreck.csv", "ring 070 - 123 45 67", "ett telefonnummer"),
    ]:
        register(name, csv_text(HEADER, [r[:5] + [value] + r[6:] for r in ROWS]), 1,
                 "rapporter.csv › rad 2, kolumn 6 (Enhet): cellen ser ut att innehålla " + what)
    # 050505-1235 as a number: Excel dropped the leading zero.
    register("xlsx-personnummer-utan-inledande-nolla.xlsx",
             register_xlsx([r[:5] + [505051235] + r[6:] for r in ROWS]), 1,
             "rapporter.xlsx › Rapporter › rad 2, kolumn F (Enhet): cellen ser ut att innehålla ett personnummer")
    register("formler-som-text.csv",
             csv_text(HEADER, [r[:5] + ["=HYPERLINK(\"http://x\";\"Enhet\")"] + r[6:] for r in ROWS]),
             0, OK)
    register("html-i-celler.csv",
             csv_text(HEADER, [r[:5] + ["<script>alert(1)</script>"] + r[6:] for r in ROWS]), 0, OK)

    # ---- broken spreadsheets ----
    unreadable = "rapporter.xlsx: filen kan inte läsas som Excel-fil (.xlsx) (skadad, krypterad eller fel format)"
    good = register_xlsx()
    register("xlsx-avkortad.xlsx", good[: len(good) // 2], 1, unreadable)
    register("xlsx-trasig-zip.xlsx", b"PK\x03\x04" + bytes(rnd.randrange(256) for _ in range(2000)), 1,
             unreadable)
    register("xlsx-tom.xlsx", b"", 1, unreadable)
    register("xlsx-som-egentligen-ar-csv.xlsx", ref, 1, unreadable)
    flipped = bytearray(good)
    for i in range(len(flipped) // 3, len(flipped) // 3 + 64):
        flipped[i] ^= 0x5A
    register("xlsx-skadade-bytes.xlsx", bytes(flipped), 1, "rapporter.xlsx")
    register("xlsx-zip-bomb-blad.xlsx",
             xlsx([("Rapporter", None)], shared({}), deflate_level=9,
                  huge_entry=("xl/worksheets/sheet1.xml", b" " * (1 << 20), 150)),
             1, "packas upp till mer än")
    register("xlsx-zip-bomb-delade-strangar.xlsx",
             xlsx([("Rapporter", sheet_xml([HEADER], strings={}))], None, deflate_level=9,
                  huge_entry=("xl/sharedStrings.xml", b" " * (1 << 20), 150)),
             1, "packas upp till mer än")
    register("xlsx-inga-blad.xlsx", xlsx([], shared({})), 1, "rapporter.xlsx: arbetsboken har inga blad")
    register("xlsx-blad-saknas-i-zip.xlsx", xlsx([("Rapporter", None)], shared({})), 1, unreadable)
    register("xlsx-formel-utan-varde.xlsx",
             register_xlsx([r[:5] + [("formula", 'CONCAT("Enhet ","A")')] + r[6:] for r in ROWS]), 1,
             "rapporter.xlsx › Rapporter › rad 2, kolumn F (Enhet): cellen innehåller en formel utan sparat värde")
    register("xlsx-sammanfogade-celler.xlsx",
             register_xlsx([r[:5] + ([None] if i == 2 else [r[5]]) + r[6:] for i, r in enumerate(ROWS)],
                           merges=("F3:F4",)),
             1, "rapporter.xlsx › Rapporter › rad 3, kolumn F (Enhet): cellerna F3:F4 är sammanfogade")
    register("xlsx-felvarde.xlsx",
             register_xlsx([r[:2] + [("error", "#N/A")] + r[3:] for r in ROWS]), 1,
             "rapporter.xlsx › Rapporter › rad 2, kolumn C (Händelsedatum): Händelsedatum innehåller ett felvärde")
    # Issue 17: a broken formula in Typ or Enhet says so, not "saknas".
    register("xlsx-felvarde-i-typ.xlsx",
             register_xlsx([r[:1] + [("error", "#REF!")] + r[2:] for r in ROWS]), 1,
             "rapporter.xlsx › Rapporter › rad 2, kolumn B (Typ): Typ innehåller ett felvärde")
    register("felvarde-i-enhet.csv", csv_text(HEADER, [r[:5] + ["#REF!"] + r[6:] for r in ROWS]), 1,
             "rapporter.csv › rad 2, kolumn 6 (Enhet): Enhet innehåller ett felvärde")
    strings = {}
    bad_index = sheet_xml([HEADER, ["AV-1"]], strings=strings).replace(
        '<c r="A2" t="s"><v>%d</v>' % strings["AV-1"], '<c r="A2" t="s"><v>99999</v>')
    register("xlsx-delad-strang-utanfor.xlsx", xlsx([("Rapporter", bad_index)], shared(strings)), 1,
             "rapporter.xlsx")
    register("xlsx-orimlig-cellreferens.xlsx",
             register_xlsx(extra_cells='<row r="99999999999"><c r="ZZZZZZZZ99999999999"><v>1</v></c></row>'),
             1, "rapporter.xlsx: bladet har en cellreferens utanför det Excel tillåter; filen är skadad")
    register("xls-skrap.xls", bytes(rnd.randrange(256) for _ in range(1024)), 1,
             "rapporter.xls: filen kan inte läsas som Excel-fil (.xls) (skadad, krypterad eller fel format)")
    register("ods-skrap.ods", b"PK\x03\x04" + bytes(rnd.randrange(256) for _ in range(512)), 1,
             "rapporter.ods: filen kan inte läsas som OpenDocument-fil (.ods) (skadad, krypterad eller fel format)")

    # Issue 13.3: xls and ods are read densely; a cell far from the table, or one repeated over
    # the whole sheet, is refused before calamine allocates billions of cells.
    register("ods-referens.ods", ods(), 0, OK, "ok-referens.csv")
    far = ("en cell i %s gör bladet %s stort fast det bara har %s ifyllda celler; filen läses inte "
           "(ta bort cellen eller det som står långt från tabellen och spara om filen)")
    register("ods-cell-langt-bort.ods",
             ods('<table:table-row table:number-rows-repeated="1048569"><table:table-cell/></table:table-row>'
                 '<table:table-row><table:table-cell table:number-columns-repeated="16383"/>'
                 '<table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell>'
                 '</table:table-row>'), 1,
             "rapporter.ods › Rapporter: " + far % ("XFD1048576", "17 miljarder celler", "90"))
    register("ods-upprepad-cell.ods",
             ods('<table:table-row table:number-rows-repeated="1048570">'
                 '<table:table-cell table:number-columns-repeated="16384" office:value-type="float" office:value="0"/>'
                 '</table:table-row>'), 1,
             "rapporter.ods › Rapporter: " + far % ("XFD1048576", "17 miljarder celler", "90"))
    register("ods-zip-bomb.ods", ods(huge=(b" " * (1 << 20), 150)), 1,
             "rapporter.ods: filen packas upp till mer än 100 MB och läses inte")
    xls_cases(register)

    # Issue 17.5: a header far to the right is found; beyond Excel's last column, CSV says so.
    pad = [None] * 1100
    register("xlsx-rubrikrad-efter-kolumn-1024.xlsx",
             register_xlsx([pad + r for r in ROWS], header=pad + HEADER), 0, OK, "ok-referens.csv")
    register("rubrikrad-efter-kolumn-1024.csv", "".join(";" * 1100 + line + "\n" for line in ref.splitlines()),
             0, OK, "ok-referens.csv")
    register("rubrikrad-efter-kolumn-16384.csv", "".join(";" * 16500 + line + "\n" for line in ref.splitlines()),
             1, "rapporter.csv › rad 1: raden har text i kolumn 16501, men rubrikraden letas bara efter i de första")

    # Issue 17.4: the register sheet is chosen by its header, not by being first.
    register("xlsx-parameterblad-forst.xlsx", xlsx_sheets([("Parametrar", [["Parameter", "Värde"], ["År", "2022"]]),
                                                           ("Data", None)]), 0,
             'rapporter.xlsx: läste bladet "Data"; arbetsbokens andra blad ("Parametrar") läses inte',
             "ok-referens.csv")
    register("xlsx-dold-kopia-forst.xlsx", xlsx_sheets([("Gammal kopia", [HEADER] + ROWS[:2], "hidden"),
                                                        ("Blad1", None)]), 0,
             'rapporter.xlsx: läste bladet "Blad1"; arbetsbokens andra blad ("Gammal kopia" (dolt)) läses inte',
             "ok-referens.csv")
    register("xlsx-tva-blad-med-rubriker.xlsx", xlsx_sheets([("Alla", None), ("Filtrerad", [HEADER] + ROWS[1:3])]), 1,
             'rapporter.xlsx: 2 blad har rubrikerna ("Alla", "Filtrerad"), och kvalitet gissar inte vilket som ska läsas')
    register("xlsx-bara-dolt-blad-med-rubriker.xlsx",
             xlsx_sheets([("Instruktioner", [["Fyll i bladet Data"]]), ("Data", None, "hidden")]), 1,
             'rapporter.xlsx: bara dolda blad har rubrikerna ("Data" (dolt))')

    with open(os.path.join(OUT, "MANIFEST.tsv"), "w", encoding="utf-8") as f:
        f.write("fil\troll\tslutkod\tförväntat\tsamma-som\n")
        for row in manifest:
            f.write("\t".join(row) + "\n")
    print("%d filer i %s" % (len(manifest), os.path.normpath(OUT)))


def ods(extra_rows="", huge=None):
    """The reference register as an OpenDocument spreadsheet (dates as date cells), with
    `extra_rows` (table-row XML) after it and optionally `huge` = (chunk, count) of padding
    inside content.xml."""
    def cell(v):
        if v is None or v == "":
            return "<table:table-cell/>"
        if isinstance(v, tuple):
            return ('<table:table-cell office:value-type="date" office:date-value="%s"><text:p>%s</text:p>'
                    "</table:table-cell>" % (iso(v), iso(v)))
        return '<table:table-cell office:value-type="string"><text:p>%s</text:p></table:table-cell>' % escape(v)

    rows = "".join("<table:table-row>%s</table:table-row>" % "".join(cell(v) for v in r)
                   for r in [HEADER] + ROWS)
    head = ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
            'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
            'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
            '<office:body><office:spreadsheet><table:table table:name="Rapporter">')
    tail = "</table:table></office:spreadsheet></office:body></office:document-content>"
    manifest_xml = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                    '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                    "</manifest:manifest>")
    import io
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        def add(name, data, method=zipfile.ZIP_DEFLATED):
            info = zipfile.ZipInfo(name, date_time=(2022, 1, 1, 0, 0, 0))
            info.compress_type = method
            z.writestr(info, data)
        add("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        add("META-INF/manifest.xml", manifest_xml)
        if huge:
            info = zipfile.ZipInfo("content.xml", date_time=(2022, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            with z.open(info, "w", force_zip64=True) as f:
                f.write(head.encode())
                chunk, count = huge
                for _ in range(count):
                    f.write(chunk)
                f.write((rows + tail).encode())
        else:
            add("content.xml", head + rows + extra_rows + tail)
    return buf.getvalue()


def xls_book(extra=None):
    """The reference register as a BIFF8 workbook written by xlwt (every value as text, as in
    the CSV), with `extra` = (row, col, value) written after it."""
    import io
    import xlwt
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("Rapporter")
    for i, r in enumerate([HEADER] + ROWS):
        for j, v in enumerate(cells(r)):
            if v:
                ws.write(i, j, v)
    if extra:
        ws.write(*extra)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def xls_cases(register):
    """The xls cases need xlwt (`pip install xlwt`); without it the committed files are kept."""
    import struct
    names = ["xls-referens.xls", "xls-cell-langt-bort.xls", "xls-kolumn-utanfor-biff8.xls",
             "xls-dimensions-enorm.xls", "xls-storsta-tillatna.xls"]
    try:
        import xlwt  # noqa: F401
    except ImportError:
        print("xlwt saknas (pip install xlwt): xls-filerna skrivs inte om")
        files = {}
        for n in names:
            with open(os.path.join(OUT, n), "rb") as f:
                files[n] = f.read()
    else:
        files = {n: None for n in names}
        files["xls-referens.xls"] = xls_book()
        # The last cell BIFF8 allows: 65 536 × 256 cells, 1 GB for calamine.
        files["xls-cell-langt-bort.xls"] = xls_book((65535, 255, "x"))
        # A column past BIFF8's 256, which calamine reads anyway: 4 billion cells.
        book = xls_book((65535, 255, 12345.678))
        cell = struct.pack("<HHHH", 0x0203, 14, 65535, 255)
        assert book.count(cell) == 1
        files["xls-kolumn-utanfor-biff8.xls"] = book.replace(cell, struct.pack("<HHHH", 0x0203, 14, 65535, 0xFFFF))
        # A DIMENSIONS record claiming 4 billion rows, which calamine reserves room for.
        book = bytearray(xls_book())
        dims = struct.pack("<HH", 0x0200, 14)
        assert book.count(dims) == 1
        at = book.find(dims) + 4
        book[at + 4:at + 8] = struct.pack("<I", 0xFFFFFFFF)
        files["xls-dimensions-enorm.xls"] = bytes(book)
        # The farthest cell the rule lets through: 39 062 × 256 = 9 999 872 cells.
        files["xls-storsta-tillatna.xls"] = xls_book((39061, 255, "x"))
    far = ("rapporter.xls › Rapporter: en cell i %s gör bladet %s stort fast det bara har %s ifyllda celler; "
           "filen läses inte (ta bort cellen eller det som står långt från tabellen och spara om filen)")
    register("xls-referens.xls", files["xls-referens.xls"], 0, OK, "ok-referens.csv")
    register("xls-cell-langt-bort.xls", files["xls-cell-langt-bort.xls"], 1,
             far % ("IV65536", "17 miljoner celler", "90"))
    register("xls-kolumn-utanfor-biff8.xls", files["xls-kolumn-utanfor-biff8.xls"], 1,
             far % ("CRXP65536", "4 miljarder celler", "90"))
    register("xls-dimensions-enorm.xls", files["xls-dimensions-enorm.xls"], 1,
             "rapporter.xls › Rapporter: bladet anger att det sträcker sig till P4294967295 och blir då "
             "69 miljarder celler stort fast det bara har 89 ifyllda celler; filen är skadad och läses inte "
             "(spara om den i Excel)")
    register("xls-storsta-tillatna.xls", files["xls-storsta-tillatna.xls"], 1,
             "rapporter.xls › Rapporter › rad 39062, kolumn A (Id): Id saknas")
    # Found by the xls fuzz target (a mutation of a LibreOffice register): a MulRk record whose
    # last column is before its first, on which calamine's length check overflows. Kept as found.
    with open(os.path.join(OUT, "xls-mulrk-baklanges.xls"), "rb") as f:
        register("xls-mulrk-baklanges.xls", f.read(), 1,
                 "rapporter.xls: filen kan inte läsas som Excel-fil (.xls) (skadad, krypterad eller fel format)")
    # Also found by the xls fuzz target: a Lbl record (a defined name) too short for what
    # calamine reads of it, which panicked.
    with open(os.path.join(OUT, "xls-kort-namnpost.xls"), "rb") as f:
        register("xls-kort-namnpost.xls", f.read(), 1,
                 "rapporter.xls: filen kan inte läsas som Excel-fil (.xls) (skadad, krypterad eller fel format)")


def xlsx_sheets(sheets):
    """sheets: (name, rows or None for the reference register[, state])."""
    strings = {}
    out = []
    for sheet in sheets:
        rows = sheet[1] if sheet[1] is not None else [HEADER] + ROWS
        body = [[("date", v) if isinstance(v, tuple) else v for v in r] for r in rows]
        out.append((sheet[0], sheet_xml(body, strings=strings)) + tuple(sheet[2:]))
    return xlsx(out, shared(strings))


def xlsx_with_extra_sheet():
    strings = {}
    first = sheet_xml([["Instruktioner"], ["Fyll i bladet Rapporter"]], strings=strings)
    body = [[("date", v) if isinstance(v, tuple) else v for v in r] for r in ROWS]
    main_sheet = sheet_xml([HEADER] + body, strings=strings)
    return xlsx([("Instruktioner", first), ("Rapporter", main_sheet)], shared(strings))


if __name__ == "__main__":
    main()
