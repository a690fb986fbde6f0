"""The fake model server other tests rely on: lifecycle, scripting, recording."""

from __future__ import annotations

import threading
import time

import httpx
from tests.fakes import FakeModelServer, replies


def test_start_stop_and_record():
    with FakeModelServer() as server:
        assert server.port > 0 and server.base_url.endswith("/v1")
        server.enqueue(replies.json_answer({"a": 1}, input_tokens=3, output_tokens=2))
        body = {"model": "m", "messages": [{"role": "user", "content": "hello"}]}
        answer = httpx.post(f"{server.base_url}/chat/completions", json=body).json()
        assert answer["choices"][0]["message"]["content"] == '{"a": 1}'
        assert answer["usage"] == {"prompt_tokens": 3, "completion_tokens": 2, "total_tokens": 5}
        assert server.call_count == 1 and server.pending == 0
        assert "hello" in server.requests[0].text
        empty = httpx.post(f"{server.base_url}/chat/completions", json=body)
        assert empty.status_code == 500 and "no scripted reply" in empty.text
    assert not any(t.name == f"fake-model-{server.port}" for t in threading.enumerate())


def test_stop_does_not_wait_for_a_hang():
    server = FakeModelServer().start()
    server.enqueue(replies.hang(60))
    client = threading.Thread(target=lambda: _post_quietly(server), daemon=True)
    client.start()
    while server.call_count == 0:
        time.sleep(0.01)
    server.stop()  # joins the server thread for at most a few seconds
    assert not any(t.name == f"fake-model-{server.port}" for t in threading.enumerate())


def test_anthropic_sse_rendering():
    with FakeModelServer() as server:
        server.enqueue(replies.text_answer("hi there"))
        body = {"model": "claude", "stream": True, "messages": []}
        response = httpx.post(f"{server.root_url}/v1/messages", json=body)
        assert response.headers["content-type"].startswith("text/event-stream")
        assert "event: message_start" in response.text and "hi there" in response.text


def _post_quietly(server: FakeModelServer) -> None:
    try:
        httpx.post(f"{server.base_url}/chat/completions", json={}, timeout=30)
    except httpx.HTTPError:
        pass
