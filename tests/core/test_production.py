"""The Docker image's steps run for real: collectstatic with hashed names, then gunicorn, DEBUG off.

STATIC_COMPRESS=0 keeps the hashing (where a CSS file naming a missing font breaks the build) but
skips the gzip/brotli copies, which take minutes on two cores.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.server

REPO = Path(__file__).resolve().parents[2]
HOST = "hdnd.phucloc.gov.vn"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def _get(base: str, path: str, timeout: float = 10, **headers):
    request = urllib.request.Request(base + path, headers={"Host": HOST, **headers})
    try:
        with _opener.open(request, timeout=timeout) as response:
            return (
                response.status,
                dict(response.headers),
                response.read().decode("utf-8", "replace"),
            )
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode("utf-8", "replace")


_HEALTH_LISTENER: dict[str, str] = {}  # the server's base URL → its health listener's


@pytest.fixture(scope="module")
def production_server(tmp_path_factory):
    var = tmp_path_factory.mktemp("var")
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "REDIS_URL", "DATABASE_URL", "DEBUG"}
        and not k.startswith("FIELD_ENCRYPTION_KEY")
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "hdnd_portal.settings",
            "DEBUG": "0",
            "SECRET_KEY": "production-smoke-test-" + "Zq7!rT" * 8,
            "FIELD_ENCRYPTION_KEY": "production-smoke-field-key-" + "Vb3k" * 8,
            "ALLOWED_HOSTS": HOST,
            "VAR_DIR": str(var),
            "STATIC_ROOT": str(var / "staticfiles"),
            "MANIFEST_STATIC": "1",
            "STATIC_COMPRESS": "0",
            "WHITENOISE_USE_FINDERS": "0",
            "BEHIND_PROXY": "1",
        }
    )
    collect = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert collect.returncode == 0, collect.stderr[-3000:]

    port, health_port = _free_port(), _free_port()
    env["WEB_HEALTH_BIND"] = f"127.0.0.1:{health_port}"
    env.pop("WEB_THREADS", None)  # two threads, as production: the busy-node test fills both
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(
        [
            str(gunicorn),
            *("-c", "python:hdnd_portal.gunicorn_conf", "hdnd_portal.wsgi"),
            *("--bind", f"127.0.0.1:{port}", "--workers", "1"),
        ],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        # The worker opens the health port once loaded, and says healthy after its first check.
        for url in (base, f"http://127.0.0.1:{health_port}"):
            while True:
                try:
                    if _get(url, "/healthz/", timeout=2)[0] == 200:
                        break
                except OSError:
                    pass
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(server.stderr.read().decode()[-3000:])
                time.sleep(0.2)
        _HEALTH_LISTENER[base] = f"http://127.0.0.1:{health_port}"
        yield base
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_it_redirects_plain_http_to_https(production_server):
    status, headers, _ = _get(production_server, "/accounts/login/")

    assert status == 301
    assert headers["Location"] == f"https://{HOST}/accounts/login/"


def test_it_serves_the_login_page_behind_the_tls_proxy_with_hashed_static_files(production_server):
    status, headers, page = _get(
        production_server, "/accounts/login/", **{"X-Forwarded-Proto": "https"}
    )

    assert status == 200
    assert "Đăng nhập Cổng HĐND" in page
    assert "max-age=31536000" in headers["Strict-Transport-Security"]
    assert headers["X-Frame-Options"] == "DENY"
    prefix = "/static/vendor/bootstrap/css/bootstrap.portal.min."
    stylesheet = page.split(f'href="{prefix}', 1)[1].split('"')[0]
    assert stylesheet.endswith(".css") and stylesheet != "css", "static URL is not hashed"
    sprite = page.split('<use href="', 1)[1].split("#", 1)[0]
    assert sprite.startswith("/static/vendor/icons/sprite.") and sprite != (
        "/static/vendor/icons/sprite.svg"
    ), "icon sprite URL is not hashed"

    # Hashed files are cached for ten years: a delegate on 3G downloads them once per release.
    for url in (prefix + stylesheet, sprite):
        static_status, static_headers, _ = _get(
            production_server, url, **{"X-Forwarded-Proto": "https"}
        )
        assert static_status == 200, url
        assert static_headers["Cache-Control"] == "max-age=315360000, public, immutable", url


def test_it_reports_health_over_plain_http(production_server):
    status, _, body = _get(production_server, "/healthz/")

    assert status == 200
    assert '"database": {"ok": true' in body
    assert '"debug": false' in body


def test_a_busy_node_still_answers_its_health_check(production_server):
    health = _HEALTH_LISTENER[production_server]
    port = int(production_server.rsplit(":", 1)[1])
    # Both threads of the one worker wait for the rest of a request that never comes.
    hogs = [socket.create_connection(("127.0.0.1", port)) for _ in range(2)]
    try:
        for hog in hogs:
            hog.sendall(f"GET /healthz/ HTTP/1.1\r\nHost: {HOST}\r\n".encode())
        # On the pages' port a check now waits in the queue (HAProxy would mark the node down)...
        with pytest.raises(OSError):
            _get(production_server, "/healthz/", timeout=3)
        # ... while the health listener answers it at once, from the checks of the same process.
        status, headers, body = _get(health, "/healthz/")
        assert (status, body) == (200, '{"ok": true}')
        assert headers["Content-Type"] == "application/json"
        # It serves nothing else.
        assert _get(health, "/accounts/login/")[0] == 404
    finally:
        for hog in hogs:
            hog.close()
    assert _get(production_server, "/healthz/")[0] == 200
