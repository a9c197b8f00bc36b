"""Static files with fingerprinted names, and gzip and brotli copies, once collected.

`dateline serve` (and so `dateline demo`) collects before it serves (core/static_collection.py):
every file gets a name carrying a hash of its content (site.3f2a9c1b0e7d.css), which WhiteNoise
serves with a year's `immutable` caching, beside .gz and, when the Brotli package is installed,
.br copies. A change to a file changes its name, so no reader keeps a stale one.

Before the first collection there is no manifest: a page rendered then (`dateline runserver`,
a command that renders a page or a mail) gets the plain name, which WhiteNoise's finders serve in
development, instead of failing. Once a manifest exists, a name missing from it is still an error.
"""

from __future__ import annotations

from whitenoise.storage import CompressedManifestStaticFilesStorage


class FingerprintedStaticStorage(CompressedManifestStaticFilesStorage):
    def stored_name(self, name: str) -> str:
        if not self.hashed_files:  # never collected in this data folder
            return name
        return super().stored_name(name)
