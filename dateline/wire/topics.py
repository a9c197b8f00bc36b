"""An item's subjects and places as newsroom topics, by IPTC code first, then by name.

A subject that carries an IPTC code (wire/formats/iptc.py) goes to the topic its code was
mapped to before (`TopicCode`), from whichever agency; else to the topic of that name, made if
the newsroom has none; and the code is then kept on that topic. A subject without a code is
matched by name alone, as before codes were kept.
"""

from __future__ import annotations

from dateline.news import services as news
from dateline.news.models import TopicPage
from dateline.wire.models import TopicCode

MAX_TOPICS = 8


def topics_for(entries: list[dict]) -> list[TopicPage]:
    """The topics of an item's stored subjects ({"name", "code", "kind"}), each once."""
    topics: list[TopicPage] = []
    for entry in entries[:MAX_TOPICS]:
        topic = topic_for(entry)
        if topic is not None and all(t.pk != topic.pk for t in topics):
            topics.append(topic)
    return topics


def topic_for(entry: dict) -> TopicPage | None:
    name = str(entry.get("name") or "").strip()[:255]
    code = str(entry.get("code") or "").strip()[:100]
    if code:
        mapped = TopicCode.objects.filter(code=code).select_related("topic").first()
        if mapped is not None:
            return mapped.topic
    if not name:
        return None
    topic = TopicPage.objects.filter(title__iexact=name).first()
    if topic is None:
        topic = news.create_topic(name, kind="place" if entry.get("kind") == "place" else "subject")
    if code:
        TopicCode.objects.get_or_create(code=code, defaults={"topic": topic, "first_name": name})
    return topic
