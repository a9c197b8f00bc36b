"""`dateline train_spam`: train the spam model from the labelled collections, or retrain it on
the newsroom's moderation decisions (--from-decisions), keeping it only if it does no worse."""

from __future__ import annotations

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dateline.discussion.spamfilter import corpus, training
from dateline.discussion.spamfilter.model import SHIPPED

DEFAULT_CORPUS = Path("..") / "shared" / "corpora" / "spam"


class Command(BaseCommand):
    help = (
        "Train the spam model from ../shared/corpora/spam (YouTube and SMS collections), "
        "print its cross-source scores and write the model shipped in the package; or, with "
        "--from-decisions, retrain on moderators' approve/spam decisions and use the result "
        "only if it scores at least as well as the current model on held-out decisions."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--corpus",
            type=Path,
            default=DEFAULT_CORPUS,
            help="The labelled collection (default: ../shared/corpora/spam).",
        )
        parser.add_argument(
            "--output",
            type=Path,
            default=SHIPPED,
            help="Where to write the model (default: the one in the package).",
        )
        parser.add_argument(
            "--evaluate-only", action="store_true", help="Measure across sources; write nothing."
        )
        parser.add_argument(
            "--baseline",
            action="store_true",
            help="With --evaluate-only: measure the TF-IDF + logistic regression baseline.",
        )
        parser.add_argument(
            "--from-decisions",
            action="store_true",
            help="Retrain on the moderators' decisions (plus the collection "
            "when it is there); keep it only if it does no worse.",
        )

    def handle(
        self,
        *args,
        corpus: Path,
        output: Path,
        evaluate_only: bool,
        from_decisions: bool,
        baseline: bool = False,
        **options,
    ):
        started = time.monotonic()
        self.verbosity = options.get("verbosity", 1)
        if from_decisions:
            self._retrain(corpus)
        else:
            self._train(corpus, output, evaluate_only, baseline)
        self.stdout.write(f"Done in {time.monotonic() - started:.1f} s.")

    def _progress(self, message: str) -> None:
        if self.verbosity:
            self.stdout.write(message)

    def _read(self, folder: Path):
        try:
            return corpus.read_collection(folder)
        except corpus.CorpusError as error:
            raise CommandError(str(error)) from None

    def _train(self, folder: Path, output: Path, evaluate_only: bool, baseline: bool) -> None:
        sources = self._read(folder)
        self._progress(f"Read {sum(map(len, sources.values()))} labelled comments from {folder}.")
        if evaluate_only:
            learner = training.fit_baseline if baseline else None
            results = training.cross_source(sources, self._progress, learner)
            self.stdout.write(
                "Cross-source scores (never on training data; each unseen source at thresholds "
                "chosen by cross-validation on the other sources, never on itself):"
            )
            for result in results:
                self.stdout.write("  " + result.line())
            return
        model, results, thresholds = training.train_shipped(sources, self._progress)
        model.save(output)
        self.stdout.write(
            f"Default thresholds, chosen on out-of-fold scores: hold from "
            f"{thresholds.hold_from}, spam folder from {thresholds.spam_from}. Those scores at "
            "them (the thresholds saw these; --evaluate-only gives the honest figures):"
        )
        for result in results:
            self.stdout.write("  " + result.line())
        self.stdout.write(f"Model written to {output} ({output.stat().st_size} bytes).")

    def _retrain(self, folder: Path) -> None:
        from dateline.discussion.models import SpamModelVersion
        from dateline.discussion.rules import rules_for_default_site
        from dateline.discussion.spamfilter.active import active_model, model_changed
        from dateline.discussion.spamfilter.decisions import moderator_decisions

        decisions = moderator_decisions()
        self._progress(
            f"{len(decisions)} moderator decisions ({sum(s.spam for s in decisions)} spam)."
        )
        why_not = training.too_few_decisions(decisions)
        if why_not:
            self.stdout.write(f"Kept the current model: {why_not}.")
            return
        samples = []
        if folder.is_dir():
            samples = [s for source in self._read(folder).values() for s in source]
            self._progress(f"With {len(samples)} labelled comments from {folder}.")
        # Both models are judged at the hold score the site uses, not the shipped default.
        hold_from = rules_for_default_site().spam_hold_from
        result = training.retrain(decisions, active_model(), samples, hold_from)
        if result.model is None:
            self.stdout.write(f"Kept the current model: {result.why}.")
            return
        SpamModelVersion.objects.create(
            data=result.model.to_bytes(),
            accepted=result.accepted,
            summary=result.why,
            decisions=len(decisions),
        )
        if result.accepted:
            model_changed()
            self.stdout.write(f"Using the retrained model: {result.why}.")
        else:
            self.stdout.write(
                f"Kept the current model (the retrained one did worse): {result.why}."
            )
