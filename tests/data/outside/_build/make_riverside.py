"""Build the 'riverside' outside test data in its containers from riverside_data.py.

Usage (from this folder):  python make_riverside.py
Writes ../riverside-csv/, ../riverside.yaml, ../riverside.json and ./riverside.fods;
the .xlsx is then made by LibreOffice (see ../README.md):
    soffice --headless --convert-to xlsx --outdir .. riverside.fods
Needs only the standard library (PyYAML is used by check_riverside.py, not here).
"""
import json
import os
import re
from xml.sax.saxutils import escape

import riverside_data as d

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)

# ---------------------------------------------------------------- CSV (Excel "CSV UTF-8")
# Headers as a user typed them: varied case, stray spaces, own column order.
CSV_HEADERS = {
    "people": [("name", "Name"), ("id", " ID "), ("born", "born"), ("role", "ROLE"),
               ("sex", "Sex"), ("child", "Child "), ("ethnicity", "Ethnicity"),
               ("notes", "notes")],
    "relationships": [("other", "Other"), ("relation", "RELATION"), ("person", "Person"),
                      ("notes", "Notes")],
    "agencies": [("type", "Type"), ("name", "Name"), ("id", "ID"), ("area", "area ")],
    "chronology": [("date", " Date"), ("agency", "AGENCY"), ("type", "Type"), ("id", "Id"),
                   ("subjects", "Subjects"), ("summary", "Summary"), ("risks", "Risks "),
                   ("outcome", "Outcome"), ("referred_to", "Referred_To"),
                   ("shared_with", "SHARED_WITH"), ("not_shared_with", "Not_Shared_With"),
                   ("attendees", "attendees"), ("passes_on", "Passes_On"),
                   ("spoken_to", "Spoken_To"), ("informant", "informant"),
                   ("source", "Source"), ("comment", "Comment"),
                   ("officer_ref", "officer_ref"), ("rag", "RAG")],
}

# Cells as typed, where they differ from the canonical text only by case and spaces
# that the spec says are ignored (vocabulary terms, yes/no, dates).  (row n from 1, column)
CSV_AS_TYPED = {
    "people": {(1, "sex"): "F", (2, "role"): "Partner ", (4, "child"): "Yes ",
               (6, "child"): "NO", (3, "born"): " 2005-09"},
    "relationships": {(2, "relation"): "Parent_Of", (8, "relation"): "sibling_of "},
    "agencies": {(1, "type"): "Police ", (4, "type"): "GP"},
    "chronology": {(1, "type"): "Incident", (1, "risks"): "domestic_abuse; injury",
                   (1, "outcome"): "NFA", (3, "outcome"): "threshold_not_met ",
                   (4, "date"): " 3/2/2022 ", (8, "date"): "2022-06-30 ",
                   (8, "risks"): "Domestic_Abuse;Physical_Abuse; injury ",
                   (9, "type"): "contact ", (10, "type"): "MEETING",
                   (17, "subjects"): "maya:Victim;dean:perpetrator;poppy:Witness;"
                                     "neighbour:reporter",
                   (30, "risks"): "domestic_abuse ; threat_to_kill ; coercive_control"},
}
CSV_BLANK_TRAILING_ROWS = {"people": 1, "relationships": 0, "agencies": 0, "chronology": 2}


def excel_field(v):
    # Excel quotes a field only when it holds a comma, a double quote or a line break.
    if any(c in v for c in ',"\r\n'):
        return '"' + v.replace('"', '""') + '"'
    return v


def write_excel_csv(path, header, rows, blanks):
    lines = [",".join(excel_field(h) for h in header)]
    lines += [",".join(excel_field(v) for v in r) for r in rows]
    lines += ["," * (len(header) - 1)] * blanks
    # BOM + CRLF after every record; a line break inside a cell stays a bare LF (Alt+Enter).
    with open(path, "wb") as f:
        f.write(b"\xef\xbb\xbf" + "".join(line + "\r\n" for line in lines).encode("utf-8"))


def build_csv():
    folder = os.path.join(OUT, "riverside-csv")
    os.makedirs(folder, exist_ok=True)
    tables = {"people": (d.PEOPLE_COLS, d.PEOPLE),
              "relationships": (d.REL_COLS, d.RELATIONSHIPS),
              "agencies": (d.AGENCY_COLS, d.AGENCIES),
              "chronology": (d.CHRON_COLS, d.CHRONOLOGY)}
    for name, (cols, rows) in tables.items():
        spec = CSV_HEADERS[name]
        assert sorted(k for k, _ in spec) == sorted(cols), name
        typed = CSV_AS_TYPED[name]
        out_rows = []
        for n, r in enumerate(d.rows_as_dicts(cols, rows), 1):
            cells = []
            for key, _ in spec:
                v = typed.get((n, key), r[key])
                assert v.strip().lower().replace(" ", "") == r[key].lower().replace(" ", ""), \
                    (name, n, key)
                cells.append(v)
            out_rows.append(cells)
        write_excel_csv(os.path.join(folder, name + ".csv"), [h for _, h in spec], out_rows,
                        CSV_BLANK_TRAILING_ROWS[name])
    # review.yaml as typed in Notepad on Windows (CRLF, no BOM).
    review_yaml = [
        "# Riverside DHR: review details (invented data for testing)",
        "id: riverside",
        'title: "Domestic Homicide Review: Maya (Riverside estate)"',
        "kind: dhr",
        "area: Wyndmere",
        "published: 2025",
        "period_start: 2022-01-01",
        "period_end: 19/5/2024",
        "subjects: maya",
        "source: Wyndmere Community Safety Partnership, DHR 'Maya' (invented example), 2025",
    ]
    with open(os.path.join(folder, "review.yaml"), "wb") as f:
        f.write("".join(line + "\r\n" for line in review_yaml).encode("utf-8"))


