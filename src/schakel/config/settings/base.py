"""Schakel settings: every value read from the environment, with safe defaults."""

from datetime import timedelta
from pathlib import Path

import dj_database_url

from schakel.common.env import env_bool, env_float, env_int, env_list, env_str

PACKAGE_DIR = Path(__file__).resolve().parents[2]  # src/schakel
PROJECT_DIR = PACKAGE_DIR.parents[1]  # the repository (or install) root

INSECURE_DEFAULT_SECRET_KEY = "django-insecure-schakel-local-development-only-never-in-production"  # noqa: S105
SECRET_KEY = env_str("SCHAKEL_SECRET_KEY", INSECURE_DEFAULT_SECRET_KEY)
DEBUG = env_bool("SCHAKEL_DEBUG", False)
ALLOWED_HOSTS = env_list("SCHAKEL_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])

# Demo mode shows a banner, allows fictitious demo data and prints demo logins.
SCHAKEL_DEMO_MODE = env_bool("SCHAKEL_DEMO_MODE", False)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "schakel.common",
    "schakel.geo",
    "schakel.accounts",
    "schakel.audit",
    "schakel.kennis",
    "schakel.routekaart",
    "schakel.intake",
    "schakel.cases",
    "schakel.practice",
    "schakel.monitor",
    "schakel.measures",
    "schakel.beleidsscan",
    "schakel.linkage",
    "schakel.network",
    "schakel.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "schakel.common.security_headers.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "schakel.common.language.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "schakel.accounts.middleware.SessionTimeoutMiddleware",
    "schakel.accounts.middleware.MfaRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "schakel.common.middleware.SchakelErrorMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "schakel.config.urls"
WSGI_APPLICATION = "schakel.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "schakel.common.context_processors.schakel",
            ],
        },
    },
]

_default_db = f"sqlite:///{PROJECT_DIR / 'var' / 'schakel.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", _default_db), conn_max_age=env_int("SCHAKEL_DB_CONN_MAX_AGE", 0)
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Short OLTP queries: PostgreSQL's JIT compiler costs more (up to ~0.7 s per query on
    # the bench data) than it saves. See bench/README.md.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"

# Sessions: a new session on login (Django cycles the key), idle and absolute timeouts.
# Work queue: "repeated missing" from this many episodes within this many days.
SCHAKEL_REPEATED_MISSING_THRESHOLD = env_int("SCHAKEL_REPEATED_MISSING_THRESHOLD", 2, minimum=1)
SCHAKEL_REPEATED_MISSING_WINDOW_DAYS = env_int(
    "SCHAKEL_REPEATED_MISSING_WINDOW_DAYS", 90, minimum=1
)
# The monitor hides counts below this threshold (never below 3) and may round what it shows.
# How old the monitor's counts made ahead may get before a page counts again (minutes).
SCHAKEL_MONITOR_COUNTS_MAX_AGE_MINUTES = env_int(
    "SCHAKEL_MONITOR_COUNTS_MAX_AGE_MINUTES", 1560, minimum=0
)
SCHAKEL_MONITOR_THRESHOLD = env_int("SCHAKEL_MONITOR_THRESHOLD", 5, minimum=3)
SCHAKEL_MONITOR_ROUNDING = env_int("SCHAKEL_MONITOR_ROUNDING", 0, minimum=0)  # 0: no rounding
# Open data with differential privacy: the privacy budget (epsilon) per municipality per year.
SCHAKEL_MONITOR_DP_EPSILON_PER_YEAR = env_float("SCHAKEL_MONITOR_DP_EPSILON_PER_YEAR", 1.0, above=0)
# Linkage across regions: the secret of each agreement in a file <slug>.key in this folder
# (never in the database; see docs/linkage-crossregion.md).
SCHAKEL_LINKAGE_SECRETS_DIR = Path(
    env_str("SCHAKEL_LINKAGE_SECRETS_DIR", str(PROJECT_DIR / "var" / "linkage-secrets"))
)
SCHAKEL_SESSION_IDLE_MINUTES = env_int("SCHAKEL_SESSION_IDLE_MINUTES", 15, minimum=1)
SCHAKEL_SESSION_ABSOLUTE_HOURS = env_int("SCHAKEL_SESSION_ABSOLUTE_HOURS", 10, minimum=1)
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = SCHAKEL_SESSION_ABSOLUTE_HOURS * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_NAME = "schakel_session"
CSRF_COOKIE_NAME = "schakel_csrftoken"
CSRF_FAILURE_VIEW = "schakel.common.views.csrf_failure"

