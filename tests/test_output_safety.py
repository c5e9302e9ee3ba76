"""Safe output: nothing in the data can control a terminal or become markdown structure, and
no command opens a network connection.

Hostile names, agency names, titles, summaries, sources and ids are built as models (not
read from files, so what the readers accept or refuse does not decide what is tested) and
pushed through every human format of every command.
"""

from __future__ import annotations

import re
import socket
import unicodedata

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from safegraph import build_graph, find_gaps, info, report
from safegraph._dates import parse_date
from safegraph._text import markdown, markdown_table, table, terminal
from safegraph.errors import Problem
from safegraph.cli import cli
from safegraph.models import Agency, Corpus, Entry, Person, Relationship, Review, Subject

from conftest import EXAMPLES, OUTSIDE

OSC = "\x1b]0;pwned\x07"
CSI = "\x1b[2J\x1b[31m"
C1 = "\x9b31m\x85"
BIDI = "\u202egnp.exe\u202c\u2066x\u2069\u200f"
INVISIBLE = "\x00\x7f\x08\r\u200b\ufeff\u00ad\U000e0041\u2028\u2029\u180e"
MARKUP = ("# Heading\n## Injected\n- bullet * star **bold** _em_ [link](http://evil.example) ![img](x) "
          "<script>alert(1)</script> <img src=x onerror=alert(1)> | pipe | `code` ```fence &lt; &#27; "
          "www.evil.example <http://evil.example> ~~strike~~ \\ \n1. ordered\n> quote\n---\n")
HOSTILE = OSC + CSI + C1 + BIDI + INVISIBLE + MARKUP


def hostile(text: str) -> str:
    return f"{text} {HOSTILE} {text}"


def hostile_review() -> Review:
    """A review whose every free-text field and id carries every hostile sequence, shaped so
    that the gap queries find something (a child not seen, a decision without the history...)."""
    def day(text):
        return parse_date(text)

    amy, mum = "amy" + OSC, "mum|`x`"
    police, csc, school = "police" + CSI, "csc\u202e", "school<b>"
    people = (Person(id=amy, name=hostile("Amy"), role="subject", child=True),
              Person(id=mum, name=hostile("Mother"), role="parent", sex="f"))
    agencies = (Agency(id=police, name=hostile("Police"), type="police", area=hostile("Area")),
                Agency(id=csc, name=hostile("Children's social care"), type="childrens_social_care"),
                Agency(id=school, name=hostile("School"), type="school"))

    def entry(n, date, agency, kind, **more):
        return Entry(id=f"e{n}{CSI}|`{n}`\u202e", date=day(date), agency=agency, type=kind, position=n,
                     subjects=more.pop("subjects", (Subject(person=amy),)), summary=hostile(f"Summary {n}"),
                     source=hostile(f"{n}.1"), comment=hostile("comment"), **more)

    entries = (
        entry(1, "2020-01-05", school, "contact", spoken_to=(amy,)),
        entry(2, "2020-02-01", police, "incident", risks=("domestic_abuse",),
              subjects=(Subject(person=amy, role="victim"), Subject(person=mum, role="perpetrator"))),
        entry(3, "2020-02-10", police, "meeting", meeting_kind="strategy_meeting", attendees=(csc,),
              risks=("domestic_abuse",)),
        entry(4, "2020-02-20", csc, "decision", none_in=("spoken_to",)),
        entry(5, "2020-03-01", school, "contact", spoken_to=(amy,)),
    )
    return Review(id="r" + OSC, title=hostile("Review of Amy"), kind="scr", area=hostile("Area"),
                  subjects=(amy,), people=people, agencies=agencies, entries=entries,
                  relationships=(Relationship(person=mum, relation="parent_of", other=amy),))


HIDDEN = {"Cc", "Cf", "Cs", "Zl", "Zp"}


def _joining(text: str, i: int) -> bool:
    """A zero-width joiner or non-joiner between two visible non-ASCII characters (an emoji
    sequence, a Persian or Indic word), where it is part of the writing."""
    def visible(ch):
        return not ch.isascii() and unicodedata.category(ch)[0] in "LMNS"
    return text[i] in "\u200c\u200d" and 0 < i < len(text) - 1 and visible(text[i - 1]) and visible(text[i + 1])


