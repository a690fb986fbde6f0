"""Letters: how the local engine writes (word counts, share of sentences that copy a resume
bullet, similarity of a regenerated letter to the one it replaces), local generation time
per letter, and model calls and tokens per letter (LLM engine through the fake
OpenAI-compatible server in tests/fakes).

Writing quality runs over every fixture pair: the bundled example, the letters samples and
every parsing-corpus resume against the letters JDs, in each language. "Copied" is
``letters.copying`` (a sentence holding >= 80 % of a bullet's words in order); similarity
is ``letters.similarity`` (word-bigram Jaccard; the aim is < 0.6).

Token figures for the LLM engine are measured from what was sent: the request body the
server received (system prompt, schema, resume, JD), at ~4 characters a token, and the
answer it returned. The fake server's own usage numbers are scripted, so they are not used.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import time
from pathlib import Path

from tests.fakes import FakeModelServer, replies
from tests.letters.samples import ANONYMOUS_JD, JD, OTHER_JD, resume_data
from tests.letters.test_llm_engine import FABRICATIONS, GOOD_LETTER
from tests.letters.test_local_engine import JDS

from bench.common import summarize_ms
from refleum.letters.copying import copied_sentences, letter_sentences
from refleum.letters.engines import LocalLetterEngine
from refleum.letters.kinds import Kind
from refleum.letters.llm_engine import LLMLetterEngine
from refleum.letters.local_engine import COVER_MAX_WORDS, COVER_MIN_WORDS, compose
from refleum.letters.similarity import REGENERATE_AIM, similarity
from refleum.llm.providers import build_model
from refleum.llm.settings import ProviderSettings
from refleum.resume_data import ResumeData

LANGUAGES = ("en", "es", "fr", "de", "pt")
ROUNDS = 40
CHARS_PER_TOKEN = 4


ROOT = Path(__file__).parents[1]


def _pairs() -> list[tuple[str, ResumeData, str]]:
    example = ResumeData.model_validate(json.loads((ROOT / "examples/resume.json").read_text()))
    pairs = [("example", example, (ROOT / "examples/job_description.txt").read_text())]
    pairs += [(f"sample-{n}", resume_data(), jd) for n, jd in enumerate((JD, OTHER_JD))]
    for path in sorted((ROOT / "tests/fixtures/corpus").glob("*.json")):
        data = ResumeData.model_validate(json.loads(path.read_text("utf-8")))
        pairs += [(f"{path.stem}-{n}", data, jd) for n, jd in enumerate(JDS)]
    return pairs


def bench_quality() -> None:
    """Word counts, copied-sentence share and regenerate similarity, per kind and language."""
    pairs = _pairs()
    for kind in Kind:
        for language in LANGUAGES:
            counts, similarities = [], []
            sentences = copied = 0
            for _name, data, jd in pairs:
                first = compose(kind, data, data, jd, language).content
                again = compose(kind, data, data, jd, language, previous=first).content
                counts.append(len(first.split()))
                similarities.append(similarity(first, again))
                for content in (first, again):
                    sentences += len(letter_sentences(content))
                    copied += len(copied_sentences(content, data))
            within = (
                sum(COVER_MIN_WORDS <= n <= COVER_MAX_WORDS for n in counts)
                if kind is Kind.COVER_LETTER
                else sum(n < 120 for n in counts)
            )
            print(
                f"quality {kind:12s} {language}  pairs {len(pairs)}  words "
                f"{min(counts)}/{statistics.median(counts):.0f}/{max(counts)} (min/median/max), "
                f"within bounds {within}/{len(counts)}  copied sentences {copied}/{sentences} "
                f"({copied / max(sentences, 1):.1%})  regenerate similarity mean "
                f"{statistics.mean(similarities):.2f} max {max(similarities):.2f}, "
                f"under {REGENERATE_AIM} {sum(s < REGENERATE_AIM for s in similarities)}/"
                f"{len(similarities)}"
            )


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
    bench_quality()
    bench_local()
    bench_local_engine_async()
    bench_llm()


if __name__ == "__main__":
    main()
