"""The trained part of `who owns`: a linear model over `domain.ownership.features`, read from
its shipped weights (weights.json, written by bench/who_owns/train.py) and evaluated in pure
Python: each area's score is its bias plus the weights of the features the question has;
a softmax turns the scores into probabilities."""

import json
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources

from domain.ownership.areas import AREAS
from domain.ownership.features import feature_names

WEIGHTS = "weights.json"
_WORDS = ("w:", "b:")  # a word or a word pair: what evidence is measured on


@dataclass(frozen=True)
class Prediction:
    probabilities: tuple[float, ...]  # in the order of AREAS
    evidence: float  # the widest spread of one known word's (or pair's) weights over areas

    @property
    def area(self) -> str:
        best = max(range(len(AREAS)), key=self.probabilities.__getitem__)
        return AREAS[best].key


@dataclass(frozen=True)
class Model:
    bias: tuple[float, ...]
    table: dict[str, tuple[float, ...]]  # feature -> its weight per area, then its spread

    @classmethod
    def from_data(cls, data: dict) -> "Model":
        order = [area.key for area in AREAS]
        move = [order.index(key) for key in data["areas"]]  # positions as trained
        bias = [0.0] * len(AREAS)
        for position, value in data["bias"].items():
            bias[move[int(position)]] = value
        shared: dict[float, float] = {}  # one object per distinct weight: a smaller heap
        table = {}
        for name, weights in data["features"].items():
            row = [0.0] * len(AREAS)
            for position, weight in weights.items():
                row[move[int(position)]] = shared.setdefault(weight, weight)
            spread = round(max(row) - min(row), 3) if name[:2] in _WORDS else 0.0
            table[name] = (*row, shared.setdefault(spread, spread))
        return cls(tuple(bias), table)

    def predict(self, text: str) -> Prediction:
        names = feature_names(text)
        rows = [row for name in names if (row := self.table.get(name))]
        scale = 1 / math.sqrt(len(names)) if names else 0.0
        sums = [sum(column) * scale for column in zip(*rows, strict=True)]
        logits = [b + s for b, s in zip(self.bias, sums or [0.0] * len(AREAS), strict=False)]
        evidence = max((row[-1] for row in rows), default=0.0)
        top = max(logits)
        exp = [math.exp(v - top) for v in logits]
        total = sum(exp)
        return Prediction(tuple(e / total for e in exp), evidence)


@cache
def shipped() -> Model:
    """The model in weights.json, loaded once."""
    text = resources.files("domain.ownership").joinpath(WEIGHTS).read_text(encoding="ascii")
    return Model.from_data(json.loads(text))
