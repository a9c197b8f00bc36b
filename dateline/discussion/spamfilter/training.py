"""Training the spam model and measuring it honestly: never on the data it was trained on.

Cross-source evaluation: train on two of the three YouTube files (plus the SMS training part)
and test on the third, rotating; for SMS, train on all YouTube files plus a fixed 70% of the SMS
file and test on the other 30% (split by a hash of the text, so identical texts stay together).
The shipped model is then trained on everything with the same settings and a fixed seed.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import asdict, dataclass

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.svm import LinearSVC

from dateline.discussion.spamfilter import corpus
from dateline.discussion.spamfilter.features import CHAR, TEXT_VERSION, WORD, Featuriser
from dateline.discussion.spamfilter.model import SpamModel

SEED = 15
LEARNER = "linear SVM (squared hinge), Platt-scaled on cross-validated margins"
PLATT_FOLDS = 5
MIN_SLOPE = 0.5  # below this a model's scores barely move from one comment to the next
C = 1.0  # the SVM's inverse regularisation, chosen across sources (docs/spam-model.md)
BASELINE_C = 10.0  # the baseline's own, as first measured (docs/spam-model.md); not tuned with C
# The policy's defaults (DiscussionSettings): at or above HOLD_FROM a comment waits for a
# moderator; at or above SPAM_FROM it goes to the spam folder. Never rejected.
# Both are chosen by `dateline train_spam` on out-of-fold scores (choose_thresholds) and copied
# into the settings' defaults; a test keeps the two equal.
HOLD_FROM = 0.885
SPAM_FROM = 0.999
SPAM_FROM_FLOOR = 0.9  # the spam folder never starts lower than this, whatever the data says
HELD_LIMIT = 0.01  # the share of a collection's genuine comments the hold score may hold
SPAM_MARGIN = 0.02  # how far above the highest-scoring genuine comment the spam folder starts
NO_SPAM_FOLDER = 1.1  # a spam-folder score above every score: for measuring what is held alone


def _group(source: str) -> str:
    return "youtube" if source.startswith("Youtube") else source


def fit(samples: list[corpus.Sample], *, seed: int = SEED, about=None) -> SpamModel:
    """A linear SVM over the hashed features; each group of sources (YouTube, SMS, the
    newsroom's decisions) weighs the same, so the many SMS texts do not drown comment spam.
    Its margin becomes a probability by a logistic fit (Platt scaling) folded into the weights:
    the model stays the logistic of one dot product, so the file format and the scoring are
    those of the logistic regression it replaced. The fit is made on cross-validated margins,
    each sample's margin from an SVM that did not see it: margins on the training data itself
    mostly separate the classes, so a fit on them had a slope set by the regularisation, which
    grew with the training size and left models trained on less data (the folds that choose the
    thresholds, a newsroom's decisions) on another scale than the model they choose for.
    """
    featuriser = Featuriser(WORD, CHAR, TEXT_VERSION)
    rows = featuriser.transform([s.text for s in samples])
    labels = np.array([s.spam for s in samples])
    if len(set(labels.tolist())) < 2:
        raise ValueError("training needs both spam and genuine examples")
    sizes = Counter(_group(s.source) for s in samples)
    weights = np.array([len(samples) / (len(sizes) * sizes[_group(s.source)]) for s in samples])
    svm = _svm(seed).fit(rows, labels, sample_weight=weights)
    margins = _held_out_margins(rows, labels, weights, seed).reshape(-1, 1)
    platt = LogisticRegression().fit(margins, labels, sample_weight=weights)
    slope, offset = float(platt.coef_[0, 0]), float(platt.intercept_[0])
    if slope <= MIN_SLOPE:  # contradictory labels: the scores would say nothing, or the reverse
        raise ValueError(f"the labels do not separate (score slope {slope:.3f})")
    about = {"learner": LEARNER, "C": C, **(about or {})}
    return SpamModel(
        (slope * svm.coef_[0]).astype(np.float32),
        slope * float(svm.intercept_[0]) + offset,
        {"word": WORD, "char": CHAR, "text": TEXT_VERSION},
        about,
    )


def _svm(seed: int) -> LinearSVC:
    # liblinear's dual solver: every loop of it is bounded (the primal trust-region solver can
    # loop for ever on unlucky numerics, scikit-learn #7486: CI once hung an hour in training,
    # and the worker retrains on a schedule), and it suits far more features than comments.
    return LinearSVC(C=C, class_weight="balanced", dual=True, max_iter=20_000, random_state=seed)


def _held_out_margins(rows, labels, weights, seed: int) -> np.ndarray:
    """Each sample's margin from an SVM trained on the other folds (up to 5, stratified)."""
    folds = int(min(PLATT_FOLDS, np.bincount(labels.astype(int)).min()))
    if folds < 2:  # one example of a class: nothing to hold out, its own margin must do
        return _svm(seed).fit(rows, labels, sample_weight=weights).decision_function(rows)
    margins = np.zeros(len(labels))
    splitter = StratifiedKFold(folds, shuffle=True, random_state=seed)
    for train, test in splitter.split(np.zeros(len(labels)), labels):
        svm = _svm(seed).fit(rows[train], labels[train], sample_weight=weights[train])
        margins[test] = svm.decision_function(rows[test])
    return margins


@dataclass
class Measure:
    name: str
    comments: int
    spam: int
    f1: float  # of "kept from publication" (held or spam folder) against the labels
    genuine_held: float  # share of genuine comments held or sent to the spam folder
    genuine_to_spam: float  # share of genuine comments sent to the spam folder
    spam_published: float  # share of spam published at once

    def line(self) -> str:
        return (
            f"{self.name:<24} {self.comments:>5} {self.spam:>5}  F1 {self.f1:.3f}  "
            f"genuine held {self.genuine_held:6.2%}  genuine to spam {self.genuine_to_spam:6.2%}"
            f"  spam published {self.spam_published:6.2%}"
        )


def measure(name, probabilities, labels, hold_from=HOLD_FROM, spam_from=SPAM_FROM) -> Measure:
    labels = np.asarray(labels, dtype=bool)
    kept = np.asarray(probabilities) >= hold_from
    to_spam = np.asarray(probabilities) >= spam_from
    true_pos = int((kept & labels).sum())
    precision = true_pos / kept.sum() if kept.sum() else 0.0
    recall = true_pos / labels.sum() if labels.sum() else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    genuine = ~labels
    return Measure(
        name,
        len(labels),
        int(labels.sum()),
        f1,
        float(kept[genuine].mean()) if genuine.any() else 0.0,
        float(to_spam[genuine].mean()) if genuine.any() else 0.0,
        float((~kept[labels]).mean()) if labels.any() else 0.0,
    )


def folds(sources: dict[str, list[corpus.Sample]], salt: str = ""):
    """(name, training samples, test samples) for each unseen source: each YouTube file left
    out in turn, and a hashed 30% of the SMS texts (``salt`` draws another split, for the inner
    folds that choose thresholds inside an outer fold's training part)."""
    youtube = [name for name in sources if name.startswith("Youtube")]
    sms_train, sms_test = corpus.split_sms(sources.get("sms", []), salt=salt)
    for held_out in youtube:
        train = [s for name in youtube if name != held_out for s in sources[name]]
        yield held_out, train + sms_train, sources[held_out]
    if sms_test:
        yield "sms (30% split)", [s for n in youtube for s in sources[n]] + sms_train, sms_test


def out_of_fold(sources, learner=None, salt: str = ""):
    """Every sample of ``sources`` scored by a model that did not see its source: the
    probabilities, labels and fold names, for choosing thresholds."""
    probabilities, labels, names = [], [], []
    for name, train, test in folds(sources, salt):
        model = (learner or fit)(train)
        probabilities.extend(model.probabilities([s.text for s in test]))
        labels.extend(s.spam for s in test)
        names.extend([name] * len(test))
    return np.array(probabilities), np.array(labels, dtype=bool), np.array(names)


@dataclass(frozen=True)
class Thresholds:
    hold_from: float
    spam_from: float


def choose_thresholds(probabilities, labels, names, held_limit: float = HELD_LIMIT) -> Thresholds:
    """The hold score with the best F1 among those that hold at most ``held_limit`` of the
    genuine comments of each source (each YouTube file on its own, SMS): the target holds for
    every unseen source, not for their average. F1 is summed over the collections (YouTube's
    files together, SMS). The spam-folder score sits above every genuine comment's (plus a
    margin), never below SPAM_FROM_FLOOR: a genuine comment should never land in the spam
    folder."""
    groups = np.array([_group(n) for n in names])
    # Each source's and each collection's scores, sliced once rather than for every candidate.
    by_source = [(probabilities[names == n], labels[names == n]) for n in np.unique(names)]
    by_group = [(probabilities[groups == g], labels[groups == g]) for g in np.unique(groups)]
    best, best_f1 = 1.0, -1.0
    for hold_from in np.unique(np.round(probabilities, 4)):
        if any(
            measure("", p, y, hold_from, NO_SPAM_FOLDER).genuine_held > held_limit
            for p, y in by_source
        ):
            continue
        f1 = sum(  # each collection counts the same, as in fit()
            measure("", p, y, hold_from, NO_SPAM_FOLDER).f1 for p, y in by_group
        )
        if f1 > best_f1:
            best, best_f1 = float(hold_from), f1
    top_genuine = float(probabilities[~labels].max()) if (~labels).any() else 0.0
    spam_from = min(0.999, max(SPAM_FROM_FLOOR, top_genuine + SPAM_MARGIN))
    return Thresholds(round(best, 4), round(max(spam_from, best), 4))


def _inner_sources(sources, held_out: str) -> dict:
    """An outer fold's training sources, shaped like ``sources`` for folds(): the other
    YouTube files and the SMS training part (split again with another salt)."""
    inner = {n: v for n, v in sources.items() if n.startswith("Youtube") and n != held_out}
    inner["sms"] = corpus.split_sms(sources["sms"])[0]
    return inner


def fit_baseline(samples: list[corpus.Sample]):
    """The baseline the issue set: TF-IDF word and character n-grams, logistic regression.
    Measured only (``train_spam --evaluate-only --baseline``), never shipped."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import make_pipeline, make_union

    pipeline = make_pipeline(
        make_union(
            TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True),
            TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True),
        ),
        LogisticRegression(C=BASELINE_C, max_iter=5000, solver="liblinear", random_state=SEED),
    )
    pipeline.fit([s.text for s in samples], [s.spam for s in samples])

    class Baseline:
        def probabilities(self, texts):
            return pipeline.predict_proba(texts)[:, 1]

    return Baseline()


def cross_source(sources, progress=None, learner=None) -> list[Measure]:
    """Each unseen source measured at thresholds chosen without it: inside each outer fold, the
    training sources are cross-validated again (the same leave-one-source-out) and the
    thresholds picked on those out-of-fold scores; the held-out source never tunes anything."""
    results = []
    for name, train, test in folds(sources):
        if progress:
            progress(f"choosing thresholds without {name}...")
        thresholds = choose_thresholds(
            *out_of_fold(_inner_sources(sources, name), learner, salt="inner")
        )
        if progress:
            progress(f"training without {name} ({len(train)} comments)...")
        model = (learner or fit)(train)
        result = measure(
            f"{name} (hold {thresholds.hold_from})",
            model.probabilities([s.text for s in test]),
            [s.spam for s in test],
            thresholds.hold_from,
            thresholds.spam_from,
        )
        results.append(result)
    return results


def train_shipped(sources, progress=None) -> tuple[SpamModel, list[Measure], Thresholds]:
    """Choose the default thresholds on every source's out-of-fold scores, then train the model
    to ship on every sample. The measures returned are those out-of-fold scores at the chosen
    thresholds, so the thresholds saw them: the honest figures are cross_source()'s
    (``train_spam --evaluate-only``), where the thresholds never see the source measured."""
    if progress:
        progress("scoring every source with a model trained without it...")
    probabilities, labels, names = out_of_fold(sources)
    thresholds = choose_thresholds(probabilities, labels, names)
    results = [
        measure(
            name,
            probabilities[names == name],
            labels[names == name],
            thresholds.hold_from,
            thresholds.spam_from,
        )
        for name in dict.fromkeys(names.tolist())
    ]
    everything = [s for samples in sources.values() for s in samples]
    if progress:
        progress(f"training the shipped model on all {len(everything)} comments...")
    about = {
        "trained_on": {name: len(samples) for name, samples in sources.items()},
        "seed": SEED,
        "thresholds": asdict(thresholds),
        "out_of_fold_at_thresholds": [asdict(r) for r in results],
    }
    return fit(everything, about=about), results, thresholds


# --- retraining on the newsroom's decisions -------------------------------------------------


def split_decisions(samples, test_share: float = 0.3):
    """A fixed split of the moderators' decisions by a hash of the text."""
    train, test = [], []
    for sample in samples:
        digest = hashlib.sha256(("decision:" + sample.text).encode()).digest()
        (test if digest[0] < 256 * test_share else train).append(sample)
    return train, test


@dataclass
class Retrained:
    model: SpamModel | None
    candidate: Measure | None
    current: Measure | None
    accepted: bool
    why: str


MIN_HELD_OUT = 10  # per class: fewer decisions than this cannot tell two models apart


def too_few_decisions(decisions) -> str:
    """Why the decisions cannot judge a new model ('' when they can)."""
    labels = [s.spam for s in split_decisions(decisions)[1]]
    spam, genuine = sum(labels), len(labels) - sum(labels)
    if spam < MIN_HELD_OUT or genuine < MIN_HELD_OUT:
        return (
            f"not enough decisions to judge a new model: {spam} spam and {genuine} genuine "
            f"held out, {MIN_HELD_OUT} of each needed"
        )
    return ""


def retrain(
    decisions, current: SpamModel, corpus_samples=(), hold_from: float = HOLD_FROM
) -> Retrained:
    """Train on the corpus (when present) plus 70% of the decisions; keep the candidate only if
    it scores at least as well as the current model on the other 30% (F1 no lower, no more
    genuine comments held), both at ``hold_from``: the hold score the site uses."""
    why_not = too_few_decisions(decisions)
    if why_not:
        return Retrained(None, None, None, False, why_not)
    train, test = split_decisions(decisions)
    labels = [s.spam for s in test]
    samples = [*corpus_samples, *train]
    trained_on = dict(Counter(_group(s.source) for s in samples))
    try:
        candidate = fit(samples, about={"trained_on": trained_on})
    except ValueError as error:
        return Retrained(None, None, None, False, f"no model could be trained: {error}")
    texts = [s.text for s in test]
    new = measure("retrained", candidate.probabilities(texts), labels, hold_from)
    old = measure("current", current.probabilities(texts), labels, hold_from)
    accepted = new.f1 >= old.f1 and new.genuine_held <= old.genuine_held
    candidate.about["held_out"] = {"retrained": asdict(new), "current": asdict(old)}
    why = (
        f"retrained F1 {new.f1:.3f}, genuine held {new.genuine_held:.2%}; current F1 "
        f"{old.f1:.3f}, genuine held {old.genuine_held:.2%} on {len(test)} held-out decisions "
        f"at hold score {hold_from}"
    )
    return Retrained(candidate, new, old, accepted, why)
