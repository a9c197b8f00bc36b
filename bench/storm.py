"""The storm case of bench/run.py (`--only storm`): breaking news under a moving thread.

64 connections read the article with 50 comments while a moderator approves a new reply on it
20 times a second (bench/storm_approver.py, each approval purging the article); the same
connections first read it calmly, so the ratio compares two rates of the same run. A fresh
reader polls the article meanwhile and times each approved reply from approval to first sight.
"""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CONNECTIONS = 64
RATE = 20
START_DELAY = 6  # `dateline shell` starting Django, before the approvals begin


def run(dateline: str, env: dict, url: str, duration: int, wrk) -> dict:
    calm = wrk(url, CONNECTIONS, duration)
    print(f"  storm: calm cached rate {calm['rps']:.0f} req/s, p99 {calm['p99_ms']:.1f} ms")
    start = time.time() + START_DELAY
    approver = subprocess.Popen(
        [dateline, "shell", "-c", (HERE / "storm_approver.py").read_text()],
        env={
            **env,
            "STORM_URL": url.split("/", 3)[0] + "//" + url.split("/", 3)[2],
            "STORM_START": str(start),
            "STORM_SECONDS": str(duration + 1),
            "STORM_RATE": str(RATE),
        },
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(max(0, start + 0.5 - time.time()))  # the storm is on before wrk starts
    storm = wrk(url, CONNECTIONS, duration)
    out, err = approver.communicate(timeout=duration + 60)
    if approver.returncode:
        raise SystemExit(f"storm approver failed:\n{err[-3000:]}")
    approvals = json.loads(out.strip().splitlines()[-1])
    result = {
        "case": "article under a comment storm",
        "connections": CONNECTIONS,
        **storm,
        "calm_rps": calm["rps"],
        "calm_p99_ms": calm["p99_ms"],
        "ratio_to_calm": round(storm["rps"] / calm["rps"], 4),
        **approvals,
    }
    print(
        f"  storm: {storm['rps']:.0f} req/s ({result['ratio_to_calm']:.0%} of calm), "
        f"p50 {storm['p50_ms']:.1f} ms, p99 {storm['p99_ms']:.1f} ms, errors {storm['errors']}; "
        f"{approvals['approvals']} approvals ({approvals['approved_per_s']}/s), "
        f"longest approval-to-sight {approvals['delay_max_s']} s "
        f"(median {approvals['delay_p50_s']} s), never seen {approvals['unseen']}",
        flush=True,
    )
    return result


def verdict(result: dict) -> str:
    """The storm's figures against issue 16's targets, one line each."""
    ratio, p99 = result["ratio_to_calm"], result["p99_ms"]
    longest, unseen = result["delay_max_s"], result["unseen"]
    seen_in_time = unseen == 0 and longest is not None and longest <= 1
    lines = [
        f"storm: readers {result['rps']:.0f} req/s = {ratio:.0%} of calm "
        f"({result['calm_rps']:.0f}) [target >= 50%: {'met' if ratio >= 0.5 else 'NOT met'}]",
        f"storm: p50 {result['p50_ms']:.1f} ms, p99 {p99:.1f} ms "
        f"[target p99 < 50 ms: {'met' if p99 < 50 else 'NOT met'}]",
        f"storm: {result['approvals']} approvals ({result['approved_per_s']}/s), approval to "
        f"sight median {result['delay_p50_s']} s, longest {longest} s, never seen {unseen} "
        f"[target each within 1 s: {'met' if seen_in_time else 'NOT met'}]",
        f"storm: errors {result['errors']}",
    ]
    return "\n".join(lines)
