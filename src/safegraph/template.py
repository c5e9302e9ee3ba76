"""A workbook to start a review in (``safegraph template``): the format's sheets and
columns, a note on every column, one worked example row per sheet, and drop-down lists
(Excel data validation) fed from the vocabularies and from the people and agencies
sheets, so that most mistakes cannot be typed.

The drop-downs only offer: a value not on a list is accepted after a warning (single-value
columns such as type, role, relation) or a note (list columns such as risks and
referred_to, which may hold several values separated by ``;``), since safegraph reads the
other words for a term (``Mother`` for ``parent``) and says so if a value means nothing.
The example rows have ids starting ``example-``; ``safegraph validate`` warns while they
are still there.
"""

from __future__ import annotations

import io

from ._load import COLUMNS, REVIEW_KEYS
from ._vocab import vocabulary

EXAMPLE_PREFIX = "example-"
ROWS = 1000
"""How many rows of each sheet the drop-downs cover."""

NOTES = {
    "review": {
        "id": "A short id for the review: lower-case letters, digits and hyphens (e.g. luton-2021-child-a).",
        "title": "The review's title as published.",
        "kind": "scr, sar, dhr, lcspr, cspr or other.",
        "area": "The partnership or local authority area.",
        "published": "The year it was published.",
        "period_start": "First day of the period under review (e.g. 01/03/2015 or 2015-03).",
        "period_end": "Last day of the period under review.",
        "incident": "The date of the death or serious harm that led to the review.",
        "subjects": "The people the review is about: their ids or names from the people sheet, separated by ;",
        "source": "Where the review came from: the published report, its date.",
        "episodes": "Key practice episodes, each START..END label, separated by ; (e.g. 2016-01..2016-06 Early help).",
        "themes": "The review's themes, separated by ; (information_sharing, thresholds, voice_of_the_child...).",
    },
    "people": {
        "id": "A short id, or just the name: Amira becomes amira. Unique on this sheet.",
        "name": "The person's name or the report's pseudonym. Names are kept here and nowhere else.",
        "role": "Their place in the review: subject, parent, sibling, partner... (Mother and Father count as parent).",
        "sex": "f, m or x.",
        "born": "Date of birth, as exact as the report allows (2009, 2009-05, 12/05/2009).",
        "child": "yes or no, where there is no date of birth.",
        "ethnicity": "As the report records it.",
        "notes": "Anything else about them.",
    },
    "relationships": {
        "person": "A person (id or name from the people sheet).",
        "relation": "How they are related to the other: parent_of, partner_of, sibling_of...",
        "other": "The other person (id or name).",
        "notes": "Anything else about the relationship.",
    },
    "agencies": {
        "id": "A short id, or just the name: Children's Social Care becomes childrens-social-care.",
        "name": "The agency's name as the report gives it.",
        "type": "What kind of agency it is: police, school, gp, childrens_social_care, mash, marac...",
        "area": "The local authority area(s) it serves, separated by ; (empty if the report does not say).",
        "part_of": "The organisation it is a unit of (an agency on this sheet), if any.",
        "involvement": "ongoing or episodic (one-off contacts); empty for the usual for its type.",
    },
    "chronology": {
        "id": "Optional. Leave empty and each row gets an id of its own.",
        "date": "The date of the entry: 05/03/2019 (day first), 2019-03-05, 2019-03 or 2019; a ? first if unsure.",
        "agency": "Whose record this is (an agency on the agencies sheet, by id or name).",
        "type": "incident, contact, referral, assessment, meeting, decision, disclosure, share, death or other.",
        "subjects": "Who it is about (ids or names), separated by ; - add a role with a colon: amira:victim; karim:perpetrator.",
        "summary": "What happened, in your own words.",
        "risks": "The risks it records, separated by ; (domestic_abuse; self_harm; overdose...).",
        "referred_to": "Agencies it was referred to (none if the report says nobody).",
        "shared_with": "Agencies it was shared with.",
        "not_shared_with": "Agencies the review says it was NOT shared with.",
        "attendees": "For a meeting: the agencies there (none if only the convening agency).",
        "passes_on": "Earlier entries whose information this passed on: their ids, or row 14 for the entry on row 14.",
        "outcome": "What was decided: nfa, threshold_not_met, signposted, cp_plan, marac...",
        "spoken_to": "People seen or spoken to directly (none if nobody was).",
        "informant": "The person whose account the agency relied on.",
        "source": "Where in the report or the agency's chronology this comes from (section, page, row).",
        "comment": "The reviewer's comment.",
        "risk_level": "standard, medium or high, where a risk assessment graded it.",
        "meeting_kind": "For a meeting: marac, strategy_meeting, cp_conference, core_group...",
        "received": "When a recipient actually got it, if later: agency:date (mash:12/09/2019).",
        "unrecorded_by": "Recipients that have no record of receiving it.",
    },
}