# ---------------------------------------------------------------- YAML (hand style)
FULL_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
PLAIN_OK = re.compile(r"^[A-Za-z0-9?(][^\n#]*$")


def yscalar(v):
    """A scalar the way a person would type it: plain where YAML reads it back as
    the same string, single-quoted otherwise."""
    special = (": " in v or v.endswith(":") or " #" in v or v.startswith(("'", '"'))
               or v.lower() in ("yes", "no", "true", "false", "on", "off", "null", "~")
               or re.match(r"^[-+]?\d+(\.\d+)?$", v) or FULL_ISO.match(v))
    if PLAIN_OK.match(v) and not special and not v.startswith("? "):
        return v
    return "'" + v.replace("'", "''") + "'"


def ylist_block(items, indent):
    return "".join("\n%s- %s" % (" " * indent, yscalar(i)) for i in items)


def yaml_value(key, v, n, indent):
    """Choose a natural YAML spelling for one field of data row n."""
    if key in d.DATE_COLS:
        if FULL_ISO.match(v):
            return v                      # unquoted: YAML hands over a date
        if re.match(r"^\d{4}$", v):
            return v                      # unquoted: YAML hands over an int
        return v                          # '?2023-08', '17/1/2022', '2022-03': str
    if key == "child":
        return {"yes": "yes", "no": "false"}[v]  # YAML booleans
    if key in d.LIST_COLS:
        items = v.split(";")
        if len(items) == 1 and n % 3 == 0:
            return yscalar(v)
        if n % 2 == 0:
            return "%s" % v if PLAIN_OK.match(v) else yscalar(v)   # ';' string
        if all(":" not in i for i in items):
            return "[" + ", ".join(items) + "]"                    # flow list
        return ylist_block(items, indent + 2)                      # block list
    if "\n" in v:
        return "|-\n" + "\n".join(" " * (indent + 2) + line for line in v.split("\n"))
    return yscalar(v)


