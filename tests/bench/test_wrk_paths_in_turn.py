"""bench_api's second half reads many resumes through a wrk script: it must really send
every path, with the headers given on the command line."""

from __future__ import annotations

import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bench import wrk

pytestmark = pytest.mark.skipif(not wrk.available(), reason=wrk.INSTALL_HINT)


def test_the_script_sends_every_path_in_turn_with_the_headers(tmp_path):
    seen: Counter[str] = Counter()
    keys: set[str | None] = set()

    class Recorder(BaseHTTPRequestHandler):
        def do_GET(self):
            seen[self.path] += 1
            keys.add(self.headers.get("Authorization"))
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"{}")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        paths = [f"/api/v1/resumes/res_{n}" for n in range(5)]
        script = wrk.paths_in_turn_script(paths, str(tmp_path))
        url = f"http://127.0.0.1:{server.server_port}{paths[0]}"
        result = wrk.run(
            url, {"Authorization": "Bearer k"}, threads=1, connections=2, seconds=1, script=script
        )
    finally:
        server.shutdown()
    assert result.errors == 0
    assert set(seen) == set(paths)
    assert max(seen.values()) - min(seen.values()) <= 2  # in turn: evenly
    assert keys == {"Bearer k"}