EXAMPLES = {
    "review": [("id", "example-review"), ("title", "EXAMPLE: replace with the review's title"),
               ("kind", "lcspr"), ("area", "Example Borough"), ("period_start", "2018-01"),
               ("period_end", "2020-06"), ("incident", "12/06/2020"), ("subjects", "example-child")],
    "people": [["example-child", "Child A (example)", "subject", "f", "2012", "", "", "EXAMPLE row: delete it"]],
    "relationships": [["example-mother", "parent_of", "example-child", "EXAMPLE row: delete it"]],
    "agencies": [["example-police", "Example Police (example)", "police", "Example Borough", "", ""]],
    "chronology": [["example-1", "03/02/2019", "example-police", "incident", "example-child:victim",
                    "EXAMPLE: police called to the home; delete this row", "domestic_abuse", "", "", "", "", "", "", "",
                    "", "Agency chronology, row 4", "", "", "", "", ""]],
}
# The worked example needs a mother on the people sheet, for its relationship row.
EXAMPLES["people"].append(["example-mother", "Mother (example)", "parent", "f", "", "", "", "EXAMPLE row: delete it"])

# Columns whose drop-down offers a vocabulary: (vocabulary, one value only).
VOCABULARY_COLUMNS = {
    ("review", "kind"): ("review_kinds", True), ("review", "themes"): ("themes", False),
    ("people", "role"): ("person_roles", True), ("people", "sex"): ("sexes", True),
    ("relationships", "relation"): ("relations", True),
    ("agencies", "type"): ("agency_types", True), ("agencies", "involvement"): ("involvement_kinds", True),
    ("chronology", "type"): ("entry_types", True), ("chronology", "risks"): ("risks", False),
    ("chronology", "outcome"): ("outcomes", True), ("chronology", "risk_level"): ("risk_levels", True),
    ("chronology", "meeting_kind"): ("meeting_kinds", True),
}
# Columns whose drop-down offers the ids on another sheet: (sheet, one value only).
REFERENCE_COLUMNS = {
    ("relationships", "person"): ("people", True), ("relationships", "other"): ("people", True),
    ("agencies", "part_of"): ("agencies", True),
    ("chronology", "agency"): ("agencies", True), ("chronology", "subjects"): ("people", False),
    ("chronology", "referred_to"): ("agencies", False), ("chronology", "shared_with"): ("agencies", False),
    ("chronology", "not_shared_with"): ("agencies", False), ("chronology", "attendees"): ("agencies", False),
    ("chronology", "unrecorded_by"): ("agencies", False), ("chronology", "spoken_to"): ("people", False),
    ("chronology", "informant"): ("people", True),
}
WIDTHS = {"summary": 60, "comment": 40, "source": 28, "name": 30, "notes": 40, "title": 40}


