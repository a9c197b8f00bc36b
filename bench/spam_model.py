"""Time the shipped spam model: load time, and scoring time per comment on one core.

    .venv/bin/python bench/spam_model.py            # --corpus ../shared/corpora/spam --repeat 3

Scores every comment of the labelled collection one at a time (as the comment pipeline does)
with BLAS and scikit-learn held to one thread, and prints the median, 99th percentile and
worst time per comment and the model file's size. Target (issue 15): under 5 ms per comment.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[variable] = "1"  # one core, set before numpy loads

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared/corpora/spam")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

    started = time.perf_counter()
    from dateline.discussion.spamfilter import corpus
    from dateline.discussion.spamfilter.model import SHIPPED, shipped

    model = shipped()
    loaded = time.perf_counter() - started
    texts = [s.text for samples in corpus.read_collection(args.corpus).values() for s in samples]
    model.score(texts[0])  # warm up
    times = []
    for _ in range(args.repeat):
        for text in texts:
            t0 = time.perf_counter()
            model.score(text)
            times.append(time.perf_counter() - t0)
    times.sort()
    ms = [t * 1000 for t in times]
    print(f"model file      {SHIPPED.stat().st_size / 1e6:.2f} MB")
    print(f"import + load   {loaded * 1000:.0f} ms (once per process)")
    print(f"comments scored {len(times)} ({len(texts)} x {args.repeat})")
    print(
        f"per comment     median {statistics.median(ms):.2f} ms, "
        f"p99 {ms[int(len(ms) * 0.99)]:.2f} ms, worst {ms[-1]:.2f} ms"
    )
    print(f"longest comment {max(map(len, texts))} characters")


if __name__ == "__main__":
    main()
