"""The learned spam filter: a check of the real pipeline, its stored score and reasons, the
shipped model's file format, and retraining on moderators' decisions with its gate."""

from __future__ import annotations

import importlib
from pathlib import Path

import numpy as np
import pytest
from django.core.management import call_command
from django.db.migrations import RunPython
from django.urls import reverse

from dateline.discussion import services
from dateline.discussion.models import Comment, SpamModelVersion
from dateline.discussion.spamfilter import features, training
from dateline.discussion.spamfilter.corpus import Sample
from dateline.discussion.spamfilter.features import CHAR, WORD, Featuriser
from dateline.discussion.spamfilter.model import SHIPPED, ModelFileError, SpamModel, shipped
from tests.corpora import corpus_path

SPAM = "Check out my channel http://youtube.com/user/cheapviews subscribe and win FREE money!!!"
GENUINE = "A thoughtful remark about the floods."


def only_comment() -> Comment:
    [comment] = Comment.objects.all()
    return comment


def test_a_genuine_first_comment_is_published_with_its_score(article, post):
    post(article, comment=GENUINE)

    comment = only_comment()
    assert comment.status == Comment.Status.APPROVED
    assert comment.spam_score is not None and comment.spam_score < 0.5
    [verdict] = [r for r in comment.reasons if r["check"] == "learned_spam_filter"]
    assert verdict["action"] == "pass" and "looks genuine" in verdict["reason"]


def test_spam_from_a_first_time_commenter_goes_to_the_spam_folder(article, post):
    response = post(article, comment=SPAM)

    assert response.status_code == 303  # never rejected: a person can still restore it
    comment = only_comment()
    assert comment.status == Comment.Status.SPAM
    assert comment.spam_score >= 0.9
    [verdict] = [r for r in comment.reasons if r["check"] == "learned_spam_filter"]
    assert verdict["action"] == "spam" and "likely spam" in verdict["reason"]
    assert "promotion phrases" in verdict["reason"]  # the signs that pushed it up are named
    assert "likely spam" in comment.events.get(action="posted").note


def test_spam_from_a_proven_returning_commenter_is_caught_too(article, approved_comment):
    result = services.post_comment(
        article, text=SPAM, name="Ada Reader", email="ada@example.org", ip="192.0.2.9"
    )
    assert result.comment.status == Comment.Status.SPAM


def test_a_doubtful_comment_waits_and_the_queue_shows_its_score(
    article, post, rules, client, moderator
):
    rules.spam_hold_from = 0.001  # everything is doubtful, nothing is spam enough for the bin
    rules.spam_folder_from = 1.0
    rules.save()
    post(article, comment=GENUINE)
    comment = only_comment()
    assert comment.status == Comment.Status.PENDING
    assert "doubtful" in comment.reasons[-1]["reason"] or any(
        "doubtful" in r["reason"] for r in comment.reasons
    )

    client.force_login(moderator)
    queue = client.get(reverse("discussion_admin:queue")).content.decode()
    assert f"{comment.spam_score:.2f}" in queue


def test_the_filter_can_be_turned_off(article, post, rules):
    rules.spam_filter = False
    rules.save()
    post(article, comment=SPAM)
    comment = only_comment()
    assert comment.spam_score is None
    assert not any(r["check"] == "learned_spam_filter" for r in comment.reasons)


def test_keeping_first_comments_held_holds_even_a_confident_genuine_one(article, post, rules):
    rules.hold_first_time = True
    rules.save()
    post(article, comment=GENUINE)
    comment = only_comment()
    assert comment.status == Comment.Status.PENDING
    assert any("First-time commenter" in r["reason"] for r in comment.reasons)
    assert any("looks genuine" in r["reason"] for r in comment.reasons)


# --- the model file ----------------------------------------------------------------------


def test_the_shipped_model_is_small_and_loads_without_pickle():
    assert SHIPPED.stat().st_size < 3_000_000
    with np.load(SHIPPED, allow_pickle=False) as arrays:  # raises if anything needs unpickling
        assert set(arrays.files) == {"meta", "indices", "values"}
    model = shipped()
    assert model.score(SPAM).probability > 0.9 > 0.1 > model.score(GENUINE).probability


def test_a_model_survives_a_round_trip_and_rejects_garbage():
    model = shipped()
    again = SpamModel.from_bytes(model.to_bytes())
    assert again.score(SPAM).probability == pytest.approx(model.score(SPAM).probability)
    with pytest.raises(ModelFileError):
        SpamModel.from_bytes(b"not a model")


