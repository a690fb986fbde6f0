"""Letters: local generation time per letter, and model calls and tokens per letter (LLM
engine through the fake OpenAI-compatible server in tests/fakes).

Token figures for the LLM engine are measured from what was sent: the request body the
server received (system prompt, schema, resume, JD), at ~4 characters a token, and the
answer it returned. The fake server's own usage numbers are scripted, so they are not used.
"""

from __future__ import annotations

import asyncio
import json
import time

from tests.fakes import FakeModelServer, replies
from tests.letters.samples import ANONYMOUS_JD, JD, OTHER_JD, resume_data
from tests.letters.test_llm_engine import FABRICATIONS, GOOD_LETTER

from bench.common import summarize_ms
from refleum.letters.engines import LocalLetterEngine
from refleum.letters.kinds import Kind
from refleum.letters.llm_engine import LLMLetterEngine
from refleum.letters.local_engine import compose
from refleum.llm.providers import build_model
from refleum.llm.settings import ProviderSettings

LANGUAGES = ("en", "es", "fr", "de", "pt")
ROUNDS = 40
CHARS_PER_TOKEN = 4


def _jds() -> list[str]:
    # Distinct JDs, so each letter is computed from scratch (no cache anywhere).
    return [f"{jd}\nReference {n}." for n in range(ROUNDS) for jd in (JD, OTHER_JD, ANONYMOUS_JD)]


def bench_local() -> None:
    data = resume_data()
    compose(Kind.COVER_LETTER, data, data, JD, "en")  # warm the vocabularies
    for kind in Kind:
        for language in LANGUAGES:
            samples, words = [], []
            for jd in _jds():
                started = time.perf_counter()
                draft = compose(kind, data, data, jd, language)
                samples.append(time.perf_counter() - started)
                words.append(len(draft.content.split()))
            print(
                f"local {kind:12s} {language}  {summarize_ms(samples)}  "
                f"words {min(words)}–{max(words)}"
            )


async def _llm_letters(server: FakeModelServer, kind: Kind, answer: dict, n: int) -> list:
    model = build_model(
        ProviderSettings("openai-compatible", "fake-model", None, server.base_url),
        allow_private=True,
    )
    engine = LLMLetterEngine(model=model, name="openai-compatible:fake-model", timeout_s=30)
    data = resume_data()
    drafts = []
    for _ in range(n):
        server.enqueue(replies.json_answer(answer))
        drafts.append(await engine.write(kind, data, data, JD, "en"))
    return drafts


def bench_llm() -> None:
    n = 20
    hostile = GOOD_LETTER.replace("Thank you", " ".join(FABRICATIONS) + " Thank you")
    outreach = {
        "message": "Hi! At Northwind Traders I automated SQL reporting, cutting manual "
        "work by 35%. Open to a short chat?\n\nAna Souza",
        "connection_note": "Hi, I'm a Data Analyst. Would be glad to connect.",
    }
    cases = [
        ("cover_letter", Kind.COVER_LETTER, {"content": GOOD_LETTER}),
        ("cover_letter hostile", Kind.COVER_LETTER, {"content": hostile}),
        ("cover_letter empty", Kind.COVER_LETTER, {"content": ""}),
        ("outreach", Kind.OUTREACH, outreach),
    ]
    for label, kind, answer in cases:
        with FakeModelServer() as server:
            drafts = asyncio.run(_llm_letters(server, kind, answer, n))
            sent = [len(json.dumps(r.body, ensure_ascii=False)) for r in server.requests]
        answer_chars = len(json.dumps(answer, ensure_ascii=False))
        fallbacks = sum(any("local engine" in w for w in d.warnings) for d in drafts)
        removed = sum(1 for d in drafts for w in d.warnings if w.startswith("Removed"))
        print(
            f"llm   {label:22s} calls/letter {len(sent) / n:.2f}  "
            f"input ≈{sum(sent) / len(sent) / CHARS_PER_TOKEN:.0f} tokens "
            f"({sum(sent) / len(sent):.0f} chars)  output ≈{answer_chars / CHARS_PER_TOKEN:.0f} "
            f"tokens  letters with removals {removed}/{n}  local fallbacks {fallbacks}/{n}"
        )


def bench_local_engine_async() -> None:
    """The async wrapper the endpoints use (a worker thread per letter)."""
    engine, data = LocalLetterEngine(), resume_data()

    async def run() -> list[float]:
        samples = []
        for jd in _jds():
            started = time.perf_counter()
            await engine.write(Kind.COVER_LETTER, data, data, jd, "en")
            samples.append(time.perf_counter() - started)
        return samples

    print(f"local engine.write (thread) en   {summarize_ms(asyncio.run(run()))}")


def main() -> None:
    bench_local()
    bench_local_engine_async()
    bench_llm()


if __name__ == "__main__":
    main()
