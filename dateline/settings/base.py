"""Settings shared by every mode. Values an operator may change come from env.py."""

from __future__ import annotations

from pathlib import Path

from . import env

PACKAGE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = env.data_dir()

DEBUG = False
SECRET_KEY = env.secret_key(DATA_DIR, required=False)
ALLOWED_HOSTS = env.allowed_hosts(["127.0.0.1", "localhost", "[::1]"])

INSTALLED_APPS = [
    "dateline.core",
    "dateline.news",
    "dateline.discussion",
    "dateline.importers",
    "dateline.wire",
    "dateline.demo",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "wagtail.api.v2",
    "rest_framework",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    # Outermost, so everything beneath (edge files, the page cache) keeps the uncompressed page
    # and each reader gets gzip only if they accept it; Django adds Vary: Accept-Encoding and
    # its BREACH mitigation. Static files are WhiteNoise's, precompressed where collected.
    "django.middleware.gzip.GZipMiddleware",
    # Edge mode writes cached pages for nginx with every header readers get (core/edge.py).
    "dateline.core.edge.EdgeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "dateline.core.middleware.SecurityHeadersMiddleware",
    "dateline.core.middleware.RejectNulBytesMiddleware",
    "dateline.core.pagecache.PageCacheMiddleware",
    # A killed story's address answers 410 Gone, never a cached copy (news/gone.py).
    "dateline.news.gone.GoneMiddleware",
    "dateline.core.sitewide.SitewideMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A publication refused deep in an admin action (embargo, kill) becomes a message.
    "dateline.news.admin_schedule.PublishRefusedMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "dateline.urls"
WSGI_APPLICATION = "dateline.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "dateline.core.context_processors.newsroom",
            ],
        },
    },
]

DATABASES = {"default": env.database(DATA_DIR / "dateline.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

_redis = env.redis_url()
if _redis:
    CACHES = {
        "default": {
            # Redis down or hung costs a miss, never an error (docs/operations.md, degraded mode).
            "BACKEND": "dateline.core.resilient_cache.ResilientRedisCache",
            "LOCATION": _redis,
            "KEY_PREFIX": "dateline",
            "OPTIONS": {
                # While Redis is skipped, pages come from this machine's own short-lived copies
                # (shared by its worker processes) instead of all being rendered.
                "FALLBACK_LOCATION": str(DATA_DIR / "cache-fallback"),
                "FALLBACK_SECONDS": env.integer("DATELINE_REDIS_FALLBACK_SECONDS", 10),
            },
        }
    }
else:
    # A file cache is shared by every worker process on the machine, unlike local memory,
    # so rate limits and cached pages hold across server worker processes.
    CACHES = {
        "default": {
            "BACKEND": "dateline.core.filecache.FileCache",
            "LOCATION": str(DATA_DIR / "cache"),
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    }

# Wagtail looks up image renditions on every page; a per-process memory cache spares the shared
# cache (and its disk) those reads and writes.
CACHES["renditions"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "OPTIONS": {"MAX_ENTRIES": 5000},
}

# Database sessions: a cache-only session store loops when the cache fails (docs/decisions).
SESSION_ENGINE = "django.contrib.sessions.backends.db"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = env.time_zone()
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise warns at start-up when it is missing
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
DATELINE_SERVE_MEDIA = env.flag("DATELINE_SERVE_MEDIA", default=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Fingerprinted names, .gz and .br copies, collected by `dateline serve` (core/static_storage).
    "staticfiles": {"BACKEND": "dateline.core.static_storage.FingerprintedStaticStorage"},
}

TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env.text("DATELINE_FROM_EMAIL", "newsroom@localhost")

WAGTAIL_SITE_NAME = "Dateline"
# A page an editor protected with a password asks for it in the site's own layout and language.
WAGTAIL_PASSWORD_REQUIRED_TEMPLATE = "core/password_required.html"  # noqa: S105 - a template
DATELINE_BASE_URL = env.base_url("http://127.0.0.1:8000")
WAGTAILADMIN_BASE_URL = DATELINE_BASE_URL
WAGTAILSEARCH_BACKENDS = {"default": env.search_backend()}
# On PostgreSQL the database search backend stems words with a text-search configuration: the
# one of the site's language, named here rather than left to the server's default (SQLite stems
# English through FTS5's Porter tokenizer, set up by news migration 0003; docs/search.md).
POSTGRES_TEXT_SEARCH = {
    "da": "danish", "de": "german", "en": "english", "es": "spanish", "fi": "finnish",
    "fr": "french", "hu": "hungarian", "it": "italian", "nl": "dutch", "no": "norwegian",
    "nb": "norwegian", "pt": "portuguese", "ro": "romanian", "ru": "russian", "sv": "swedish",
    "tr": "turkish",
}  # fmt: skip
SEARCH_CONFIG = POSTGRES_TEXT_SEARCH.get(LANGUAGE_CODE.split("-")[0], "simple")
if WAGTAILSEARCH_BACKENDS["default"]["BACKEND"].endswith(".database"):
    WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] = SEARCH_CONFIG
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# Every image upload is judged by its header before it is decoded (dateline/core/images.py).
WAGTAILIMAGES_IMAGE_FORM_BASE = "dateline.core.images.DatelineImageForm"
DATELINE_IMAGE_MAX_SIDE = 20_000
WAGTAIL_I18N_ENABLED = False
WAGTAILEMBEDS_RESPONSIVE_HTML = True
# Editors write; moderators moderate comments. Each role is a group (created by a migration).
WAGTAIL_WORKFLOW_ENABLED = True
# No Gravatar in the admin: a staff member's email hash would leave the server, and with no
# network the avatar is a broken image. Wagtail then shows its own default avatar.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Page cache (dateline/core/pagecache.py): whole public pages for anonymous readers.
DATELINE_PAGE_CACHE = env.flag("DATELINE_PAGE_CACHE", default=True)
DATELINE_PAGE_CACHE_SECONDS = env.integer("DATELINE_PAGE_CACHE_SECONDS", 3600)
# After a purge, readers get the previous copy for at most this long while one request renders
# the page, one render per page every quarter second (core/pagegrace.py); 0 turns grace off.
DATELINE_PAGE_CACHE_GRACE_SECONDS = env.integer("DATELINE_PAGE_CACHE_GRACE_SECONDS", 10)
# Site settings every page reads, kept in process memory per site version (core/sitewide.py).
DATELINE_SITEWIDE_SETTINGS = ("core.NewsroomSettings", "discussion.DiscussionSettings")

# Edge mode: cached pages are also written to this folder for nginx to serve directly
# (dateline/core/edge.py; `dateline edge_config` prints the nginx configuration).
DATELINE_EDGE_ROOT = env.edge_root()
# A new `dateline serve` worker renders the front page and the newest pages before it answers
# anyone (core/warm_up.py): this many pages, 0 for none.
DATELINE_WARM_UP_PAGES = env.integer("DATELINE_WARM_UP_PAGES", 4)
# Interpreter switch interval of server workers (dateline/wsgi.py); None keeps Python's 5 ms.
DATELINE_SWITCH_INTERVAL_MS = env.switch_interval_ms()
# With several servers in edge mode, each purge also reaches the others' folders
# (dateline/core/edge_peers.py).
DATELINE_EDGE_PEERS = env.edge_peers()

# A CDN or caching proxy in front gets the same purges as the page cache (Wagtail's
# frontend-cache backends; other backends, such as Cloudflare or CloudFront, are set the same way
# in a settings module of your own: docs/operations.md).
_purge_url = env.purge_url()
if _purge_url:
    INSTALLED_APPS.append("wagtail.contrib.frontend_cache")
    WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": _purge_url,
        }
    }