def template_workbook() -> bytes:
    """The template workbook, as ``.xlsx`` bytes."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    review = book.active
    review.title = "review"
    lists = book.create_sheet("lists")
    bold = Font(bold=True)
    required_fill = PatternFill("solid", fgColor="FCE4D6")
    header_fill = PatternFill("solid", fgColor="DDEBF7")

    # The vocabularies, one column each, on a hidden sheet the drop-downs read.
    ranges = {}
    for col, name in enumerate(sorted({v for v, _ in VOCABULARY_COLUMNS.values()}), start=1):
        terms = list(vocabulary(name))
        lists.cell(row=1, column=col, value=name).font = bold
        for row, term in enumerate(terms, start=2):
            lists.cell(row=row, column=col, value=term)
        letter = get_column_letter(col)
        ranges[name] = f"lists!${letter}$2:${letter}${len(terms) + 1}"
    lists.sheet_state = "hidden"

    def validation(sheet, cell_range: str, formula: str, strict: bool, prompt: str) -> None:
        rule = DataValidation(type="list", formula1=formula, allow_blank=True, showDropDown=False)
        # Never "stop": safegraph reads words beside the list's terms (Mother for parent,
        # Partner of for partner_of), so Excel only asks.
        rule.errorStyle = "warning" if strict else "information"
        rule.showErrorMessage = True
        rule.error = ("Not on the list. Keep it if it means one of the terms (Mother for parent, say): "
                      "safegraph validate will say if it does not." if strict else
                      "Not on the list: fine if you are writing several values separated by ;")
        rule.promptTitle = "Choose"
        rule.prompt = prompt[:250]
        rule.showInputMessage = True
        sheet.add_data_validation(rule)
        rule.add(cell_range)

    # The review sheet: a key and value per row.
    review.append(["key", "value", "what to write"])
    for cell in review[1]:
        cell.font, cell.fill = bold, header_fill
    examples = dict(EXAMPLES["review"])
    for key, required in REVIEW_KEYS.items():
        review.append([key, examples.get(key, ""), NOTES["review"][key]])
        if required:
            review.cell(row=review.max_row, column=1).fill = required_fill
    kind_row = list(REVIEW_KEYS).index("kind") + 2
    validation(review, f"B{kind_row}", ranges["review_kinds"], True, NOTES["review"]["kind"])
    themes_row = list(REVIEW_KEYS).index("themes") + 2
    validation(review, f"B{themes_row}", ranges["themes"], False, NOTES["review"]["themes"])
    review.column_dimensions["A"].width = 16
    review.column_dimensions["B"].width = 50
    review.column_dimensions["C"].width = 90
    review.freeze_panes = "A2"

    for table, columns in COLUMNS.items():
        sheet = book.create_sheet(table)
        names = list(columns)
        sheet.append(names)
        for row in EXAMPLES[table]:
            sheet.append(row + [""] * (len(names) - len(row)))
        for col, column in enumerate(names, start=1):
            letter = get_column_letter(col)
            cell = sheet.cell(row=1, column=col)
            cell.font = bold
            cell.fill = required_fill if columns[column] else header_fill
            note = NOTES[table][column] + (" Required." if columns[column] else "")
            cell.comment = Comment(note, "safegraph", width=320, height=110)
            sheet.column_dimensions[letter].width = WIDTHS.get(column, 16)
            cells = f"{letter}2:{letter}{ROWS + 1}"
            if (table, column) in VOCABULARY_COLUMNS:
                name, strict = VOCABULARY_COLUMNS[(table, column)]
                validation(sheet, cells, ranges[name], strict, note)
            elif (table, column) in REFERENCE_COLUMNS:
                other, strict = REFERENCE_COLUMNS[(table, column)]
                validation(sheet, cells, f"{other}!$A$2:$A${ROWS + 1}", False, note)
        for row in sheet.iter_rows(min_row=2, max_row=sheet.max_row):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.freeze_panes = "B2" if table == "chronology" else "A2"
    book.move_sheet("lists", offset=len(book.sheetnames))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


__all__ = ["EXAMPLE_PREFIX", "template_workbook"]
