"""The ``safegraph`` command: a thin layer over the library.

Each command parses its options, calls one library function and formats the result.
Library errors become clear messages here, never tracebacks.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys

import click

from ._dates import BadDate, parse_date
from ._load import load
from ._text import table
from . import report
from .errors import LoadError, SafegraphError
from .gaps import QUERIES, QUERY_NAMES, find_gaps, get_query
from .graph import build_graph
from .info import describe
from ._knowledge import knowledge


def _load(path: str, allow_unknown_terms: bool):
    try:
        corpus = load(path, unknown_terms="warning" if allow_unknown_terms else "error")
    except LoadError as exc:
        for problem in exc.warnings + exc.problems:
            click.echo(str(problem), err=True)
        count = len(exc.problems)
        raise click.ClickException(f"{count} problem{'s' if count != 1 else ''} found in {path}; nothing was loaded") from None
    for warning in corpus.warnings:
        click.echo(str(warning), err=True)
    return corpus


path_argument = click.argument("path", metavar="PATH")
lenient_option = click.option(
    "--allow-unknown-terms", is_flag=True,
    help="Load vocabulary terms the format does not define (as 'other'), with a warning, instead of stopping.")


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="safegraph")
def cli():
    """Turn safeguarding case-review chronologies into a graph and find where information
    did not cross agency lines.

    PATH is always a review (a folder with review.yaml and CSVs, an .xlsx workbook, or a
    .yaml/.json file) or a corpus (a folder of reviews).

    \b
    Example:
      safegraph validate examples/hasan
    """


@cli.command()
@path_argument
@lenient_option
def validate(path, allow_unknown_terms):
    """Check reviews against the chronology format and list every problem at once.

    Exits with status 1 if there is any error; warnings alone do not fail.

    \b
    Example:
      safegraph validate examples/hasan
      safegraph validate examples/          # every review in a folder
    """
    corpus = _load(path, allow_unknown_terms)
    for review in corpus.reviews:
        click.echo(f"ok: {review.id} ({len(review.entries)} entries, {len(review.people)} people, "
                   f"{len(review.agencies)} agencies) from {review.path}")


@cli.command()
@path_argument
@lenient_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def info(path, allow_unknown_terms, fmt):
    """Summarise reviews: people, relationships, agencies, entries by type and by agency,
    and the span of dates.

    \b
    Example:
      safegraph info examples/hasan
    """
    corpus = _load(path, allow_unknown_terms)
    summaries = [describe(r) for r in corpus.reviews]
    if fmt == "json":
        click.echo(json.dumps({"reviews": summaries}, indent=2, ensure_ascii=False))
        return
    for s in summaries:
        click.echo(f"{s['review']}: {s['title']}")
        click.echo(f"  kind {s['kind'] or '-'}, area {s['area'] or '-'}, entries {s['entries']} "
                   f"from {s['first'] or '-'} to {s['last'] or '-'}")
        click.echo(f"\nPeople ({len(s['people'])})")
        click.echo(table(["id", "role", "born", "name"],
                         [[p["id"], p["role"] or "", p["born"] or "", p["name"]] for p in s["people"]]))
        click.echo(f"\nRelationships ({len(s['relationships'])})")
        for person, relation, other in s["relationships"]:
            click.echo(f"  {person} {relation} {other}")
        click.echo(f"\nAgencies ({len(s['agencies'])})")
        by_agency = s["entries_by_agency"]
        click.echo(table(["id", "type", "area", "entries", "name"],
                         [[a["id"], a["type"], a["area"] or "", str(by_agency.get(a["id"], 0)), a["name"]]
                          for a in s["agencies"]]))
        click.echo("\nEntries by type")
        for kind, count in s["entries_by_type"].items():
            click.echo(f"  {kind:<12} {count}")
        click.echo("")


@cli.command()
@path_argument
@click.argument("agency")
@click.option("--on", "on", required=True, metavar="DATE",
              help="The day to ask about (YYYY-MM-DD or D/M/YYYY); knowledge at the end of that day.")
@click.option("--review", "review_id", metavar="ID", help="In a corpus, only this review.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@lenient_option
def knows(path, agency, on, review_id, fmt, allow_unknown_terms):
    """List what AGENCY knew on a date: every entry it had recorded, received, or had
    passed on to it by then, with each entry's date, recording agency and summary.

    \b
    Example:
      safegraph knows examples/hasan school --on 1999-10-01
    """
    try:
        day = parse_date(on)
    except BadDate as exc:
        raise click.BadParameter(str(exc), param_hint="--on") from None
    if day.precision != "day":
        raise click.BadParameter(f"{on!r} is not a single day; give a full date", param_hint="--on")
    corpus = _load(path, allow_unknown_terms)
    reviews = [r for r in corpus.reviews if review_id is None or r.id == review_id]
    if review_id is not None and not reviews:
        raise click.ClickException(f"no review {review_id!r} in {path}")
    G = build_graph(reviews)
    results = []
    for review in reviews:
        index = knowledge(G, review.id)
        if agency not in index.agency:
            continue
        for known in index.knew_on(agency, day.day):
            props = index.entry[known.entry]
            results.append({
                "review": review.id, "entry": known.entry, "date": props["date_text"],
                "agency": index.recorder[known.entry], "type": props["type"],
                "summary": props["summary"], "source": props.get("source"),
                "since": index.entry[known.via]["date_text"], "via": known.via,
            })
    if not any(agency in {a.id for a in r.agencies} for r in reviews):
        known_ids = sorted({a.id for r in reviews for a in r.agencies})
        raise click.ClickException(f"no agency {agency!r} in {path} (agencies: {', '.join(known_ids)})")
    if fmt == "json":
        click.echo(json.dumps({"agency": agency, "on": day.text, "known": results}, indent=2, ensure_ascii=False))
        return
    click.echo(f"{agency} knew {len(results)} entr{'y' if len(results) == 1 else 'ies'} on {day.text}")
    if results:
        rows = [[r["date"], r["entry"], r["agency"], r["type"],
                 r["summary"] + ("" if r["via"] == r["entry"] else f" [passed on by {r['via']} on {r['since']}]")]
                for r in results]
        headers = ["date", "entry", "recorded by", "type", "summary"]
        if len(reviews) > 1:
            headers.insert(0, "review")
            for row, r in zip(rows, results):
                row.insert(0, r["review"])
        click.echo(table(headers, rows))


@cli.command()
@path_argument
@click.option("--query", "queries", multiple=True, type=click.Choice(QUERY_NAMES), metavar="NAME",
              help="Run only this query (repeatable). See 'safegraph explain'.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "markdown"]), default="table", show_default=True)
@click.option("--window", type=click.IntRange(min=0), default=365, show_default=True, metavar="DAYS",
              help="Days either side of an entry that count as 'around the time'.")
@click.option("--days", type=click.IntRange(min=0), default=28, show_default=True, metavar="N",
              help="Days after a disclosure in which a follow-up counts.")
@click.option("--min-referrals", type=click.IntRange(min=1), default=3, show_default=True, metavar="N",
              help="Referrals with nothing done that make a repeat-referrals finding.")
@click.option("--min-repeats", type=click.IntRange(min=1), default=3, show_default=True, metavar="N",
              help="Entries sharing one risk that make a pattern-in-isolation finding.")
@click.option("--all", "show_all", is_flag=True,
              help="In the table format, list every evidence entry (otherwise the first 8 per group).")
@lenient_option
def gaps(path, queries, fmt, window, days, min_referrals, min_repeats, show_all, allow_unknown_terms):
    """Find where information did not cross agency lines, with the evidence entries.

    The table and markdown formats open with a summary and group findings (one meeting,
    one agency, one decision); the JSON has one finding per gap, as the contract in
    gap-queries.md defines.

    \b
    Examples:
      safegraph gaps examples/hasan
      safegraph gaps examples/hasan --query unshared-meeting-outcome --format markdown
      safegraph gaps examples/ --format json > findings.json
    """
    corpus = _load(path, allow_unknown_terms)
    G = build_graph(corpus)
    findings = find_gaps(G, list(queries) or None, window=window, days=days,
                         min_referrals=min_referrals, min_repeats=min_repeats)
    reviews = [r.id for r in corpus.reviews]
    if fmt == "json":
        click.echo(report.to_json(reviews, findings))
    else:
        limit = None if show_all or fmt == "markdown" else 8
        click.echo(report.to_text(G, reviews, findings, markdown=fmt == "markdown", evidence_limit=limit), nl=False)


@cli.command()
@click.argument("name", required=False, type=click.Choice(QUERY_NAMES), metavar="NAME")
def explain(name):
    """Explain a gap query: what it looks for, why it matters, its parameters and limits.

    Without NAME, list every query with its one-line meaning.

    \b
    Example:
      safegraph explain unshared-meeting-outcome
    """
    if name is None:
        click.echo(table(["query", "finds"], [[q.name, q.meaning] for q in QUERIES]))
        return
    click.echo(get_query(name).explain())


def main(argv: list[str] | None = None) -> None:
    """Run the command line; unexpected errors print one line, not a traceback."""
    try:
        cli.main(args=argv, prog_name="safegraph", standalone_mode=False)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(1)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except SafegraphError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(1)
    except Exception as exc:  # a bug in safegraph: say so plainly
        if os.environ.get("SAFEGRAPH_DEBUG"):
            raise
        click.echo(f"Internal error ({type(exc).__name__}: {exc}). This is a bug in safegraph; "
                   "run again with SAFEGRAPH_DEBUG=1 for details.", err=True)
        sys.exit(2)
