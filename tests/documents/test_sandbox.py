"""The extraction sandbox: limits hold, failures read well, a killed child harms nothing."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time

import pytest
from tests.documents.corpus_files import CORPUS
from tests.documents.tiny_pdf import build_pdf

from refleum.documents.errors import ExtractionFailed
from refleum.documents.extract import extract_in_sandbox
from refleum.documents.sandbox import CHILD_NICENESS, run_isolated

PDF = (CORPUS / "zoe_martin_accountant.pdf").read_bytes()


async def test_extracts_a_document_in_a_child_process():
    result = await extract_in_sandbox(PDF, "pdf")
    assert result.markdown.startswith("# Zoë Martin\n")
    assert result.pages == 1


async def test_a_job_past_its_time_is_stopped_and_later_jobs_still_work():
    with pytest.raises(ExtractionFailed, match=r"^Extraction took longer than 0.5 s$"):
        await asyncio.to_thread(run_isolated, time.sleep, 30, timeout_s=0.5, max_memory_mb=512)
    result = await extract_in_sandbox(PDF, "pdf")
    assert "## Experience" in result.markdown


async def test_tiny_timeout_on_real_extraction_reads_well():
    with pytest.raises(ExtractionFailed, match="took longer than"):
        await extract_in_sandbox(PDF, "pdf", timeout_s=0.001)


def test_memory_limit_turns_into_a_readable_failure():
    with pytest.raises(ExtractionFailed, match="^Extraction ran out of memory$"):
        run_isolated(bytearray, 2 * 1024**3, timeout_s=10, max_memory_mb=256)


def test_a_child_that_dies_is_reported_not_propagated():
    with pytest.raises(ExtractionFailed, match="stopped unexpectedly"):
        run_isolated(os._exit, 3, timeout_s=10, max_memory_mb=256)
    with pytest.raises(ExtractionFailed, match="too much CPU time or memory"):
        run_isolated(os.abort, timeout_s=10, max_memory_mb=256)


async def test_extraction_failures_keep_their_reason_across_the_process_boundary():
    with pytest.raises(ExtractionFailed, match=r"no text layer \(image-only\)"):
        await extract_in_sandbox(build_pdf([], image_only=True), "pdf")


async def test_unexpected_errors_do_not_leak_internals():
    with pytest.raises(ExtractionFailed, match="^The document could not be read$"):
        await asyncio.to_thread(run_isolated, int, "not a number", timeout_s=10, max_memory_mb=256)


async def test_sandbox_does_not_block_the_event_loop():
    ticks = 0

    async def ticker():
        nonlocal ticks
        while True:
            await asyncio.sleep(0.01)
            ticks += 1

    task = asyncio.create_task(ticker())
    with pytest.raises(ExtractionFailed):
        await asyncio.to_thread(run_isolated, time.sleep, 5, timeout_s=0.3, max_memory_mb=256)
    task.cancel()
    assert ticks >= 5


def test_children_run_at_low_cpu_priority():
    # So documents being extracted on every core never starve the API process.
    parent = os.nice(0)
    child = run_isolated(os.nice, 0, timeout_s=10, max_memory_mb=256)
    assert child == min(19, parent + CHILD_NICENESS)


def test_the_process_server_is_started_before_the_first_job():
    # In a fresh interpreter: the server children fork from runs after start_server()
    # alone, so the first upload does not wait for it (issue #17, part 2).
    # A child's command line reads as ours until it has exec'd: look a few times.
    script = (
        "import os, time\n"
        "from refleum.documents.sandbox import start_server\n"
        "if __name__ == '__main__':\n"
        "    start_server()\n"
        "    pid = os.getpid()\n"
        "    for _ in range(50):\n"
        "        lines = [open(f'/proc/{child}/cmdline').read().replace(chr(0), ' ')\n"
        "                 for child in open(f'/proc/{pid}/task/{pid}/children').read().split()]\n"
        "        if any('forkserver' in line for line in lines):\n"
        "            break\n"
        "        time.sleep(0.1)\n"
        "    print(lines)\n"
    )
    before = subprocess.run(
        [sys.executable, "-c", script.replace("    start_server()\n", "")],
        capture_output=True,
        text=True,
        check=True,
    )
    after = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert "forkserver" not in before.stdout
    assert "from multiprocessing.forkserver import main" in after.stdout
