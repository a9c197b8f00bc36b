"""Which spam model scores comments: the newest accepted retrained one, else the shipped one.

Kept in each process with the site-wide copies (core/sitewide.py): a post costs no query for
it, and accepting a retrained model moves the site version, so every process loads it anew.
"""

from __future__ import annotations

import logging

from dateline.core import sitewide
from dateline.discussion.spamfilter.model import ModelFileError, SpamModel, shipped

logger = logging.getLogger(__name__)


def _load() -> SpamModel:
    from dateline.discussion.models import SpamModelVersion

    version = SpamModelVersion.objects.filter(accepted=True).only("data").first()
    if version is not None:
        try:
            return SpamModel.from_bytes(bytes(version.data))
        except ModelFileError:  # a damaged row must not stop comments: fall back, loudly
            logger.exception("spam model %s unreadable; using the shipped one", version.pk)
    return shipped()


def active_model() -> SpamModel:
    return sitewide.kept_now("spam-model", 0, _load)


def model_changed() -> None:
    """A retrained model was accepted: every process reloads (with the site-wide copies)."""
    sitewide.purge_site()