@pytest.mark.corpora
def test_train_spam_rebuilds_the_shipped_model(tmp_path):
    output = tmp_path / "model.npz"
    call_command("train_spam", corpus=corpus_path("spam"), output=output, verbosity=0, stdout=None)
    rebuilt, ours = SpamModel.load(output), shipped()
    # Equal up to floating-point rounding: glibc picks exp/log by CPU, and the solver's last
    # iterations follow; a byte comparison failed on one CPU while the weights agreed to 0.006.
    # The thresholds are scores of comments (to 4 decimals), so they may move as little too.
    for name, value in ours.about["thresholds"].items():
        assert rebuilt.about["thresholds"][name] == pytest.approx(value, abs=0.002)
    assert rebuilt.about["trained_on"] == ours.about["trained_on"]
    with np.load(output) as new, np.load(SHIPPED) as old:
        assert np.array_equal(new["indices"], old["indices"])
        assert np.allclose(new["values"], old["values"], atol=0.02)
    for text in (SPAM, GENUINE, *NEWSROOM_GENUINE[:5], *NEWSROOM_SPAM[:5]):
        assert rebuilt.score(text).probability == pytest.approx(
            ours.score(text).probability, abs=0.005
        )
    # A bound the retrained model must keep, from this run's out-of-fold scores (each source
    # scored by a model that never saw it): a change that makes the filter hold more genuine
    # comments or catch much less spam fails here.
    about = SpamModel.load(output).about
    for result in about["out_of_fold_at_thresholds"]:
        assert result["genuine_held"] <= 0.01, result
        assert result["f1"] >= 0.90, result


def test_the_default_thresholds_are_the_ones_training_chose():
    from dateline.discussion.models import DiscussionSettings

    chosen = shipped().about["thresholds"]
    defaults = DiscussionSettings()
    assert defaults.spam_hold_from == chosen["hold_from"]
    assert defaults.spam_folder_from == chosen["spam_from"]


def test_a_model_of_the_first_text_features_still_scores_as_it_was_trained():
    # A model retrained on a site's decisions before version 2 carries no "text" setting: it
    # keeps reading every link alike, with its nine hand features.
    first = Featuriser(WORD, CHAR)
    weights = np.zeros(first.width, dtype=np.float32)
    weights[first.width - len(first.hand_names)] = 15.0  # only the "links" feature counts
    old = SpamModel(weights, -4.0, {"word": WORD, "char": CHAR})
    again = SpamModel.from_bytes(old.to_bytes())
    moment = 'Best part: <a href="https://www.youtube.com/watch?v=abc123&amp;t=2m19s">2:19</a>'
    assert again.score(moment).probability > 0.5
    assert again.score(moment).signs == ("links",)
    # The same weight read by version 2: a moment of a video is no link.
    second = Featuriser(WORD, CHAR, 2)
    weights = np.zeros(second.width, dtype=np.float32)
    weights[second.width - len(second.hand_names)] = 15.0
    assert SpamModel(weights, -4.0, {"word": WORD, "char": CHAR, "text": 2}).score(
        moment
    ).probability == pytest.approx(1 / (1 + np.exp(4.0)))


def test_a_model_of_an_unknown_text_features_version_is_refused():
    model = shipped()
    future = SpamModel.__new__(SpamModel)
    future.weights, future.intercept, future.about = model.weights, model.intercept, {}
    future.featuriser_settings = {**model.featuriser_settings, "text": 99}
    with pytest.raises(ModelFileError, match="version 99"):
        SpamModel.from_bytes(future.to_bytes())


@pytest.mark.parametrize(
    "url, kind",
    [
        ("https://www.youtube.com/watch?v=KQ6zr6kCPj8&t=2m19s", "ytmomentlink"),
        ("http://youtu.be/9bZkp7q19f0?t=30", "ytmomentlink"),
        ("http://youtu.be/9bZkp7q19f0", "ytvideolink"),
        ("https://m.youtube.com/watch?v=abc", "ytvideolink"),
        ("youtube.com/user/cheapviews", "ytchannellink"),
        ("http://www.avaaz.org/petition/Youtube_Corporation", "urltoken"),
        ("http://youtube.com.example.ru/watch?v=abc", "urltoken"),
    ],
)
def test_links_are_read_by_kind(url, kind):
    assert features.link_kind(url) == kind


