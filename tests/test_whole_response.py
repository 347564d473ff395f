"""Issue 23: an instance killed mid-answer must not have sent nginx a status line it can no
longer retry elsewhere. deploy/gunicorn.conf.py makes gunicorn send the headers with the body
(deploy/whole_response.py); stock gunicorn sends them first, on their own."""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

# Starts gunicorn three times and waits out a slow answer: `make test-realdata`, not `make test`.
pytestmark = pytest.mark.processen

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))

# Headers first (an empty piece), the body 3 s later: the moment an instance can die in.
SLOW_APP = """
import time

def app(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "5")])
    yield b""
    time.sleep(3)
    yield b"hallo"
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(tmp_path: Path, *, recipe: bool) -> tuple[subprocess.Popen, int]:
    (tmp_path / "traag.py").write_text(SLOW_APP)
    port = free_port()
    config = ["-c", str(ROOT / "deploy" / "gunicorn.conf.py")] if recipe else []
    env = {
        **os.environ,
        "PYTHONPATH": f"{tmp_path}{os.pathsep}{ROOT}",
        "VINDPLEK_BIND": f"127.0.0.1:{port}",
        "VINDPLEK_WORKERS": "1",
    }
    process = subprocess.Popen(
        [GUNICORN, *config, "--bind", f"127.0.0.1:{port}", "--workers", "1", "traag:app"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return process, port
        except OSError:
            time.sleep(0.1)
    os.killpg(process.pid, signal.SIGKILL)
    pytest.fail("gunicorn did not start")


def what_arrives_before_a_kill(tmp_path: Path, *, recipe: bool) -> bytes:
    """The bytes a proxy has received when the instance is killed in the middle of an answer."""
    process, port = serve(tmp_path, recipe=recipe)
    received = b""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
            sock.sendall(b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n")
            sock.settimeout(1.5)
            with contextlib.suppress(TimeoutError):
                received = sock.recv(4096)
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
            sock.settimeout(5)
            try:
                while chunk := sock.recv(4096):
                    received += chunk
            except OSError:
                pass
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
    return received


def test_stock_gunicorn_has_sent_the_status_line_when_it_dies_mid_answer(tmp_path):
    assert what_arrives_before_a_kill(tmp_path, recipe=False).startswith(b"HTTP/1.1 200 OK")


def test_the_recipe_sends_nothing_a_proxy_could_not_retry(tmp_path):
    assert what_arrives_before_a_kill(tmp_path, recipe=True) == b""


def test_the_recipe_still_answers_whole(tmp_path):
    process, port = serve(tmp_path, recipe=True)
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
            sock.sendall(b"GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            answer = b""
            while chunk := sock.recv(4096):
                answer += chunk
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200 OK") and b"Content-Length: 5" in head
    assert body == b"hallo"
