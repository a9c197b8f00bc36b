"""A trained spam model: the featuriser's settings, one weight per feature, and the thresholds
of the policy. Stored as a compressed .npz of plain arrays plus JSON, loaded with
allow_pickle=False, so loading a model file can never run code.

The model shipped in the package (shipped.npz, made by `dateline train_spam`) is the fallback;
a model retrained on the newsroom's own decisions is kept in the database (SpamModelVersion)
and used only once it scored at least as well on held-out data (training.py decides).
"""

from __future__ import annotations

import io
import json
import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from dateline.discussion.spamfilter.features import Featuriser

SHIPPED = Path(__file__).with_name("shipped.npz")
FORMAT = 1


class ModelFileError(Exception):
    """A model file that is not one of ours, or of another format version."""


@dataclass(frozen=True)
class Score:
    probability: float  # estimated probability that the comment is spam, 0..1
    signs: tuple[str, ...]  # the hand features that pushed the score up, for the reason


@dataclass
class SpamModel:
    weights: np.ndarray  # dense float32, one per feature column
    intercept: float
    featuriser_settings: dict
    about: dict = field(default_factory=dict)  # how it was trained and how it scored

    def __post_init__(self):
        self._featuriser = Featuriser(
            self.featuriser_settings.get("word"),
            self.featuriser_settings.get("char"),
            # models made before version 2 of the text features carry no "text" setting
            self.featuriser_settings.get("text", 1),
        )
        if self.weights.shape != (self._featuriser.width,):
            raise ModelFileError(
                f"{self.weights.shape[0]} weights for {self._featuriser.width} features"
            )

    def probabilities(self, texts: list[str]) -> np.ndarray:
        rows = self._featuriser.transform(texts)
        margins = rows @ self.weights + self.intercept
        return 1.0 / (1.0 + np.exp(-np.clip(margins, -30, 30)))

    def score(self, text: str) -> Score:
        rows = self._featuriser.transform([text])
        margin = float((rows @ self.weights)[0] + self.intercept)
        names = self._featuriser.hand_names
        hand = rows[:, -len(names) :].toarray()[0]
        hand_weights = self.weights[-len(names) :]
        signs = tuple(
            name
            for name, value, weight in zip(names, hand, hand_weights, strict=True)
            if value > 0 and weight * value > 0.5
        )
        return Score(1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, margin)))), signs)

    # --- storage ---------------------------------------------------------------------

    def to_bytes(self) -> bytes:
        nonzero = np.flatnonzero(self.weights).astype(np.int32)
        meta = {
            "format": FORMAT,
            "intercept": self.intercept,
            "featuriser": self.featuriser_settings,
            "width": int(self.weights.shape[0]),
            "about": self.about,
        }
        buffer = io.BytesIO()
        np.savez_compressed(
            buffer,
            meta=np.array(json.dumps(meta)),
            indices=nonzero,
            values=self.weights[nonzero].astype(np.float32),
        )
        return buffer.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> SpamModel:
        try:
            with np.load(io.BytesIO(data), allow_pickle=False) as arrays:
                meta = json.loads(str(arrays["meta"]))
                indices, values = arrays["indices"], arrays["values"]
        except (OSError, ValueError, KeyError) as error:
            raise ModelFileError(f"not a spam model file: {error}") from None
        if meta.get("format") != FORMAT:
            raise ModelFileError(f"model format {meta.get('format')!r}, expected {FORMAT}")
        weights = np.zeros(meta["width"], dtype=np.float32)
        weights[indices] = values
        try:
            return cls(weights, float(meta["intercept"]), meta["featuriser"], meta.get("about", {}))
        except ValueError as error:  # text features of a version this code does not know
            raise ModelFileError(f"not a model this version can use: {error}") from None

    def save(self, path: Path) -> None:
        Path(path).write_bytes(self.to_bytes())

    @classmethod
    def load(cls, path: Path) -> SpamModel:
        return cls.from_bytes(Path(path).read_bytes())


_shipped: SpamModel | None = None


def shipped() -> SpamModel:
    """The model shipped in the package, loaded once per process."""
    global _shipped
    if _shipped is None:
        _shipped = SpamModel.load(SHIPPED)
    return _shipped
