"""What to answer to a message the set-log parser found no sets in: thanks, ok, hi, questions."""

from __future__ import annotations

import re
import unicodedata

YOU_ARE_WELCOME = "You're welcome! 💪"
NOTED = "👍"
HELLO = "Hi! Log a set whenever you're ready, e.g. “bench 80x5”."
# Until a coaching voice answers questions, a question gets a pointer to what exists.
CANNOT_ANSWER_YET = (
    "I can't answer questions yet. I log your sets and show where you stand: /today for "
    "today's session, /prs for your records, /chart for progress, /help for everything else."
)

_THANKS = re.compile(r"\b(?:thanks|thank you|thank u|thx|ty|tysm|cheers|much appreciated)\b")
_QUESTION = re.compile(
    r"\?|^(?:what|how|why|when|where|which|who|should|can|could|would|will|is|are|do|does)\b"
)
_ACK = re.compile(
    r"(?:(?:ok|okay|okey|k|kk|alright|sure|yes|yep|yeah|cool|nice|great|awesome|perfect|good"
    r"|got it|noted|sounds good|will do|lol|haha|love it|amazing)(?: |$))+"
)
_HELLO = re.compile(r"(?:hi|hello|hey|yo|hiya|good morning|morning|good evening)(?: there)?")
_WORD = re.compile(r"[^\W\d_]+")


def chat_reply(text: str) -> str:
    """A short human answer to chit-chat or a question; empty when it is neither."""
    lowered = " ".join(text.lower().split())
    if not lowered or any(ch.isdigit() for ch in lowered):
        return ""
    if _QUESTION.search(lowered):
        return CANNOT_ANSWER_YET
    if _THANKS.search(lowered):
        return YOU_ARE_WELCOME
    words = " ".join(_WORD.findall(lowered))
    if not words:  # emoji only
        return NOTED if any(unicodedata.category(ch) == "So" for ch in lowered) else ""
    if _ACK.fullmatch(words):
        return NOTED
    return HELLO if _HELLO.fullmatch(words) else ""
