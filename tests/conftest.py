import csv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
OUTSIDE = ROOT / "tests" / "data" / "outside"
EXAMPLES = ROOT / "examples"


def write_csv_review(folder: Path, *, review: str | None = None, people=None, relationships=None,
                     agencies=None, chronology=None) -> Path:
    """Write a CSV-folder review; tables are lists of rows, the first row the header."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "review.yaml").write_text(review or "id: t\ntitle: Test review\n", encoding="utf-8")
    defaults = {
        "people": [["id", "name"], ["amy", "Amy"], ["mum", "Mother"]],
        "relationships": [["person", "relation", "other"], ["mum", "parent_of", "amy"]],
        "agencies": [["id", "name", "type"], ["police", "Police", "police"], ["school", "School", "school"]],
        "chronology": [["date", "agency", "type", "subjects", "summary"],
                       ["2020-01-01", "police", "incident", "amy", "Called to the home"]],
    }
    given = {"people": people, "relationships": relationships, "agencies": agencies, "chronology": chronology}
    for name, rows in given.items():
        with open(folder / f"{name}.csv", "w", newline="", encoding="utf-8") as fh:
            csv.writer(fh).writerows(rows if rows is not None else defaults[name])
    return folder


@pytest.fixture
def csv_review(tmp_path):
    """A function writing a CSV-folder review under tmp_path (see write_csv_review)."""
    return lambda **kw: write_csv_review(tmp_path / "review", **kw)


# -- a real Neo4j for the whole session ------------------------------------------------

import os  # noqa: E402

REQUIRE_NEO4J = os.environ.get("SAFEGRAPH_REQUIRE_NEO4J") == "1"


def neo4j_unavailable(reason: str):
    if REQUIRE_NEO4J:
        pytest.fail(f"SAFEGRAPH_REQUIRE_NEO4J=1 but {reason}", pytrace=False)
    pytest.skip(f"{reason} (set SAFEGRAPH_REQUIRE_NEO4J=1 to fail instead)")


def require_neo4j():
    """The neo4j driver module, once it is clear a real server can be started here;
    otherwise skip (or fail, under SAFEGRAPH_REQUIRE_NEO4J=1)."""
    from neo4j_server import java_available

    if not java_available():
        neo4j_unavailable("java and/or mvn are not on PATH, so no real Neo4j can be started")
    try:
        import neo4j
    except ImportError:
        neo4j_unavailable("the neo4j Python driver is not installed")
    return neo4j


@pytest.fixture(scope="session")
def neo4j_uri():
    """The bolt:// URI of a real Neo4j 5.26 started for this test session."""
    from neo4j_server import running_neo4j

    require_neo4j()
    with running_neo4j() as uri:
        yield str(uri)


@pytest.fixture
def neo4j_driver(neo4j_uri):
    """A driver on an emptied database (Community has one user database, so tests share it)."""
    from safegraph.neo4j_store import connect

    driver = connect(neo4j_uri)
    with driver.session() as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()
    yield driver
    driver.close()
