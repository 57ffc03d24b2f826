#!/usr/bin/env bash
# Writes tests/fixtures/real/: the reference register of tests/corpus (ok-referens.csv) saved by
# the programs controllers and their systems really use, and MANIFEST.tsv (the format of
# tests/corpus/MANIFEST.tsv) saying that each gives exactly the reference's report.
# tests/cli/real_files.rs reads the committed files; CI never runs this script.
#
# Needs: LibreOffice Calc (apt-get install libreoffice-calc-nogui), Gnumeric (apt-get install
# gnumeric, for ssconvert), Python 3 with openpyxl and pandas (pip install openpyxl pandas xlsxwriter), and
# (and xlsxwriter), node with npm (SheetJS `xlsx` and `exceljs` are installed into a temporary folder), and
# Java with Apache POI (apt-get install default-jre-headless libapache-poi-java).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/tests/fixtures/real"
ref="$root/tests/corpus/ok-referens.csv"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"

for tool in soffice ssconvert python3 node npm java; do
  command -v "$tool" >/dev/null || { echo "make-real-fixtures: $tool saknas" >&2; exit 1; }
done
python3 -c 'import openpyxl, pandas, xlsxwriter' || { echo "make-real-fixtures: pip install openpyxl pandas xlsxwriter" >&2; exit 1; }

# The reference with commas (what both office suites read without import options), and as JSON
# for the node writers: dates as ISO text, to become real dates in each program.
python3 - "$ref" "$tmp" <<'PY'
import csv, json, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8"), delimiter=";"))
csv.writer(open(f"{sys.argv[2]}/base.csv", "w", encoding="utf-8", newline="")).writerows(rows)
json.dump(rows, open(f"{sys.argv[2]}/base.json", "w", encoding="utf-8"), ensure_ascii=False)
PY

# LibreOffice Calc: its own profile, so that a running office does not take the conversion.
# CSV import: comma, double quote, UTF-8 (76), from line 1.
lo() { soffice -env:UserInstallation="file://$tmp/lo-profile" --headless --infilter=CSV:44,34,76,1 \
  --convert-to "$1" --outdir "$tmp/lo" "$2" >/dev/null 2>&1; }
for ext in xlsx ods xls; do
  lo "$ext" "$tmp/base.csv"
  cp "$tmp/lo/base.$ext" "$out/libreoffice.$ext"
done

# Gnumeric: ssconvert writes indented XML (the ods calamine refused).
ssconvert -T Gnumeric_OpenCalc:odf "$tmp/base.csv" "$out/gnumeric.ods" 2>/dev/null
ssconvert -T Gnumeric_Excel:xlsx2 "$tmp/base.csv" "$out/gnumeric.xlsx" 2>/dev/null
ssconvert -T Gnumeric_Excel:excel_biff8 "$tmp/base.csv" "$out/gnumeric.xls" 2>/dev/null

# openpyxl and pandas, and the 1904 date system: formatted dates, and dates as plain numbers
# (a date column without a date format), which Excel for Mac users send.
python3 - "$tmp" "$out" <<'PY'
import datetime, json, sys, unicodedata
import openpyxl, pandas
from openpyxl.utils.datetime import CALENDAR_MAC_1904, to_excel
tmp, out = sys.argv[1], sys.argv[2]
rows = json.load(open(f"{tmp}/base.json", encoding="utf-8"))
header, body = rows[0], rows[1:]
DATES = {header.index(h) for h in ("Händelsedatum", "Rapporterad", "Avslutad")}
def value(i, v, as_number=None):
    if i in DATES and v:
        d = datetime.date.fromisoformat(v)
        return as_number(d) if as_number else datetime.datetime(d.year, d.month, d.day)
    return v or None

def book(name, epoch=None, as_number=None, text=lambda s: s):
    wb = openpyxl.Workbook()
    if epoch:
        wb.epoch = epoch
    ws = wb.active
    ws.append([text(h) for h in header])
    for r in body:
        ws.append([value(i, text(v) if isinstance(v, str) else v, as_number) for i, v in enumerate(r)])
    if not as_number:
        for row in ws.iter_rows(min_row=2):
            for i in DATES:
                row[i].number_format = "yyyy-mm-dd"
    wb.save(f"{out}/{name}")

book("openpyxl.xlsx")
book("openpyxl-1904.xlsx", epoch=CALENDAR_MAC_1904)
book("openpyxl-1904-datumtal.xlsx", epoch=CALENDAR_MAC_1904,
     as_number=lambda d: int(to_excel(d, epoch=CALENDAR_MAC_1904)))
# Names in decomposed Unicode (NFD), as macOS and some web exports write them.
book("openpyxl-nfd.xlsx", text=lambda s: unicodedata.normalize("NFD", s))

frame = pandas.DataFrame(
    [[value(i, v) for i, v in enumerate(r)] for r in body], columns=header)
