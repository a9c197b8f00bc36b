"""Production: refuses to start without a secret; HTTPS everywhere; `check --deploy` is clean."""

from . import env
from .base import *  # noqa: F403
from .base import DATA_DIR

DEBUG = False
SECRET_KEY = env.secret_key(DATA_DIR, required=True)
ALLOWED_HOSTS = env.allowed_hosts([])
if not ALLOWED_HOSTS:
    raise env.ConfigurationError(
        "ALLOWED_HOSTS is not set. List the host names this site answers to, comma-separated."
    )

SECURE_SSL_REDIRECT = env.flag("DATELINE_SSL_REDIRECT", default=True)
# Behind a TLS-terminating proxy that sets X-Forwarded-Proto (nginx, a load balancer).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.integer("DATELINE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.flag("DATELINE_HSTS_SUBDOMAINS", default=True)
# The preload token only makes the site eligible; joining the list is a manual step.
SECURE_HSTS_PRELOAD = env.flag("DATELINE_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_TRUSTED_ORIGINS = [f"https://{h.lstrip('.')}" for h in ALLOWED_HOSTS if h != "*"]

_smtp = env.email_url()
if _smtp:
    from urllib.parse import unquote, urlsplit

    _parts = urlsplit(_smtp)
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = _parts.hostname or "localhost"
    EMAIL_PORT = _parts.port or 587
    EMAIL_HOST_USER = unquote(_parts.username or "")
    EMAIL_HOST_PASSWORD = unquote(_parts.password or "")
    EMAIL_USE_TLS = _parts.scheme == "smtp"
    EMAIL_USE_SSL = _parts.scheme == "smtps"
