"""Agency and partner copy in: RSS/Atom, IPTC ninjs and IPTC NewsML-G2, to `WireCopy`.

Pure Python (no Django or Wagtail; import-linter checks it). `read()` picks the format from
the content itself, never trusting a file name, and turns any failure into `Refused`.
"""

from __future__ import annotations

from dateline.wire.formats.copy import Image, Refused, Topic, WireCopy

MAX_BYTES = 20 * 1024 * 1024
NEWSML_ROOTS = (b"newsItem", b"newsMessage", b"packageItem", b"conceptItem", b"planningItem")
NEWSML_ROOTS += (b"knowledgeItem", b"catalog", b"conceptSet")

__all__ = ["Image", "Refused", "Topic", "WireCopy", "read"]


def read(data: bytes) -> list[WireCopy]:
    """Every story in one file's bytes; `Refused` with the reason when there is none."""
    if len(data) > MAX_BYTES:
        raise Refused(f"{len(data):,} bytes is over the {MAX_BYTES:,} byte limit for one file")
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    prologue = data[:65536]  # long comments may come before a NewsML-G2 root
    if not head:
        raise Refused("an empty file")
    try:
        if head[:1] in (b"{", b"["):
            from dateline.wire.formats import ninjs

            return ninjs.parse(data)
        if head[:1] != b"<":
            raise Refused("not a feed, ninjs or NewsML-G2: neither XML nor JSON")
        if b"iptc.org/std/nar" in prologue or any(b"<" + r in prologue for r in NEWSML_ROOTS):
            from dateline.wire.formats import newsml

            return newsml.parse(data)
        from dateline.wire.formats import feeds

        return feeds.parse(data)
    except Refused:
        raise
    except (RecursionError, MemoryError) as exc:
        raise Refused(f"too deeply nested or too large to read ({type(exc).__name__})") from None
    except Exception as exc:  # a parser bug must refuse one file, never end the whole run
        raise Refused(f"could not be read: {type(exc).__name__}: {str(exc)[:200]}") from None
