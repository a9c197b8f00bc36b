"""What an import did: counts per kind and outcome, and the reasons behind anything not created.

Outcomes of one item are staged while its transaction runs and kept only if it commits, so the
summary never counts a comment that a rolled-back post took with it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field

OUTCOMES = ("created", "updated", "unchanged", "skipped", "failed")
KINDS = (
    *("authors", "users", "sections", "topics", "images", "files", "articles", "pages"),
    *("comments", "redirects", "other"),
)
MAX_GROUPS = 500  # distinct reasons kept; a hostile file must not grow the report forever
EXAMPLES = 3


@dataclass
class _Group:
    count: int = 0
    examples: list[str] = field(default_factory=list)


class Report:
    """Counts and reasons; :meth:`format` renders the summary the command prints."""

    def __init__(self) -> None:
        self.counts: dict[str, Counter] = defaultdict(Counter)
        self.groups: dict[tuple[str, str, str], _Group] = {}
        self.dropped_groups = 0
        self.problems: list[str] = []
        self.heading = ""
        self.dry_run = False
        self.stopped: str | None = None
        self._stage: list[tuple[str, str, str, str]] | None = None

    def add(self, kind: str, outcome: str, label: str = "", reason: str = "") -> None:
        """Count one outcome; a reason (why skipped, failed or noted) is listed in the summary."""
        assert outcome in OUTCOMES, outcome
        if self._stage is not None:
            self._stage.append((kind, outcome, label, reason))
        else:
            self._record(kind, outcome, label, reason)

    def _record(self, kind: str, outcome: str, label: str, reason: str) -> None:
        self.counts[kind][outcome] += 1
        if not reason:
            return
        key = (kind, outcome, reason)
        group = self.groups.get(key)
        if group is None:
            if len(self.groups) >= MAX_GROUPS:
                self.dropped_groups += 1
                return
            group = self.groups[key] = _Group()
        group.count += 1
        if label and len(group.examples) < EXAMPLES:
            group.examples.append(label)

    @contextmanager
    def item(self):
        """Stage the outcomes of one item; they count only if the block finishes."""
        outer, self._stage = self._stage, []
        try:
            yield
        except BaseException:
            self._stage = outer
            raise
        staged, self._stage = self._stage, outer
        for entry in staged:
            self.add(*entry)

    def total(self, outcome: str, kind: str | None = None) -> int:
        kinds = [kind] if kind else list(self.counts)
        return sum(self.counts[k][outcome] for k in kinds)

    def format(self) -> str:
        lines = [self.heading] if self.heading else []
        if self.dry_run:
            lines.append("Dry run: nothing was written. The import would do this:")
        kinds = [k for k in KINDS if k in self.counts] + sorted(set(self.counts) - set(KINDS))
        width = max([len(k) for k in kinds] + [10])
        lines.append(" " * (width + 2) + "".join(f"{o:>11}" for o in OUTCOMES))
        for kind in kinds:
            counts = self.counts[kind]
            lines.append(f"  {kind:<{width}}" + "".join(f"{counts[o]:>11}" for o in OUTCOMES))
        titles = {
            "failed": "Failed",
            "skipped": "Skipped",
            "created": "Notes",
            "updated": "Updated",
            "unchanged": "Unchanged",
        }
        for outcome in ("failed", "skipped", "updated", "unchanged", "created"):
            groups = [(k, g) for k, g in self.groups.items() if k[1] == outcome]
            if not groups:
                continue
            lines.append(f"{titles[outcome]}:")
            for (kind, _, reason), group in groups:
                examples = "; ".join(group.examples)
                more = f" (e.g. {examples})" if examples else ""
                count = f"{group.count} × " if group.count > 1 else ""
                lines.append(f"  {kind}: {count}{reason}{more}")
        if self.dropped_groups:
            lines.append(f"  ... and {self.dropped_groups} more outcomes with other reasons")
        if self.problems:
            lines.append("Problems reading the file:")
            lines.extend(f"  {p}" for p in self.problems)
        if self.stopped:
            lines.append(f"INCOMPLETE: {self.stopped}")
        return "\n".join(lines)
