"""``spotter check``: validate the configuration, the database and the Ollama server."""

from __future__ import annotations

import stat
from pathlib import Path

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


def check_telegram(settings: Settings, timeout_s: float = 5.0) -> tuple[bool | None, str]:
    """Ask the Bot API who the token belongs to (getMe); no token is a warning (demo mode)."""
    if not settings.token:
        return None, "no token set (make demo works without one)"
    url = f"{settings.bot_base_url}{settings.token}/getMe"
    try:
        response = httpx.post(url, timeout=timeout_s)
        body = response.json()
    except (httpx.HTTPError, ValueError) as exc:
        # The exception text can hold the URL, and the URL holds the token: name the type only.
        where = settings.telegram_api_url
        return False, f"Bot API not reachable at {where} ({type(exc).__name__})"
    if response.status_code == 401 or not body.get("ok"):
        reason = body.get("description", response.status_code)
        return False, f"the Bot API refused the token ({reason})"
    return True, f"token works for @{body['result'].get('username')}"


def check_settings_files(paths: tuple[Path, ...]) -> tuple[bool | None, str]:
    """Settings files hold the token: warn when anyone else on the machine can read one."""
    readable = [p for p in paths if p.is_file() and p.stat().st_mode & stat.S_IROTH]
    if readable:
        names = ", ".join(str(p) for p in readable)
        return None, f"{names} readable by every user here (chmod 600 or 640)"
    return True, "not readable by other users"


def run_check(settings: Settings, settings_files: tuple[Path, ...] = (Path(".env"),)) -> int:
    """Print one line per check; exit 1 when something the bot needs is broken."""
    checks = [
        ("configuration", (True, f"timezone {settings.timezone}, data in {settings.data_dir}")),
        ("settings files", check_settings_files(settings_files)),
        ("database", check_database(settings)),
        ("telegram", check_telegram(settings)),
        ("ollama", check_ollama(settings)),
    ]
    print("\n".join(_line(ok, what, detail) for what, (ok, detail) in checks))
    return 1 if any(ok is False for _what, (ok, _detail) in checks) else 0
