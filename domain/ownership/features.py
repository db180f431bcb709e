"""What the model reads in a question: its words (stemmed), word pairs, the letters inside
each word (so "schedual" still shares most of "schedule") and a few shapes of the
sentence. The words a question sets aside ("…, not the budget",
"rather than the timeline") are marked as such and count for nothing else.

Shared by inference (`domain.ownership.model`) and training (`bench/who_owns/train.py`), so
both read a question the same way. Pure standard library.
"""

import itertools
import math
import re

from domain.ownership.lexicon import stem, words

CHAR_SIZES = (3, 4, 5)
# Clause breaks: a negation ends at one ("not the budget, but the date").
_CLAUSE = re.compile(r"[,;:.!?()\[\]\u2014\u2013]+|\s[-/]\s|\bbut\b|\bhowever\b|\bthough\b", re.I)
_NEGATE = frozenset({"not", "rather", "instead", "nor", "isnt", "arent", "without"})
_NOT_A_NEGATION = frozenset({"sure", "just", "only", "yet", "know", "certain", "clear"})
_AFTER = {"rather": "than", "instead": "of"}  # "rather than X", "instead of X"
# The decision's object is a feature of the product, whatever the feature is called:
# "should the finance app have a budgeting feature", "whether the game adds a pvp mode".
_PRODUCTISH = r"(?:app|apps|product|platform|game|tool|device|site|website|service|portal|kit)"
_SHAPES = {
    "product-gets": re.compile(
        rf"\b{_PRODUCTISH} (?:should |will |would |could |can |to )?(?:have|has|get|gets|add|"
        r"adds|support|supports|offer|offers|include|includes|ship with|come with)\b"
    ),
    "at-all": re.compile(r"\bat all\b"),
    "a-feature": re.compile(r"\b(?:feature|features|mode|view|option|setting|button)\b"),
    "about-whether": re.compile(r"\b(?:about|is) whether\b"),
    "money": re.compile(r"\bmoney\b|\b\d+(?: \d+)?(?: k| m)?\b"),
    "per-unit": re.compile(r"\b(?:a|per|each|every) (?:month|year|seat|user|head|ticket|unit)\b"),
}


def clauses(text: str) -> list[list[str]]:
    """The question's clauses, each as normalised words."""
    return [w for part in _CLAUSE.split(text) if (w := words(part))]


def kept_and_negated(text: str) -> tuple[list[str], list[str]]:
    """The words a question keeps, and those it sets aside after "not", "rather than"..."""
    kept, negated = [], []
    for clause in clauses(text):
        off = False
        for i, word in enumerate(clause):
            following = clause[i + 1] if i + 1 < len(clause) else ""
            negates = word in _NEGATE and following not in _NOT_A_NEGATION
            if negates and _AFTER.get(word, following) == following:
                off = True
                continue
            (negated if off else kept).append(word)
    return kept, negated


def features(text: str) -> dict[str, float]:
    """The question as named feature values, scaled to unit length."""
    names = feature_names(text)
    return dict.fromkeys(names, 1 / math.sqrt(len(names)) if names else 0.0)


def feature_names(text: str) -> set[str]:
    """The features the question has (each of value 1 before scaling)."""
    kept, negated = kept_and_negated(text)
    stems = [stem(w) for w in kept]
    grams = {f"w:{s}" for s in stems}
    grams.update(f"b:{a}_{b}" for a, b in itertools.pairwise(stems))
    for word in kept:
        padded = f" {word} "
        for size in CHAR_SIZES:
            grams.update(f"c:{padded[i : i + size]}" for i in range(len(padded) - size + 1))
    joined = " ".join(kept)
    grams.update(f"s:{name}" for name, shape in _SHAPES.items() if shape.search(joined))
    grams.update(f"n:{stem(w)}" for w in negated)
    return grams
