"""`make run`: SQLite under var/, eager tasks, email relayed to the console."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "dev-only-insecure-key-never-use-in-production")

from .base import *  # noqa: E402,F403

DEBUG = True
# The admin's second factor is off here; ADMIN_MFA_REQUIRED=true make run tries it (README).
ADMIN_MFA_REQUIRED = env_bool("ADMIN_MFA_REQUIRED", False)  # noqa: F405
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = False
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
CELERY_TASK_ALWAYS_EAGER = True
OUTBOX_RELAY_BACKEND = NEWSLETTER_EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Static files come from the app folders directly here; WhiteNoise serves collected files in production.
MIDDLEWARE.remove("whitenoise.middleware.WhiteNoiseMiddleware")  # noqa: F405
