#!/usr/bin/env python3
"""Reads a long-format report CSV with Python's standard csv module and prints what it holds as
JSON, for the round-trip test to compare with the JSON report:
  {"responses": N, "ratings": {"ITEM/SCALE": {"rated": n, "no_opinion": n, "sum": s}},
   "texts": {"ITEM or QUESTION": [comments and open answers...]}}
Usage: csv-counts.py FILE SEPARATOR"""
import csv
import json
import sys


def main():
    path, separator = sys.argv[1], sys.argv[2]
    with open(path, encoding="utf-8", newline="") as f:
        raw = f.read()
    if not raw.startswith("\ufeff"):
        sys.exit("no UTF-8 byte order mark")
    rows = list(csv.reader(raw[1:].splitlines(keepends=True), delimiter=separator, strict=True))
    header, body = rows[0], rows[1:]
    column = {name: i for i, name in enumerate(header)}
    responses, ratings, texts = set(), {}, {}
    for row in body:
        if len(row) != len(header):
            sys.exit(f"row of {len(row)} fields, header has {len(header)}: {row!r}")
        responses.add(row[column["response_id"]])
        item, scale, value, text = (row[column[c]] for c in ("item", "scale", "value", "comment"))
        if scale:
            tally = ratings.setdefault(f"{item}/{scale}", {"rated": 0, "no_opinion": 0, "sum": 0})
            if value == "no-opinion":
                tally["no_opinion"] += 1
            else:
                tally["rated"] += 1
                tally["sum"] += int(value)
        if text:
            texts.setdefault(item, []).append(text)
    print(json.dumps({"responses": len(responses), "ratings": ratings, "texts": texts}))


main()
