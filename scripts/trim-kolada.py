#!/usr/bin/env python3
"""Trims the reconstructed Kolada catalogs (shared/reference/kolada) into the tab-separated
files that kvalitet embeds (src/model/indicators/data/). Keeps only the fields the tool uses.

Usage: scripts/trim-kolada.py KOLADA_REFERENCE_DIR
"""
import json
import sys
from pathlib import Path

src = Path(sys.argv[1])
out = Path(__file__).resolve().parent.parent / "src" / "indicators" / "data"


def clean(s):
    return " ".join((s or "").replace("\t", " ").split()) if s else ""


def load(name):
    return json.loads((src / name).read_text(encoding="utf-8"))["values"]


def write(name, rows):
    text = "".join("\t".join(r) + "\n" for r in rows)
    (out / name).write_text(text, encoding="utf-8")


kpis = sorted(load("v3_kpi_catalog_full_reconstructed.json"), key=lambda k: k["id"])
# Titles keep their own spacing: kvalitet cleans them for display and tests that.
write("kpi.tsv", [
    (k["id"], (k["title"] or "").replace("\t", " "), clean(k["operating_area"]),
     k["municipality_type"] or "", "1" if k["is_divided_by_gender"] else "0",
     clean(k["description"]))
    for k in kpis
])
munis = sorted(load("v3_municipality_full_reconstructed.json"), key=lambda m: m["id"])
write("kommuner.tsv", [(m["id"], clean(m["title"]), m["type"]) for m in munis])
groups = sorted(load("v3_municipality_groups_full_reconstructed.json"), key=lambda g: g["id"])
write("grupper.tsv", [
    (g["id"], clean(g["title"]), ",".join(sorted(m["member_id"] for m in g["members"])))
    for g in groups
])