# Lockout after repeated failed logins (django-axes).
AXES_FAILURE_LIMIT = env_int("SCHAKEL_LOGIN_FAILURE_LIMIT", 5, minimum=3)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("SCHAKEL_LOGIN_COOLOFF_MINUTES", 15, minimum=1))
# Lock per account, not per IP: municipal offices share one IP (see docs/security.md).
AXES_LOCKOUT_PARAMETERS = ["username"]
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"
AXES_VERBOSE = False  # axes would otherwise log usernames: no personal data in logs
AXES_ENABLE_ACCESS_FAILURE_LOG = False
AXES_SENSITIVE_PARAMETERS = ["username", "password", "ip_address"]

OTP_TOTP_ISSUER = env_str("SCHAKEL_TOTP_ISSUER", "Schakel")
OTP_TOTP_THROTTLE_FACTOR = 1

# OpenID Connect single sign-on, off by default.
SCHAKEL_OIDC_ENABLED = env_bool("SCHAKEL_OIDC_ENABLED", False)
if SCHAKEL_OIDC_ENABLED:
    INSTALLED_APPS.append("mozilla_django_oidc")
    AUTHENTICATION_BACKENDS.append("schakel.accounts.oidc.SchakelOIDCBackend")
    OIDC_RP_CLIENT_ID = env_str("SCHAKEL_OIDC_CLIENT_ID")
    OIDC_RP_CLIENT_SECRET = env_str("SCHAKEL_OIDC_CLIENT_SECRET")
    OIDC_RP_SIGN_ALGO = env_str("SCHAKEL_OIDC_SIGN_ALGO", "RS256")
    OIDC_OP_JWKS_ENDPOINT = env_str("SCHAKEL_OIDC_JWKS_ENDPOINT")
    OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("SCHAKEL_OIDC_AUTHORIZATION_ENDPOINT")
    OIDC_OP_TOKEN_ENDPOINT = env_str("SCHAKEL_OIDC_TOKEN_ENDPOINT")
    OIDC_OP_USER_ENDPOINT = env_str("SCHAKEL_OIDC_USER_ENDPOINT")
    OIDC_RP_SCOPES = "openid email profile"
    OIDC_CREATE_USER = False  # accounts are made by the functioneel beheerder, not by SSO
    LOGIN_REDIRECT_URL_FAILURE = "/inloggen/"

# Client IP: behind a reverse proxy set the number of trusted proxies.
SCHAKEL_TRUSTED_PROXY_COUNT = env_int("SCHAKEL_TRUSTED_PROXY_COUNT", 0, minimum=0)

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("SCHAKEL_STATIC_ROOT", str(PROJECT_DIR / "var" / "static")))
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
WHITENOISE_USE_FINDERS = env_bool("SCHAKEL_STATIC_FROM_SOURCE", True)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["schakel.api.permissions.PolicyPermission"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "schakel.api.exceptions.exception_handler",
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Schakel API",
    "DESCRIPTION": "API van Schakel. Elke aanvraag wordt gecontroleerd op need-to-know.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Two status fields with different values: give each enum its own name in the schema.
    "ENUM_NAME_OVERRIDES": {
        "CaseStatusEnum": "schakel.cases.constants.CASE_STATUS_CHOICES",
        "ReferralStatusEnum": "schakel.cases.constants.REFERRAL_STATUS_CHOICES",
    },
}

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# No personal data in logs: our loggers log codes and ids only; see docs/security.md.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("SCHAKEL_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
