"""An oversized upload sent in full before reading gets the 400 envelope, not a TCP reset.

Refusing before reading the body left the client's bytes unread; the server closed the
connection and the client, still sending, saw a reset instead of the answer (audit #11,
finding 12 h). Runs against a real uvicorn server, as `refleum serve` does, with a raw
socket that writes the whole body first, at the pace of a slow link: uvicorn closes an
idle connection once the keep-alive timeout after its response runs out (1 s here, 5 s by
default), and a client still sending then gets a reset instead of the answer.
"""

from __future__ import annotations

import json
import socket
import time
from urllib.parse import urlsplit

import pytest
from tests.live_server import live_server

from refleum.app import MULTIPART_OVERHEAD
from refleum.middleware import BodyLimitMiddleware

UPLOAD_LIMIT = 10 * 1024 * 1024
# The whole body takes ~2 s to send: longer than the server's 1 s keep-alive timeout.
SLOW_LINK_SECONDS, SLOW_LINK_STEPS = 2.0, 20


@pytest.fixture(scope="module", params=["h11", "httptools"])
def server(request, tmp_path_factory):
    """Both uvicorn HTTP implementations: h11 closes on an unread body, httptools discards it."""
    env = {
        "REFLEUM_DATA_DIR": str(tmp_path_factory.mktemp("oversized")),
        "UVICORN_HTTP": request.param,
        "UVICORN_TIMEOUT_KEEP_ALIVE": "1",
    }
    with live_server(env) as base:
        yield urlsplit(base)


def multipart(size: int) -> tuple[bytes, bytes]:
    boundary = b"refleumboundary"
    head = (
        b"--" + boundary + b"\r\n"
        b'Content-Disposition: form-data; name="file"; filename="big.pdf"\r\n'
        b"Content-Type: application/pdf\r\n\r\n"
    )
    tail = b"\r\n--" + boundary + b"--\r\n"
    return b"multipart/form-data; boundary=" + boundary, head + b"%" * size + tail


def send_whole_body_then_read(
    server, path: str, content_type: bytes, body: bytes, chunked=False, method=b"POST"
):
    with socket.create_connection((server.hostname, server.port), timeout=60) as sock:
        headers = method + b" " + path.encode() + b" HTTP/1.1\r\nHost: test\r\n"
        headers += b"Content-Type: " + content_type + b"\r\n"
        if chunked:
            headers += b"Transfer-Encoding: chunked\r\n\r\n"
            step = 256 * 1024
            parts = [body[i : i + step] for i in range(0, len(body), step)]
            payload = b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in parts) + b"0\r\n\r\n"
        else:
            headers += b"Content-Length: %d\r\n\r\n" % len(body)
            payload = body
        sock.sendall(headers)
        step = len(payload) // SLOW_LINK_STEPS + 1
        for start in range(0, len(payload), step):
            # A reset raises here (EPIPE/ECONNRESET) or on recv below.
            sock.sendall(payload[start : start + step])
            time.sleep(SLOW_LINK_SECONDS / SLOW_LINK_STEPS)
        response = b""
        while b"\r\n\r\n" not in response or not response.rstrip().endswith(b"}"):
            chunk = sock.recv(65536)
            if not chunk:
                break
            response += chunk
    head, _, content = response.partition(b"\r\n\r\n")
    return head.decode("latin-1"), content


@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
def test_upload_one_byte_over_the_limit_reads_the_envelope(server, chunked):
    content_type, body = multipart(UPLOAD_LIMIT + MULTIPART_OVERHEAD + 1)
    head, content = send_whole_body_then_read(
        server, "/api/v1/resumes", content_type, body, chunked
    )
    assert head.startswith("HTTP/1.1 400"), head
    envelope = json.loads(content[content.index(b"{") :])
    assert envelope["error"] == "VALIDATION_ERROR"
    assert "10 MB" in envelope["detail"]


def test_oversized_json_body_reads_the_envelope(server):
    body = json.dumps({"title": "x" * (3 * 1024 * 1024)}).encode()
    head, content = send_whole_body_then_read(
        server, "/api/v1/resumes/res_x", b"application/json", body, method=b"PATCH"
    )
    assert head.startswith("HTTP/1.1 400"), head
    assert json.loads(content)["error"] == "VALIDATION_ERROR"


def test_drain_stays_bounded(server):
    """A body declared past the drain budget is refused without reading it at all."""
    budget = UPLOAD_LIMIT + MULTIPART_OVERHEAD + BodyLimitMiddleware.DRAIN_MARGIN
    with socket.create_connection((server.hostname, server.port), timeout=30) as sock:
        sock.sendall(
            b"POST /api/v1/resumes HTTP/1.1\r\nHost: test\r\n"
            b"Content-Type: multipart/form-data; boundary=x\r\n"
            b"Content-Length: %d\r\n\r\n" % (budget * 100)
        )
        response = sock.recv(65536)
    assert response.startswith(b"HTTP/1.1 400"), response[:200]
