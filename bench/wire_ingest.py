"""Wire ingest at volume: N agency items through `dateline ingest`, timed, with peak memory.

Writes N ninjs files (one item each, as agencies drop them; every 20th an agency rewrite of an
earlier item, so near-duplicate grouping does real work) into a temporary folder, migrates a
fresh data folder, and runs `/usr/bin/time -v dateline ingest FOLDER` for each size given, so
peak memory at 2,000 and 10,000 items can be compared (flat = about the same). Then runs the
same folder again (everything a duplicate). Issue 17's target: 10,000 items in under 60 s.

    .venv/bin/python bench/wire_ingest.py                 # --sizes 2000,10000
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DATELINE = str(Path(sys.executable).with_name("dateline"))
WORDS = [
    "river",
    "flood",
    "minister",
    "council",
    "harbour",
    "election",
    "court",
    "budget",
    "police",
    "border",
    "drought",
    "market",
    "rail",
    "strike",
    "vaccine",
    "school",
    "bridge",
    "mayor",
    "parliament",
    "wildfire",
    "storm",
    "ceasefire",
    "refinery",
    "tariff",
    "hospital",
    "protest",
    "verdict",
    "airport",
    "currency",
    "harvest",
    "reservoir",
]


def write_items(folder: Path, count: int) -> None:
    rng = random.Random(17)
    bodies = []
    for n in range(count):
        if n % 20 == 19 and bodies:  # an agency rewrite of an earlier story
            body = rng.choice(bodies).replace(" the ", " a ", 2) + " More to follow."
            source = "Second Wire"
        else:
            body = " ".join(" ".join(rng.choice(WORDS) for _ in range(12)) + "." for _ in range(25))
            bodies.append(body)
            source = "Bench Agency"
        doc = {
            "uri": f"urn:bench:{source[:1]}:{n}",
            "version": "1",
            "headline": f"Bench story {n}: " + " ".join(rng.choice(WORDS) for _ in range(6)),
            "description_text": body[:200],
            "body_text": body,
            "urgency": rng.randint(1, 8),
            "copyrightholder": source,
            "subject": [{"name": rng.choice(WORDS).title()}],
        }
        (folder / f"{n:06d}.json").write_text(json.dumps(doc))


def timed(cmd: list[str], env: dict) -> dict:
    started = time.monotonic()
    run = subprocess.run(
        ["/usr/bin/time", "-v", *cmd], env=env, capture_output=True, text=True, check=True
    )
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", run.stderr)
    summary = [line for line in run.stdout.splitlines() if " files: " in line]
    return {
        "seconds": round(time.monotonic() - started, 1),
        "peak_rss_mib": round(int(peak[1]) / 1024, 1) if peak else None,
        "summary": summary[-1] if summary else run.stdout[-300:],
    }


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="2000,10000")
    args = parser.parse_args(argv)
    results = {}
    for size in [int(s) for s in args.sizes.split(",")]:
        root = Path(tempfile.mkdtemp(prefix=f"dateline-wire-{size}-"))
        items = root / "items"
        items.mkdir()
        write_items(items, size)
        env = {
            **os.environ,
            "DATELINE_DATA_DIR": str(root / "data"),
            "DJANGO_SETTINGS_MODULE": "dateline.settings.dev",
        }
        subprocess.run([DATELINE, "migrate", "--no-input", "-v", "0"], env=env, check=True)
        first = timed([DATELINE, "ingest", str(items)], env)
        again = timed([DATELINE, "ingest", str(items)], env)
        results[size] = {"first": first, "again": again}
        print(f"{size:>6} items: {json.dumps(results[size])}", flush=True)
    out = Path(__file__).with_name("results") / "wire_ingest.json"
    out.write_text(json.dumps(results, indent=2) + "\n")
    print(f"written to {out}")


if __name__ == "__main__":
    main()
