"""Production settings: safe by default, configured through environment variables (see README)."""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = env("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    raise ImproperlyConfigured("Set DJANGO_SECRET_KEY (see README, Configuration).")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "portal.core",
    "portal.initiative",
    "portal.stakeholders",
    "portal.outbox",
    "portal.scheduling",
    "portal.mirror_groups",
    "portal.admin_security",
    "portal.forum",
    "portal.recommendations",
    "portal.consultations",
    "portal.usecases",
    "newsletters",
    "cms",
    "surveys",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks.backends.immediate",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "anymail",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # Wagtail 8 refuses to start on PostgreSQL without it (postgres.E005).
    "django.contrib.postgres",
]

MIDDLEWARE = [
    "portal.admin_security.headers.PermissionsPolicyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "portal.core.caching.PrivateResponsesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "portal.admin_security.sessions.AdminSessionMiddleware",
    "portal.admin_security.passwords.PasswordChangeMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "portal.csp.PortalCSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "portal.stakeholders.middleware.PrivacyAgreementMiddleware",
    "portal.admin_security.middleware.SecondFactorRequiredMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'portal.sqlite3'}"),
        conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "60")),
        # After a PostgreSQL restart, persistent connections without health checks fail requests.
        conn_health_checks=True,
    )
}
# A request's writes, and the emails they queue in the outbox, commit together or not at all.
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHE_URL = env("CACHE_URL")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
        if CACHE_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
    # The current managers of a mirror group may use the admin, as long as they hold the role.
    "portal.mirror_groups.permissions.ManagerBackend",
    # Working group contacts may use the admin to update the status of their groups' recommendations.
    "portal.recommendations.permissions.ContactBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # ASVS level 2; shorter passwords of people who can enter the admin are changed at their next
    # sign-in (portal/admin_security/passwords.py), stakeholders' still sign in.
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "var" / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
# Served only by views that check who asks (portal/core/private_files.py), never from MEDIA_ROOT.
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "var" / "private")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- Security -------------------------------------------------------------------------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(env("DJANGO_SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"

# No inline scripts, no on* handlers: every script is a file under static/ (portal/csp.py loosens
# scripts for the Wagtail admin only). Wagtail's admin sets style attributes, hence inline styles.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# --- Accounts (django-allauth) --------------------------------------------------------------
LOGIN_URL = "account_login"
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "stakeholders:my_portal"
ACCOUNT_ADAPTER = "portal.stakeholders.adapter.AccountAdapter"
ACCOUNT_USER_DISPLAY = "portal.stakeholders.display.user_display"  # never the random username
ACCOUNT_FORMS = {"signup": "portal.stakeholders.forms.SignupForm"}
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[1+MG] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = env("ACCOUNT_DEFAULT_HTTP_PROTOCOL", "https")
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
# Behind reverse proxies, the client address that limits "per ip" count: the address the nearest of this
# many trusted proxies saw in X-Forwarded-For, or the header a trusted proxy sets (e.g. X-Real-IP).
ALLAUTH_TRUSTED_PROXY_COUNT = int(env("ALLAUTH_TRUSTED_PROXY_COUNT", "0"))
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = env("ALLAUTH_TRUSTED_CLIENT_IP_HEADER") or None
# allauth's own limits stay as they are; these add the survey forms that anyone may use, counted by
# allauth's rate limiter ("amount/period/per", per client address "ip" or recipient address "key").
ACCOUNT_RATE_LIMITS = {
    # Drafts started on a survey open to anyone: per client address, as a burst and by the hour.
    "survey_start": env("SURVEY_START_RATE_LIMIT", "20/m/ip,100/h/ip"),
    # Resume links mailed from the "answers saved" page: per recipient address and per client address.
    "survey_resume_link": env("SURVEY_RESUME_LINK_RATE_LIMIT", "20/h/ip,5/h/key"),
    # Pages sent with a file on a survey open to anyone: per client address.
    "survey_upload": env("SURVEY_UPLOAD_RATE_LIMIT", "30/h/ip"),
    # Messages to a National Mirror Group's contact point: per client address and per group ("key").
    "mirror_group_contact": env("MIRROR_GROUP_CONTACT_RATE_LIMIT", "5/h/ip,30/d/key"),
    # Messages to a person of the industry directory: per sender and per person written to ("key").
    "industry_directory_contact": env("INDUSTRY_DIRECTORY_CONTACT_RATE_LIMIT", "5/h/user,20/d/key"),
    # Messages through the contact page (portal.core.contact): per client address and per topic ("key").
    "contact_message": env("CONTACT_MESSAGE_RATE_LIMIT", "5/h/ip,50/d/key"),
    # Newsletter confirmation mail from the subscription form: per client address and per recipient.
    "newsletter_subscribe": env("NEWSLETTER_SUBSCRIBE_RATE_LIMIT", "20/h/ip,5/h/key"),
    # A forum session's audience Q&A: questions asked and votes cast, per person.
    "forum_question": env("FORUM_QUESTION_RATE_LIMIT", "3/m/user,20/h/user"),
    "forum_vote": env("FORUM_VOTE_RATE_LIMIT", "30/m/user"),
    # The open-data API (portal/core/api.py): requests per client address, as a burst and by the hour.
    "api": env("API_RATE_LIMIT", "60/m/ip,1000/h/ip"),
}

# --- The admin's second factor (allauth.mfa, portal/admin_security) ------------------------------
# Everyone who can enter the admin enrols a TOTP app before anything under /admin/ answers. On unless
# DEBUG is on; `make run` leaves it off (README: how to try it).
ADMIN_MFA_REQUIRED = env_bool("ADMIN_MFA_REQUIRED", not DEBUG)
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_ADAPTER = "portal.admin_security.mfa.MFAAdapter"
# Fernet keys that encrypt TOTP secrets, comma-separated: the first encrypts, all decrypt (to change
# keys, put the new one first). Empty: a key derived from DJANGO_SECRET_KEY.
MFA_ENCRYPTION_KEYS = env_list("MFA_ENCRYPTION_KEYS")
MFA_TOTP_ISSUER = "1+MG stakeholder portal"
# Sessions of people who can enter the admin end after this long without activity, and this long after
# signing in whatever they do (portal/admin_security/sessions.py); stakeholders keep SESSION_COOKIE_AGE.
ADMIN_SESSION_IDLE_SECONDS = int(env("ADMIN_SESSION_IDLE_SECONDS", str(2 * 3600)))
ADMIN_SESSION_MAX_SECONDS = int(env("ADMIN_SESSION_MAX_SECONDS", str(12 * 3600)))

# --- Email: every message goes through the outbox (portal.outbox) ---------------------------
EMAIL_BACKEND = "portal.outbox.backend.OutboxBackend"
OUTBOX_RELAY_BACKEND = env("OUTBOX_RELAY_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
# Backoff 30 s, 1, 2, 4 ... minutes, then hourly: 30 attempts span about a day, as mail servers retry.
OUTBOX_MAX_ATTEMPTS = int(env("OUTBOX_MAX_ATTEMPTS", "30"))
OUTBOX_QUICK_RETRIES = 3
OUTBOX_RETENTION_DAYS = int(env("OUTBOX_RETENTION_DAYS", "30"))
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = int(env("EMAIL_TIMEOUT", "20"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "1+MG stakeholder portal <noreply@localhost>")
# A newsletter confirmation link holds for this many seconds.
NEWSLETTER_CONFIRMATION_MAX_AGE = int(env("NEWSLETTER_CONFIRMATION_MAX_AGE", str(7 * 24 * 3600)))
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Newsletter (newsletters/): sent by SMTP directly, the delivery ledger is the record ---------
NEWSLETTER_FROM_EMAIL = env("NEWSLETTER_FROM_EMAIL", DEFAULT_FROM_EMAIL)
NEWSLETTER_BASE_URL = env("NEWSLETTER_BASE_URL", env("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000"))
NEWSLETTER_MESSAGE_ID_DOMAIN = env("NEWSLETTER_MESSAGE_ID_DOMAIN", "newsletter.1plusmg.invalid")
NEWSLETTER_UNSUBSCRIBE_MAILTO = env("NEWSLETTER_UNSUBSCRIBE_MAILTO")
NEWSLETTER_BATCH_SIZE = int(env("NEWSLETTER_BATCH_SIZE", "200"))
NEWSLETTER_PARALLEL_BATCHES = int(env("NEWSLETTER_PARALLEL_BATCHES", "4"))
# SMTP connections a batch keeps open at once; their messages are marked sent together (newsletters/smtp.py).
NEWSLETTER_SMTP_CONNECTIONS = int(env("NEWSLETTER_SMTP_CONNECTIONS", "8"))
# Any other backend (the console in `make run`) gets one message at a time.
NEWSLETTER_EMAIL_BACKEND = env("NEWSLETTER_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
NEWSLETTER_MAX_ATTEMPTS = int(env("NEWSLETTER_MAX_ATTEMPTS", "6"))
NEWSLETTER_RETRY_BACKOFF = float(env("NEWSLETTER_RETRY_BACKOFF", "30"))  # seconds, doubled each attempt
# A row left `sending` this long had its worker die before the message's final dot: sent again.
NEWSLETTER_CLAIM_TIMEOUT = int(env("NEWSLETTER_CLAIM_TIMEOUT", "300"))

# An email service's webhooks (django-anymail: /anymail/<service>/tracking/ and .../inbound/) report
# bounces, complaints and unsubscribes, and pass on mail to NEWSLETTER_UNSUBSCRIBE_MAILTO. They are only
# served with a secret: the service signs in with it ("user:password", basic auth).
ANYMAIL = {"WEBHOOK_SECRET": env_list("ANYMAIL_WEBHOOK_SECRET")}

# Keyed hashes of erased addresses (portal.core.personal_data.address_hash); empty: the secret key.
# Changing it forgets which addresses were erased.
PERSONAL_DATA_HASH_KEY = env("PERSONAL_DATA_HASH_KEY")
# Days the file of a finished survey export is kept (it holds respondents' answers), then deleted.
SURVEY_EXPORT_RETENTION_DAYS = int(env("SURVEY_EXPORT_RETENTION_DAYS", "7"))
# Files sent as answers (surveys/uploads.py): at most this many MB a response, and a survey's all together.
SURVEY_UPLOAD_MAX_RESPONSE_MB = int(env("SURVEY_UPLOAD_MAX_RESPONSE_MB", "30"))
SURVEY_UPLOAD_MAX_TOTAL_MB = int(env("SURVEY_UPLOAD_MAX_TOTAL_MB", "2000"))

# --- Celery ---------------------------------------------------------------------------------
CELERY_BROKER_URL = env("CELERY_BROKER_URL", "redis://127.0.0.1:6379/0")
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A task whose worker died is redelivered by Redis after this many seconds.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": int(env("CELERY_VISIBILITY_TIMEOUT", "900")),
}
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2}
CELERY_BEAT_SCHEDULE = {
    "outbox-sweep": {"task": "portal.outbox.tasks.sweep_outbox", "schedule": 60.0},
    "publish-scheduled": {"task": "portal.scheduling.tasks.publish_scheduled", "schedule": 60.0},
    "survey-invitations-sweep": {"task": "surveys.invitations.sweep_invitations", "schedule": 60.0},
    "newsletter-sends": {"task": "newsletters.tasks.start_due_sends", "schedule": 60.0},
    "survey-exports-purge": {"task": "surveys.tasks.purge_expired_exports", "schedule": 3600.0},
    "forum-offers-lapse": {"task": "portal.forum.tasks.lapse_offers", "schedule": 300.0},
    "forum-reminders": {"task": "portal.forum.tasks.send_reminders", "schedule": 600.0},
    "consultation-notices": {"task": "portal.consultations.tasks.send_consultation_notices",
                             "schedule": 600.0},
}

# Wagtail's own background work (reference index, search index) stays in-process.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# --- Wagtail --------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "1+MG stakeholder portal"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# The admin signs in through allauth, so its rate limits guard the admin too.
WAGTAILADMIN_LOGIN_URL = "admin_login"
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
# An address changed in the admin would skip allauth's verification.
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
# No avatars from gravatar.com: it would leak a hash of each address and break the CSP.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Wagtail's database backend, with SQLite's full-text queries mended for double quotes.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "cms.search_backend"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Documents are streamed through Wagtail's serve view, which checks collection view restrictions;
# the media folder itself never serves documents.
WAGTAILDOCS_SERVE_METHOD = "serve_view"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {"django_tasks": {"level": "WARNING"}},
}
