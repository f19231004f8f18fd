"""Production settings: refuse to start with DEBUG or a default or weak secret key."""

from django.core.exceptions import ImproperlyConfigured

from schakel.common.env import env_bool, env_int

from .base import *  # noqa: F403
from .base import DEBUG, INSECURE_DEFAULT_SECRET_KEY, SCHAKEL_DEMO_MODE, SECRET_KEY

if DEBUG:
    raise ImproperlyConfigured("SCHAKEL_DEBUG staat aan: dat mag niet in productie.")
if SCHAKEL_DEMO_MODE:
    raise ImproperlyConfigured("SCHAKEL_DEMO_MODE staat aan: dat mag niet in productie.")
if (
    not SECRET_KEY
    or SECRET_KEY == INSECURE_DEFAULT_SECRET_KEY
    or SECRET_KEY.startswith("django-insecure")
    or len(SECRET_KEY) < 50
    or len(set(SECRET_KEY)) < 5
):
    raise ImproperlyConfigured(
        "SCHAKEL_SECRET_KEY ontbreekt of is niet sterk genoeg (minstens 50 willekeurige tekens)."
    )

WHITENOISE_USE_FINDERS = False
SECURE_SSL_REDIRECT = env_bool("SCHAKEL_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SCHAKEL_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