frame.to_excel(f"{out}/pandas.xlsx", index=False)
# XlsxWriter's constant-memory mode writes inline strings, as POI's SXSSF does; it takes
# rows in order only (pandas writes by column, which that mode cannot hold).
import xlsxwriter
xw = xlsxwriter.Workbook(f"{out}/xlsxwriter-inline.xlsx", {"constant_memory": True})
sheet, day = xw.add_worksheet(), xw.add_format({"num_format": "yyyy-mm-dd"})
sheet.write_row(0, 0, header)
for n, r in enumerate(body, start=1):
    for i, v in enumerate(r):
        if i in DATES and v:
            sheet.write_datetime(n, i, value(i, v), day)
        elif v:
            sheet.write_string(n, i, v)
xw.close()
PY

# The 1904 workbook with plain date numbers, saved as .xls by LibreOffice (DATEMODE 1904).
lo xls "$out/openpyxl-1904-datumtal.xlsx"
cp "$tmp/lo/openpyxl-1904-datumtal.xls" "$out/libreoffice-1904-datumtal.xls"

# SheetJS and ExcelJS (its streaming writer, with inline strings as POI's SXSSF writes them).
npm install --prefix "$tmp/npm" --no-audit --no-fund --loglevel=error xlsx exceljs >/dev/null
NODE_PATH="$tmp/npm/node_modules" node - "$tmp/base.json" "$out" <<'JS'
const fs = require("fs");
const XLSX = require("xlsx");
const ExcelJS = require("exceljs");
const [json, out] = process.argv.slice(2);
const rows = JSON.parse(fs.readFileSync(json, "utf8"));
const dates = new Set(["Händelsedatum", "Rapporterad", "Avslutad"].map((h) => rows[0].indexOf(h)));
const cells = rows.map((r, n) => r.map((v, i) =>
  n > 0 && dates.has(i) && v ? new Date(v + "T00:00:00Z") : (v === "" ? null : v)));
const ws = XLSX.utils.aoa_to_sheet(cells, { cellDates: true, dateNF: "yyyy-mm-dd", UTC: true });
const wb = XLSX.utils.book_new();
XLSX.utils.book_append_sheet(wb, ws, "Blad1");
XLSX.writeFile(wb, `${out}/sheetjs.xlsx`);
(async () => {
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: `${out}/exceljs-strom.xlsx`, useSharedStrings: false, useStyles: true });
  const sheet = writer.addWorksheet("Blad1");
  for (const r of cells) {
    const row = sheet.addRow(r);
    dates.forEach((i) => { row.getCell(i + 1).numFmt = "yyyy-mm-dd"; });
    row.commit();
  }
  await writer.commit();
})();
JS

# Apache POI's HSSF, the .xls writer of many Java case-management exports. (Debian's POI 4.0.1
# ships poi-ooxml-schemas without its schema classes, so its XSSF and SXSSF cannot run here;
# the streaming writers' inline strings come from ExcelJS and XlsxWriter above.)
cat > "$tmp/PoiFixtures.java" <<'JAVA'
import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;

public class PoiFixtures {
    public static void main(String[] args) throws Exception {
        List<String> lines = Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8);
        String[] header = lines.get(0).split(";", -1);
        Set<String> dates = Set.of("Händelsedatum", "Rapporterad", "Avslutad");
        try (HSSFWorkbook wb = new HSSFWorkbook()) {
            Sheet sheet = wb.createSheet("Blad1");
            CellStyle day = wb.createCellStyle();
            day.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
            for (int r = 0; r < lines.size(); r++) {
                String[] values = lines.get(r).split(";", -1);
                Row row = sheet.createRow(r);
                for (int c = 0; c < values.length; c++) {
                    if (values[c].isEmpty()) continue;
                    Cell cell = row.createCell(c);
                    if (r > 0 && dates.contains(header[c])) {
                        LocalDate d = LocalDate.parse(values[c]);
                        cell.setCellValue(Date.from(d.atStartOfDay().toInstant(ZoneOffset.UTC)));
                        cell.setCellStyle(day);
                    } else {
                        cell.setCellValue(values[c]);
                    }
                }
            }
            try (FileOutputStream out = new FileOutputStream(args[1])) {
                wb.write(out);
            }
        }
    }
}
JAVA
poi_cp=$(printf '/usr/share/java/%s.jar:' poi commons-collections4 commons-math3 commons-codec)
# POI turns a Date into a day number in the JVM's time zone: UTC, as the dates above are.
TZ=UTC java -cp "$poi_cp" "$tmp/PoiFixtures.java" "$ref" "$out/poi.xls"

{
  printf 'fil\troll\tslutkod\tförväntat\tsamma-som\n'
  for f in $(cd "$out" && ls | grep -v MANIFEST.tsv | sort); do
    printf '%s\trapporter\t0\tinga problem hittades\tok-referens.csv\n' "$f"
  done
} > "$out/MANIFEST.tsv"
ls -la "$out"
