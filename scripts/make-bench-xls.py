#!/usr/bin/env python3
"""Writes the xls register for `cargo bench --bench register` from the CSV the bench writes:
    scripts/make-bench-xls.py IN.csv OUT.xls
Needs xlwt (`pip install xlwt`); without it the bench skips its xls variants and says so.
Dates (columns Händelsedatum, Rapporterad, Avslutad) become date cells formatted yyyy-mm-dd,
as in the xlsx register; empty fields are left blank. BIFF8 holds at most 65 536 rows."""

import csv
import datetime
import sys

import xlwt

DATE_COLUMNS = {"Händelsedatum", "Rapporterad", "Avslutad"}


def main(src, dst):
    with open(src, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    if len(rows) > 65536:
        sys.exit("%d rader: xls rymmer högst 65 536" % len(rows))
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("Rapporter")
    date = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    dates = [h in DATE_COLUMNS for h in rows[0]]
    for c, h in enumerate(rows[0]):
        ws.write(0, c, h)
    for r, row in enumerate(rows[1:], start=1):
        for c, v in enumerate(row):
            if not v:
                continue
            if dates[c]:
                ws.write(r, c, datetime.date.fromisoformat(v), date)
            else:
                ws.write(r, c, v)
    wb.save(dst)


if __name__ == "__main__":
    main(*sys.argv[1:])