def raw_controls(text: str) -> list[str]:
    """Characters that should never reach a terminal as they are (a newline is ours)."""
    return sorted({repr(ch) for i, ch in enumerate(text)
                   if ch != "\n" and unicodedata.category(ch) in HIDDEN and not _joining(text, i)})


def assert_safe_text(out: str, where: str) -> None:
    assert not raw_controls(out), f"{where}: raw {raw_controls(out)}"
    assert "\\u001b" in out, f"{where}: the escape character was dropped instead of shown"


PARSER = MarkdownIt("commonmark").enable("table").enable("strikethrough")
ALLOWED_INLINE = {"text", "strong_open", "strong_close", "softbreak"}


def markdown_structure(out: str) -> dict:
    """What the markdown renders to: headings, and for each table its cells per row; fails
    on any link, image, code, HTML, emphasis or strikethrough."""
    headings, tables, strong = [], [], 0
    tokens = PARSER.parse(out)
    for i, token in enumerate(tokens):
        assert token.type not in ("html_block", "code_block", "fence", "blockquote_open", "hr",
                                  "bullet_list_open"), (token.type, token.content[:200])
        if token.type == "heading_open":
            headings.append(tokens[i + 1].content)
        if token.type == "table_open":
            tables.append([])
        if token.type == "tr_open":
            tables[-1].append(0)
        if token.type in ("td_open", "th_open"):
            tables[-1][-1] += 1
        for child in token.children or ():
            assert child.type in ALLOWED_INLINE, (child.type, child.content, token.content[:200])
            strong += child.type == "strong_open"
    return {"headings": headings, "tables": tables, "strong": strong}


def assert_safe_markdown(out: str, where: str) -> None:
    assert not raw_controls(out), f"{where}: raw {raw_controls(out)}"
    assert "<" not in out and "://" not in out.replace("\\://", "") and "www." not in out, where
    shape = markdown_structure(out)
    assert shape["headings"][0].startswith("Gaps in"), shape["headings"]
    assert all(h.startswith(("Gaps in", "The ", "All findings", "Agencies most often")) for h in shape["headings"])
    for rows in shape["tables"]:
        assert len(set(rows)) == 1, f"{where}: a table row has the wrong number of cells: {rows}"
    # Bold is ours, once per finding in the headline: data never adds any.
    assert shape["strong"] == len(re.findall(r"^[0-9]+\. \*\*", out, re.M)), where


@pytest.fixture
def hostile_cli(monkeypatch):
    """The CLI, loading the hostile review (twice, so that review ids are shown too)
    whatever PATH it is given."""
    review = hostile_review()
    twin = review.model_copy(update={"id": "twin" + CSI + "|`#"})
    monkeypatch.setattr("safegraph.cli.load", lambda *args, **kwargs: Corpus(reviews=(review, twin)))
    # The commands that take a corpus one review at a time (safegraph._bulk) get them too.
    monkeypatch.setattr("safegraph._bulk.review_targets", lambda path: ([(review, "x/one"), (twin, "x/two")], []))
    monkeypatch.setattr("safegraph._bulk.check_review",
                        lambda target, shown, *args: (target, [], Problem(shown, "", code="duplicate-id")))

    def invoke(*args):
        result = CliRunner().invoke(cli, list(args))
        assert result.exit_code == 0, (args, result.output, result.exception)
        return result.output
    return review, invoke


def test_the_hostile_review_finds_gaps():
    """The hostile text reaches the findings (otherwise the tests below prove little)."""
    queries = {f.query for f in find_gaps(hostile_review())}
    assert {"child-not-seen", "decision-without-history", "unshared-risk"} <= queries, queries


@pytest.mark.parametrize("redact", [False, True], ids=["plain", "redacted"])
def test_no_raw_control_character_reaches_the_terminal(hostile_cli, redact):
    review, invoke = hostile_cli
    more = ["--redact"] if redact else []
    outputs = {
        "gaps table": invoke("gaps", "x", "--all", *more),
        "info": invoke("info", "x", *more),
        **{f"knows {n}": invoke("knows", "x", a.id, "--on", "2020-12-31", *more)
           for n, a in enumerate(review.agencies)},
    }
    for where, out in outputs.items():
        assert not raw_controls(out), f"{where}: raw {raw_controls(out)}"
    if not redact:
        for where in ("gaps table", "info"):
            assert_safe_text(outputs[where], where)
        # The hostile summaries, sources and entry ids are there, escaped.
        assert "Summary 2" in outputs["knows 0"] and "\\u202e" in outputs["knows 0"]
    validated = invoke("validate", "x")
    assert not raw_controls(validated)


