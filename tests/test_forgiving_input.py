"""Input typed the way a reviewer types it: names for ids, capitals, commas, words for
terms, rows by number. Accepted where the meaning is certain; an error naming the
candidates where it is not; never a guess that changes the meaning."""

from __future__ import annotations

import openpyxl
import pytest

from safegraph import LoadError, load
from safegraph._vocab import VOCABULARY_NAMES, vocabulary


def workbook(path, agencies, people, relationships, chronology, review=(("id", "t"), ("title", "T"))):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "review"
    sheet.append(["key", "value"])
    for row in review:
        sheet.append(list(row))
    for name, rows in (("people", people), ("relationships", relationships), ("agencies", agencies),
                       ("chronology", chronology)):
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
    book.save(path)
    return path


NATURAL = dict(
    agencies=[["id", "name", "type"],
              ["Police", "Police", "Police"],
              ["GP", "GP surgery", "GP"],
              ["MARAC", "MARAC", "marac"],
              ["Children's Social Care", "Children's Social Care", "Children's Social Care"],
              ["school", "Oak Primary School", "School"]],
    people=[["id", "name", "role", "sex"],
            ["Amira", "Amira", "Mother", "Female"],
            ["Sami", "Sami", "Subject", "M"],
            ["dad", "Karim Haddad", "Father", "male"]],
    relationships=[["person", "relation", "other"],
                   ["Amira", "Mother of", "Sami"],
                   ["Karim Haddad", "Partner of", "amira"]],
    chronology=[["id", "date", "agency", "type", "subjects", "summary", "risks", "referred_to", "passes_on"],
                ["", "12/03/2019", "Police", "Incident", "Amira: Victim, dad: perpetrator", "Called to the flat",
                 "Domestic violence, coercive control", "MARAC, Children's Social Care", ""],
                ["", "14/03/2019", "children's social care", "Referral", "sami", "Referral received",
                 "", "GP surgery", "row 2"],
                ["", "20/03/2019", "MARAC", "meeting", "Amira", "MARAC heard the case", "domestic abuse", "", ""]],
)


def test_a_workbook_typed_the_natural_way_loads_in_one_round(tmp_path):
    path = workbook(tmp_path / "natural.xlsx", **NATURAL)
    review = load(path).reviews[0]
    assert [a.id for a in review.agencies] == ["police", "gp", "marac", "childrens-social-care", "school"]
    assert [a.type for a in review.agencies] == ["police", "gp", "marac", "childrens_social_care", "school"]
    assert [(p.id, p.role, p.sex) for p in review.people] == [("amira", "parent", "f"), ("sami", "subject", "m"),
                                                              ("dad", "parent", "m")]
    assert [(r.person, r.relation, r.other) for r in review.relationships] == [
        ("amira", "parent_of", "sami"), ("dad", "partner_of", "amira")]
    first, second, third = review.entries
    assert first.agency == "police" and [(s.person, s.role) for s in first.subjects] == [("amira", "victim"),
                                                                                       ("dad", "perpetrator")]
    assert first.risks == ("domestic_abuse", "coercive_control")
    assert first.referred_to == ("marac", "childrens-social-care")
    assert second.agency == "childrens-social-care" and second.referred_to == ("gp",)
    assert second.passes_on == (first.id,)  # "row 2" is the row the sheet shows
    assert third.type == "meeting"


@pytest.mark.parametrize("agencies,expected", [
    ([["id", "name", "type"], ["Police", "Police", "police"], ["police", "Police again", "police"]],
     "agencies, row 3, column id: agency id 'police' is already used in row 2, written 'Police'"),
    ([["id", "name", "type"], ["police", "Police", "police"], ["Police ", "Police again", "police"]],
     "agencies, row 3, column id: agency id 'Police' (read as 'police') is already used in row 2"),
])
def test_ids_that_clash_once_normalised_name_both_rows(tmp_path, agencies, expected):
    path = workbook(tmp_path / "clash.xlsx", agencies, NATURAL["people"][:2], [["person", "relation", "other"]],
                    [["date", "agency", "type", "subjects", "summary"], ["2019-01-01", "police", "incident", "amira", "x"]])
    with pytest.raises(LoadError) as info:
        load(path)
    assert any(str(p).endswith(expected) for p in info.value.problems), [str(p) for p in info.value.problems]


