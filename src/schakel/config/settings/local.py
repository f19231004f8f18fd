"""Settings for a developer's machine and `make demo`: SQLite in var/, demo mode allowed."""

from .base import *  # noqa: F403
