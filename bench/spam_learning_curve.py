"""How the spam model's figures on an unseen video grow with the number of videos it learned.

    PYTHONPATH=$PWD .venv/bin/python bench/spam_learning_curve.py  # --corpus DIR

The shipped model learns from three YouTube files; the honest figures (``dateline train_spam
--evaluate-only``) come from models that learned from two. This trains, for each YouTube file
left unseen, a model on each single other file and one on both (always with the SMS training
part), and prints for the unseen file: the area under the ROC curve (no threshold), the best F1
at any hold score that holds at most 1% of its genuine comments (chosen on the unseen file
itself: an upper bound, not a claim), and the F1 and genuine comments held at the shipped hold
score. The means by number of videos learned show how much one more video is worth, and so
what to expect of the shipped model on a video it never saw. About 10 s.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
from pathlib import Path

import numpy as np
from sklearn.metrics import roc_auc_score

from dateline.discussion.spamfilter import corpus, training

REPO = Path(__file__).resolve().parents[1]


def best_f1(probabilities, labels, name: str) -> float:
    """The F1 at the hold score training would choose on this source alone (at most the
    target's share of its genuine comments held): chosen on the source measured, an upper bound."""
    chosen = training.choose_thresholds(probabilities, labels, np.full(len(labels), name))
    return training.measure(
        name, probabilities, labels, chosen.hold_from, training.NO_SPAM_FOLDER
    ).f1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared/corpora/spam")
    args = parser.parse_args()

    sources = corpus.read_collection(args.corpus)
    youtube = [name for name in sources if name.startswith("Youtube")]
    sms_train = corpus.split_sms(sources["sms"])[0]
    by_count: dict[int, list[tuple[float, float, float]]] = {}
    for unseen in youtube:
        texts = [s.text for s in sources[unseen]]
        labels = np.array([s.spam for s in sources[unseen]])
        others = [name for name in youtube if name != unseen]
        for count in range(1, len(others) + 1):
            for learned in itertools.combinations(others, count):
                model = training.fit([s for n in learned for s in sources[n]] + sms_train)
                scores = np.asarray(model.probabilities(texts))
                at_default = training.measure(
                    "", scores, labels, training.HOLD_FROM, training.NO_SPAM_FOLDER
                )
                row = (
                    roc_auc_score(labels, scores),
                    best_f1(scores, labels, unseen),
                    at_default.f1,
                )
                by_count.setdefault(count, []).append(row)
                print(
                    f"unseen {unseen:<24} learned {' + '.join(learned):<50} "
                    f"AUC {row[0]:.4f}  best F1 (<=1% held) {row[1]:.3f}  "
                    f"F1 at {training.HOLD_FROM} {row[2]:.3f} "
                    f"(genuine held {at_default.genuine_held:.2%})",
                    flush=True,
                )
    for count, rows in sorted(by_count.items()):
        auc, best, default = (statistics.mean(column) for column in zip(*rows, strict=True))
        print(
            f"videos learned {count}: mean AUC {auc:.4f}, mean best F1 {best:.3f}, "
            f"mean F1 at {training.HOLD_FROM} {default:.3f} ({len(rows)} models)"
        )


if __name__ == "__main__":
    main()