@pytest.mark.parametrize("redact", [False, True], ids=["plain", "redacted"])
def test_markdown_never_becomes_structure(hostile_cli, redact):
    review, invoke = hostile_cli
    out = invoke("gaps", "x", "--all", "--format", "markdown", *(["--redact"] if redact else []))
    assert_safe_markdown(out, "gaps markdown")
    if not redact:
        # The data is there, as words.
        assert "Amy" in out and "&lt;img src=x onerror=alert(1)>" in out and "\\# Heading" in out


def test_explain_output_is_plain():
    for args in (["explain"], *[["explain", name] for name in ("child-not-seen", "unshared-risk")]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0 and not raw_controls(result.output)


def test_json_stays_exact(hostile_cli):
    """JSON carries the data exactly (parsing it gives back every character)."""
    import json

    review, invoke = hostile_cli
    document = json.loads(invoke("gaps", "x", "--format", "json"))
    assert document["reviews"][0] == review.id
    persons = {p for f in document["findings"] for p in f["persons"]}
    assert persons <= {p.id for p in review.people} and persons
    info_json = json.loads(invoke("info", "x", "--format", "json"))
    assert {p["name"] for p in info_json["reviews"][0]["people"]} == {p.name for p in review.people}


def test_report_functions_are_safe_on_hostile_graphs():
    """The library's own renderers, not only the CLI."""
    review = hostile_review()
    G = build_graph(review)
    findings = find_gaps(G)
    for markdown_format in (False, True):
        out = report.to_text(G, [review.id], findings, markdown=markdown_format, top=None, evidence_limit=None)
        (assert_safe_markdown if markdown_format else assert_safe_text)(out, "report.to_text")
    out = info.to_text([info.describe(review)])
    assert_safe_text(out, "info.to_text")


# -- the two escaping functions, on any text -------------------------------------------

# Any character at all (lone surrogates included), mixed with the pieces markdown and
# terminals give meaning to, so that the rare combinations come up often.
PIECES = ["*", "**", "_", "__", "`", "```", "~~", "[", "]", "](", "(", ")", "![", "<", ">", "&", "&lt;", "&#27;",
          "&amp;", "&copy", "|", "#", "# ", "## ", "- ", "+ ", "1. ", "2) ", "> ", "---", "===", "\\", "\\*", "$",
          "{", "}", "http://", "https://e.vil/x", "www.", "a@b.c", "<img src=x onerror=alert(1)>", "<script>",
          "\n", "\r", "\r\n", "\t", "    ", "  \n", "\x00", "\x1b", "\x1b]0;t\x07", "\x9b", "\x7f", "\u202e",
          "\u2066", "\u200b", "\u200d", "\ufeff", "\u2028", "\U000e0041", "Zoë", "O'Brien", "—", "👨\u200d👩"]
TEXT = st.lists(st.one_of(st.characters(codec=None, exclude_categories=()), st.sampled_from(PIECES)),
                max_size=25).map("".join)


@settings(max_examples=500, deadline=None)
@given(TEXT)
def test_terminal_never_lets_a_control_through(text):
    out = terminal(text)
    assert not raw_controls(out) and "\n" not in out
    if not re.search(r"[\n\r\t]", text) and not any(unicodedata.category(c) in HIDDEN for c in text):
        assert out == text  # ordinary text is left as it is


def _inline_text(tokens, allowed=frozenset({"text"})) -> str:
    """The text of an inline run, which may hold only the given kinds of token."""
    out = []
    for child in tokens.children or ():
        assert child.type in allowed, (child.type, child.content)
        out.append(child.content if child.type == "text" else "")
    return "".join(out)


@settings(max_examples=500, deadline=None)
@given(TEXT)
@example("**bold** *em* _em_ &lt; &#27; [a](b) `c` <b> | x")
def test_markdown_renders_as_exactly_the_words(text):
    """In a paragraph, a heading, a list item and a table cell, escaped data renders as one
    text run equal to what the terminal would show: no structure, nothing lost."""
    shown = terminal(text)
    escaped = markdown(text)
    assert not raw_controls(escaped) and "<" not in escaped
    tokens = PARSER.parse(f"x {escaped} y")
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"]
    assert _inline_text(tokens[1]) == f"x {shown} y"
    tokens = PARSER.parse(f"# Gaps in {escaped} end\n\n1. **a {escaped} b**\n")
    assert [t.type for t in tokens][:3] == ["heading_open", "inline", "heading_close"]
    assert _inline_text(tokens[1]) == f"Gaps in {shown} end".strip()
    assert [t.type for t in tokens][3:6] == ["ordered_list_open", "list_item_open", "paragraph_open"]
    strong = {"text", "strong_open", "strong_close"}
    assert _inline_text(tokens[6], strong) == f"a {shown} b"
    assert [c.type for c in tokens[6].children].count("strong_open") == 1
    tokens = PARSER.parse(markdown_table(["a", "b"], [[text, "z"]]) + "\n")
    cells = [t for t in tokens if t.type == "inline"]
    assert len(cells) == 4 and _inline_text(cells[3]) == "z"
    assert _inline_text(cells[2]).strip() == shown.strip()  # a cell is trimmed, as it should be


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=TEXT, summary=TEXT, agency=TEXT, title=TEXT)
def test_random_data_through_every_human_format(name, summary, agency, title):
    review = Review(
        id="r", title=title or "t", people=(Person(id="amy", name=name or "n", child=True),),
        agencies=(Agency(id="mash", name=agency or "a", type="mash"),),
        entries=(Entry(id="e1", date=parse_date("2020-01-01"), agency="mash", type="decision", position=1,
                       subjects=(Subject(person="amy"),), summary=summary or "s", source=summary,
                       none_in=("spoken_to",)),))
    G = build_graph(review)
    findings = find_gaps(G)
    assert findings
    for markdown_format in (False, True):
        out = report.to_text(G, ["r"], findings, markdown=markdown_format, top=None, evidence_limit=None)
        assert not raw_controls(out)
        if markdown_format:
            assert "<" not in out
            markdown_structure(out)
    assert not raw_controls(info.to_text([info.describe(review)]))
    assert not raw_controls(table(["a", "b"], [[name, summary], [agency, title]]))


