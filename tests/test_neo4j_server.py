"""Smoke test of the real Neo4j started by scripts/neo4j-server (see tests/neo4j_server.py).

Skips when java/mvn are missing, unless SAFEGRAPH_REQUIRE_NEO4J=1, which turns that
into a failure (for CI, where a skipped real-database test must not pass silently).
"""

from __future__ import annotations


import pytest

from neo4j_server import running_neo4j

# A value that would break naive string interpolation into Cypher.
TRICKY = 'it\'s "quoted" \\ back\\slash \\\' MATCH (n) DETACH DELETE n // end'


from conftest import require_neo4j


@pytest.fixture(scope="module")
def neo4j_driver_module():
    return require_neo4j()


def test_real_neo4j_round_trip_and_clean_shutdown(neo4j_driver_module):
    neo4j = neo4j_driver_module
    with running_neo4j() as uri:
        assert uri.startswith("bolt://127.0.0.1:")
        process, data_dir = uri.process, uri.data_dir
        assert data_dir is not None and data_dir.is_dir(), uri.stderr_tail()

        with neo4j.GraphDatabase.driver(uri, auth=None) as driver:
            driver.verify_connectivity()
            driver.execute_query(
                "CREATE (:SafegraphSmoke {value: $value})", value=TRICKY
            )
            records, _, _ = driver.execute_query(
                "MATCH (n:SafegraphSmoke) RETURN n.value AS value"
            )
            assert [r["value"] for r in records] == [TRICKY]

            records, _, _ = driver.execute_query(
                "CALL dbms.components() YIELD name, versions, edition "
                "RETURN name, versions, edition"
            )
            kernel = [r for r in records if r["name"] == "Neo4j Kernel"]
            assert kernel, records
            assert kernel[0]["versions"][0].startswith("5.26."), kernel[0]["versions"]

    # Leaving the context manager sent SIGTERM and waited.
    assert process.poll() is not None, "server still running after running_neo4j() exited"
    assert process.returncode in (0, 143), (process.returncode, uri.stderr_tail())
    assert not data_dir.exists(), f"temporary data folder left behind: {data_dir}"


def test_server_stops_when_its_stdin_closes(neo4j_driver_module):
    with running_neo4j() as uri:
        process, data_dir = uri.process, uri.data_dir
        process.stdin.close()  # what happens when the parent process dies
        assert process.wait(timeout=60) == 0, uri.stderr_tail()
    assert not data_dir.exists(), f"temporary data folder left behind: {data_dir}"
