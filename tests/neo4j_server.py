"""Start a real, throwaway Neo4j 5.26 for tests (stdlib only).

``running_neo4j()`` runs ``scripts/neo4j-server`` (an embedded Neo4j built with
Maven from ``neo4j-server/``), waits for the ``bolt://127.0.0.1:PORT`` line it
prints when Bolt accepts connections, yields that URI, and stops the server on
exit. Authentication is disabled, so connect with ``auth=None``::

    with running_neo4j() as uri:
        driver = neo4j.GraphDatabase.driver(uri, auth=None)

The first run on a machine builds the launcher and downloads Neo4j from Maven
Central into ~/.m2 (about 125 MB), hence the generous default timeout.
"""

from __future__ import annotations

import collections
import contextlib
import os
import re
import shutil
import signal
import subprocess
import threading
import time
from pathlib import Path
from typing import Iterator, Optional

REPO_ROOT = Path(__file__).resolve().parent.parent
SCRIPT = REPO_ROOT / "scripts" / "neo4j-server"

_DATA_LINE = re.compile(r"^neo4j-server: data folder (\S+)")


def java_available() -> bool:
    """True when both ``java`` and ``mvn`` are on PATH (needed to build and run the server)."""
    return shutil.which("java") is not None and shutil.which("mvn") is not None


class Neo4jStartError(RuntimeError):
    """The server exited or did not print its bolt:// line in time."""


class BoltURI(str):
    """The bolt:// URI (a plain ``str``), with details of the running server.

    ``process`` is the server's ``subprocess.Popen``; ``data_dir`` the folder the
    server reported for its data (``None`` if not reported yet); ``stderr_tail()``
    the last lines the server wrote to stderr.
    """

    process: subprocess.Popen
    data_dir: Optional[Path]

    def stderr_tail(self) -> str:  # replaced per instance
        return ""


def _terminate(proc: subprocess.Popen, grace: float = 30.0) -> None:
    """SIGTERM the server's process group (the script, or java it exec'd, and a running
    Maven build), wait up to ``grace`` seconds, then SIGKILL."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        if proc.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, sig)
        try:
            proc.wait(timeout=grace)
            return
        except subprocess.TimeoutExpired:
            pass


@contextlib.contextmanager
def running_neo4j(
    timeout: float = 300,
    *,
    port: Optional[int] = None,
    data: Optional[os.PathLike] = None,
) -> Iterator[BoltURI]:
    """Start ``scripts/neo4j-server`` and yield its ``bolt://127.0.0.1:PORT`` URI.

    ``timeout`` (seconds) covers a possible first build as well as the start.
    Raises ``Neo4jStartError`` with the tail of the server's stderr if it exits
    or times out before printing its URI. On exit the server gets SIGTERM and,
    if still running after 30 s, SIGKILL.
    """
    cmd = [str(SCRIPT)]
    if port is not None:
        cmd += ["--port", str(port)]
    if data is not None:
        cmd += ["--data", os.fspath(data)]

    proc = subprocess.Popen(
        cmd,
        stdin=subprocess.PIPE,  # the server exits when this pipe closes, e.g. if we die
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        errors="replace",
        start_new_session=True,  # Ctrl-C in a terminal reaches us, not the server directly
    )
    tail: collections.deque = collections.deque(maxlen=60)
    info: dict = {"data_dir": None}
    uri_lines: list = []
    got_uri = threading.Event()

    def read_stderr() -> None:
        for line in proc.stderr:
            line = line.rstrip("\n")
            tail.append(line)
            match = _DATA_LINE.match(line)
            if match and info["data_dir"] is None:
                info["data_dir"] = Path(match.group(1))

    def read_stdout() -> None:
        for line in proc.stdout:
            line = line.strip()
            if line.startswith("bolt://") and not uri_lines:
                uri_lines.append(line)
                got_uri.set()
        got_uri.set()  # EOF: the server has exited (or closed stdout)

    readers = [
        threading.Thread(target=read_stderr, name="neo4j-stderr", daemon=True),
        threading.Thread(target=read_stdout, name="neo4j-stdout", daemon=True),
    ]
    for reader in readers:
        reader.start()

    def stderr_tail() -> str:
        return "\n".join(tail)

    try:
        deadline = time.monotonic() + timeout
        while not got_uri.wait(0.2):
            if proc.poll() is not None or time.monotonic() > deadline:
                break
        if not uri_lines:
            try:  # stdout closed first? Then the exit status follows shortly.
                exited = proc.wait(timeout=5 if got_uri.is_set() else 0.1)
            except subprocess.TimeoutExpired:
                exited = None
            _terminate(proc, grace=10)
            readers[0].join(5)
            what = (
                f"exited with code {exited}"
                if exited is not None
                else f"printed no bolt:// line within {timeout:.0f} s"
            )
            raise Neo4jStartError(
                f"{SCRIPT} {what}. Last stderr lines:\n{stderr_tail() or '(none)'}"
            )

        uri = BoltURI(uri_lines[0])
        uri.process = proc
        uri.stderr_tail = stderr_tail  # type: ignore[method-assign]
        # The data-folder line precedes the URI on stderr; give its reader a moment.
        for _ in range(50):
            if info["data_dir"] is not None:
                break
            time.sleep(0.01)
        uri.data_dir = info["data_dir"]
        yield uri
    finally:
        _terminate(proc)
        for reader in readers:
            reader.join(5)
        if proc.stdin:
            with contextlib.suppress(OSError):
                proc.stdin.close()
