"""The ``safegraph`` command: a thin layer over the library.

Each command parses its options, calls one library function and formats the result.
Library errors become clear messages here, never tracebacks.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import json
import os
import shutil
import sys
from pathlib import Path

import click

from ._dates import BadDate, parse_date
from ._load import load
from ._read import DEFAULT_LIMITS, Limits
from ._read import OPTION as LIMIT_OPTION
from ._redact import Redactor
from ._text import table, terminal, open_owner_only
from . import report
from .errors import LoadError, SafegraphError
from .gaps import LEVELS, MAX_DAYS, QUERIES, QUERY_NAMES, find_gaps, get_query
from .graph import build_graph
from . import info as info_module
from .info import describe
from ._knowledge import knowledge


_ONE_COMMAND = False
"""True when this process runs one command and ends (``main``); not when the command line
is called inside a longer process, such as the tests, which must not freeze its objects."""


def _load(path: str, allow_unknown_terms: bool):
    meta = click.get_current_context().meta
    with _loading(path):
        corpus = load(path, unknown_terms="warning" if allow_unknown_terms else "error",
                      limits=Limits(**meta.get("limits", {})), skip_invalid=meta.get("skip_invalid", False))
    if _ONE_COMMAND:
        gc.collect()
        gc.freeze()  # the corpus lives until the command ends: the collector need not scan it again
    _loaded(corpus.warnings, corpus.skipped, len(corpus.reviews))
    return corpus


def _map(path: str, work, allow_unknown_terms: bool, jobs: int | None):
    """Each review of ``path`` checked and worked on in turn, on every core for a large
    corpus (see ``safegraph._bulk``); the loading messages as ``_load`` gives them."""
    from ._bulk import map_reviews

    meta = click.get_current_context().meta
    with _loading(path):
        mapped = map_reviews(path, work, jobs=jobs, unknown_terms="warning" if allow_unknown_terms else "error",
                             limits=Limits(**meta.get("limits", {})), skip_invalid=meta.get("skip_invalid", False))
    _loaded(mapped.warnings, mapped.skipped, len(mapped.results))
    return mapped


@contextlib.contextmanager
def _loading(path: str):
    try:
        yield
    except LoadError as exc:
        for problem in exc.warnings + exc.problems:
            click.echo(str(problem), err=True)
        count = len(exc.problems)
        raise click.ClickException(f"{count} problem{'s' if count != 1 else ''} found in {path}; nothing was loaded") from None


def _loaded(warnings, skipped, loaded: int) -> None:
    for warning in warnings:
        click.echo(str(warning), err=True)
    for shown, problems in skipped:
        errors = [p for p in problems if p.severity == "error"]
        click.echo(f"skipped {terminal(shown)}: {len(errors)} problem{'s' if len(errors) != 1 else ''}", err=True)
        for problem in errors:
            click.echo(f"  {problem}", err=True)
    if skipped:
        click.echo(f"{loaded} reviews loaded, {len(skipped)} skipped (--skip-invalid)", err=True)


jobs_option = click.option(
    "--jobs", "-j", type=click.IntRange(1, 64), default=None, metavar="N",
    help="Worker processes for a corpus, each taking one review at a time (validate, research, gaps except with "
         "--format xlsx, --redact or --backend neo4j; default: one per core for 16 reviews or more, otherwise 1).")


path_argument = click.argument("path", metavar="PATH")


def neo4j_options(command):
    """--uri, --user, --database and --ask-password; the password itself is read from
    NEO4J_PASSWORD or asked for, never taken from the command line."""
    command = click.option("--database", envvar="NEO4J_DATABASE", metavar="NAME", default="neo4j", show_default=True,
                           help="Database name (env NEO4J_DATABASE). Naming it saves the driver a round trip.")(command)
    command = click.option("--ask-password", is_flag=True,
                           help="Ask for the password (otherwise env NEO4J_PASSWORD, or no authentication).")(command)
    command = click.option("--user", envvar=["NEO4J_USER", "NEO4J_USERNAME"], metavar="NAME",
                           help="User name (env NEO4J_USER); none means no authentication.")(command)
    command = click.option("--uri", envvar="NEO4J_URI", default="bolt://127.0.0.1:7687", show_default=True,
                           help="Bolt URI of the Neo4j server (env NEO4J_URI).")(command)
    return command


@contextlib.contextmanager
def _neo4j(uri, user, ask_password, database):
    """A connected driver; connection failures become one clear line."""
    try:
        from neo4j import exceptions
    except ImportError:
        raise click.ClickException("the Neo4j driver is not installed: pip install 'safegraph[neo4j]'") from None
    from .neo4j_store import connect

    password = click.prompt("Neo4j password", hide_input=True) if ask_password else os.environ.get("NEO4J_PASSWORD")
    driver = connect(uri, user, password)
    try:
        try:
            driver.verify_connectivity()
        except exceptions.AuthError as exc:
            raise click.ClickException(f"Neo4j at {uri} refused the credentials: {exc.message}") from None
        except (exceptions.ServiceUnavailable, exceptions.DriverError, OSError, ValueError) as exc:
            raise click.ClickException(f"cannot reach Neo4j at {uri}: {exc}") from None
        try:
            yield driver
        except exceptions.Neo4jError as exc:
            raise click.ClickException(f"Neo4j said: {exc.message or exc}") from None
        except exceptions.ServiceUnavailable as exc:
            raise click.ClickException(f"lost the connection to Neo4j at {uri}: {exc}") from None
    finally:
        driver.close()
LIMIT_HELP = {
    "file_mb": "Largest file read, in MB", "unzipped_mb": "Largest size a workbook may unpack to, in MB",
    "rows": "Most rows in one table or sheet", "cell_chars": "Longest cell, in characters",
    "entries": "Most chronology entries in one review", "earliest_year": "Earliest year a date may have",
    "latest_year": "Latest year a date may have",
}


def _set_limit(field: str):
    def callback(ctx, param, value):
        if value is not None:
            ctx.meta.setdefault("limits", {})[field] = value
    return callback


def load_options(command):
    """--allow-unknown-terms, and the limits on what is read (each names its default)."""
    for field, option in reversed(list(LIMIT_OPTION.items())):
        default = getattr(DEFAULT_LIMITS, field)
        # Years stay well inside what date arithmetic can reach with the widest windows.
        bounds = click.IntRange(1000, 9000) if field.endswith("_year") else click.IntRange(1, 10_000_000)
        command = click.option(option, type=bounds, default=None, expose_value=False,
                               callback=_set_limit(field), metavar="N",
                               help=f"{LIMIT_HELP[field]} (default {default}).")(command)
    command = click.option(
        "--skip-invalid", is_flag=True, expose_value=False,
        callback=lambda ctx, param, value: ctx.meta.__setitem__("skip_invalid", value),
        help="In a corpus, load every valid review and list the others with their problems "
             "(default: any problem stops the load).")(command)
    return click.option(
        "--allow-unknown-terms", is_flag=True,
        help="Load vocabulary terms the format does not define (as 'other'), with a warning, instead of stopping.",
    )(command)


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
@load_options
@jobs_option
def validate(path, allow_unknown_terms, jobs):
    """Check reviews against the chronology format and list every problem at once.

    Exits with status 1 if there is any error; warnings alone do not fail.

    \b
    Example:
      safegraph validate examples/hasan
      safegraph validate examples/          # every review in a folder
      safegraph validate corpus/ --skip-invalid   # which reviews load, and what is wrong with the rest
    """
    mapped = _map(path, None, allow_unknown_terms, jobs)
    for review, counts in zip(mapped.review_ids, mapped.results):
        click.echo(f"ok: {terminal(review)} ({counts['entries']} entries, {counts['people']} people, "
                   f"{counts['agencies']} agencies) from {terminal(counts['path'])}")
    if mapped.skipped:
        raise SystemExit(1)  # every problem is listed above; the others loaded


redact_option = click.option(
    "--redact", is_flag=True,
    help="Show people by role label (Child 1, Mother, Mother's partner...) instead of names, withhold summaries "
         "and titles, and replace ids that could carry a name. See SECURITY.md for what it does not cover.")


@cli.command()
@path_argument
@load_options
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@redact_option
def info(path, allow_unknown_terms, fmt, redact):
    """Summarise reviews: people, relationships, agencies, entries by type and by agency,
    and the span of dates.

    \b
    Example:
      safegraph info examples/hasan
    """
    corpus = _load(path, allow_unknown_terms)
    summaries = [describe(r) for r in corpus.reviews]
    if redact:
        redactor = Redactor(build_graph(corpus))
        summaries = [info_module.redact(s, redactor) for s in summaries]
    if fmt == "json":
        click.echo(json.dumps({"reviews": summaries}, indent=2, ensure_ascii=False))
        return
    click.echo(info_module.to_text(summaries), nl=False)


@cli.command()
@path_argument
@click.argument("agency")
@click.option("--on", "on", required=True, metavar="DATE",
              help="The day to ask about (YYYY-MM-DD or D/M/YYYY); knowledge at the end of that day.")
@click.option("--review", "review_id", metavar="ID", help="In a corpus, only this review.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@redact_option
@load_options
def knows(path, agency, on, review_id, fmt, redact, allow_unknown_terms):
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
        raise click.ClickException(f"no review {review_id!r} in {terminal(path)}")
    G = build_graph(reviews)
    redactor = Redactor(G, [r.id for r in corpus.reviews]) if redact else None
    results = []
    for review in reviews:
        index = knowledge(G, review.id)
        if agency not in index.agency:
            continue
        for known in index.knew_on(agency, day.day):
            props = index.entry[known.entry]
            result = {
                "review": review.id, "entry": known.entry, "date": props["date_text"],
                "agency": index.recorder[known.entry], "type": props["type"],
                "summary": props["summary"], "source": props.get("source"),
                "since": known.since.isoformat(), "via": known.via,
            }
            if redactor:
                result.update(
                    review=redactor.review(review.id), entry=redactor.entry(review.id, known.entry),
                    agency=redactor.scrub_id(review.id, result["agency"]),
                    summary=redactor.summary(review.id, known.entry),
                    source=redactor.scrub(review.id, result["source"]) or None,
                    via=redactor.entry(review.id, known.via))
            results.append(result)
    if not any(agency in {a.id for a in r.agencies} for r in reviews):
        known_ids = sorted({redactor.scrub_id(r.id, a.id) if redactor else a.id for r in reviews for a in r.agencies})
        raise click.ClickException(f"no agency {agency!r} in {terminal(path)} (agencies: {', '.join(known_ids)})")
    shown_agency = agency
    for review in reviews if redactor else ():
        shown_agency = redactor.scrub_id(review.id, shown_agency)
    if fmt == "json":
        document = {"agency": shown_agency, "on": day.text, "known": results}
        if redactor:
            document = {"agency": shown_agency, "on": day.text, "redacted": True, "known": results}
        click.echo(json.dumps(document, indent=2, ensure_ascii=False))
        return
    click.echo(f"{terminal(shown_agency)} knew {len(results)} entr{'y' if len(results) == 1 else 'ies'} on {day.text}")
    if redactor:
        click.echo(Redactor.NOTE)
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


def _day(ctx, param, value):
    if value is None:
        return None
    try:
        day = parse_date(value)
    except BadDate as exc:
        raise click.BadParameter(str(exc)) from None
    return day.day


def days_option(name, default, text):
    return click.option(name, type=click.IntRange(min=0, max=MAX_DAYS), default=default, show_default=True,
                        metavar="DAYS", help=text)


@cli.command()
@path_argument
@click.option("--query", "queries", multiple=True, type=click.Choice(QUERY_NAMES), metavar="NAME",
              help="Run only this query (repeatable). See 'safegraph explain'.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "markdown", "xlsx"]), default="table",
              show_default=True, help="xlsx: an Excel workbook of every finding and its evidence (needs --output).")
@click.option("--top", type=click.IntRange(min=1, max=100000), default=report.DEFAULT_TOP, show_default=True,
              metavar="N", help="How many of the highest-ranked findings the headline shows in detail.")
@click.option("--all", "show_all", is_flag=True,
              help="Show every finding in detail, with every evidence entry (table and markdown).")
@click.option("--level", "levels", multiple=True, type=click.Choice([*LEVELS, "none"]),
              help="Only findings at this level (repeatable); 'none' is the pattern queries, which have no level.")
@click.option("--agency", "agencies", multiple=True, metavar="AGENCY",
              help="Only findings about this agency, by id or name (repeatable).")
@click.option("--person", "persons", multiple=True, metavar="PERSON",
              help="Only findings about this person, by id or name (repeatable).")
@click.option("--since", callback=_day, metavar="DATE", help="Only findings with evidence on or after this date.")
@click.option("--until", callback=_day, metavar="DATE", help="Only findings with evidence on or before this date.")
@days_option("--window", 90, "Days either side of a meeting in which an agency working with the family counts.")
@days_option("--contact-days", 7, "Days either side of a one-off contact in which an episodic agency counts.")
@days_option("--days", 28, "Days after a disclosure in which a follow-up counts.")
@days_option("--boundary-days", 365, "How close in time two agencies' contacts across a boundary must be.")
@days_option("--delay", 7, "Days a receipt may take before it counts as delayed.")
@days_option("--decision-days", 28, "Days after receipt in which a decision is taken to be on the referral.")
@click.option("--min-referrals", type=click.IntRange(min=1, max=MAX_DAYS), default=3, show_default=True, metavar="N",
              help="Referrals with nothing done that make a repeat-referrals finding.")
@click.option("--min-repeats", type=click.IntRange(min=1, max=MAX_DAYS), default=3, show_default=True, metavar="N",
              help="Entries sharing one risk that make a pattern-in-isolation finding.")
@click.option("--backend", type=click.Choice(["embedded", "neo4j"]), default="embedded", show_default=True,
              help="Run the queries in Python (embedded) or as Cypher in Neo4j (after 'safegraph push').")
@redact_option
@click.option("--output", "-o", "output", type=click.Path(dir_okay=False, writable=True), metavar="FILE",
              help="Write the report to FILE (created readable by you only) instead of printing it.")
@neo4j_options
@load_options
@jobs_option
def gaps(path, queries, fmt, top, show_all, levels, agencies, persons, since, until, window, contact_days, days,
         boundary_days, delay, decision_days, min_referrals, min_repeats, backend, redact, output, uri, user,
         ask_password, database, allow_unknown_terms, jobs):
    """Find where information did not cross agency lines, ranked, with the evidence.

    The table and markdown formats show the headline: the highest-ranked findings, each
    with why it ranks there and its evidence in date order, then counts of the rest. The
    JSON lists every finding with its score, reasons and rank (docs/gap-queries.md).

    \b
    Examples:
      safegraph gaps examples/hasan
      safegraph gaps examples/hasan --level confirmed --agency school
      safegraph gaps examples/hasan --query unshared-meeting-outcome --format markdown
      safegraph gaps examples/ --format json > findings.json
      safegraph gaps examples/hasan --redact --format markdown --output hasan.md
      safegraph gaps examples/hasan --format xlsx --output findings.xlsx
      safegraph gaps examples/hasan --backend neo4j --uri bolt://127.0.0.1:7687
    """
    params = dict(window=window, contact_days=contact_days, days=days, boundary_days=boundary_days, delay=delay,
                  decision_days=decision_days, min_referrals=min_referrals, min_repeats=min_repeats)
    selection = report.Selection(tuple(levels), tuple(agencies), tuple(persons), since, until)
    if fmt == "json" and backend == "embedded" and not redact:
        # Each review on its own (on every core for a large corpus): only the findings' text is kept.
        work = functools.partial(report.review_rows, queries=list(queries) or None, params=params,
                                 selection=selection or None)
        mapped = _map(path, work, allow_unknown_terms, jobs)
        rows = sorted((row for rows in mapped.results for row in rows), key=lambda row: row[0])

        def write_rows(out):
            report.write_json_rows(out, mapped.review_ids, [(score, text) for _, score, text in rows],
                                   top=None if show_all else top)
            out.write("\n")

        _write_output(output, len(rows), write_rows)
        return
    if fmt in ("table", "markdown") and backend == "embedded" and not redact:
        # The same, keeping each review's counts and the findings that could head the report.
        work = functools.partial(report.review_text_parts, queries=list(queries) or None, params=params,
                                 selection=selection or None, markdown=fmt == "markdown",
                                 top=None if show_all else top,
                                 evidence_limit=None if show_all else report.EVIDENCE_ROWS,
                                 width=shutil.get_terminal_size((120, 24)).columns)
        mapped = _map(path, work, allow_unknown_terms, jobs)
        text, count = report.text_from_parts(mapped.review_ids, mapped.results, markdown=fmt == "markdown",
                                             top=None if show_all else top)
        _write_output(output, count, lambda out: out.write(text))
        return
    corpus = _load(path, allow_unknown_terms)
    G = build_graph(corpus)
    reviews = [r.id for r in corpus.reviews]
    if backend == "neo4j":
        from . import neo4j_store

        with _neo4j(uri, user, ask_password, database) as driver:
            stored = neo4j_store.stored_reviews(driver, reviews, database)
            local = neo4j_store.rows_by_review(G)
            for review in reviews:
                if review not in stored:
                    raise click.ClickException(f"review {review!r} is not in Neo4j at {uri}; run 'safegraph push {path}' first")
                if stored[review].checksum != neo4j_store.checksum(*local[review]):
                    raise click.ClickException(f"the copy of review {review!r} in Neo4j differs from {path}; "
                                               f"run 'safegraph push {path}' to replace it")
            findings = neo4j_store.find_gaps(driver, G, list(queries) or None, database=database, **params)
    else:
        findings = find_gaps(G, list(queries) or None, **params)
    redactor = Redactor(G, reviews) if redact else None
    if selection:
        findings = report.select(G, findings, selection, redactor)
    if fmt == "xlsx":
        from .office import findings_workbook

        if not output:
            raise click.UsageError("--format xlsx writes a workbook: give it a file with --output FILE.xlsx")
        _write_file(output, findings_workbook(G, reviews, findings, top=None if show_all else top, redactor=redactor))
        click.echo(f"{len(findings)} findings written to {terminal(output)}", err=True)
        return

    def write(out):
        if fmt == "json":
            # A finding at a time: a review with many thousands is never one string in memory.
            report.write_json(out, reviews, findings, top=None if show_all else top, redactor=redactor)
            out.write("\n")
        else:
            limit = None if show_all else report.EVIDENCE_ROWS
            out.write(report.to_text(G, reviews, findings, markdown=fmt == "markdown",
                                     top=None if show_all else top, evidence_limit=limit, redactor=redactor))

    _write_output(output, len(findings), write)


def _write_output(output: str | None, count: int, write) -> None:
    """``write(out)`` to the file ``output`` (readable by its owner only), or to the
    terminal."""
    if output:
        try:
            with open_owner_only(output) as out:
                write(out)
        except OSError as exc:
            reason = exc.strerror or type(exc).__name__
            raise click.ClickException(f"cannot write {terminal(output)}: {reason}") from None
        click.echo(f"{count} findings written to {terminal(output)}", err=True)
    else:
        write(_Echo())


def _write_file(output: str, content: str | bytes) -> None:
    """Write ``content`` to ``output``, readable by its owner only; a clear error if not."""
    try:
        with open_owner_only(output, binary=isinstance(content, bytes)) as out:
            out.write(content)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise click.ClickException(f"cannot write {terminal(output)}: {reason}") from None


def _as_of(ctx, param, value):
    """--as-of: the last day a date can mean (``1999-08`` is the end of August 1999)."""
    if value is None:
        return None
    from .maps._model import last_day

    try:
        return last_day(parse_date(value))
    except BadDate as exc:
        raise click.BadParameter(str(exc)) from None


def map_options(command):
    """The options every map view shares."""
    for option in reversed([
        click.option("--output", "-o", "output", required=True, type=click.Path(dir_okay=False, writable=True),
                     metavar="FILE", help="The file to write (readable by you only)."),
        click.option("--format", "fmt", type=click.Choice(["html", "svg", "png"]), default=None,
                     help="html: the interactive page (with all three views); svg or png: a static figure of "
                          "this view. Default: from the file's extension, else html."),
        click.option("--review", "review_id", metavar="ID", help="In a corpus, the review to draw."),
        click.option("--as-of", "as_of", callback=_as_of, metavar="DATE",
                     help="Show the case as it stood on this date: nothing later is written to the file."),
        redact_option,
        click.option("--top", type=click.IntRange(min=1, max=1000), default=report.DEFAULT_TOP, show_default=True,
                     metavar="N", help="How many headline findings the views show."),
        click.option("--min-severity", type=click.IntRange(min=1, max=3), default=None, metavar="1-3",
                     help="The grid's columns: entries with a risk of at least this severity "
                          "(default: the highest severity that gives 10 columns or more)."),
        load_options,
    ]):
        command = option(command)
    return command


def _one_review(path, review_id, allow_unknown_terms):
    """(corpus, the review chosen, every review id): a corpus needs --review."""
    corpus = _load(path, allow_unknown_terms)
    ids = [r.id for r in corpus.reviews]
    if review_id is None and len(ids) > 1:
        raise click.ClickException(f"{terminal(path)} holds {len(ids)} reviews; choose one with --review "
                                   f"({', '.join(terminal(i) for i in ids[:10])}{', ...' if len(ids) > 10 else ''})")
    review_id = review_id or ids[0]
    if review_id not in ids:
        raise click.ClickException(f"no review {terminal(review_id)} in {terminal(path)}")
    return corpus, review_id, ids


def _draw(view, path, output, fmt, review_id, as_of, redact, top, min_severity, allow_unknown_terms):
    from . import maps

    fmt = fmt or {".svg": "svg", ".png": "png"}.get(Path(output).suffix.lower(), "html")
    corpus, review_id, ids = _one_review(path, review_id, allow_unknown_terms)
    G = build_graph(corpus)
    data = maps.picture(G, review_id, find_gaps(G), episodes=corpus.review(review_id).episodes, as_of=as_of,
                        redactor=Redactor(G, ids) if redact else None, top=top, min_severity=min_severity)
    try:
        content = maps.render(data, view, fmt)
    except maps.MissingRenderer as exc:
        raise click.ClickException(str(exc)) from None
    _write_file(output, content)
    what = {"map": "ecomap", "timeline": "timeline", "grid": "who-knew-what grid"}[view]
    note = "; redacted" if redact else ""
    click.echo(f"{what} of {terminal(review_id)} ({len(data['entries'])} entries{note}) written to "
               f"{terminal(output)} as {fmt}", err=True)


@cli.command("map")
@path_argument
@map_options
def map_command(path, output, fmt, review_id, as_of, redact, top, min_severity, allow_unknown_terms):
    """Draw the ecomap of a review for a learning event: the family as a genogram, the
    agencies around it coloured by kind, who was involved with whom, where knowledge
    passed, and the headline gaps as dashed red lines.

    The HTML page works offline and holds all three views (ecomap, timeline, who knew
    what), a slider and step-through by entry or by key practice episode. Clicking shows
    the evidence entries.

    \b
    Examples:
      safegraph map examples/hasan -o hasan.html
      safegraph map examples/hasan --redact -o hasan-room.html
      safegraph map examples/hasan --as-of 1999-08-31 -o hasan-aug99.svg
    """
    _draw("map", path, output, fmt, review_id, as_of, redact, top, min_severity, allow_unknown_terms)


@cli.command("timeline")
@path_argument
@map_options
def timeline_command(path, output, fmt, review_id, as_of, redact, top, min_severity, allow_unknown_terms):
    """Draw the multi-agency timeline: a lane per agency (units under their
    organisation), entries shaped by type, knowledge passing between lanes, what the
    review says was not shared, and the headline findings' evidence ringed in red.

    \b
    Examples:
      safegraph timeline examples/hasan -o hasan-timeline.html
      safegraph timeline examples/hasan --format png -o hasan-timeline.png
    """
    _draw("timeline", path, output, fmt, review_id, as_of, redact, top, min_severity, allow_unknown_terms)


@cli.command("grid")
@path_argument
@map_options
def grid_command(path, output, fmt, review_id, as_of, redact, top, min_severity, allow_unknown_terms):
    """Draw who knew what: agencies by the family's most serious risk entries, each cell
    saying whether the agency recorded it, learnt it (and on what day) or never knew it.

    \b
    Examples:
      safegraph grid examples/hasan -o hasan-grid.html
      safegraph grid examples/hasan --as-of 1999-10-01 --format svg -o grid.svg
    """
    _draw("grid", path, output, fmt, review_id, as_of, redact, top, min_severity, allow_unknown_terms)


@cli.command("report")
@path_argument
@click.option("--output", "-o", "output", required=True, type=click.Path(dir_okay=False, writable=True),
              metavar="FILE.docx", help="The Word document to write (readable by you only).")
@click.option("--review", "review_id", metavar="ID", help="In a corpus, the review to report on.")
@click.option("--top", type=click.IntRange(min=1, max=1000), default=report.DEFAULT_TOP, show_default=True,
              metavar="N", help="How many headline findings to set out with their evidence.")
@click.option("--figures/--no-figures", default=True, show_default=True,
              help="Add the ecomap, timeline and who-knew-what figures (needs CairoSVG: pip install cairosvg).")
@redact_option
@load_options
def report_command(path, output, review_id, top, figures, redact, allow_unknown_terms):
    """Write a Word document of a review's findings for the reviewer to edit: its title
    and period, the headline findings each with why it ranks there and an evidence table
    with sources, counts per query and per agency, and the maps as figures.

    \b
    Examples:
      safegraph report examples/hasan -o hasan-gaps.docx
      safegraph report examples/hasan --redact --no-figures -o hasan-gaps-redacted.docx
    """
    from . import maps
    from .office import report_document

    corpus, review_id, ids = _one_review(path, review_id, allow_unknown_terms)
    G = build_graph(corpus)
    findings = [f for f in find_gaps(G) if f.review == review_id]
    redactor = Redactor(G, ids) if redact else None
    pictures = {}
    if figures:
        data = maps.picture(G, review_id, findings, episodes=corpus.review(review_id).episodes, redactor=redactor,
                            top=top)
        captions = {"map": "Ecomap: the family and the agencies around it",
                    "timeline": "Timeline: each agency's record and what passed between them",
                    "grid": "Who knew what: the family's most serious risk entries"}
        try:
            pictures = {captions[v]: maps.render(data, v, "png") for v in captions}
        except maps.MissingRenderer as exc:
            click.echo(f"warning: no figures: {exc}", err=True)
    _write_file(output, report_document(G, review_id, findings, top=top, redactor=redactor, figures=pictures))
    click.echo(f"report on {terminal(review_id)} ({len(findings)} findings, {len(pictures)} figures) written to "
               f"{terminal(output)}", err=True)


@cli.command("template")
@click.option("--output", "-o", "output", required=True, type=click.Path(dir_okay=False, writable=True),
              metavar="FILE.xlsx", help="The workbook to write.")
def template_command(output):
    """Write an Excel workbook to start a review in: the sheets and columns of the format,
    a note on every column, a worked example row on each sheet (delete them), and
    drop-down lists of the vocabularies and of your own people and agencies.

    \b
    Example:
      safegraph template -o my-review.xlsx
      safegraph validate my-review.xlsx
    """
    from .template import template_workbook

    if Path(output).exists():
        raise click.ClickException(f"{terminal(output)} already exists; safegraph will not write over a review")
    _write_file(output, template_workbook())
    click.echo(f"template written to {terminal(output)}: fill in the sheets, delete the example rows, then run "
               f"'safegraph validate {terminal(output)}'", err=True)


@cli.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False), metavar="FILE...")
@click.option("--review", "review_dir", required=True, type=click.Path(file_okay=False), metavar="DIR",
              help="The review folder to merge into (made if new).")
@click.option("--agency", metavar="NAME", help="The agency whose chronology this is (else a column, else the file name).")
@click.option("--map", "maps", multiple=True, metavar="HEADING=COLUMN",
              help="Read a heading as a column, where the guess is wrong: --map \"Details of contact=summary\" "
                   "(repeatable; COLUMN 'ignore' skips it).")
@click.option("--subject", "subjects", multiple=True, metavar="PERSON",
              help="Who an entry is about where its row names nobody (repeatable; default: the review's subjects).")
def import_command(files, review_dir, agency, maps, subjects):
    """Merge agency chronologies, as they arrive, into a review: Word tables (.docx),
    Excel sheets (.xlsx) and .csv files, each in its agency's own template. Headings are
    matched to the format's columns (docs/import.md), UK dates are read, and every row
    keeps its file and row as its source.

    Columns drafted from the text (referrals, sharing, risks, people, type) are marked in a
    draft column, new agencies and people are proposed for you to confirm, likely
    duplicates across agencies are flagged, and rows that cannot be placed go to
    unplaced.csv. Importing a file again adds nothing new.

    \b
    Examples:
      safegraph import police.docx school.xlsx gp.csv --review reviews/child-a
      safegraph import hospital.xlsx --review reviews/child-a --agency "City Hospital" --map "Notes=summary"
      safegraph validate reviews/child-a
    """
    from .importer import ImportError_, import_files, parse_mapping

    try:
        mapping = parse_mapping(list(maps))
        outcome = import_files([Path(f) for f in files], Path(review_dir), agency=agency, mapping=mapping,
                               subjects=list(subjects))
    except (ImportError_, ValueError) as exc:
        raise click.ClickException(terminal(str(exc))) from None
    except OSError as exc:
        raise click.ClickException(f"cannot write {terminal(review_dir)}: {exc.strerror or exc}") from None
    for name, headings in outcome.headings.items():
        read = ", ".join(f"{terminal(h)!r} as {c}" for h, c in headings.items() if c)
        skipped = ", ".join(repr(terminal(h)) for h, c in headings.items() if not c)
        click.echo(f"{terminal(name)}: read {read}" + (f"; not read: {skipped}" if skipped else ""))
    click.echo(f"{outcome.read} rows read: {outcome.added} added, {outcome.known} already in the review, "
               f"{len(outcome.changed)} changed since they were imported (left as they were), "
               f"{len(outcome.unplaced)} not placed (see unplaced.csv)")
    for source in outcome.changed:
        click.echo(f"  changed since imported, not updated: {terminal(source)}")
    for place, reason in outcome.unplaced:
        click.echo(f"  not placed: {terminal(place)}: {terminal(reason)}")
    if outcome.drafted:
        click.echo(f"{outcome.drafted} rows have drafted cells to check (the draft column says which)")
    for a, b in outcome.duplicates:
        click.echo(f"  possibly the same event: {terminal(a)} and {terminal(b)}")
    if outcome.new_agencies:
        click.echo(f"new agencies to confirm in agencies.csv: {', '.join(map(terminal, outcome.new_agencies))}")
    if outcome.new_people:
        click.echo(f"new people to confirm in people.csv: {', '.join(map(terminal, outcome.new_people))}")
    click.echo(f"next: check the drafts, then run 'safegraph validate {terminal(review_dir)}'")


@cli.command("extract")
@click.argument("report", metavar="REPORT")
@click.option("--review", "review_dir", required=True, metavar="DIR",
              help="The review folder to write the draft to (made if new).")
@click.option("--force", is_flag=True, help="Replace the review files already in DIR with the new draft.")
def extract_command(report, review_dir, force):
    """Draft a review from a published report's text (.txt, or .pdf where pypdf is
    installed): dated table rows and passages become chronology entries, with the agency,
    people, type, risks, referrals and sharing read by the rules in docs/extract.md, and
    every row's source giving its place in the report. Everything is a draft for you to
    check; dated passages it could not place are listed in unplaced.csv. A folder that
    already holds a review is left alone unless --force is given.

    \b
    Example:
      safegraph extract report.txt --review reviews/child-a
      safegraph validate reviews/child-a
    """
    from .extract import ExtractError, extract_report

    try:
        outcome = extract_report(Path(report), Path(review_dir), force=force)
    except ExtractError as exc:
        raise click.ClickException(terminal(str(exc))) from None
    except OSError as exc:
        raise click.ClickException(f"cannot write {terminal(review_dir)}: {exc.strerror or exc}") from None
    n = len(outcome.unplaced)
    click.echo(f"{outcome.entries} draft entr{'y' if outcome.entries == 1 else 'ies'} from "
               f"{terminal(Path(report).name)}; {n} dated passage{'' if n == 1 else 's'} not placed "
               "(see unplaced.csv)")
    for place, reason in outcome.unplaced:
        click.echo(f"  not placed: {terminal(place)}: {terminal(reason)}")
    click.echo(f"people to check in people.csv: {', '.join(map(terminal, outcome.people)) or 'none found'}")
    click.echo(f"agencies to check in agencies.csv: {', '.join(map(terminal, outcome.agencies)) or 'none found'}")
    click.echo(f"next: check every drafted row against the report, then run 'safegraph validate {terminal(review_dir)}'")


@cli.command("research")
@path_argument
@click.option("--format", "fmt", type=click.Choice(["markdown", "html", "json"]), default="markdown",
              show_default=True, help="html: one offline page with the charts; json: every number with its reviews.")
@click.option("--output", "-o", "output", type=click.Path(dir_okay=False, writable=True), metavar="FILE",
              help="Write to FILE (readable by you only) instead of the terminal.")
@click.option("--export", "export_dir", type=click.Path(file_okay=False), metavar="DIR",
              help="Also write tidy tables (reviews, agencies, entries, findings) as CSV, and Parquet where pyarrow "
                   "is installed, for pandas, R or DuckDB.")
@load_options
@jobs_option
def research_command(path, fmt, output, export_dir, allow_unknown_terms, jobs):
    """Ask a corpus how often each gap occurs, out of the reviews where it could have:
    per gap query, per kind of agency, by review kind, year, area and theme, with 95%
    intervals and the reviews behind every number; which kinds of agency do not hear from
    which; and the shapes that recur across reviews.

    \b
    Examples:
      safegraph research examples/
      safegraph research corpus/ --skip-invalid --format html -o research.html --export tables/
    """
    from . import research

    mapped = _map(path, functools.partial(research.review_work, tables=bool(export_dir)), allow_unknown_terms, jobs)
    reviews = mapped.review_ids
    result = research.combine([facts for facts, _ in mapped.results])
    text = {"markdown": research.to_markdown, "html": research.to_html, "json": research.to_json}[fmt](result)
    if export_dir:
        try:
            written = research.write_tables(Path(export_dir), [rows for _, rows in mapped.results])
        except OSError as exc:
            raise click.ClickException(f"cannot write {terminal(export_dir)}: {exc.strerror or exc}") from None
        click.echo(f"tables written: {', '.join(terminal(p.name) for p in written)} in {terminal(export_dir)}", err=True)
    if output:
        _write_file(output, text)
        click.echo(f"research on {len(reviews)} reviews written to {terminal(output)}", err=True)
    else:
        click.echo(text, nl=False)


@cli.command()
@path_argument
@neo4j_options
@click.option("--batch", type=click.IntRange(min=1), default=10_000, show_default=True, metavar="ROWS",
              help="Rows per write statement (whole reviews; a larger review goes alone).")
@click.option("--force", is_flag=True, help="Rewrite reviews even when unchanged.")
@load_options
def push(path, uri, user, ask_password, database, batch, force, allow_unknown_terms):
    """Write reviews into Neo4j: constraints first, then whole reviews, several to a
    transaction.

    Pushing an unchanged review writes nothing; a changed review replaces that review's
    data and nothing else; a push that fails part-way leaves every review whose
    transaction had not committed as it was.
    Connection settings come from the options or NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD
    and NEO4J_DATABASE; the password is never taken from the command line.

    \b
    Example:
      NEO4J_URI=bolt://127.0.0.1:7687 safegraph push examples/
    """
    from . import neo4j_store

    corpus = _load(path, allow_unknown_terms)
    G = build_graph(corpus)
    with _neo4j(uri, user, ask_password, database) as driver:
        results = neo4j_store.push(driver, G, database=database, batch=batch, force=force)
    for result in results:
        detail = f" ({result.nodes} nodes, {result.relationships} relationships)" if result.status == "written" else ""
        click.echo(f"{result.review}: {result.status}{detail}")


@cli.command("cypher")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="A query parameter (repeatable); VALUE is read as JSON if it can be, else as text.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@neo4j_options
def cypher_command(file, params, fmt, uri, user, ask_password, database):
    """Run a saved Cypher query (your own question, or one of cypher/*.cypher) against
    Neo4j and print its rows. Values are always passed as parameters, never pasted in; a
    gap query's file gets its default thresholds and vocabularies unless --param says
    otherwise.

    \b
    Example:
      safegraph cypher cypher/unshared-risk.cypher --param 'reviews=["hasan"]'
    """
    from ._cypher import parameters, statements

    values = {}
    query = Path(file).stem
    if query in QUERY_NAMES:
        # A gap query's file: its defaults and the vocabularies it reads, unless given.
        from .neo4j_store import vocabulary_parameters

        values.update(get_query(query).parameters)
        values.update(get_query(query).cypher_constants)
        values.update(vocabulary_parameters())
    for item in params:
        name, sep, raw = item.partition("=")
        if not sep or not name:
            raise click.BadParameter(f"{item!r} is not NAME=VALUE", param_hint="--param")
        try:
            values[name] = json.loads(raw)
        except ValueError:
            values[name] = raw
    text = open(file, encoding="utf-8").read()
    missing = [p for p in parameters("\n".join(statements(text))) if p not in values]
    if missing:
        raise click.ClickException(f"{file} needs parameter(s) {', '.join(missing)}: give --param NAME=VALUE")
    with _neo4j(uri, user, ask_password, database) as driver:
        results = []
        for statement in statements(text):
            records, _, keys = driver.execute_query(statement, values, database_=database)
            results.append((keys, [{k: _plain(r[k]) for k in keys} for r in records]))
    keys, rows = results[-1] if results else ([], [])
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False, default=str))
    elif rows:
        click.echo(table(list(keys), [[_cell(row[k]) for k in keys] for row in rows]))
    else:
        click.echo("(no rows)")


def _plain(value):
    """A Neo4j value as plain JSON-able data."""
    if hasattr(value, "iso_format"):
        return value.iso_format()
    if hasattr(value, "items") and (hasattr(value, "labels") or hasattr(value, "type")):  # node, relationship
        return dict(value.items())
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _cell(value) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)


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


class _Echo:
    """Standard output as a file to write to, through click (which handles the terminal's
    encoding, and the test runner's capture)."""

    def write(self, text: str) -> None:
        click.echo(text, nl=False)


def main(argv: list[str] | None = None) -> None:
    """Run the command line; unexpected errors print one line, not a traceback."""
    # A command builds one large set of objects and keeps it to the end: the collector's
    # default thresholds rescan that heap again and again as it grows (a sixth of the time
    # on a 1,000-review corpus), so it runs far less often, and what is loaded is frozen
    # out of its reach (see _load).
    global _ONE_COMMAND
    _ONE_COMMAND = True
    gc.set_threshold(100_000, 50, 100)
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
        # The exception's text may quote data (a name, a summary): only its type is shown.
        click.echo(f"Internal error ({type(exc).__name__}). This is a bug in safegraph; "
                   "run again with SAFEGRAPH_DEBUG=1 for details.", err=True)
        sys.exit(2)
