"""What the spam model sees of a comment: hashed word and character n-grams plus a few hand
features that spam in every collection shares (links, "check out my channel", shouting, phone
numbers and short codes, repeated characters).

The vectorisers are scikit-learn's HashingVectorizer: stateless, so the shipped model is only
their settings and a vector of weights, and loading it never runs code (no pickle).
"""

from __future__ import annotations

import html
import re

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import HashingVectorizer

# Settings of the two hashed vocabularies, stored with the model so a model always scores with
# the features it was trained on.
WORD = {"analyzer": "word", "ngram_range": (1, 3), "n_features": 2**18}
CHAR = {"analyzer": "char_wb", "ngram_range": (2, 5), "n_features": 2**18}

_URL = re.compile(r"(?i)\b(?:https?://|www\.)\S+|\b[\w-]+\.(?:com|net|org|ly|tk|ru|info|co)\b")
_PHONE = re.compile(r"\b(?:\+?\d[\d ()-]{8,}\d)\b")
_SHORT_CODE = re.compile(r"\b\d{5}\b")
_MONEY = re.compile(r"[£$€]\s?\d|\b\d+\s?(?:p|pence|cents?)\b", re.I)
_PROMO = re.compile(
    r"(?i)\b(?:check\s*(?:out|me|men|us|my|this|it)|su\w{0,3}scri\w*|sub\s+(?:me|to)|"
    r"my\s+(?:channel|video|vid|music|song|page|band|blog|site|account|profile)|"
    r"(?:follow|add|visit|search)\s+(?:me|my|us|for)|please\s+(?:like|share|watch|help)|"
    r"(?:like|follow|sub)\s*(?:4|for)\s*(?:like|follow|sub)|free\b|win\b|won\b|prize|claim|earn|money|"
    r"txt|text\s+\w+\s+to|call\s+now|click|offer|cash|gift\s*cards?)"
)
_REPEAT = re.compile(r"(.)\1{3,}")

HAND_FEATURES = (
    "links",
    "phone_numbers",
    "short_codes",
    "money",
    "promotion_phrases",
    "capitals_share",
    "exclamations",
    "repeated_characters",
    "length",
)


# Comments pasted from other sites (and the YouTube collection) carry HTML: a link's address
# counts as a link, its markup and entities (&#39;) are not words.
_ANCHOR = re.compile(r"""(?is)<a\s[^>]*?href=["']?([^"'\s>]*)[^>]*>.*?</a>""")
_TAG = re.compile(r"(?s)<[^>]{0,200}>")


def plain(text: str) -> str:
    text = _ANCHOR.sub(lambda m: f" {m.group(1)} ", text[:MAX_CHARS])
    return html.unescape(_TAG.sub(" ", text)).replace("\ufeff", "")


def hand_features(text: str) -> list[float]:
    """Each feature squashed into [0, 1] so one weight means the same across lengths."""
    letters = [c for c in text if c.isalpha()]
    caps = sum(c.isupper() for c in letters) / len(letters) if letters else 0.0
    counts = (
        len(_URL.findall(text)),
        len(_PHONE.findall(text)),
        len(_SHORT_CODE.findall(text)),
        len(_MONEY.findall(text)),
        len(_PROMO.findall(text)),
    )
    squashed = [min(n, 3) / 3 for n in counts]
    return [
        *squashed,
        caps if len(letters) >= 8 else 0.0,
        min(text.count("!"), 5) / 5,
        min(len(_REPEAT.findall(text)), 3) / 3,
        min(len(text), 1000) / 1000,
    ]


def normalise(text: str) -> str:
    """The text as the n-gram vectorisers see it: addresses and numbers by their kind, so a
    new domain or phone number looks like the ones seen in training."""
    text = _URL.sub(" urltoken ", text)
    text = _PHONE.sub(" phonetoken ", text)
    return re.sub(r"\d", "0", text)


# Only the start of a very long comment is read: spam shows itself early, and a 65,000-character
# comment would otherwise cost tens of milliseconds of character n-grams.
MAX_CHARS = 4000


class Featuriser:
    """Turns texts into one sparse row each: word n-grams | char n-grams | hand features."""

    def __init__(self, word=None, char=None):
        self.word_settings = dict(word or WORD)
        self.char_settings = dict(char or CHAR)
        common = {"alternate_sign": False, "norm": "l2", "lowercase": True, "dtype": np.float32}
        self.word = HashingVectorizer(**common, **_tuples(self.word_settings))
        self.char = HashingVectorizer(**common, **_tuples(self.char_settings))

    @property
    def width(self) -> int:
        return self.word.n_features + self.char.n_features + len(HAND_FEATURES)

    def transform(self, texts: list[str]):
        texts = [plain(t) for t in texts]
        normalised = [normalise(t) for t in texts]
        hand = sparse.csr_matrix(np.array([hand_features(t) for t in texts], dtype=np.float32))
        return sparse.hstack(
            [self.word.transform(normalised), self.char.transform(normalised), hand],
            format="csr",
        )


def _tuples(settings: dict) -> dict:
    """JSON keeps tuples as lists; HashingVectorizer wants its ngram_range as a tuple."""
    return {k: tuple(v) if isinstance(v, list) else v for k, v in settings.items()}
