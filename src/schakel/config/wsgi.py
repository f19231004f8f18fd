"""WSGI entry point for production servers."""

import os
import threading

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "schakel.config.settings.production")
application = get_wsgi_application()


def _warm_up() -> None:
    # Imported here: Django is set up by now. Same-person scoring needs Splink's SQL for the
    # shipped model; made in the background so that the first signal need not wait for it.
    from schakel.linkage import realtime

    realtime.warm_up()


threading.Thread(target=_warm_up, name="linkage-warm-up", daemon=True).start()
