"""The nginx configuration of edge mode, generated from the settings (`dateline edge_config`).

nginx answers GET and HEAD of an address without a query string, from a reader without a
session or discussion cookie, from today's folder of DATELINE_EDGE_ROOT when the page is there;
everything else (misses, POSTs, the admin, search, pages with ?page=) goes to Dateline. Static
files and media come from disk. The headers nginx adds are the ones dateline/core/edge.py
requires of a page before it writes its file, so a page reads the same from either.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings

from dateline.core import edge, media, pagecache

UPSTREAM = "dateline_app"
# Long-lived static files carry a content hash in their names (ManifestStaticFilesStorage).
HASHED_STATIC = r"\.[0-9a-f]{12}\.[A-Za-z0-9]+$"
MINIMAL_TYPES = {
    "text/html": "html",
    "text/css": "css",
    "text/plain": "txt",
    "application/javascript": "js mjs",
    "application/json": "json map",
    "application/xml": "xml",
    "application/pdf": "pdf",
    "image/svg+xml": "svg",
    "image/png": "png",
    "image/jpeg": "jpg jpeg",
    "image/gif": "gif",
    "image/webp": "webp",
    "image/avif": "avif",
    "image/x-icon": "ico",
    "font/woff2": "woff2",
    "font/woff": "woff",
}
_LISTEN = re.compile(r"^[A-Za-z0-9_.:\[\] ]+$")
_UPSTREAM = re.compile(r"^(unix:/[\w./-]+|[\w.-]+:\d+|\[[0-9A-Fa-f:]+\]:\d+)$")


def quoted(value) -> str:
    """A string nginx reads back unchanged (nginx has no escape for "$": refused, with \n)."""
    text = str(value)
    if any(c in text for c in "$\r\n\0"):
        raise ValueError(f"{text!r} cannot go in an nginx configuration")
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def zone_offsets(name: str, days: int = 3 * 366) -> list[str]:
    """Every UTC offset the newsroom's zone uses in the coming years, as nginx writes them."""
    zone, start = ZoneInfo(name), datetime.now(UTC)
    offsets = set()
    for day in range(-1, days):
        offset = (start + timedelta(days=day)).astimezone(zone).utcoffset()
        minutes = int(offset.total_seconds()) // 60
        sign = "+" if minutes >= 0 else "-"
        offsets.add(f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}")
    return sorted(offsets)


def server_names() -> str:
    names = sorted(edge.hosts())
    names += sorted(h for h in settings.ALLOWED_HOSTS if h.startswith(".") and "/" not in h)
    return " ".join(quoted(n) for n in names) or "_"


def _headers(indent: str, cache_control: str | None) -> str:
    lines = [f"add_header {name} {quoted(value)};" for name, value in edge.page_headers().items()]
    if edge.hsts_header():
        lines.append("add_header Strict-Transport-Security $dateline_hsts;")
    if cache_control:
        lines.append(f"add_header Cache-Control {cache_control};")
    return "\n".join(indent + line for line in lines)


def _maps() -> str:
    offsets = "|".join(re.escape(o) for o in zone_offsets(settings.TIME_ZONE))
    cookies = "|".join(re.escape(c) for c in _bypass_cookies())
    schemes = ["https"] if settings.SECURE_SSL_REDIRECT else ["http", "https"]
    edge_entries = "\n".join(
        f'    "{method}:::{scheme}" $dateline_today;'
        for method in ("GET", "HEAD")
        for scheme in schemes
    )
    hsts = edge.hsts_header()
    return f"""\
# Today's folder, named by the newsroom's date ({settings.TIME_ZONE}). When nginx's own clock is
# in another zone, "-" (no folder): every page then comes from Dateline, slower but never stale.
map $time_iso8601 $dateline_today {{
    "~^(?<dateline_day>\\d{{4}}-\\d\\d-\\d\\d)T\\d\\d:\\d\\d:\\d\\d(?:{offsets})$" $dateline_day;
    default "-";
}}

# A reader with a session or their own discussion cookies gets their own page from Dateline.
map $http_cookie $dateline_cookie {{
    "~(?:^|;)\\s*(?:{cookies})\\s*=" "own";
    default "";
}}

# Files answer GET and HEAD without a query string{
        " over HTTPS (Dateline redirects HTTP)" if settings.SECURE_SSL_REDIRECT else ""
    }; all else is "-".
map "$request_method:$is_args:$dateline_cookie:$scheme" $dateline_edge {{
{edge_entries}
    default "-";
}}

map $scheme $dateline_hsts {{
    https {quoted(hsts or "")};
    default "";
}}

map $uri $dateline_static_cache {{
    "~{HASHED_STATIC}" "max-age=315360000, public, immutable";
    default "max-age=60, public";
}}

# Renditions are never rewritten under one name; originals may be (core/media.py).
map $uri $dateline_media_cache {{
    "~^/media/{media.RENDITIONS}" {quoted(media.RENDITION_CACHE)};
    default {quoted(media.ORIGINAL_CACHE)};
}}
"""


