"""Is the database ready for Dateline? One plain sentence when it is not.

A newcomer who runs `dateline import wordpress EXPORT.xml` (or any command that reads the
newsroom) on a brand-new data folder used to get a Python traceback ending in
`no such table: news_homepage`. The console script asks this module what went wrong instead:
an unreachable database, a database never migrated, or one that lacks the migrations of an
upgrade, each answered with the command to run. The schema is never changed behind the
operator's back: a wrong DATABASE_URL pointing at some other empty database must not be filled
with Dateline's tables by a command that was only meant to read.
"""

from __future__ import annotations

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections


def describe_database(alias: str = DEFAULT_DB_ALIAS) -> str:
    """Where the database is, for a message: the SQLite file, or name@host (never a password)."""
    config = connections[alias].settings_dict
    if connections[alias].vendor == "sqlite":
        return f"SQLite file {config['NAME']}"
    host = config.get("HOST") or "localhost"
    port = f":{config['PORT']}" if config.get("PORT") else ""
    return f"{config['NAME']} on {host}{port}"


def _cannot_use(where: str, error: Exception) -> str:
    first_line = (str(error).strip().splitlines() or [repr(error)])[0].rstrip(".")
    return (
        f"cannot use the database ({where}): {first_line}. "
        "Check DATABASE_URL (README, Configuration)."
    )


def unreachable(alias: str = DEFAULT_DB_ALIAS) -> str | None:
    """Why the database cannot be reached (wrong address, no such database, refused), or None."""
    connection = connections[alias]
    # A statement that failed may have left the connection unusable (PostgreSQL): start afresh.
    connection.close()
    try:
        connection.ensure_connection()
    except DatabaseError as error:
        return _cannot_use(describe_database(alias), error)
    return None


def problem(alias: str = DEFAULT_DB_ALIAS) -> str | None:
    """What stops commands from using the database, with the command that fixes it; None if
    the database is reachable and fully migrated."""
    from django.db.migrations.executor import MigrationExecutor

    if message := unreachable(alias):
        return message
    where = describe_database(alias)
    try:
        executor = MigrationExecutor(connections[alias])
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        applied = executor.loader.applied_migrations
    except DatabaseError as error:
        return _cannot_use(where, error)
    if not plan:
        return None
    if not applied:
        return (
            f"the database ({where}) is not set up yet: run `dateline migrate` first "
            "(or `dateline demo` for the demo newsroom)."
        )
    return (
        f"the database ({where}) lacks {len(plan)} migration(s) of this version of Dateline: "
        "run `dateline migrate` first."
    )
