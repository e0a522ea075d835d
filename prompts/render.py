"""Build the messages the model is sent: a persona's system prompt, the facts, a quoted note."""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from importlib import resources

from prompts.facts import NOTE_LIMIT, Facts, clean_text

NOTE_OPEN, NOTE_CLOSE = "<athlete_note>", "</athlete_note>"
ASK = "Write your remark for this message now."


class Persona(StrEnum):
    """How the coach sounds; chosen per athlete (calm by default)."""

    CALM = "calm"
    DRILL_SERGEANT = "drill_sergeant"
    DATA_NERD = "data_nerd"


@cache
def _template(name: str) -> str:
    text = resources.files("prompts").joinpath("templates", f"{name}.txt").read_text("utf-8")
    return _unwrap(text)


def _unwrap(text: str) -> str:
    """Join the file's wrapped lines: one line per paragraph or list item."""
    lines: list[str] = []
    for raw in text.strip().splitlines():
        line = raw.strip()
        if lines and line and lines[-1] and not line.startswith("- "):
            lines[-1] = f"{lines[-1]} {line}"
        else:
            lines.append(line)
    return "\n".join(lines)


def system_prompt(persona: Persona = Persona.CALM) -> str:
    """The persona's voice followed by the rules every persona shares (a fixed, cacheable
    prefix: the facts come after it)."""
    return f"{_template(persona.value).strip()}\n\n{_template('rules').strip()}"


def user_prompt(facts: Facts, note: str | None = None) -> str:
    """The facts as ``key: value`` lines, then the athlete's note (cleaned, cut, delimited)."""
    parts = [f"Facts:\n{facts.render()}"]
    if note and (cleaned := clean_text(note, NOTE_LIMIT)):
        parts.append(f"{NOTE_OPEN}\n{cleaned}\n{NOTE_CLOSE}")
    parts.append(ASK)
    return "\n\n".join(parts)


def build_messages(
    facts: Facts, persona: Persona = Persona.CALM, note: str | None = None
) -> list[dict[str, str]]:
    """The chat messages, built in code only: the user's text never chooses a role."""
    return [
        {"role": "system", "content": system_prompt(persona)},
        {"role": "user", "content": user_prompt(facts, note)},
    ]
