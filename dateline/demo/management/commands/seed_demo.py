"""`dateline seed_demo`: the demo newsroom on an empty database, or a scale data set."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from dateline.demo.accounts import ensure_editor_accounts
from dateline.demo.builder import build_demo, planned_counts
from dateline.demo.progress import Progress
from dateline.demo.scale import DEFAULT_BATCH, build_scale, planned_scale
from dateline.news.models import ArticlePage


class Command(BaseCommand):
    help = (
        "Create the demo newsroom (sections, authors, topics, about 40 stories, two editor "
        "accounts) on a database without articles. With --articles N, build N filler "
        "articles quickly for scale tests instead."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--articles", type=int, metavar="N", help="build a scale data set of N filler articles"
        )
        parser.add_argument(
            "--append",
            action="store_true",
            help="with --articles: add them even if the newsroom has articles",
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=DEFAULT_BATCH,
            help="with --articles: articles per transaction (default %(default)s)",
        )
        parser.add_argument(
            "--no-index",
            action="store_true",
            help="with --articles: skip the search index (faster)",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="say what would be created, write nothing"
        )

    def handle(
        self,
        *args,
        articles=None,
        append=False,
        batch_size=DEFAULT_BATCH,
        no_index=False,
        dry_run=False,
        **options,
    ):
        if articles is not None and articles < 1:
            raise CommandError("--articles needs a number of at least 1")
        if batch_size < 1:
            raise CommandError("--batch-size needs a number of at least 1")
        if append and articles is None:
            raise CommandError("--append only applies with --articles")
        existing = ArticlePage.objects.count()
        if existing and not append:
            self.stdout.write(f"The newsroom already has {existing} articles; leaving it as it is.")
            return
        if dry_run:
            plan = planned_scale(articles) if articles is not None else planned_counts()
            self.stdout.write(
                f"Would create up to {plan.sections} sections, {plan.topics} topics, "
                f"{plan.authors} authors, {plan.articles} articles and {plan.images} images, "
                "plus the 'editor', 'reviewer' and 'moderator' accounts (dry run: nothing "
                "written)."
            )
            return

        def progress(label, total):
            return Progress(self.stdout, label, total)

        if articles is not None:
            # Batches commit one by one; the accounts come first so an interrupted run has them.
            logins = ensure_editor_accounts()
            summary = build_scale(
                articles, progress_factory=progress, batch_size=batch_size, index=not no_index
            )
        else:
            with transaction.atomic():  # the whole demo and its editors, or nothing
                summary = build_demo(progress_factory=progress)
                logins = ensure_editor_accounts()
        call_command("optimize_database", verbosity=0)  # fresh planner statistics for the new rows
        self._report(logins)
        self.stdout.write(self.style.SUCCESS(str(summary)))

    def _report(self, logins):
        admin = f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}/admin/"
        for login in logins:
            if not login.created:
                self.stdout.write(
                    f"Account '{login.username}' already exists; its password is unchanged."
                )
                continue
            self.stdout.write(
                f"{login.username.capitalize()} login ({login.role}; {login.group}) for "
                f"{admin}: {login.username} / {login.password} (shown once; reset with "
                f"`dateline changepassword {login.username}`)"
            )
