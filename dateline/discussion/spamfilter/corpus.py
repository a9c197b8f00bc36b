"""Reading the labelled spam collections (../shared/corpora/spam, see its MANIFEST.md).

A sample is (text, is_spam, source). The YouTube files are CSV with a CLASS column (1 spam);
the SMS file is `label<TAB>text`. Nothing here is shipped: only the model trained on it is.
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from pathlib import Path

YOUTUBE_FILES = ("Youtube01-Psy.csv", "Youtube02-KatyPerry.csv", "Youtube03-LMFAO.csv")
SMS_FILE = "SMSSpamCollection.train.tsv"


class CorpusError(Exception):
    """The collection is missing or not in the expected shape."""


@dataclass(frozen=True)
class Sample:
    text: str
    spam: bool
    source: str


def read_youtube(path: Path) -> list[Sample]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if not reader.fieldnames or not {"CONTENT", "CLASS"} <= set(reader.fieldnames):
            raise CorpusError(f"{path}: expected the columns CONTENT and CLASS")
        return [Sample(row["CONTENT"], row["CLASS"].strip() == "1", path.stem) for row in reader]


def read_sms(path: Path) -> list[Sample]:
    samples = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        label, sep, text = line.partition("\t")
        if not sep or label not in ("ham", "spam"):
            raise CorpusError(f"{path}:{number}: expected 'ham' or 'spam', a tab, then the text")
        samples.append(Sample(text, label == "spam", "sms"))
    return samples


def read_collection(folder: Path) -> dict[str, list[Sample]]:
    """Every source of the collection by name: the three YouTube files and 'sms'."""
    folder = Path(folder)
    if not folder.is_dir():
        raise CorpusError(f"no spam collection at {folder} (expected youtube/ and sms/ in it)")
    sources = {}
    for name in YOUTUBE_FILES:
        path = folder / "youtube" / name
        if not path.exists():
            raise CorpusError(f"missing {path}")
        sources[path.stem] = read_youtube(path)
    sms = folder / "sms" / SMS_FILE
    if not sms.exists():
        raise CorpusError(f"missing {sms}")
    sources["sms"] = read_sms(sms)
    return sources


def split_sms(samples: list[Sample], test_share: float = 0.3, salt: str = "") -> tuple[list, list]:
    """A fixed split of the SMS training file for our own estimate, by a hash of the text so
    that identical texts land on the same side (as the corpus's own split did)."""
    train, test = [], []
    for sample in samples:
        digest = hashlib.sha256((salt + sample.text).encode()).digest()
        (test if digest[0] < 256 * test_share else train).append(sample)
    return train, test
