"""Name matching for the catalog: normalisation, modifier words and edit distance."""

import re

# Modifiers that do not make a separate exercise (SETLOG.md §3); tried after an exact miss.
MODIFIERS = re.compile(
    r"\b(?:paused?|tempo|belted|beltless|raw|barbell|bb|low ?bar|high ?bar|weighted|assisted"
    r"|banded|band|strict|deficit|pin|touch and go|tng|competition|comp|wide grip|narrow grip"
    r"|standing|heavy|light|my|some|the)\b"
)
# Equipment words, stripped last so "dumbbell row" still beats "row".
EQUIPMENT_WORDS = re.compile(
    r"\b(?:dumbbell|db|cable|machine|smith|ez ?bar|ez|kettlebell|kb|single arm|one arm|plate"
    r"|landmine|band)\b"
)
# Everyday words one edit away from an alias ("plan" ~ "plank"): never typo-corrected.
COMMON_WORDS = frozenset(
    ("plan", "lunch", "beach", "dress", "half", "clear", "squad", "sing", "wing", "wall", "mall",
     "rest", "best", "bread", "chess", "crunch", "punch", "branch", "bunch", "hand", "band",
     "slept", "sleep")
)  # fmt: skip
PAREN = re.compile(r"[(\[]([^)\]]*)[)\]]")
_PUNCT = re.compile(r"[-_/.,:;!?\"*]+")
SPACES = re.compile(r"\s+")


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us")):
        return word[:-1]
    return word


def normalise_name(name: str) -> str:
    """Return the lookup key of a name: lower case, no punctuation, singular words."""
    text = name.lower().replace("’", "'").replace("‘", "'").replace("`", "'")
    text = PAREN.sub(lambda m: " " + m.group(1) + " ", text)
    text = text.replace("'", "").replace("&", " and ").replace("+", " and ")
    text = _PUNCT.sub(" ", text)
    return " ".join(_singular(w) for w in SPACES.split(text) if w)


def edit_distance(a: str, b: str, cutoff: int) -> int:
    """Return the optimal-string-alignment distance of a and b, or cutoff + 1 if larger."""
    if abs(len(a) - len(b)) > cutoff:
        return cutoff + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = ca != cb
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], prev2[j - 2] + 1)
        if min(row) > cutoff:
            return cutoff + 1
        prev2, prev = prev, row
    return min(prev[-1], cutoff + 1)