X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
CSRF_COOKIE_HTTPONLY = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"dateline": {"level": "INFO"}},
}

# Discussion ------------------------------------------------------------------------------------
# Commenters' emails are encrypted (Fernet, key id prefixed) and looked up through a keyed blind
# index. Without environment keys both keys live in the data folder, created on first use.
DATELINE_EMAIL_KEYS = env.email_keys()
DATELINE_EMAIL_KEY_FILE = DATA_DIR / "email_keys.txt"
DATELINE_EMAIL_INDEX_KEY = env.email_index_key()
DATELINE_EMAIL_INDEX_KEY_FILE = DATA_DIR / "email_index_key.txt"
# Only these proxies' X-Forwarded-For is believed (a forged header must not dodge rate limits).
DATELINE_TRUSTED_PROXIES = env.trusted_proxies()
# The cache alias that holds rendered comment threads (rate limits are counted in the comments
# table itself: dateline/discussion/ratelimit.py).
DATELINE_DISCUSSION_CACHE = "default"
DATELINE_DISCUSSION_IP_RETENTION_DAYS = env.integer("DATELINE_IP_RETENTION_DAYS", 30)
# The signed form token: a post sooner than this after the page was rendered is a bot; a token
# older than the maximum is refused (the reader's text is kept and a fresh token given).
DATELINE_DISCUSSION_FORM_MIN_SECONDS = 3
DATELINE_DISCUSSION_FORM_MAX_AGE = 2 * 60 * 60
# The reader's own discussion cookies (dateline_comments, dateline_commenter) make the page
# cache step aside; responses rendered from them are marked private, no-store by this middleware.
MIDDLEWARE = [*MIDDLEWARE, "dateline.discussion.middleware.PrivateReaderResponseMiddleware"]
