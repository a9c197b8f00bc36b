"""`dateline serve`'s workers render the front page and the newest pages before they answer
anyone (dateline/core/warm_up.py), in a thread of their own, and say so in the server's log."""

from __future__ import annotations

import re
from pathlib import Path

from .conftest import LIVE_SERVER_ENV


def test_every_worker_of_the_live_server_warmed_up_its_pages(live_server_url):
    log = (Path(LIVE_SERVER_ENV["DATELINE_DATA_DIR"]) / "server.log").read_text()
    warmed = re.findall(r"^Worker warmed up: (.*)$", log, re.M)
    assert warmed, log[-2000:]
    for line in warmed:
        answers = line.split(", ")
        assert answers[0] == "/ 200" and len(answers) == 4, line
        assert all(answer.endswith(" 200") for answer in answers), line
    assert "Warm-up stopped early" not in log
