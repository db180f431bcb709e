"""`who owns`: which decision area a free-text question is about.

The question is normalised (case, accents, punctuation, light stemming) and matched against
each area's weighted cues from `domain.areas`. Phrases are matched first, longest first, and
the words inside a matched phrase do not count again ("the board" is not a process board).
A question's subject ("…of the project", "…of the product") then tips the areas it already
names toward those its manager owns. The best total wins; a weak or close result is not
confident, so the caller can show both candidates. Pure standard library; never raises,
whatever the text.
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
    DecisionArea,
    find_area,
)

MAX_CHARS = 4000  # longer text is classified on its beginning
MIN_SCORE = 2.0  # below this no area is clearly named
MIN_LEAD = 1.0  # the winner must beat the runner-up by this much...
MIN_LEAD_SHARE = 0.25  # ...and by this share of its own score
DEFAULT_PAIR = ("scope", "lifecycle")  # no cue at all: the project and the product question

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


@dataclass(frozen=True)
class Classification:
    area: DecisionArea
    runner_up: DecisionArea | None  # second best; None only when confident and unrivalled
    confident: bool  # False when the best score is weak or the top two are close
    touches_constraint: bool  # mentions a release/launch date, a budget cap, out of scope...


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
    raw = words(question)
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


def _touches_constraint(stems: list[str]) -> bool:
    text = f" {' '.join(stems)} "
    return any(cue in text for cue in _index().constraints)


def classify(question: str) -> Classification:
    """The decision area a question is about, its runner-up, and how sure we are."""
    raw = words(question if isinstance(question, str) else str(question or ""))
    stems = [stem(w) for w in raw]
    cued = _totals(raw, stems)
    totals = _with_subject(cued, stems)
    ranked = sorted(range(len(AREAS)), key=lambda position: -totals[position])
    best, second = totals[ranked[0]], totals[ranked[1]]
    touches = _touches_constraint(stems)
    if best == 0:
        default, other = (find_area(key) for key in DEFAULT_PAIR)
        return Classification(default, other, confident=False, touches_constraint=touches)
    area = AREAS[ranked[0]]
    lead = best - second
    named = cued[ranked[0]] >= MIN_SCORE  # the cues alone, not the subject, name the area
    confident = named and lead >= max(MIN_LEAD, MIN_LEAD_SHARE * best)
    if second > 0:
        runner_up: DecisionArea | None = AREAS[ranked[1]]
    elif confident:
        runner_up = None
    else:
        runner_up = find_area(DEFAULT_PAIR[area.key == DEFAULT_PAIR[0]])
    return Classification(area, runner_up, confident, touches)
