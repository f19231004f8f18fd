"""Which tips does a sentence address? A small reader learnt from labelled example passages.

The scan finds a tip's passages through the rubric's phrases. A policy text can address a tip
in words no list holds ("alle mentoren volgen de cursus over ronselpraktijken" is about
training, tip 3). This reader recognises such sentences: per tip a logistic regression on the
sentence's lemmas and pairs of lemmas (numbers as "<getal>", years as "<jaar>", amounts as
"<bedrag>"). It was trained on 1,560 Dutch passages written and labelled by tip for this
purpose, by three writers in different styles (``bench/beleidsscan_tips/``), never on the
evaluation documents; ``bench/beleidsscan_tips.py`` trains it and writes
``data/tip_model.json``. The weights are plain data: what counts for a tip can be read there.

The scan uses it only to find that a document touches a tip (a score of at least 1), and only
with the same context rules as a phrase (docs/beleidsscan.md); whether a passage is concrete
enough for a 2 stays with the rules.
"""

import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import pairwise
from typing import Final

from .matching import lemma

_WORD: Final = re.compile(r"€|\d+(?:[.,]\d+)*|\w+(?:[-']\w+)*", re.UNICODE)
_YEAR: Final = re.compile(r"(?:19|20)\d\d")
# The phrase shown with a passage the reader found (the report shows what matched).
RECOGNISED: Final = "(herkend aan de zin)"


def _token(word: str) -> str:
    if word == "€":
        return "<bedrag>"
    if word[0].isdigit():
        return "<jaar>" if _YEAR.fullmatch(word) else "<getal>"
    return lemma(word)


def features(text: str) -> frozenset[str]:
    """A sentence's lemmas (``w:``) and pairs of neighbouring lemmas (``b:``)."""
    tokens = [_token(word) for word in _WORD.findall(text)]
    found = {f"w:{token}" for token in tokens}
    found.update(f"b:{left} {right}" for left, right in pairwise(tokens))
    return frozenset(found)


def _sigmoid(score: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))


@dataclass(frozen=True)
class TipReader:
    weights: dict[int, dict[str, float]]  # tip -> feature -> weight
    bias: dict[int, float]
    threshold: float
    version: str
    # tip -> the rubric code it was trained for: a tip renumbered or replaced in an edited
    # rubric is not read with another tip's weights
    codes: dict[int, str]

    def knows(self, tip: int, code: str) -> bool:
        return self.codes.get(tip) == code and tip in self.weights

    def probability(self, tip: int, text: str) -> float:
        return self._probability(tip, features(text))

    def _probability(self, tip: int, found: frozenset[str]) -> float:
        weights = self.weights.get(tip)
        if weights is None:
            return 0.0
        return _sigmoid(self.bias[tip] + sum(weights.get(name, 0.0) for name in found))

    def addresses(self, tip: int, text: str) -> bool:
        return self.probability(tip, text) >= self.threshold

    def tips_addressed(self, text: str, tips: Iterable[int]) -> frozenset[int]:
        """Which of ``tips`` the sentence addresses (its features made once)."""
        found = features(text)
        return frozenset(tip for tip in tips if self._probability(tip, found) >= self.threshold)


def reader_from_json(text: str) -> TipReader:
    data = json.loads(text)
    return TipReader(
        weights={
            int(tip): {str(name): float(w) for name, w in weights.items()}
            for tip, weights in data["weights"].items()
        },
        bias={int(tip): float(value) for tip, value in data["bias"].items()},
        threshold=float(data["threshold"]),
        version=str(data["version"]),
        codes={int(tip): str(code) for tip, code in data.get("codes", {}).items()},
    )


@lru_cache(maxsize=1)
def default_tip_reader() -> TipReader:
    path = resources.files("schakel.beleidsscan").joinpath("data/tip_model.json")
    return reader_from_json(path.read_text(encoding="utf-8"))
