"""Settings for the test suite: SQLite in memory unless DATABASE_URL names PostgreSQL."""

import os

import dj_database_url

from .base import *  # noqa: F403

SCHAKEL_DEMO_MODE = True
DATABASES = {"default": dj_database_url.parse(os.environ.get("DATABASE_URL", "sqlite://:memory:"))}
# Argon2 is slow on purpose; tests that check hashing override this.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
