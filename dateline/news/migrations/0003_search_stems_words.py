"""SQLite search matches word stems: "ferry" finds "ferries" and the reverse.

Wagtail's database search backend (modelsearch) creates its SQLite FTS5 table with FTS5's
default tokenizer, which does not stem. This recreates that table with the Porter stemmer
(`porter unicode61 remove_diacritics 2`: English stems, accents folded) and refills it from the
index entries, which keep their own copy of every indexed text. The backend's triggers name the
table, not its definition, so they keep it in step afterwards. PostgreSQL stems through its
text-search configuration instead (settings: SEARCH_CONFIG), nothing to do here.
"""

from django.db import migrations

TOKENIZER = "porter unicode61 remove_diacritics 2"


def _recreate(apps, schema_editor, tokenizer):
    connection = schema_editor.connection
    if connection.vendor != "sqlite":
        return
    entries = apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table
    fts = f"{entries}_fts"
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        if fts not in tables:  # this SQLite has no FTS5: the backend searches without it
            return
        cursor.execute(f"DROP TABLE {fts}")
        tokenize = f", tokenize='{tokenizer}'" if tokenizer else ""
        cursor.execute(f"CREATE VIRTUAL TABLE {fts} USING fts5(autocomplete, body, title{tokenize})")
        cursor.execute(
            f"INSERT INTO {fts}(rowid, title, body, autocomplete) "  # noqa: S608 - table names
            f"SELECT id, title, body, autocomplete FROM {entries}"
        )


def stem(apps, schema_editor):
    _recreate(apps, schema_editor, TOKENIZER)


def unstem(apps, schema_editor):
    _recreate(apps, schema_editor, "")


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0002_infopage"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(stem, unstem)]