def test_an_obfuscated_address_counts_as_a_link_off_youtube():
    names = Featuriser(WORD, CHAR, 2).hand_names
    for text in ("Cheap followers at w w w . fastfollowers . c o m", "visit fastfollowers dot com"):
        hand = dict(zip(names, features.hand_features_v2(text), strict=True))
        assert hand["links"] > 0 and hand["links_off_youtube"] == 1.0, text
        assert "urltoken" in features.normalise_v2(text)


@pytest.mark.parametrize(
    "text, sign",
    [
        ("Nice song. See my new track.", "own_channel_or_work"),
        ("please look at our latest covers", "own_channel_or_work"),
        ("Check me out! I rap so yeah", "asks_to_be_followed"),
        ("subscribe to my channel", "asks_to_be_followed"),
        ("Hey guys! Im a 12 yr old producer.", "introduces_self_as_creator"),
        ("We are young rappers from Bamako", "introduces_self_as_creator"),
        ("Can i get views and subscribers for no reason?", "asks_for_an_audience"),
        ("I would really appreciate some subs", "asks_for_an_audience"),
    ],
)
def test_self_promotion_is_one_sign_in_its_many_wordings(text, sign):
    names = Featuriser(WORD, CHAR, 4).hand_names
    for version in (features.hand_features_v3, features.hand_features_v4):
        hand = dict(zip(names, version(text), strict=True))
        assert hand[sign] == 1.0, (version.__name__, text)


@pytest.mark.parametrize(
    "text",
    [
        "This is my favourite song, and my kids love it too",
        "Could someone help me understand the council's figures?",
        "I love your songs, Katy",
        "C'mon, you are so close to 14,000,000 subscribers",
    ],
)
def test_a_reader_talking_about_themselves_is_no_sign_of_self_promotion(text):
    assert features.hand_features_v3(text)[-4:] == [0.0, 0.0, 0.0, 0.0]
    assert features.hand_features_v4(text)[-4:] == [0.0, 0.0, 0.0, 0.0]


# Newsroom readers speak of their own page, songs, band, work or website; none of it promotes
# anything. Version 3 of the features flagged each as the commenter's own work, and its model
# held three of these (0.94-0.99) and scored most of the rest 0.73-0.87.
EVERYDAY_OWN_THINGS = [
    "My page on the local history society site has photos of the station before it was rebuilt.",
    "Our band rehearses in that hall and nobody told us it was being sold.",
    "My music students will be devastated that the festival is cancelled.",
    "Our site manager says the new rules will add three weeks to every job.",
    "My work as a paramedic means I see the results of these cuts at 3am.",
    "My videos of the storm are with the insurance company now, but they still refused the claim.",
    "My app for the buses still shows the old route, does anyone know when it changes?",
    "My blog is mostly about gardening but I wrote about the allotment closures too.",
    "Our content at the library is chosen by the volunteers, not the council.",
    "My movie night at the community centre raised 300 pounds for the flood fund.",
    "My site visits for the surveyors have doubled since the new regulations.",
    "My songs were played on that station for years, and its closing is a loss for the town.",
    "He has my track record to go on: twenty years without a complaint.",
]


@pytest.mark.parametrize("text", EVERYDAY_OWN_THINGS)
def test_a_reader_s_own_everyday_things_are_no_sign_of_their_own_work(text):
    names = Featuriser(WORD, CHAR, 4).hand_names
    hand = dict(zip(names, features.hand_features_v4(text), strict=True))
    assert hand["own_channel_or_work"] == 0.0, text


def test_the_shipped_model_publishes_readers_speaking_of_their_own_everyday_things():
    scores = shipped().probabilities(EVERYDAY_OWN_THINGS)
    held = [
        (round(float(p), 3), t)
        for p, t in zip(scores, EVERYDAY_OWN_THINGS, strict=True)
        if p >= training.HOLD_FROM
    ]
    assert held == []


# Newsroom readers give orders all the time ("Vote them out", "Check the date on this story",
# "Share this widely"), where on YouTube an order is almost always promotion. A call-to-action
# sign tried in December 2026 sent three of these to the spam folder (docs/spam-model.md).
def newsroom_orders() -> list[str]:
    lines = (Path(__file__).parent / "newsroom_orders.txt").read_text().splitlines()
    return [line for line in lines if line and not line.startswith("#")]


