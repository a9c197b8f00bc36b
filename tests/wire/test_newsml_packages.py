"""NewsML-G2 packages: the items a package points at that travel in the same news message are
ingested (its pictures with its text), the ones that do not are named on the report."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from dateline.wire.formats import Refused, read
from dateline.wire.models import WireItem
from tests.corpora import corpus_path

NAR = "http://iptc.org/std/nar/2006-10-01/"


def news_item(guid, item_class, headline="", body="", href="", caption="", credit=""):
    content = ""
    if body:
        content = (
            '<contentSet><inlineXML contenttype="application/nitf+xml">'
            '<nitf xmlns="http://iptc.org/std/NITF/2006-10-18/"><body><body.content>'
            f"<p>{body}</p></body.content></body></nitf></inlineXML></contentSet>"
        )
    if href:
        remote = f'<remoteContent href="{href}" contenttype="image/jpeg"/>'
        content = f"<contentSet>{remote}</contentSet>"
    meta = f"<headline>{headline}</headline>" if headline else ""
    meta += f'<description role="drol:caption">{caption}</description>' if caption else ""
    meta += f"<creditline>{credit}</creditline>" if credit else ""
    return (
        f'<newsItem guid="{guid}" version="1"><itemMeta><itemClass qcode="{item_class}"/>'
        '<provider qcode="nprov:SahelPress"/><pubStatus qcode="stat:usable"/></itemMeta>'
        f"<contentMeta>{meta}</contentMeta>{content}</newsItem>"
    )


def message(*parts) -> bytes:
    return (f'<newsMessage xmlns="{NAR}"><header/><itemSet>' + "".join(parts)).encode() + (
        b"</itemSet></newsMessage>"
    )


PACKAGE = (
    '<packageItem guid="urn:sahel:pkg:1" version="1"><itemMeta>'
    '<itemClass qcode="ninat:composite"/></itemMeta><groupSet root="G1">'
    '<group id="G1" role="group:main">'
    '<itemRef residref="urn:sahel:text:1"/><itemRef residref="urn:sahel:photo:1"/>'
    '<itemRef residref="urn:sahel:video:9"/></group></groupSet></packageItem>'
)
TEXT = news_item(
    "urn:sahel:text:1", "ninat:text", "Ferries cross to Djenné again", "Boats left Mopti."
)
PHOTO = news_item(
    "urn:sahel:photo:1",
    "ninat:picture",
    href="https://photos.sahelpress.example/ferry.jpg",
    caption="A ferry leaves Mopti.",
    credit="Awa Traoré/Sahel Press",
)
OTHER_PHOTO = news_item(
    "urn:sahel:photo:2", "ninat:picture", href="https://photos.sahelpress.example/market.jpg"
)
SECOND_TEXT = news_item("urn:sahel:text:2", "ninat:text", "Market prices rise", "Millet is up.")


def test_a_package_in_a_news_message_ingests_its_items_with_its_pictures_and_names_the_missing():
    copies = read(message(PACKAGE, TEXT, PHOTO, OTHER_PHOTO, SECOND_TEXT))
    ferry, market = sorted(copies, key=lambda c: c.agency_id)
    assert ferry.agency_id == "urn:sahel:text:1" and market.agency_id == "urn:sahel:text:2"
    # The package's picture goes with the package's text; the loose one with the loose text.
    assert [(i.href, i.caption, i.credit) for i in ferry.images] == [
        (
            "https://photos.sahelpress.example/ferry.jpg",
            "A ferry leaves Mopti.",
            "Awa Traoré/Sahel Press",
        )
    ]
    assert [i.href for i in market.images] == ["https://photos.sahelpress.example/market.jpg"]
    assert copies.notes == [
        "package 'urn:sahel:pkg:1' points at 1 item(s) not in this file, not ingested:"
        " 'urn:sahel:video:9'"
    ]


@pytest.mark.django_db
def test_the_ingest_report_prints_the_missing_items(tmp_path):
    (tmp_path / "message.xml").write_bytes(message(PACKAGE, TEXT, PHOTO))
    out = StringIO()
    call_command("ingest", str(tmp_path), stdout=out)
    printed = out.getvalue()
    assert "note " in printed and "'urn:sahel:video:9'" in printed
    assert "1 files: 1 new, 0 updated, 0 duplicate" in printed and "1 notes" in printed
    item = WireItem.objects.get()
    assert item.headline == "Ferries cross to Djenné again" and len(item.images) == 1


def test_a_package_sent_without_its_items_is_refused_naming_them():
    path = corpus_path("feeds", "newsml-g2", "LISTING_6_Simple_NewsML-G2_Package.xml")
    with pytest.raises(Refused) as refused:
        read(path.read_bytes())
    reason = str(refused.value)
    assert "package 'tag:example.com,2008:UK-NEWS-TOPTEN:UK20081220098658'" in reason
    assert "urn:newsml:iptc.org:20081007:tutorial-item-A" in reason


def test_an_item_the_package_points_at_by_address_alone_is_named_too():
    by_address = PACKAGE.replace(
        '<itemRef residref="urn:sahel:video:9"/>',
        '<itemRef href="https://wire.sahelpress.example/video/9.xml"/>',
    )
    notes = read(message(by_address, TEXT, PHOTO)).notes
    assert len(notes) == 1 and "'https://wire.sahelpress.example/video/9.xml'" in notes[0]


def test_a_package_that_points_at_nothing_is_refused_with_a_reason():
    empty = f'<packageItem xmlns="{NAR}" guid="urn:p"><itemMeta/></packageItem>'.encode()
    with pytest.raises(Refused, match="package that points at no item"):
        read(empty)


def test_the_iptc_news_message_package_is_refused_for_its_empty_items_not_for_being_a_package():
    name = "LISTING_24_News_Message_conveying_a_complete_News_Package.xml"
    with pytest.raises(Refused, match="have no headline"):
        read(corpus_path("feeds", "newsml-g2", name).read_bytes())
