"""Fake model servers for tests: real HTTP on 127.0.0.1, scripted answers, recorded requests.

from tests.fakes import FakeModelServer, replies

with FakeModelServer() as server:
    server.enqueue(replies.json_answer({"name": "Ada"}), replies.http_error(500))
    model = build_model(ProviderSettings("openai-compatible", "m", None, server.base_url), ...)
    ...
    assert server.call_count == 2
"""

from tests.fakes import replies
from tests.fakes.model_server import FakeModelServer, RecordedRequest

__all__ = ["FakeModelServer", "RecordedRequest", "replies"]
