"""Throwaway copies of the services the portal talks to, for tests that break them on purpose.

Each listens on a free loopback port, starts and stops within bounded waits, and is stopped
when the test ends, so nothing the rest of the machine uses is touched.
"""

import shutil
import socket
import subprocess
import tempfile
import time
from contextlib import contextmanager

START_TIMEOUT = 10.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(condition, timeout: float = START_TIMEOUT, what: str = "the service") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise TimeoutError(f"Timed out after {timeout} s waiting for {what}")


def accepts_connections(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return True
    except OSError:
        return False


class RedisServer:
    """A Redis of its own on a free port, that a test can stop and start again."""

    def __init__(self):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None
        self.folder = tempfile.mkdtemp(prefix="test-redis-")

    def start(self) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            raise RuntimeError("redis-server is not installed")
        self.process = subprocess.Popen(
            [
                binary,
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                self.folder,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until(lambda: accepts_connections(self.port), what="Redis to start")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=START_TIMEOUT)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=START_TIMEOUT)
        wait_until(lambda: not accepts_connections(self.port), what="Redis to stop")


@contextmanager
def redis_server():
    server = RedisServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(server.folder, ignore_errors=True)


class SmtpServer:
    """An SMTP server of its own on a free port that keeps what it receives, and can be stopped."""

    def __init__(self):
        self.port = free_port()
        self.received = []
        self.controller = None

    def start(self) -> None:
        from aiosmtpd.controller import Controller

        server = self

        class Keep:
            async def handle_DATA(self, smtp_server, session, envelope):
                server.received.append(envelope)
                return "250 Message accepted for delivery"

        self.controller = Controller(Keep(), hostname="127.0.0.1", port=self.port, ready_timeout=START_TIMEOUT)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None
        wait_until(lambda: not accepts_connections(self.port), what="SMTP to stop")


@contextmanager
def smtp_server():
    server = SmtpServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()
