"""Operators meet Dateline through its console script and its environment variables."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

DATELINE = str(Path(sys.executable).with_name("dateline"))


def _run(args, tmp_path, **env):
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE", "DATABASE_URL"}
    }
    environment.update({"DATELINE_DATA_DIR": str(tmp_path / "data"), **env})
    return subprocess.run(
        [DATELINE, *args], capture_output=True, text=True, env=environment, timeout=120
    )


def test_help_lists_dateline_verbs_and_django_commands(tmp_path):
    result = _run(["--help"], tmp_path)
    assert result.returncode == 0
    for word in ["demo", "serve", "worker", "migrate", "createsuperuser", "seed_demo"]:
        assert word in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = _run(
        ["check"],
        tmp_path,
        DJANGO_SETTINGS_MODULE="dateline.settings.production",
        ALLOWED_HOSTS="news.example.org",
    )
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts(tmp_path):
    result = _run(
        ["check"],
        tmp_path,
        DJANGO_SETTINGS_MODULE="dateline.settings.production",
        SECRET_KEY="x" * 64,
    )
    assert result.returncode != 0
    assert "ALLOWED_HOSTS is not set" in result.stderr


def test_production_check_deploy_reports_no_warnings(tmp_path):
    result = _run(
        ["check", "--deploy", "--fail-level", "WARNING"],
        tmp_path,
        DJANGO_SETTINGS_MODULE="dateline.settings.production",
        SECRET_KEY="k3y-" + "abcdefghijklmnopqrstuvwxyz0123456789" * 2,
        ALLOWED_HOSTS="news.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_development_keeps_a_generated_secret_key_in_the_data_folder(tmp_path):
    assert _run(["check"], tmp_path).returncode == 0
    key_file = tmp_path / "data" / "secret_key.txt"
    first = key_file.read_text()
    assert len(first) >= 50
    assert _run(["check"], tmp_path).returncode == 0
    assert key_file.read_text() == first


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("DATELINE_TIME_ZONE", "Mars/Olympus", "not an IANA time zone"),
        ("DATABASE_URL", "nonsense://", "DATABASE_URL"),
        ("DATELINE_SERVE_MEDIA", "perhaps", "yes/no value"),
        ("DATELINE_SWITCH_INTERVAL_MS", "0", "milliseconds from 0.05 to 100"),
        ("DATELINE_SWITCH_INTERVAL_MS", "fast", "milliseconds from 0.05 to 100"),
        ("DATELINE_EDGE_PEERS", "10.0.0.12:8000", "base URLs such as"),
        ("DATELINE_EDGE_PEERS", "http://10.0.0.12:8000/path", "base URLs such as"),
    ],
)
def test_bad_environment_values_get_a_specific_message(tmp_path, name, value, message):
    result = _run(["check"], tmp_path, **{name: value})
    assert result.returncode != 0
    assert message in result.stderr


def test_passthrough_runs_django_management_commands(tmp_path):
    result = _run(["showmigrations", "news"], tmp_path)
    assert result.returncode == 0
    assert "0001_initial" in result.stdout


def test_search_backend_and_server_come_from_the_environment(tmp_path):
    code = "from django.conf import settings; print(settings.WAGTAILSEARCH_BACKENDS['default'])"
    result = _run(
        ["shell", "-c", code],
        tmp_path,
        DATELINE_SEARCH_BACKEND="opensearch3",
        DATELINE_SEARCH_URL="https://search.internal:9200",
    )
    assert "wagtail.search.backends.opensearch3" in result.stdout
    assert "https://search.internal:9200" in result.stdout
    refused = _run(["check"], tmp_path, DATELINE_SEARCH_BACKEND="opensearch3")
    assert "needs DATELINE_SEARCH_URL" in refused.stderr


@pytest.mark.parametrize("url", [None, "postgres://db.internal/dateline"])
def test_database_connections_are_kept_between_requests_on_both_databases(
    monkeypatch, tmp_path, url
):
    from dateline.settings import env

    monkeypatch.delenv("DATABASE_URL", raising=False)
    if url:
        monkeypatch.setenv("DATABASE_URL", url)
    assert env.database(tmp_path / "db.sqlite3")["CONN_MAX_AGE"] == 60
    monkeypatch.setenv("DATELINE_DB_CONN_MAX_AGE", "0")
    assert env.database(tmp_path / "db.sqlite3")["CONN_MAX_AGE"] == 0