def test_the_shipped_model_sends_no_genuine_newsroom_order_to_the_spam_folder():
    orders = newsroom_orders()
    scored = list(zip(shipped().probabilities(orders), orders, strict=True))
    assert len(orders) == 70
    assert [(float(p), t) for p, t in scored if p >= training.SPAM_FROM] == []
    held = [(float(p), t) for p, t in scored if p >= training.HOLD_FROM]
    assert len(held) <= 5, held  # 5 of 70, as docs/moderation.md says: subscribing, sharing...


def test_the_shipped_model_holds_self_promotion_without_a_link_and_names_the_sign(article, post):
    post(article, comment="Great report. I made a gaming channel, please sub to me")
    comment = only_comment()
    assert comment.status in (Comment.Status.PENDING, Comment.Status.SPAM)
    [verdict] = [r for r in comment.reasons if r["check"] == "learned_spam_filter"]
    assert "asks to be followed" in verdict["reason"]


def test_the_shipped_model_publishes_a_pointer_to_a_moment_and_holds_a_hidden_address():
    moment = 'My favourite part <a href="https://www.youtube.com/watch?v=KQ6zr6kCPj8&amp;t=3m40s">3:40</a>'
    hidden = "Get cheap followers at w w w . fastfollowers . c o m"
    assert shipped().score(moment).probability < training.HOLD_FROM
    assert shipped().score(hidden).probability >= training.HOLD_FROM


def test_the_held_limit_applies_to_each_source_not_to_their_average():
    # Two YouTube files of 100 genuine comments and 100 spam each. At 0.5 one file has 2% of its
    # genuine comments held (1% of the two together): the limit is per source, so the hold
    # score must be above them.
    genuine_a, genuine_b = [0.1] * 98 + [0.6, 0.6], [0.1] * 100
    spam = [0.55] * 50 + [0.9] * 50
    probabilities = np.array(genuine_a + spam + genuine_b + spam)
    labels = np.array(([False] * 100 + [True] * 100) * 2)
    names = np.array(["Youtube01-A"] * 200 + ["Youtube02-B"] * 200)
    chosen = training.choose_thresholds(probabilities, labels, names)
    assert chosen.hold_from == 0.9


def site_moves(migration_name: str):
    """The functions a migration runs forwards and backwards to move sites' default scores."""
    migration = importlib.import_module(f"dateline.discussion.migrations.{migration_name}")
    [move] = [op for op in migration.Migration.operations if isinstance(op, RunPython)]
    return move.code, move.reverse_code


@pytest.mark.parametrize(
    ("migration_name", "previous", "new"),
    [
        ("0007_spam_model_reads_links_by_kind", (0.815, 0.999), (0.832, 0.999)),
        ("0008_spam_model_is_a_linear_svm", (0.832, 0.999), (0.764, 0.999)),
        ("0009_spam_model_reads_self_promotion", (0.764, 0.999), (0.8881, 0.9929)),
        ("0010_spam_model_reads_own_work_narrowly", (0.8881, 0.9929), (0.885, 0.999)),
    ],
)
def test_sites_on_the_previous_default_thresholds_move_to_the_new_ones(
    rules, migration_name, previous, new
):
    from django.apps import apps

    to_new_defaults, to_previous_defaults = site_moves(migration_name)
    rules.spam_hold_from, rules.spam_folder_from = previous
    rules.save()
    to_new_defaults(apps, None)
    rules.refresh_from_db()
    assert (rules.spam_hold_from, rules.spam_folder_from) == new
    to_previous_defaults(apps, None)
    rules.refresh_from_db()
    assert (rules.spam_hold_from, rules.spam_folder_from) == previous

    rules.spam_hold_from = 0.7  # a site's own choice stays
    rules.save()
    to_new_defaults(apps, None)
    rules.refresh_from_db()
    assert rules.spam_hold_from == 0.7


