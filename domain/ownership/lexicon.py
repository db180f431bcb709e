"""The cue lexicon: each area's total from the seed's weighted cues in a question.

The question is normalised (case, accents, punctuation, light stemming) and matched against
each area's weighted cues from `domain.ownership.areas`. Phrases are matched first, longest
first, and the words inside a matched phrase do not count again ("the board" is not a
process board). A question's subject ("…of the project", "…of the product") then tips the
areas it already names toward those its manager owns. The totals are one of the model's
inputs (`domain.ownership.features`). Pure standard library; never raises, whatever the text.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from domain.ownership.areas import (
    AREAS,
    NOT_A_SUBJECT_AFTER,
    SUBJECT_BONUS,
    SUBJECTS,
)

MAX_CHARS = 4000  # longer text is classified on its beginning

# A product constraint: its release-by date, its budget cap, its out-of-scope areas.
CONSTRAINT_CUES = (
    "launch, release, release by, release date, launch date, ship date, go live, "
    "general availability, constraint, cap, capped, ceiling, limit, hard deadline, "
    "out of scope, over budget, overrun, overspend, exceed, blow the budget, beyond budget"
)

_QUOTES = re.compile("['\u2019\u2018`\u00b4]")
_CURRENCY = re.compile(r"[$€£¥₹]")
_WORD = re.compile(r"[^\W_]+")
_BRITISH_ISE = re.compile(r"(?<=\w\w)is(e|es|ed|ing|ation|ations|er|ers)$")
_SUFFIXES = ("ization", "isation", "ation", "ment", "ing", "ed", "er", "ee")
_UNDOUBLED = ("ing", "ed", "er")  # planning -> plan, slipped -> slip; not staff, bill, process
_KEEP = frozenset({"marketing", "testing", "news", "status", "always", "series"})


def words(text: str) -> list[str]:
    """Lower-case, accent-free words; `$`/`€` read as "money", `%` as "percent"."""
    text = unicodedata.normalize("NFKD", text[:MAX_CHARS]).casefold()
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _CURRENCY.sub(" money ", _QUOTES.sub("", text))
    return _WORD.findall(text.replace("%", " percent ").replace("&", " and "))


@lru_cache(maxsize=8192)
def stem(word: str) -> str:
    """A light stem, so that deadlines/deadline, prioritise/prioritizing, budgeting meet."""
    if len(word) <= 3 or word in _KEEP or not word.isalpha():
        return word
    word = _BRITISH_ISE.sub(r"iz\1", word)
    if word.endswith("ies") and len(word) >= 5:
        word = word[:-3] + "y"
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            doubled = len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsfz"
            if suffix in _UNDOUBLED and doubled:
                word = word[:-1]
            break
    return word[:-1] if len(word) > 3 and word.endswith("e") else word


def _stems(text: str) -> tuple[str, ...]:
    return tuple(stem(w) for w in words(text))


@dataclass(frozen=True)
class _Index:
    phrases: dict[str, list[tuple[tuple[str, ...], dict[int, float]]]]  # by first stem
    singles: dict[str, dict[int, float]]  # stem -> {area position: weight}
    prefixes: tuple[tuple[str, int, float], ...]  # (raw word prefix, area position, weight)
    constraints: tuple[str, ...]  # " stem stem " forms of CONSTRAINT_CUES
    subjects: dict[str, tuple[int, ...]]  # subject stem -> positions of the areas it favours
    not_subject_after: frozenset[str]  # "product manager" names a role, not a subject


def _keep_max(weights: dict[int, float], area: int, weight: float) -> None:
    weights[area] = max(weights.get(area, 0.0), weight)


@cache
def _index() -> _Index:
    phrases: dict[tuple[str, ...], dict[int, float]] = {}
    single: dict[str, dict[int, float]] = {}
    prefixes: list[tuple[str, int, float]] = []
    for position, area in enumerate(AREAS):
        for cue, weight in area.cues:
            if cue.endswith("*"):
                prefixes.append((cue[:-1].casefold(), position, weight))
                continue
            stems = _stems(cue)
            if len(stems) == 1:
                _keep_max(single.setdefault(stems[0], {}), position, weight)
            else:
                _keep_max(phrases.setdefault(stems, {}), position, weight)
    by_first: dict[str, list[tuple[tuple[str, ...], dict[int, float]]]] = {}
    for stems, weights in sorted(phrases.items(), key=lambda item: -len(item[0])):
        by_first.setdefault(stems[0], []).append((stems, weights))
    constraints = tuple(f" {' '.join(_stems(c))} " for c in CONSTRAINT_CUES.split(","))
    subjects = {
        stem(word): tuple(i for i, area in enumerate(AREAS) if area.owner == role)
        for role, names in SUBJECTS.items()
        for word in names
    }
    not_after = frozenset(stem(word) for word in NOT_A_SUBJECT_AFTER)
    return _Index(by_first, single, tuple(prefixes), constraints, subjects, not_after)


def _word_weights(index: _Index, stemmed: str, raw: str) -> dict[int, float]:
    weights = dict(index.singles.get(stemmed, {}))
    for prefix, area, weight in index.prefixes:
        if raw.startswith(prefix):
            _keep_max(weights, area, weight)
    return weights


def scores(question: str) -> list[float]:
    """Each area's total, in the order of AREAS (the subject's bonus included)."""
    return scores_of_words(words(question))


def scores_of_words(raw: list[str]) -> list[float]:
    """scores() of a question already split into normalised words."""
    stems = [stem(w) for w in raw]
    return _with_subject(_totals(raw, stems), stems)


def _totals(raw: list[str], stems: list[str]) -> list[float]:
    """Each area's total from its cues alone."""
    index, totals = _index(), [0.0] * len(AREAS)
    i = 0
    while i < len(stems):
        length, weights = 1, None
        for phrase, phrase_weights in index.phrases.get(stems[i], ()):
            if tuple(stems[i : i + len(phrase)]) == phrase:
                length, weights = len(phrase), phrase_weights
                break
        for area, weight in (weights or _word_weights(index, stems[i], raw[i])).items():
            totals[area] += weight
        i += length
    return totals


def _with_subject(totals: list[float], stems: list[str]) -> list[float]:
    """The totals with SUBJECT_BONUS for the named areas that the subject's manager owns."""
    index, favoured = _index(), set()
    for word, after in zip(stems, [*stems[1:], ""], strict=False):  # "" follows the last
        if after not in index.not_subject_after:  # "product manager" is a role
            favoured.update(index.subjects.get(word, ()))
    return [
        total + SUBJECT_BONUS if i in favoured and total > 0 else total
        for i, total in enumerate(totals)
    ]


def touches_constraint(question: str) -> bool:
    """Whether the question names a product constraint: a release date, a budget cap..."""
    text = f" {' '.join(stem(w) for w in words(question))} "
    return any(cue in text for cue in _index().constraints)
