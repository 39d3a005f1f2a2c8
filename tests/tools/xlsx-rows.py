#!/usr/bin/env python3
"""Prints the rows of one sheet of an XLSX file as JSON (a list of rows, each a list of cells:
numbers as numbers, text as text, empty cells as null), read with the standard library only, so
a test can check what a spreadsheet program would show.
    xlsx-rows.py FILE.xlsx SHEET-NAME"""
import json
import re
import sys
import zipfile
from xml.etree import ElementTree

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}


def column_index(reference):
    letters = re.match(r"[A-Z]+", reference).group(0)
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - ord("A") + 1
    return index - 1


def main(path, sheet_name):
    with zipfile.ZipFile(path) as book:
        workbook = ElementTree.fromstring(book.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(book.read("xl/_rels/workbook.xml.rels"))
        targets = {rel.get("Id"): rel.get("Target") for rel in rels}
        sheet = next(s for s in workbook.find("m:sheets", NS) if s.get("name") == sheet_name)
        target = targets[sheet.get("{%s}id" % NS["r"])]
        shared = []
        if "xl/sharedStrings.xml" in book.namelist():
            for item in ElementTree.fromstring(book.read("xl/sharedStrings.xml")):
                shared.append("".join(t.text or "" for t in item.iter("{%s}t" % NS["m"])))
        root = ElementTree.fromstring(book.read("xl/" + target.lstrip("/").removeprefix("xl/")))
    rows = []
    for row in root.iter("{%s}row" % NS["m"]):
        cells = []
        for cell in row.findall("m:c", NS):
            index = column_index(cell.get("r"))
            cells.extend([None] * (index + 1 - len(cells)))
            kind = cell.get("t")
            if kind == "inlineStr":
                cells[index] = "".join(t.text or "" for t in cell.iter("{%s}t" % NS["m"]))
            elif kind == "s":
                cells[index] = shared[int(cell.find("m:v", NS).text)]
            elif cell.find("m:v", NS) is not None:
                cells[index] = float(cell.find("m:v", NS).text)
        rows.append(cells)
    json.dump(rows, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
