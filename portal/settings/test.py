"""pytest: the database DATABASE_URL names (else SQLite), fast hashing, eager tasks."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-key")

from .base import *  # noqa: E402,F403

DEBUG = False
# Off unless a test turns it on: Django's test runner runs with DEBUG off, which would require a second
# factor of every admin test (tests/admin_security turn it on where they test it).
ADMIN_MFA_REQUIRED = False
ALLOWED_HOSTS = ["*"]
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = False
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# Eager in the test process; a worker started as a process of its own (the tests that kill one, the
# benchmark) sets CELERY_TASK_ALWAYS_EAGER=false, or its tasks would run each other inline.
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", True)  # noqa: F405
OUTBOX_RELAY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Static files come from the app folders directly here; WhiteNoise serves collected files in production.
MIDDLEWARE.remove("whitenoise.middleware.WhiteNoiseMiddleware")  # noqa: F405
# The email service's webhooks are served (tests sign in with this secret).
ANYMAIL = {"WEBHOOK_SECRET": ["email-service:test-webhook-secret"]}
# The test database is thrown away: PostgreSQL need not wait for the disk at each commit (migrations and the
# transactional tests commit hundreds of times).
if DATABASES["default"]["ENGINE"].endswith("postgresql"):  # noqa: F405
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"  # noqa: F405
