"""A throwaway PostgreSQL server for the test session, started from the system's binaries.

The server lives in a temporary folder, listens only on a unix socket in that folder (no TCP
port to collide with), and is stopped and removed at the end of the session. ``initdb`` and
``postgres`` refuse to run as root, so as root they run as the unprivileged ``postgres`` user
(Debian's package creates it), or else as ``nobody``. Each test gets its own database, copied
from one migrated template with ``CREATE DATABASE ... TEMPLATE`` (much faster than migrating).

Where no binaries exist, the PostgreSQL runs of the contract suite skip with one line.
"""

from __future__ import annotations

import contextlib
import glob
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

BACKENDS = ("sqlite", "postgresql")
# Mark a test or module (``pytestmark = both_backends``) to run it on SQLite and on PostgreSQL:
# each of its tests that uses a database (the ``db_url`` fixture) runs once per backend.
both_backends = pytest.mark.both_backends
MARKER = "both_backends: run the test once per database backend (SQLite, PostgreSQL)"

TEMPLATE = "spotter_template"
NO_SERVER = (
    "PostgreSQL binaries not found (initdb, pg_ctl): install Debian's postgresql package "
    "to run the PostgreSQL half of the contract suite"
)
# Durability is not what the tests measure: no fsync makes CREATE DATABASE and commits cheap.
_FAST = ("fsync=off", "synchronous_commit=off", "full_page_writes=off", "max_connections=60")


def find_bindir() -> Path | None:
    """The folder of initdb and pg_ctl: on PATH, or the newest of Debian's versioned ones."""
    on_path = shutil.which("initdb")
    if on_path and shutil.which("pg_ctl"):
        return Path(on_path).parent
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=_version_key)
    return Path(found[-1]).parent if found else None


def _version_key(path: str) -> tuple[int, ...]:
    version = Path(path).parents[1].name
    return tuple(int(part) for part in version.split(".") if part.isdigit())


def _unprivileged_user() -> str | None:
    """The user to run the server as when we are root (None: run as ourselves)."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        with contextlib.suppress(KeyError):
            pwd.getpwnam(name)
            return name
    raise RuntimeError("running as root and no unprivileged user (postgres, nobody) exists")


class PgServer:
    """One PostgreSQL cluster in a temporary folder, reached over its unix socket."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.user = _unprivileged_user()
        self.root = Path(tempfile.mkdtemp(prefix="spotter-pg-"))
        self.data = self.root / "data"
        self._names = itertools.count(1)
        self._admin = None

    def _as_server_user(self, *argv: str) -> list[str]:
        prefix = ["runuser", "-u", self.user, "--"] if self.user else []
        return [*prefix, *argv]

    def start(self) -> None:
        """initdb, then start the server and wait until it accepts connections."""
        if self.user:
            shutil.chown(self.root, self.user)
        initdb = self._as_server_user(
            str(self.bindir / "initdb"), "-D", str(self.data), "-U", "postgres",
            "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync",
        )  # fmt: skip
        subprocess.run(initdb, check=True, capture_output=True, cwd=self.root)
        options = " ".join(
            [f"-k {self.root}", "-c listen_addresses=''", *(f"-c {o}" for o in _FAST)]
        )
        pg_ctl = self._as_server_user(
            str(self.bindir / "pg_ctl"), "-D", str(self.data), "-l", str(self.root / "log"),
            "-o", options, "-w", "-t", "60", "start",
        )  # fmt: skip
        subprocess.run(pg_ctl, check=True, capture_output=True, cwd=self.root)

    def stop(self) -> None:
        """Stop the server (connections are cut) and remove its folder."""
        if self._admin is not None:
            self._admin.close()
            self._admin = None
        if (self.data / "postmaster.pid").exists():
            pg_ctl = self._as_server_user(
                str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w",
                "stop",
            )  # fmt: skip
            subprocess.run(pg_ctl, check=False, capture_output=True, cwd=self.root)
        shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str, driver: str = "asyncpg") -> str:
        """The SQLAlchemy URL of a database on this server."""
        return f"postgresql+{driver}://postgres@/{database}?host={self.root}"

    def admin(self):
        """An autocommit connection to the maintenance database, for CREATE/DROP DATABASE."""
        if self._admin is None:
            import psycopg

            self._admin = psycopg.connect(
                host=str(self.root), user="postgres", dbname="postgres", autocommit=True
            )
        return self._admin

    def create_database(self, template: str | None = None) -> str:
        """A new empty database (or a copy of ``template``); returns its name."""
        name = f"spotter_test_{os.getpid()}_{next(self._names)}"
        copy = f" TEMPLATE {template} STRATEGY FILE_COPY" if template else ""
        self.admin().execute(f"CREATE DATABASE {name}{copy}")
        return name

    def drop_database(self, name: str) -> None:
        """Remove a database, cutting any connection a test left open."""
        self.admin().execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def migrated_template(self) -> str:
        """The template database with every migration applied (created on first use)."""
        from storage.migrate import upgrade

        exists = self.admin().execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", (TEMPLATE,)
        ).fetchone()
        if exists is None:
            self.admin().execute(f"CREATE DATABASE {TEMPLATE}")
            upgrade(self.url(TEMPLATE))
        return TEMPLATE


def start_server() -> PgServer | None:
    """A started server, or None where the system has no PostgreSQL binaries."""
    bindir = find_bindir()
    if bindir is None:
        return None
    server = PgServer(bindir)
    try:
        server.start()
    except BaseException:
        log = server.root / "log"
        detail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
        server.stop()
        raise RuntimeError(f"the test PostgreSQL server did not start:\n{detail}") from None
    return server


def pg_database(server: PgServer) -> Iterator[str]:
    """Yield the URL of a fresh migrated database on ``server``; drop it afterwards."""
    name = server.create_database(template=server.migrated_template())
    try:
        yield server.url(name)
    finally:
        server.drop_database(name)


def parametrize_backends(metafunc: pytest.Metafunc) -> None:
    """Run a test marked ``both_backends`` that uses a database on each backend."""
    marked = metafunc.definition.get_closest_marker("both_backends") is not None
    if marked and "db_url" in metafunc.fixturenames:
        metafunc.parametrize("db_url", BACKENDS, indirect=True)