def build_yaml():
    L = ["# Riverside DHR, typed by hand (invented data for testing).", "review:"]
    for k, v in d.REVIEW.items():
        if k == "subjects":
            L.append("  subjects: [%s]" % v.replace(";", ", "))
        elif k in d.DATE_COLS or k == "published":
            L.append("  %s: %s" % (k, v))
        else:
            L.append("  %s: %s" % (k, yscalar(v)))
    sections = [("people", d.PEOPLE_COLS, d.PEOPLE),
                ("relationships", d.REL_COLS, d.RELATIONSHIPS),
                ("agencies", d.AGENCY_COLS, d.AGENCIES),
                ("chronology", d.CHRON_COLS, d.CHRONOLOGY)]
    for name, cols, rows in sections:
        L.append("")
        L.append("%s:" % name)
        for n, r in enumerate(d.rows_as_dicts(cols, rows), 1):
            first = True
            for k in cols:
                v = r[k]
                if v == "":
                    continue          # not recorded: key left out
                L.append("%s%s: %s" % ("  - " if first else "    ", k,
                                       yaml_value(k, v, n, 4)))
                first = False
    text = "\n".join(line.rstrip() for line in "\n".join(L).split("\n")) + "\n"
    with open(os.path.join(OUT, "riverside.yaml"), "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


# ---------------------------------------------------------------- JSON
def json_value(k, v):
    if k in d.LIST_COLS:
        return v.split(";")
    if k in ("born", "published") and re.match(r"^\d{4}$", v):
        return int(v)                 # a year as a JSON number
    return v


def build_json():
    doc = {"review": {k: json_value(k, v) for k, v in d.REVIEW.items()}}
    doc["review"]["subjects"] = d.REVIEW["subjects"].split(";")
    for name, cols, rows in [("people", d.PEOPLE_COLS, d.PEOPLE),
                             ("relationships", d.REL_COLS, d.RELATIONSHIPS),
                             ("agencies", d.AGENCY_COLS, d.AGENCIES),
                             ("chronology", d.CHRON_COLS, d.CHRONOLOGY)]:
        doc[name] = [{k: json_value(k, v) for k, v in r.items() if v != ""}
                     for r in d.rows_as_dicts(cols, rows)]
    with open(os.path.join(OUT, "riverside.json"), "w", encoding="utf-8", newline="\n") as f:
        json.dump(doc, f, ensure_ascii=False, indent=2)
        f.write("\n")


# ---------------------------------------------------------------- flat ODS for LibreOffice
FODS_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
 <office:styles>
  <number:date-style style:name="N_DMY" number:language="en" number:country="GB">
   <number:day number:style="long"/><number:text>/</number:text>
   <number:month number:style="long"/><number:text>/</number:text>
   <number:year number:style="long"/>
  </number:date-style>
  <number:number-style style:name="N_INT"><number:number number:decimal-places="0"
   number:min-integer-digits="1"/></number:number-style>
 </office:styles>
 <office:automatic-styles>
  <style:style style:name="ceDate" style:family="table-cell"
   style:parent-style-name="Default" style:data-style-name="N_DMY"/>
  <style:style style:name="ceInt" style:family="table-cell"
   style:parent-style-name="Default" style:data-style-name="N_INT"/>
  <style:style style:name="ceText" style:family="table-cell"
   style:parent-style-name="Default"><style:table-cell-properties fo:wrap-option="wrap"/>
  </style:style>
  <style:style style:name="ceBlank" style:family="table-cell"
   style:parent-style-name="Default"><style:table-cell-properties
   fo:background-color="#ffffcc"/></style:style>
 </office:automatic-styles>
 <office:body><office:spreadsheet>
"""
FODS_TAIL = " </office:spreadsheet></office:body>\n</office:document>\n"


def iso_of_full_date(v):
    if FULL_ISO.match(v):
        return v
    m = DMY.match(v)
    if m:
        return "%s-%02d-%02d" % (m.group(3), int(m.group(2)), int(m.group(1)))
    return None


def fods_cell(key, v):
    if v == "":
        return "<table:table-cell/>"
    if key in d.DATE_COLS:
        iso = iso_of_full_date(v)
        if iso:   # a full date typed in Excel becomes a real date cell
            return ('<table:table-cell table:style-name="ceDate" office:value-type="date" '
                    'office:date-value="%s"><text:p>%s</text:p></table:table-cell>'
                    % (iso, "/".join(reversed(iso.split("-")))))
    if key in ("born", "published") and re.match(r"^\d{4}$", v):
        return ('<table:table-cell table:style-name="ceInt" office:value-type="float" '
                'office:value="%s"><text:p>%s</text:p></table:table-cell>' % (v, v))
    paras = "".join("<text:p>%s</text:p>" % escape(p) for p in v.split("\n"))
    style = ' table:style-name="ceText"' if "\n" in v else ""
    return '<table:table-cell%s office:value-type="string">%s</table:table-cell>' % (style,
                                                                                     paras)


def fods_table(name, header, rows, blank_rows=1):
    out = ['  <table:table table:name="%s">' % name]
    out.append("   <table:table-row>" + "".join(
        '<table:table-cell office:value-type="string"><text:p>%s</text:p></table:table-cell>'
        % escape(h) for h in header) + "</table:table-row>")
    for r in rows:
        out.append("   <table:table-row>" + "".join(fods_cell(k, v) for k, v in r)
                   + "</table:table-row>")
    for _ in range(blank_rows):
        # a blank trailing row that a user once formatted: empty, but not absent
        out.append('   <table:table-row><table:table-cell table:style-name="ceBlank" '
                   'table:number-columns-repeated="%d"/></table:table-row>' % len(header))
    out.append("  </table:table>")
    return "\n".join(out)


# Sheet column orders (the workbook's own order, again not the spec's).
XLSX_CHRON_ORDER = ["id", "date", "agency", "type", "subjects", "summary", "risks",
                    "outcome", "referred_to", "shared_with", "not_shared_with", "attendees",
                    "passes_on", "spoken_to", "informant", "officer_ref", "rag", "source",
                    "comment"]


def build_fods():
    # key column as text; the value column typed as Excel would type it: real date
    # cells for the period, a number for the year, text for the rest
    review_rows = [[("key", k), (k if k in ("period_start", "period_end", "published")
                                 else "value", v)] for k, v in d.REVIEW.items()]
    parts = [FODS_HEAD, fods_table("review", ["key", "value"], review_rows)]
    for name, cols, rows, order in [
            ("people", d.PEOPLE_COLS, d.PEOPLE, d.PEOPLE_COLS),
            ("relationships", d.REL_COLS, d.RELATIONSHIPS, d.REL_COLS),
            ("agencies", d.AGENCY_COLS, d.AGENCIES, d.AGENCY_COLS),
            ("chronology", d.CHRON_COLS, d.CHRONOLOGY, XLSX_CHRON_ORDER)]:
        assert sorted(order) == sorted(cols)
        drows = [[(k, r[k]) for k in order] for r in d.rows_as_dicts(cols, rows)]
        parts.append(fods_table(name, order, drows))
    parts.append(FODS_TAIL)
    with open(os.path.join(HERE, "riverside.fods"), "w", encoding="utf-8") as f:
        f.write("\n".join(parts))


if __name__ == "__main__":
    build_csv()
    build_yaml()
    build_json()
    build_fods()
    print("wrote CSV folder, riverside.yaml, riverside.json, _build/riverside.fods")
