"""``spotter check``: validate the configuration, the database and the Ollama server."""

from __future__ import annotations

import httpx

from bot.settings import Settings
from storage.migrate import current_revision, head_revision, upgrade


def _line(ok: bool | None, what: str, detail: str) -> str:
    mark = {True: "ok  ", False: "FAIL", None: "warn"}[ok]
    return f"[{mark}] {what}: {detail}"


def check_database(settings: Settings) -> tuple[bool, str]:
    """Create or upgrade the schema and report its revision."""
    try:
        upgrade(settings.database_url)
        revision = current_revision(settings.database_url)
    except Exception as exc:  # report any driver or file-system error as one line
        return False, f"{type(exc).__name__}: {exc}"
    return revision == head_revision(), f"schema at revision {revision}"


def check_ollama(settings: Settings, timeout_s: float = 3.0) -> tuple[bool | None, str]:
    """Ask Ollama for its models; unreachable is a warning, since the bot works without it."""
    try:
        response = httpx.get(f"{settings.ollama_host.rstrip('/')}/api/tags", timeout=timeout_s)
        response.raise_for_status()
        models = {m.get("model") or m.get("name") for m in response.json().get("models", [])}
    except (httpx.HTTPError, ValueError) as exc:
        return (
            None,
            f"not reachable at {settings.ollama_host} ({type(exc).__name__}); "
            "coaching text falls back to templates",
        )
    wanted = (
        settings.ollama_model
        if ":" in settings.ollama_model
        else f"{settings.ollama_model}:latest"
    )
    if wanted not in models:
        return None, f"reachable, but model {wanted} is not pulled (ollama pull {wanted})"
    return True, f"{wanted} available"


def run_check(settings: Settings) -> int:
    """Print a report; exit 1 when something the bot needs is broken."""
    token_ok = bool(settings.token)
    db_ok, db_detail = check_database(settings)
    ollama_ok, ollama_detail = check_ollama(settings)
    lines = [
        _line(True, "configuration", f"timezone {settings.timezone}, data in {settings.data_dir}"),
        _line(
            token_ok or None,
            "telegram token",
            "set" if token_ok else "not set (make demo works without)",
        ),
        _line(db_ok, "database", db_detail),
        _line(ollama_ok, "ollama", ollama_detail),
    ]
    print("\n".join(lines))
    return 0 if db_ok else 1