def _bypass_cookies() -> tuple[str, ...]:
    return tuple(
        getattr(settings, "DATELINE_PAGE_CACHE_BYPASS_COOKIES", pagecache.DEFAULT_BYPASS_COOKIES)
    )


def server_config(listen: str = "80", upstream: str = "127.0.0.1:8000") -> str:
    """The http-level part: maps, the upstream and the server block."""
    if not _LISTEN.match(listen):
        raise ValueError(f"--listen {listen!r}: expected e.g. 80, 127.0.0.1:8080 or '443 ssl'")
    if not _UPSTREAM.match(upstream):
        raise ValueError(f"--upstream {upstream!r}: expected HOST:PORT or unix:/path")
    base = edge.root()
    if base is None:
        raise ValueError(
            "DATELINE_EDGE_ROOT is not set, so edge mode is off: set it to the folder the page "
            'cache writes pages to (docs/operations.md, "Edge mode")'
        )
    pages = "/$dateline_edge/$host${uri}"
    candidates = " ".join(f"{pages}{name}" for name in edge.FILE_NAMES.values())
    types = " ".join(
        f"{mime.split(';')[0]} {name.split('.')[1]};" for mime, name in edge.FILE_NAMES.items()
    )
    # text/html always takes the charset; nginx warns when it is listed again.
    charset_types = " ".join(
        mime.split(";")[0] for mime in edge.FILE_NAMES if not mime.startswith("text/html")
    )
    proxied = "\n".join(
        f"    location ^~ {prefix} {{\n"
        + ("        client_max_body_size 64m;\n" if "admin" in prefix else "")
        + f"        proxy_pass http://{UPSTREAM};\n    }}"
        for prefix in pagecache.BYPASS_PREFIXES
        if prefix not in ("/static/", "/media/")
    )
    return f"""\
# Dateline edge mode, generated by `dateline edge_config`: regenerate it after changing
# settings or upgrading Dateline. It belongs in nginx's http {{}} block (conf.d/dateline.conf).
# nginx must run in the newsroom's time zone: TZ={settings.TIME_ZONE} in its environment
# (systemd: a drop-in for nginx.service with Environment=TZ={settings.TIME_ZONE}).

upstream {UPSTREAM} {{
    server {upstream};
    keepalive 32;
}}

{_maps()}
server {{
    listen {listen};
    server_name {server_names()};
    server_tokens off;
    root {quoted(base / edge.PAGES)};

    proxy_http_version 1.1;
    proxy_set_header Connection "";
    proxy_set_header Host $http_host;
    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    proxy_set_header X-Forwarded-Proto $scheme;

    # Cached pages: a file of today's folder, or Dateline.
    location / {{
        try_files {candidates} @dateline;
        # Each page has a gzip copy beside it (core/edge.py), sent to readers who accept gzip.
        gzip_static on;
        gzip_vary on;
        error_page 404 = @dateline;  # purged between nginx's look and its read
        types {{ {types} }}
        default_type application/octet-stream;
        charset utf-8;
        charset_types {charset_types};
{_headers("        ", '"public, max-age=0"')}
        add_header X-Dateline-Cache edge;
    }}

    location @dateline {{
        proxy_pass http://{UPSTREAM};
    }}

{proxied}

    location ^~ /static/ {{
        alias {quoted(str(settings.STATIC_ROOT).rstrip("/") + "/")};
        gzip_static on;
        gzip_vary on;
{_headers("        ", "$dateline_static_cache")}
    }}

    # Documents go through Dateline, which checks their collection's privacy.
    location ^~ /media/documents/ {{
        return 404;
    }}

    location ^~ /media/ {{
        alias {quoted(str(settings.MEDIA_ROOT).rstrip("/") + "/")};
{_headers("        ", "$dateline_media_cache")}
    }}
}}
"""


def full_config(prefix, listen: str = "80", upstream: str = "127.0.0.1:8000") -> str:
    """A whole nginx.conf around server_config(), its pid, log and temporary files in `prefix`:
    for one box, the tests and the benchmark. Start nginx with TZ set (see the first lines)."""
    types = "\n".join(f"        {mime} {names};" for mime, names in MINIMAL_TYPES.items())
    temp = "\n".join(
        f"    {kind}_temp_path {quoted(f'{prefix}/{kind}_temp')};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    inner = "\n".join(
        "    " + line if line else "" for line in server_config(listen, upstream).splitlines()
    )
    return f"""\
# A standalone nginx.conf for Dateline's edge mode: TZ={settings.TIME_ZONE} nginx -c THIS_FILE
worker_processes auto;
pid {quoted(f"{prefix}/nginx.pid")};
error_log {quoted(f"{prefix}/error.log")};
events {{ worker_connections 1024; }}

http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 10000;
{temp}
    types {{
{types}
    }}
    default_type application/octet-stream;

{inner}
}}
"""
