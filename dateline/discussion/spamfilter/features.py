"""What the spam model sees of a comment: hashed word and character n-grams plus a few hand
features that spam in every collection shares (links, "check out my channel", shouting, phone
numbers and short codes, repeated characters).

Four versions of the text features exist, named in each model's settings ("text"): version 1
(the first shipped model, and models retrained before version 2) reads every link alike;
version 2 tells links by kind (a moment of a YouTube video, a YouTube video, elsewhere on
YouTube, another site), reads obfuscated addresses ("w w w . x . c o m") as links and repeated
letters as two; version 3 adds four signs of self-promotion, the spam without a link ("check me
out", "see my new track", "I'm a new youtuber", "can I get some subscribers"). A model always
scores with the version it was trained with. Version 4 reads the commenter's own work more
narrowly: "my new track" and "our covers" are signs, "my page" and "my songs" are not.

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
# Version 2 counts a link to a moment of a YouTube video ("...&t=3m40s") as no link: readers
# point at their favourite part, spammers never do; and adds two flags: any link off YouTube
# (in every collection almost only spam), any other YouTube link (shares of the video itself
# are common in genuine comments, links to a channel are spam).
HAND_FEATURES_V2 = (*HAND_FEATURES, "links_off_youtube", "youtube_links")


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
    """The text as the n-gram vectorisers see it (version 1): addresses and numbers by their
    kind, so a new domain or phone number looks like the ones seen in training."""
    text = _URL.sub(" urltoken ", text)
    text = _PHONE.sub(" phonetoken ", text)
    return re.sub(r"\d", "0", text)


# Version 2: links by kind. A link with a path or query, "youtu.be/..." included.
_LINK = re.compile(
    r"(?i)\b(?:https?://|www\.)\S+|\b[\w-]+\.(?:com|net|org|ly|tk|ru|info|co|be)(?:/\S*)?\b"
)
# What spammers write to get an address past a link filter: "w w w", "site . c o m", "[dot] com".
_SPACED_WWW = re.compile(r"(?i)\bw\s+w\s+w\b")
_OBFUSCATED_LINK = re.compile(
    r"(?i)\b(?:w\s*w\s*w\s*(?:\.|dot|\[dot\]|\(dot\))\s*)?[a-z0-9-]{2,}\s*"
    r"(?:\.|\[dot\]|\(dot\)|\bdot\b)\s*"
    r"(?:c\s*o\s*m|n\s*e\s*t|o\s*r\s*g|l\s*y|t\s*k|r\s*u|i\s*n\s*f\s*o|c\s*o)\b(?:/\S*)?"
)
_MOMENT = re.compile(r"[&#?]t=\d")
_HOST = re.compile(r"(?:https?://)?([^/?#:]*)")
_LETTER_RUN = re.compile(r"(\w)\1{2,}")


def link_kind(url: str) -> str:
    """The token a link becomes: a moment of a YouTube video, a YouTube video, elsewhere on
    YouTube (a channel, a user), or another site."""
    url = url.lower()
    host = _HOST.match(url).group(1)
    if not (host == "youtu.be" or host == "youtube.com" or host.endswith(".youtube.com")):
        return "urltoken"
    if _MOMENT.search(url):
        return "ytmomentlink"
    return "ytvideolink" if host == "youtu.be" or "/watch" in url else "ytchannellink"


def _links(text: str) -> tuple[str, list[str]]:
    """The text with every link, plain or obfuscated, replaced by its kind; and the kinds."""
    kinds = []

    def replace(kind: str) -> str:
        kinds.append(kind)
        return f" {kind} "

    text = _LINK.sub(lambda m: replace(link_kind(m.group(0))), _SPACED_WWW.sub("www", text))
    text = _OBFUSCATED_LINK.sub(lambda m: replace("urltoken"), text)
    return text, kinds


def normalise_v2(text: str) -> str:
    """Version 2 of normalise(): links by kind, and "wowwwww" read as "woww"."""
    text = _PHONE.sub(" phonetoken ", _links(text)[0])
    return re.sub(r"\d", "0", _LETTER_RUN.sub(r"\1\1", text))


def hand_features_v2(text: str) -> list[float]:
    """Version 2 of hand_features(): links counted by kind, plus the two flags of
    HAND_FEATURES_V2."""
    kinds = _links(text)[1]
    features = hand_features(text)
    features[0] = min(sum(kind != "ytmomentlink" for kind in kinds), 3) / 3
    return [
        *features,
        float("urltoken" in kinds),
        float("ytvideolink" in kinds or "ytchannellink" in kinds),
    ]


# Version 3: self-promotion. The commenter's own work ("my new channel", "our covers"; not "my
# favourite song"), a call to follow or watch the commenter ("check me out", "sub to me"), an
# introduction as a creator ("I'm a 12 yr old producer") and an ask for an audience ("can I
# get some subs"). Word n-grams see these phrases one at a time, each in a few training
# comments; a flag makes every wording of one habit a single feature the model can weigh.
_WORK = (
    r"(?:channel|videos?|vids?|tracks?|covers?|remix(?:es)?|playlists?|blog|page|band|mixtape|"
    r"album|beats|raps?|music|songs?|movie|games?|instagram|website|site|app|stuff|content|work)"
)
_OWN_WORK = re.compile(
    r"(?i)\b(?:my|our)\s+(?:(?:new|newest|latest|first|own|recent|youtube|gaming|music|little|"
    r"original)\s+){0,2}" + _WORK + r"\b"
)
_FOLLOW_ME = re.compile(
    r"(?i)\b(?:check|sub|subscrib|watch|visit|look|listen|follow|add|support|view)\w*\s+"
    r"(?:to\s+|out\s+|at\s+|up\s+|on\s+)?(?:me|my|us|our|mine)\b"
)
_CREATOR = re.compile(
    r"(?i)\b(?:i'?m|i\s+am|we'?re|we\s+are)\s+(?:a\s+|an\s+|just\s+a\s+)?"
    r"(?:(?:new|young|small|upcoming|aspiring|\d+\s*(?:yr|year)s?\s*old|little|independent|"
    r"beginner)\s+){0,3}(?:youtubers?|rappers?|producers?|singers?|artists?|bands?|musicians?|"
    r"dancers?|gamers?|channel|songwriters?|djs?|filmmakers?)\b"
)
_AUDIENCE = re.compile(
    r"(?i)\b(?:get|need|want|appreciate|reach|give\s+me|gain)\s+(?:\w+\s+){0,3}?"
    r"(?:subs|subscribers|views|likes|followers|fans)\b"
)
HAND_FEATURES_V3 = (
    *HAND_FEATURES_V2,
    "own_channel_or_work",
    "asks_to_be_followed",
    "introduces_self_as_creator",
    "asks_for_an_audience",
)


def hand_features_v3(text: str) -> list[float]:
    """Version 3 of hand_features(): those of version 2 and four flags of self-promotion."""
    return _with_signs(text, _OWN_WORK)


# Version 4: the same signs, but a reader's own everyday things ("my page", "my songs", "our
# website", "my work", "my music teacher") are no sign of self-promotion. Version 3 flagged them
# all, which raised genuine newsroom comments such as "I posted the council's letter on my
# page" from 0.05 to 0.93 (docs/spam-model.md). Only media made to be watched or heard count
# bare ("my channel", "our covers", "my mixtape"); an everyday word counts when the commenter
# announces it as new ("my new track", "our latest video").
_MEDIA = r"(?:channel|vids?|covers?|remix(?:es)?|mixtapes?|beats|playlists?)"
_EVERYDAY_WORK = (
    r"(?:videos?|tracks?|raps?|songs?|music|blog|page|site|website|band|album|movie|games?|app|"
    r"stuff|content|work|instagram)"
)
_OWN_WORK_V4 = re.compile(
    r"(?i)\b(?:my|our)\s+(?:(?:new|newest|latest|first|recent|youtube|gaming|own|little|"
    r"original|music)\s+){0,2}" + _MEDIA + r"\b"
    r"|\b(?:my|our)\s+(?:\w+\s+)?(?:new|newest|latest|first|recent|youtube|gaming)\s+(?:\w+\s+)?"
    + _EVERYDAY_WORK
    + r"\b"
)


def hand_features_v4(text: str) -> list[float]:
    """Version 4 of hand_features(): version 3's, the commenter's own work read narrowly."""
    return _with_signs(text, _OWN_WORK_V4)


def _with_signs(text: str, own_work: re.Pattern) -> list[float]:
    flags = (own_work, _FOLLOW_ME, _CREATOR, _AUDIENCE)
    return [*hand_features_v2(text), *(float(bool(f.search(text))) for f in flags)]


_VERSIONS = {
    1: (normalise, hand_features, HAND_FEATURES),
    2: (normalise_v2, hand_features_v2, HAND_FEATURES_V2),
    3: (normalise_v2, hand_features_v3, HAND_FEATURES_V3),
    4: (normalise_v2, hand_features_v4, HAND_FEATURES_V3),  # the same names, read more narrowly
}
TEXT_VERSION = 4  # what training uses now


# Only the start of a very long comment is read: spam shows itself early, and a 65,000-character
# comment would otherwise cost tens of milliseconds of character n-grams.
MAX_CHARS = 4000


class Featuriser:
    """Turns texts into one sparse row each: word n-grams | char n-grams | hand features."""

    def __init__(self, word=None, char=None, text_version: int = 1):
        if text_version not in _VERSIONS:
            raise ValueError(f"unknown text features version {text_version!r}")
        self.word_settings = dict(word or WORD)
        self.char_settings = dict(char or CHAR)
        self.text_version = text_version
        self._normalise, self._hand, self.hand_names = _VERSIONS[text_version]
        common = {"alternate_sign": False, "norm": "l2", "lowercase": True, "dtype": np.float32}
        self.word = HashingVectorizer(**common, **_tuples(self.word_settings))
        self.char = HashingVectorizer(**common, **_tuples(self.char_settings))

    @property
    def width(self) -> int:
        return self.word.n_features + self.char.n_features + len(self.hand_names)

    def transform(self, texts: list[str]):
        texts = [plain(t) for t in texts]
        normalised = [self._normalise(t) for t in texts]
        hand = sparse.csr_matrix(np.array([self._hand(t) for t in texts], dtype=np.float32))
        return sparse.hstack(
            [self.word.transform(normalised), self.char.transform(normalised), hand],
            format="csr",
        )


def _tuples(settings: dict) -> dict:
    """JSON keeps tuples as lists; HashingVectorizer wants its ngram_range as a tuple."""
    return {k: tuple(v) if isinstance(v, list) else v for k, v in settings.items()}