@pytest.mark.parametrize(
    ("migration_name", "previous", "new"),
    [
        ("0009_spam_model_reads_self_promotion", (0.764, 0.999), (0.8881, 0.9929)),
        ("0010_spam_model_reads_own_work_narrowly", (0.8881, 0.9929), (0.885, 0.999)),
    ],
)
def test_a_site_scored_by_its_retrained_model_keeps_the_scores_that_model_was_judged_at(
    rules, migration_name, previous, new
):
    from django.apps import apps

    to_new_defaults, to_previous_defaults = site_moves(migration_name)
    SpamModelVersion.objects.create(data=shipped().to_bytes(), accepted=True, summary="site's")
    rules.spam_hold_from, rules.spam_folder_from = previous
    rules.save()
    to_new_defaults(apps, None)
    rules.refresh_from_db()
    assert (rules.spam_hold_from, rules.spam_folder_from) == previous

    SpamModelVersion.objects.update(accepted=False)  # only a model not used: the shipped one is
    to_new_defaults(apps, None)
    rules.refresh_from_db()
    assert (rules.spam_hold_from, rules.spam_folder_from) == new


def test_train_spam_says_clearly_when_the_collection_is_missing(tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="no spam collection"):
        call_command("train_spam", corpus=tmp_path / "absent", output=tmp_path / "m.npz")


# --- retraining on the newsroom's decisions ------------------------------------------------

NEWSROOM_GENUINE = [
    f"The council minutes are at https://council.example/minutes/{n} and item {n} matters."
    for n in range(60)
]
NEWSROOM_SPAM = [f"Cheap replica watches number {n}, best price today" for n in range(60)]


def decide(article, moderator, texts, action):
    for n, text in enumerate(texts):
        comment = services.create_comment(
            article,
            text=text,
            name="Reader",
            email=f"r{n}@example.org",
            status="pending",
            source="test",
        )
        services.moderate(comment, action, actor=moderator, send_mail=False)


def test_too_few_decisions_keep_the_shipped_model(article, moderator, tmp_path, capsys):
    decide(article, moderator, NEWSROOM_GENUINE[:5], "approve")
    call_command("train_spam", from_decisions=True, corpus=tmp_path / "absent")
    assert "not enough decisions" in capsys.readouterr().out
    assert not SpamModelVersion.objects.exists()


def test_a_retrained_model_that_does_better_is_used_for_new_comments(
    article, moderator, rules, tmp_path, capsys
):
    link_comment = "Minutes: https://council.example/minutes/99 and item 99 matters."
    assert shipped().score(link_comment).probability >= 0.5  # the shipped model doubts links
    decide(article, moderator, NEWSROOM_GENUINE, "approve")
    decide(article, moderator, NEWSROOM_SPAM, "spam")
    rules.spam_hold_from = 0.8  # the site's own hold score is the one both models are judged at
    rules.save()

    call_command("train_spam", from_decisions=True, corpus=tmp_path / "absent")

    assert "Using the retrained model" in capsys.readouterr().out
    version = SpamModelVersion.objects.get()
    assert version.accepted and version.decisions == 120
    assert "at hold score 0.8" in version.summary
    result = services.post_comment(
        article, text=link_comment, name="Bo", email="bo@example.org", ip="192.0.2.44"
    )
    assert result.comment.spam_score < 0.5
    assert result.comment.status == Comment.Status.APPROVED


def test_a_retrained_model_that_does_worse_is_kept_out():
    decisions = [Sample(t, False, "newsroom") for t in NEWSROOM_GENUINE] + [
        Sample(t, True, "newsroom") for t in NEWSROOM_SPAM
    ]
    # The current model has seen every held-out decision and scores perfectly on them; the
    # candidate learns from a collection that labels the held-out spam genuine. (Labelling
    # every held-out comment the other way trains no model at all: see the next test.)
    current = training.fit(decisions)
    _, held_out = training.split_decisions(decisions)
    corpus_like = [Sample(s.text, False, "sms") for s in held_out if s.spam]
    result = training.retrain(decisions, current, corpus_like, hold_from=0.9)
    assert result.current.f1 == 1.0 and result.current.genuine_held == 0.0
    assert result.candidate.f1 < 1.0
    assert not result.accepted
    assert "retrained F1" in result.why and "at hold score 0.9" in result.why


def test_labels_that_contradict_each_other_train_no_model():
    decisions = [Sample(t, False, "newsroom") for t in NEWSROOM_GENUINE] + [
        Sample(t, True, "newsroom") for t in NEWSROOM_SPAM
    ]
    # A collection calling every genuine decision spam and every spam genuine: the scores of a
    # model fitted to both would hardly move, or point the wrong way.
    flipped = [Sample(s.text, not s.spam, "sms") for s in decisions]
    result = training.retrain(decisions, shipped(), flipped)
    assert result.model is None and not result.accepted
    assert "labels do not separate" in result.why
