"""Locust load for the care coordinator's case work: the work queue and case pages.

Each simulated user is one of the 20 bench coordinators (bench-zc-01 .. bench-zc-20, made by
cases_datagen.py). It logs in once with the password and a TOTP code computed from its fixed
key, then loops: open the work queue (/casussen/) or a case page (/casussen/<id>/) of a random
case of the region (80% open cases), with a short think time. Locust names the requests
"work queue" and "case page"; the login steps are named "login" and "login: code".

The server runs with the production settings behind an imagined TLS proxy: every request says
X-Forwarded-Proto: https, and the user keeps its own cookie jar so that the Secure session and
CSRF cookies are sent over plain http to 127.0.0.1 (requests would hold them back).

Environment:
  SCHAKEL_BENCH_CASES      JSON file {"open": [ids], "closed": [ids]} (written by cases_load.py);
                           without it the case ids are taken from the links in the work queue
  SCHAKEL_BENCH_FIRST_USER first coordinator number to use (default 1)
  SCHAKEL_BENCH_WAIT       think time "min,max" in seconds (default "0.5,1.5")
  SCHAKEL_BENCH_QUEUE_SHARE share of iterations that open the work queue (default 0.25)
  SCHAKEL_BENCH_LOGINS     write {"ok": n, "failed": n, ...} about the logins here at the end
  SCHAKEL_BENCH_MEASURE_SECONDS  reset the statistics when every user has logged in and stop
                           this many seconds later (default 0: locust's -t alone decides)

Run: cases_load.py runs it; by hand:
  locust -f bench/locustfile_cases.py --headless -u 20 -r 5 -t 60s --host http://127.0.0.1:8000
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent))

import gevent
from cases_common import (
    BENCH_COORDINATORS,
    BENCH_PASSWORD,
    TOTP_STEP,
    coordinator_totp_hex,
    coordinator_username,
    totp,
)
from locust import HttpUser, events, task

CSRF_COOKIE = "schakel_csrftoken"
OPEN_SHARE = 0.8
_first = int(os.environ.get("SCHAKEL_BENCH_FIRST_USER", "1"))
_numbers = itertools.cycle([*range(_first, BENCH_COORDINATORS + 1), *range(1, _first)])
_wait = [float(x) for x in os.environ.get("SCHAKEL_BENCH_WAIT", "0.5,1.5").split(",")]
QUEUE_SHARE = float(os.environ.get("SCHAKEL_BENCH_QUEUE_SHARE", "0.25"))
CASE_LINK = re.compile(r'href="/casussen/(\d+)/"')


def _load_case_ids() -> tuple[list[int], list[int]]:
    path = os.environ.get("SCHAKEL_BENCH_CASES")
    if not path:
        return [], []
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return list(data["open"]), list(data["closed"])


OPEN_IDS, CLOSED_IDS = _load_case_ids()
LOGINS: dict[str, list[str]] = {"ok": [], "failed": []}
# Measure only while all users are logged in: reset the statistics when the last login is
# done, and stop MEASURE_SECONDS later (0: no such window, locust's -t decides).
MEASURE_SECONDS = float(os.environ.get("SCHAKEL_BENCH_MEASURE_SECONDS", "0"))
_window: dict[str, float | None] = {"start": time.monotonic(), "logged_in_after": None}


def _login_done(user: HttpUser) -> None:
    """Called once per user after its login (successful or not)."""
    environment = user.environment
    wanted = getattr(environment.parsed_options, "num_users", None) or 1
    if len(LOGINS["ok"]) + len(LOGINS["failed"]) < wanted or not MEASURE_SECONDS:
        return
    started = _window["start"] or time.monotonic()
    _window["logged_in_after"] = round(time.monotonic() - started, 1)
    environment.stats.reset_all()
    runner = environment.runner
    if runner is not None:
        gevent.spawn_later(MEASURE_SECONDS, runner.quit)


@events.test_stop.add_listener
def _write_logins(**_kwargs: object) -> None:
    path = os.environ.get("SCHAKEL_BENCH_LOGINS")
    if path:
        Path(path).write_text(
            json.dumps(
                {
                    "ok": len(LOGINS["ok"]),
                    "failed": len(LOGINS["failed"]),
                    "users_failed": LOGINS["failed"],
                    "all_done_after_s": _window["logged_in_after"],
                    "measured_s": MEASURE_SECONDS if _window["logged_in_after"] else None,
                }
            ),
            encoding="utf-8",
        )


class Coordinator(HttpUser):
    def wait_time(self) -> float:
        return random.uniform(*_wait)

    def on_start(self) -> None:
        self.number = next(_numbers)
        self.username = coordinator_username(self.number)
        self.jar: dict[str, str] = {}
        self.logged_in = False
        origin = f"https://{urlparse(self.host or '').netloc}"
        self.client.headers.update({"X-Forwarded-Proto": "https"})
        self.post_headers = {"Origin": origin, "Referer": f"{origin}/inloggen/"}
        self.open_ids, self.closed_ids = OPEN_IDS, CLOSED_IDS
        self.login()

    @contextmanager
    def request(self, method: str, path: str, name: str, **kwargs: Any) -> Iterator[Any]:
        """One request without following redirects, with our own cookie jar.

        The production settings mark the cookies Secure; requests would not send those over
        plain http, so the cookies are kept here and sent as a header.
        """
        headers = {**kwargs.pop("headers", {})}
        if self.jar:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.jar.items())
        with self.client.request(
            method,
            path,
            name=name,
            headers=headers,
            allow_redirects=False,
            catch_response=True,
            **kwargs,
        ) as response:
            for cookie in response.cookies:
                self.jar[cookie.name] = cookie.value or ""
            self.client.cookies.clear()
            yield response

    def login(self) -> None:
        with self.request("GET", "/inloggen/", "login") as response:
            if response.status_code != 200:
                response.failure(f"login page: status {response.status_code}")
                return self._give_up()
        with self.request(
            "POST",
            "/inloggen/",
            "login",
            data={
                "csrfmiddlewaretoken": self.jar.get(CSRF_COOKIE, ""),
                "username": self.username,
                "password": BENCH_PASSWORD,
                "next": "/",
            },
            headers=self.post_headers,
        ) as response:
            location = response.headers.get("Location", "")
            if response.status_code != 302 or not location.startswith("/inloggen/verificatie/"):
                response.failure(f"{self.username}: password step refused ({response.status_code})")
                return self._give_up()
        # A code is accepted once per device and time step; a retry uses the next step's
        # code (the device accepts one step of drift) after the throttle delay.
        for attempt in range(3):
            code = totp(coordinator_totp_hex(self.number), time.time() + attempt * TOTP_STEP)
            with self.request(
                "POST",
                "/inloggen/verificatie/?next=/",
                "login: code",
                data={"csrfmiddlewaretoken": self.jar.get(CSRF_COOKIE, ""), "token": code},
                headers=self.post_headers,
            ) as response:
                if response.status_code == 302 and response.headers.get("Location") == "/":
                    LOGINS["ok"].append(self.username)
                    self.logged_in = True
                    _login_done(self)
                    return None
                if response.status_code != 400:
                    response.failure(f"{self.username}: code step gave {response.status_code}")
                    return self._give_up()
                response.success()  # a refused code is retried, not a server failure
            time.sleep(1.5 * (attempt + 1))
        return self._give_up()

    def _give_up(self) -> None:
        LOGINS["failed"].append(self.username)
        _login_done(self)

    def _get(self, path: str, name: str) -> str:
        with self.request("GET", path, name) as response:
            if response.status_code != 200:
                response.failure(
                    f"status {response.status_code} ({response.headers.get('Location', '')})"
                )
                return ""
            return str(response.text)

    @task
    def work(self) -> None:
        if not self.logged_in:  # stay idle: a failed login is reported, not retried in a loop
            time.sleep(5)
            return
        if not self.open_ids or random.random() < QUEUE_SHARE:
            page = self._get("/casussen/", "work queue")
            if not OPEN_IDS and page:  # no id file: use the cases the queue links to
                self.open_ids = sorted({int(x) for x in CASE_LINK.findall(page)})
            return
        pool = self.open_ids
        if self.closed_ids and random.random() > OPEN_SHARE:
            pool = self.closed_ids
        self._get(f"/casussen/{random.choice(pool)}/", "case page")
