"""Webhook fixtures: private addresses allowed (the receiver is on 127.0.0.1), a receiver."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from tests.conftest import ADMIN_TOKEN

from refleum.config import Settings


@pytest.fixture
def settings(db_url: str, tmp_path: Path) -> Settings:
    return Settings(
        database_url=db_url,
        data_dir=tmp_path,
        admin_token=ADMIN_TOKEN,
        webhook_allow_private=True,
        webhook_timeout_s=5,
    )


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Receiver:
    """An HTTP server on 127.0.0.1 that records every POST and answers from ``statuses``
    (then 200)."""

    url: str
    received: list[Received] = field(default_factory=list)
    statuses: list[int] = field(default_factory=list)

    def of_type(self, event_type: str) -> list[Received]:
        return [r for r in self.received if f'"type":"{event_type}"'.encode() in r.body]


@pytest.fixture
def receiver():
    state = Receiver(url="")
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - http.server's interface
            body = self.rfile.read(int(self.headers.get("content-length", 0)))
            with lock:
                state.received.append(Received(self.path, dict(self.headers.items()), body))
                status = state.statuses.pop(0) if state.statuses else 200
            self.send_response(status)
            self.send_header("content-length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.url = f"http://127.0.0.1:{server.server_address[1]}/hooks"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()


async def create_hook(client, org, url: str, events: list[str], **extra):
    response = await client.post(
        "/api/v1/webhooks", headers=org.headers, json={"url": url, "events": events, **extra}
    )
    assert response.status_code == 201, response.text
    return response.json()["data"]
