"""`who owns`: which decision area a free-text question is about, and how sure we are.

The trained model (`domain.ownership.model`, trained on the labelled corpus and on the
seed's cue lexicon) gives each area a probability. The owner comes first: the manager whose areas
hold most of the probability, so that a question split between two of one manager's areas
still goes to that manager; the area is then that manager's likeliest. A question whose
words move the model hardly at all is unclear (the caller names both managers); one whose
owner is a near thing is not confident, and its runner-up is the other manager's best area.
Pure standard library; never raises, whatever the text.
"""

from dataclasses import dataclass

from domain.model.roles import Role
from domain.ownership.areas import AREAS, DecisionArea, find_area
from domain.ownership.lexicon import scores, stem, touches_constraint, words
from domain.ownership.model import Prediction, shipped

__all__ = ["Classification", "classify", "scores", "stem", "words"]

MAX_CHARS = 4000  # longer text is classified on its beginning
# Both chosen by cross-validation on dev.jsonl (python -m bench.who_owns.train --cv).
MIN_EVIDENCE = 1.0  # no known word moves the areas apart by this much: unclear
SURE_OWNER = 0.7  # the owner's share of the probability for a confident answer...
SURE_AREA = 0.45  # ...and the area's own...
SURE_LEAD = 0.15  # ...and its lead over the runner-up
DEFAULT_PAIR = ("scope", "lifecycle")  # nothing named: the project and the product question


@dataclass(frozen=True)
class Classification:
    area: DecisionArea
    runner_up: DecisionArea | None  # second best; None only when confident and unrivalled
    confident: bool  # False when the owner or the area is a near thing
    touches_constraint: bool  # mentions a release/launch date, a budget cap, out of scope...
    unclear: bool = False  # the question names nothing the model knows


def classify(question: str) -> Classification:
    """The decision area a question is about, its runner-up, and how sure we are."""
    text = (question if isinstance(question, str) else str(question or ""))[:MAX_CHARS]
    touches = touches_constraint(text)
    found = shipped().predict(text)
    if found.evidence < MIN_EVIDENCE:
        default, other = (find_area(key) for key in DEFAULT_PAIR)
        return Classification(default, other, False, touches, unclear=True)
    share = _owner_share(found)
    owner = max(share, key=share.__getitem__)
    p = found.probabilities
    mine = _ranked(found, owner)
    theirs = _ranked(found, next(role for role in share if role != owner))
    area = mine[0]
    if share[owner] < SURE_OWNER:  # the other manager's best is the real alternative
        runner_up = theirs[0]
    else:
        runner_up = mine[1] if len(mine) > 1 and p[mine[1]] >= p[theirs[0]] else theirs[0]
    confident = (
        share[owner] >= SURE_OWNER and p[area] >= SURE_AREA and p[area] - p[runner_up] >= SURE_LEAD
    )
    return Classification(AREAS[area], AREAS[runner_up], confident, touches)


def _owner_share(found: Prediction) -> dict[Role, float]:
    share = dict.fromkeys(Role, 0.0)
    for area, probability in zip(AREAS, found.probabilities, strict=True):
        share[area.owner] += probability
    return {role: value for role, value in share.items() if role in {a.owner for a in AREAS}}


def _ranked(found: Prediction, owner: Role) -> list[int]:
    """The positions of the owner's areas, likeliest first."""
    positions = [i for i, area in enumerate(AREAS) if area.owner == owner]
    return sorted(positions, key=lambda i: -found.probabilities[i])
