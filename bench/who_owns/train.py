"""Train the `who owns` model and write its weights to domain/ownership/weights.json.

    python -m bench.who_owns.train [--cv]

A multinomial logistic regression (scikit-learn, a dev-only dependency) over the features
of `domain.ownership.features`, trained on the development parts (dev.jsonl and dev2.jsonl,
by two writers) and on the
phrasings of tests/unit/ownership/test_who_owns.py; never on heldout.jsonl, and never on the
test file's UNSEEN list, which checks the shapes the issue names on wording the model has
not read. The same data gives the same file, byte for byte: a deterministic solver on one
thread, weights rounded, keys sorted. `--cv` prints 5-fold cross-validated owner accuracy on
the development part instead (how choices were made: never on the held-out part).
"""

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")  # one thread: the same sums in the same order
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse
import json
from pathlib import Path

from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

from bench.who_owns.__main__ import load
from domain.ownership import model
from domain.ownership.areas import AREAS, MEDIUM
from domain.ownership.features import features

C = 32.0  # inverse regularisation, chosen by 5-fold cross-validation on dev.jsonl
MIN_WEIGHT = 0.2  # smaller weights are dropped: a smaller file, the same answers
DIGITS = 3


def examples() -> list[tuple[str, str]]:
    """(text, area key): the development parts (dev.jsonl, dev2.jsonl) and the test file's
    phrasings (not its UNSEEN list)."""
    from tests.unit.ownership import test_who_owns as phrasings

    rows = [(item["text"], item["area"]) for part in ("dev", "dev2") for item in load(part)]
    for name in ("QUESTIONS", "QA_MISSES", "QA_TRIAL", "HELD_OUT"):
        for row in getattr(phrasings, name):
            text, keys, _ = row
            rows.append((text, keys.split("|")[0]))
    for area in AREAS:  # the seed's lexicon: each clear cue is an example of its area
        rows += [(cue.rstrip("*"), area.key) for cue, weight in area.cues if weight >= MEDIUM]
    return rows


def fit(rows: list[tuple[str, str]]) -> tuple[DictVectorizer, LogisticRegression]:
    vectorizer = DictVectorizer(sort=True)
    x = vectorizer.fit_transform([features(text) for text, _ in rows])
    keys = [area.key for area in AREAS]
    y = [keys.index(key) for _, key in rows]
    classifier = LogisticRegression(C=C, max_iter=5000, tol=1e-6)
    return vectorizer, classifier.fit(x, y)


def weights(vectorizer: DictVectorizer, classifier: LogisticRegression) -> dict:
    """The weights as data: per feature, {area position: weight} above MIN_WEIGHT."""
    by_feature = {}
    for column, name in enumerate(vectorizer.get_feature_names_out()):
        kept = {
            str(int(position)): round(float(w), DIGITS)
            for position, w in zip(classifier.classes_, classifier.coef_[:, column], strict=True)
            if abs(w) >= MIN_WEIGHT
        }
        if kept:
            by_feature[str(name)] = kept
    pairs = zip(classifier.classes_, classifier.intercept_, strict=True)
    bias = {str(int(position)): round(float(b), DIGITS) for position, b in pairs}
    return {"areas": [area.key for area in AREAS], "bias": bias, "features": by_feature}


def cross_validate(rows: list[tuple[str, str]]) -> None:
    """5-fold owner accuracy on dev.jsonl, and how it goes with the evidence and the owner's
    share of the probability: what classifier.MIN_EVIDENCE and SURE_OWNER are chosen from."""
    dev = load("dev")
    owner_of = {area.key: area.owner for area in AREAS}
    folds = StratifiedKFold(5, shuffle=True, random_state=14)
    seen = []  # (evidence, owner's share, owner right, area right)
    extra = rows[len(dev) :]
    for train, test in folds.split(dev, [item["area"] for item in dev]):
        trained = model.Model.from_data(weights(*fit([rows[i] for i in train] + extra)))
        for i in test:
            guess = trained.predict(dev[i]["text"])
            share = dict.fromkeys(owner_of.values(), 0.0)
            for area, probability in zip(AREAS, guess.probabilities, strict=True):
                share[area.owner] += probability
            owner = max(share, key=share.__getitem__)
            best = max((p, a.key) for a, p in zip(AREAS, guess.probabilities, strict=True)
                       if a.owner == owner)[1]  # fmt: skip
            right = owner == owner_of[dev[i]["area"]]
            seen.append((guess.evidence, share[owner], right, best == dev[i]["area"]))
    n = len(seen)
    print(f"5-fold CV on dev.jsonl: owner {sum(s[2] for s in seen)}/{n}, "
          f"area {sum(s[3] for s in seen)}/{n}")  # fmt: skip
    for cut in (1.0, 2.0, 3.0, 4.0, 5.0, 6.0):
        below = [s for s in seen if s[0] < cut]
        print(f"evidence < {cut}: {len(below)} ({sum(s[2] for s in below)} of them right)")
    for cut in (0.55, 0.6, 0.65, 0.7, 0.75, 0.8):
        below = [s for s in seen if s[1] < cut]
        print(f"owner share < {cut}: {len(below)} ({sum(s[2] for s in below)} of them right)")


def main() -> None:
    parser = argparse.ArgumentParser(description="train the `who owns` model")
    parser.add_argument("--cv", action="store_true", help="cross-validate on dev.jsonl only")
    args = parser.parse_args()
    rows = examples()
    if args.cv:
        cross_validate(rows)
        return
    data = weights(*fit(rows))
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    target = Path(model.__file__).with_name(model.WEIGHTS)
    target.write_text(text + "\n", encoding="ascii")
    print(f"{target}: {len(data['features'])} features, {len(text) / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