# -- no network ------------------------------------------------------------------------

class NetworkUsed(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise NetworkUsed(f"a network connection was attempted: {args!r}")

    # A socket made through a reference taken before the test cannot reach anything either.
    for method in ("connect", "connect_ex", "sendto", "sendmsg"):
        monkeypatch.setattr(socket.socket, method, refuse)
    for name in ("socket", "create_connection", "create_server", "getaddrinfo", "gethostbyname", "socketpair",
                 "fromfd"):
        monkeypatch.setattr(socket, name, refuse)


def test_no_command_opens_a_socket(no_network, tmp_path):
    """Every command except the Neo4j ones (push, cypher, gaps --backend neo4j), on every
    example and the outside review, in every format, with the network refused."""
    runner = CliRunner()
    paths = [EXAMPLES, *sorted(p for p in EXAMPLES.iterdir() if p.is_dir()),
             OUTSIDE / "riverside.yaml", OUTSIDE / "riverside.json", OUTSIDE / "riverside.xlsx",
             OUTSIDE / "riverside-csv"]
    runs = 0
    for path in map(str, paths):
        commands = [["validate", path], ["info", path], ["info", path, "--format", "json"],
                    ["info", path, "--redact"]]
        for fmt in ("table", "markdown", "json"):
            commands += [["gaps", path, "--format", fmt], ["gaps", path, "--format", fmt, "--redact", "--all"]]
        commands += [["knows", path, "police", "--on", "2020-01-01"],
                     ["knows", path, "police", "--on", "2020-01-01", "--format", "json", "--redact"],
                     ["gaps", path, "--output", str(tmp_path / "out.md"), "--format", "markdown"]]
        for args in commands:
            result = runner.invoke(cli, args)
            assert not isinstance(result.exception, NetworkUsed), (args, result.exception)
            # knows on a review without a police agency is a clean error, not a crash.
            assert result.exit_code in (0, 1) if args[0] == "knows" else result.exit_code == 0, \
                (args, result.output, result.exception)
            runs += 1
    for args in (["explain"], *[["explain", q] for q in ("child-not-seen", "silo-agency")], ["--version"],
                 ["--help"]):
        result = runner.invoke(cli, args)
        assert result.exit_code == 0 and not isinstance(result.exception, NetworkUsed), args
    assert runs > 100
    # The guard works: opening a socket under it fails.
    with pytest.raises(NetworkUsed):
        socket.create_connection(("127.0.0.1", 7687))
