"""Check parse_mode markup the way Telegram does and return the text the user sees."""

from __future__ import annotations

import html
import re

from tests.faketg.records import ApiError, bad_request

_HTML_TAGS = frozenset(
    [
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "span",
        "tg-spoiler",
        "a",
        "code",
        "pre",
        "blockquote",
        "tg-emoji",
    ]
)
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)?([^<>]*)>")
_ENTITY = re.compile(r"&(lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);")
_LINK = re.compile(r"\[((?:\\.|[^\]\\])*)\]\(((?:\\.|[^)\\])*)\)")
_V2_RESERVED = frozenset("_*[]()~`>#+-=|{}.!")
_V2_MARKERS = ("||", "__", "*", "_", "~")
_V1_MARKERS = ("*", "_")


def utf16_len(text: str) -> int:
    """Return the length Telegram counts: UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def render(text: str, parse_mode: str | None) -> str:
    """Return the plain text of ``text`` under ``parse_mode``.

    Raises:
        ApiError: 400 "can't parse entities" when the markup is invalid.
    """
    mode = (parse_mode or "").lower()
    if mode == "html":
        return _render_html(text)
    if mode == "markdownv2":
        return _render_markdown(text, _V2_MARKERS, strict=True)
    if mode == "markdown":
        return _render_markdown(text, _V1_MARKERS, strict=False)
    if mode:
        raise bad_request(f"unsupported parse_mode {parse_mode!r}")
    return text


def _entity_error(detail: str) -> ApiError:
    return bad_request(f"can't parse entities: {detail}")


def _offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8"))


def _render_html(text: str) -> str:
    out: list[str] = []
    stack: list[str] = []
    pos = 0
    while (lt := text.find("<", pos)) != -1:
        out.append(_unescape(text[pos:lt]))
        match = _TAG.match(text, lt)
        name = (match.group(2) or "").lower() if match else ""
        if match is None or name not in _HTML_TAGS:
            if match is not None and match.group(1):
                raise _entity_error(f"Unexpected end tag at byte offset {_offset(text, lt)}")
            raise _entity_error(
                f'Unsupported start tag "{name}" at byte offset {_offset(text, lt)}'
            )
        if match.group(1):
            if not stack or stack[-1] != name:
                expected = f'"</{stack[-1]}>"' if stack else "no end tag"
                raise _entity_error(
                    f"Unmatched end tag at byte offset {_offset(text, lt)}, "
                    f'expected {expected}, found "</{name}>"'
                )
            stack.pop()
        else:
            stack.append(name)
        pos = match.end()
    out.append(_unescape(text[pos:]))
    if stack:
        raise _entity_error(f'Can\'t find end tag corresponding to start tag "{stack[-1]}"')
    return "".join(out)


def _unescape(fragment: str) -> str:
    # Only the entities Telegram documents are decoded; a bare "&" is kept as is.
    return _ENTITY.sub(lambda m: html.unescape(m.group(0)), fragment)


def _render_markdown(text: str, markers: tuple[str, ...], *, strict: bool) -> str:
    out: list[str] = []
    opened: list[tuple[str, int]] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char == "\\" and i + 1 < len(text) and (strict or text[i + 1] in "*_`["):
            out.append(text[i + 1])
            i += 2
        elif char == "`":
            i = _code_span(text, i, out)
        elif char == "[":
            i = _link(text, i, out, markers, strict=strict)
        elif marker := next((m for m in markers if text.startswith(m, i)), None):
            _toggle(opened, marker, _offset(text, i))
            i += len(marker)
        elif strict and char == ">" and (i == 0 or text[i - 1] == "\n"):
            i += 1  # blockquote line marker
        elif strict and char in _V2_RESERVED:
            raise _entity_error(
                f"Character '{char}' is reserved and must be escaped with the preceding '\\'"
            )
        else:
            out.append(char)
            i += 1
    if opened:
        raise _entity_error(
            f"Can't find end of the entity starting at byte offset {opened[-1][1]}"
        )
    return "".join(out)


def _toggle(opened: list[tuple[str, int]], marker: str, offset: int) -> None:
    if opened and opened[-1][0] == marker:
        opened.pop()
    elif any(m == marker for m, _ in opened):
        raise _entity_error(f"Can't find end of the entity starting at byte offset {offset}")
    else:
        opened.append((marker, offset))


def _code_span(text: str, start: int, out: list[str]) -> int:
    fence = "```" if text.startswith("```", start) else "`"
    end = start + len(fence)
    while end < len(text) and not text.startswith(fence, end):
        end += 2 if text[end] == "\\" else 1  # an escaped backtick does not close the span
    if end >= len(text):
        raise _entity_error(
            f"Can't find end of the entity starting at byte offset {_offset(text, start)}"
        )
    body = text[start + len(fence) : end]
    if fence == "```" and "\n" in body:
        first, rest = body.split("\n", 1)
        body = rest if first.strip().isidentifier() else body  # drop a language tag
    out.append(re.sub(r"\\([\\`])", r"\1", body))
    return end + len(fence)


def _link(text: str, start: int, out: list[str], markers: tuple[str, ...], *, strict: bool) -> int:
    match = _LINK.match(text, start)
    if match is None:
        if strict:
            raise _entity_error(
                "Character '[' is reserved and must be escaped with the preceding '\\'"
            )
        raise _entity_error(
            f"Can't find end of the entity starting at byte offset {_offset(text, start)}"
        )
    out.append(_render_markdown(match.group(1), markers, strict=strict))
    return match.end()
