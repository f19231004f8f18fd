"""Browser tests: a real Schakel server with the demo data, driven by Debian's Chromium.

The server runs as its own process on a fresh database (SQLite file, or a PostgreSQL
database next to DATABASE_URL's), exactly as `make demo` sets it up.
"""

import base64
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright

from schakel.accounts.demo import DEMO_ACCOUNTS, DEMO_PASSWORD

CHROMIUM = os.environ.get("SCHAKEL_CHROMIUM", "/usr/bin/chromium")
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
NEW_USER = "e2e-nieuw"
NEW_USER_PASSWORD = "e2e-Nieuw-wachtwoord-2025"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _schakel(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "schakel", *args],
        env=env,
        check=True,
        capture_output=True,
        timeout=300,
    )


def _postgres_database(url: str) -> tuple[str, object]:
    import psycopg

    parsed = urlparse(url)
    name = f"schakel_e2e_{os.getpid()}"
    admin = psycopg.connect(url, autocommit=True)
    admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
    admin.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()

    return urlunparse(parsed._replace(path=f"/{name}")), drop


@pytest.fixture(scope="session")
def server(tmp_path_factory) -> Iterator[str]:
    workdir = tmp_path_factory.mktemp("e2e")
    env = {k: v for k, v in os.environ.items() if not k.startswith("SCHAKEL_")}
    env.update(
        DJANGO_SETTINGS_MODULE="schakel.config.settings.local",
        SCHAKEL_DEMO_MODE="1",
        SCHAKEL_DEBUG="0",
        SCHAKEL_SECRET_KEY=secrets.token_urlsafe(50),
        SCHAKEL_STATIC_ROOT=str(workdir / "static"),
    )
    (workdir / "static").mkdir()
    drop = None
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        env["DATABASE_URL"], drop = _postgres_database(os.environ["DATABASE_URL"])
    else:
        env["DATABASE_URL"] = f"sqlite:///{workdir / 'e2e.sqlite3'}"
    _schakel(env, "migrate", "--noinput")
    _schakel(env, "load_reference_data")
    _schakel(env, "demo_load")
    _schakel(
        env,
        "shell",
        "-c",
        "from schakel.accounts.services import user_create;"
        "from schakel.accounts.models import Organisation;"
        f"user_create(actor=None, username='{NEW_USER}', first_name='Nieuw', last_name='E2E',"
        f" role='professional', organisation=Organisation.objects.first(),"
        f" password='{NEW_USER_PASSWORD}')",
    )
    port = _free_port()
    log = (workdir / "server.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "schakel", "runserver", "--noreload", f"127.0.0.1:{port}"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base_url}/gezond/", timeout=1)  # noqa: S310
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError(f"Schakel did not start; see {workdir / 'server.log'}")
        yield base_url
    finally:
        process.terminate()
        process.wait(timeout=10)
        if drop is not None:
            drop()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install chromium", pytrace=False)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server) -> Iterator[Page]:
    context = browser.new_context(base_url=server, locale="nl-NL", bypass_csp=True)
    page = context.new_page()
    yield page
    context.close()


def totp_code(hex_key: str | None = None, *, base32_key: str | None = None) -> str:
    if hex_key:
        key = bytes.fromhex(hex_key)
    else:
        assert base32_key is not None
        key = base64.b32decode(base32_key + "=" * (-len(base32_key) % 8))
    return f"{TOTP(key).token():06d}"


_SESSIONS: dict[str, dict] = {}


def login_with_password(page: Page, username: str, password: str = DEMO_PASSWORD) -> None:
    page.goto("/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()


@pytest.fixture(scope="session")
def role_context(browser, server):
    """A logged-in browser context per demo account (a TOTP code may be used only once)."""

    contexts: dict[str, BrowserContext] = {}

    def get(username: str) -> BrowserContext:
        if username not in contexts:
            account = next(a for a in DEMO_ACCOUNTS if a.username == username)
            context = browser.new_context(base_url=server, locale="nl-NL", bypass_csp=True)
            page = context.new_page()
            login_with_password(page, username)
            if account.totp_hex:
                expect(page.get_by_role("heading", level=1)).to_have_text("Vul uw code in")
                page.get_by_label("Code").fill(totp_code(account.totp_hex))
                page.get_by_role("button", name="Controleer code").click()
            expect(page.get_by_role("heading", level=1)).to_contain_text("Welkom")
            page.close()
            contexts[username] = context
        return contexts[username]

    yield get
    for context in contexts.values():
        context.close()


def assert_accessible(page: Page) -> None:
    """axe-core finds no violation of WCAG 2.1 A/AA on the page as it is now."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}
        })"""
    )
    problems = [
        f"{v['id']} ({v['impact']}): {v['help']} -> "
        + ", ".join(str(node["target"]) for node in v["nodes"][:5])
        for v in result["violations"]
    ]
    assert problems == [], f"axe on {page.url}:\n" + "\n".join(problems)
