"""Canned model replies that each break one guardrail (facts: a deload, no digits but the ones
the test's facts hold), and one that passes them all."""

from __future__ import annotations

from tests.fakeollama.state import ECHO_SYSTEM

GOOD = "Easy does it this week; let the body soak up the work."

BAD = {
    "made-up number": "Nice work today, those 7 sets will pay off.",
    "number word": "Nice work today, give it nine days and you will fly.",
    "go heavier on a deload": "You looked strong, go heavier next time.",
    "link": "Nice work, read https://example.com/tips for more.",
    "markdown link": "Nice work, see [this guide](example) for more.",
    "mention": "Nice work, tell @coach how it went.",
    "markup": "**Nice work** today, rest well.",
    "three sentences": "Nice work. Rest well. Sleep early tonight.",
    "too long": "Nice work today " + "and keep it steady " * 20 + "tonight.",
    "empty": "   ",
    "system prompt": ECHO_SYSTEM,
    "pain": "Push through the knee pain and you will be fine.",
}
