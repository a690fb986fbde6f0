"""Hostile uploads never stall the server: the event loop stays free while they are checked.

Digit-run "PDFs" of growing size are uploaded while /health is polled. Before the fix 16 KB
blocked the event loop over a second and 40 KB 8.5 s. The measure is the loop thread's CPU
time per step (tests/loop_cpu.py), not /health's wall-clock latency, which a loaded machine
inflates even when the loop is free.
"""

from __future__ import annotations

import pytest
from tests.documents.hostile_files import digit_run_pdf
from tests.resumes.test_big_inputs_keep_loop_free import LOOP_STEP_BOUND_S, longest_loop_step_while

SIZES = [16 * 1024, 64 * 1024, 1024 * 1024, 8 * 1024 * 1024]


@pytest.mark.parametrize("size", SIZES)
async def test_a_hostile_upload_is_refused_without_stalling_the_loop(client, org, size):
    upload = client.post(
        "/api/v1/resumes", headers=org.headers, files={"file": ("cv.pdf", digit_run_pdf(size))}
    )
    longest, answers, response = await longest_loop_step_while(client, upload)
    assert response.status_code == 400
    assert "holds no PDF content" in response.json()["detail"]
    assert longest < LOOP_STEP_BOUND_S, f"{size} bytes: one loop step computed {longest:.2f} s"
    assert answers >= 1