def test_an_ambiguous_reference_names_its_candidates(tmp_path):
    people = [["id", "name"], ["sam-1", "Sam"], ["sam-2", "Sam"], ["jo", "Jo"]]
    path = workbook(tmp_path / "two-sams.xlsx", NATURAL["agencies"], people, [["person", "relation", "other"]],
                    [["date", "agency", "type", "subjects", "summary"], ["2019-01-01", "police", "incident", "Sam", "x"],
                     ["2019-01-02", "police", "incident", "sam-2", "y"]])
    with pytest.raises(LoadError) as info:
        load(path)
    found = [str(p) for p in info.value.problems]
    assert found == [f"{path}, sheet chronology, row 2, column subjects: person 'Sam' could be any of 'sam-1', "
                     "'sam-2'; write the id"]


@pytest.mark.parametrize("column,value,message", [
    ("role", "Mother", None),  # an alias: read as parent, no problem
    ("role", "Othr", "'Othr' is not a known person role (did you mean 'other'?)"),
    ("role", "Mothre", "'Mothre' is not a known person role (did you mean 'parent'?)"),
    ("role", "Nanny", "'Nanny' is not a known person role (known: "),
    ("sex", "Woman", None),
])
def test_suggestions_keep_the_meaning(tmp_path, column, value, message):
    people = [["id", "name", column], ["amira", "Amira", value]]
    path = workbook(tmp_path / "p.xlsx", NATURAL["agencies"], people, [["person", "relation", "other"]],
                    [["date", "agency", "type", "subjects", "summary"], ["2019-01-01", "police", "incident", "amira", "x"]])
    if message is None:
        load(path)
        return
    with pytest.raises(LoadError) as info:
        load(path)
    text = [str(p) for p in info.value.problems]
    assert len(text) == 1 and message in text[0], text
    assert "'other'" not in text[0] or value == "Othr"


def test_an_unknown_agency_lists_what_is_known_by_id_and_name(tmp_path):
    path = workbook(tmp_path / "x.xlsx", NATURAL["agencies"], NATURAL["people"], [["person", "relation", "other"]],
                    [["date", "agency", "type", "subjects", "summary", "referred_to"],
                     ["2019-01-01", "police", "incident", "amira", "x", "Probation"]])
    with pytest.raises(LoadError) as info:
        load(path)
    (problem,) = [str(p) for p in info.value.problems]
    assert problem.endswith("column referred_to: unknown agency 'Probation' (known: childrens-social-care, "
                            "gp (GP surgery), marac, police, school (Oak Primary School))")


def test_words_for_a_kind_of_agency_or_a_parent_find_the_only_one(tmp_path):
    chronology = [["date", "agency", "type", "subjects", "summary", "referred_to", "spoken_to"],
                  ["2019-01-01", "the police", "incident", "Sami", "x", "CSC, the school", "Mother"]]
    path = workbook(tmp_path / "x.xlsx", NATURAL["agencies"], NATURAL["people"], [["person", "relation", "other"]],
                    chronology, review=(("id", "t"), ("title", "T"), ("subjects", "Sami, Amira")))
    review = load(path).reviews[0]
    (entry,) = review.entries
    assert entry.referred_to == ("childrens-social-care", "school") and entry.spoken_to == ("amira",)
    assert review.subjects == ("sami", "amira")
    # Two agencies of one kind: the word could be either, so it is an error naming both.
    agencies = NATURAL["agencies"] + [["school-2", "Elm Academy", "school"]]
    path = workbook(tmp_path / "y.xlsx", agencies, NATURAL["people"], [["person", "relation", "other"]], chronology)
    with pytest.raises(LoadError) as info:
        load(path)
    assert [str(p).split(": ", 1)[1] for p in info.value.problems] == [
        "agency 'the school' could be any of 'school', 'school-2'; write the id"]


def test_passes_on_by_a_row_that_is_not_an_entry(tmp_path):
    path = workbook(tmp_path / "x.xlsx", NATURAL["agencies"], NATURAL["people"], [["person", "relation", "other"]],
                    [["date", "agency", "type", "subjects", "summary", "passes_on"],
                     ["2019-01-01", "police", "incident", "amira", "x", ""],
                     ["2019-01-02", "police", "share", "amira", "y", "row 9"]])
    with pytest.raises(LoadError) as info:
        load(path)
    assert [str(p).split(": ", 1)[1] for p in info.value.problems] == ["unknown entry 'row 9'"]


def test_every_alias_is_unambiguous():
    for name in VOCABULARY_NAMES:
        vocab = vocabulary(name)
        for alias, term in vocab.aliases.items():
            assert alias not in vocab.terms, (name, alias)
            assert term in vocab.terms, (name, alias, term)
        assert vocab.normalise("") is None
