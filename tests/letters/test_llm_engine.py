"""The LLM engine with a scripted pydantic-ai FunctionModel: hostile answers included."""

import json

import pytest
from pydantic_ai.messages import ModelResponse, TextPart
from pydantic_ai.models.function import AgentInfo, FunctionModel
from tests.letters.samples import JD, resume_data

from refleum.letters.kinds import Kind
from refleum.letters.llm_engine import LLMLetterEngine
from refleum.letters.local_engine import NOTE_MAX_CHARS, OUTREACH_MAX_WORDS, compose
from refleum.llm.errors import LLMProviderError

GOOD_LETTER = (
    "Dear Globex hiring team,\n\n"
    "I'd like to be considered for the Senior Data Analyst role. I'm a Data Analyst at "
    "Northwind Traders, where I automated SQL reporting, cutting manual work by 35%. "
    "I also built weekly revenue dashboards in Tableau used by 40 managers, and at Contoso "
    "I cleaned survey data in Python (pandas) for 12 research projects.\n\n"
    "I'd be glad to talk about how this could help your operations team. "
    "Thank you for your time.\n\nBest regards,\nAna Souza"
)
FABRICATIONS = [
    "I also have five years of Kafka experience.",
    "Before Northwind I was a senior engineer at Google.",
    "I grew revenue by 300% in my first year.",
]


class Scripted:
    """A FunctionModel answering each request with the next scripted text."""

    def __init__(self, *answers: object) -> None:
        self.answers = [a if isinstance(a, str) else json.dumps(a) for a in answers]
        self.prompts: list[str] = []

    def __call__(self, messages, info: AgentInfo) -> ModelResponse:
        self.prompts.append(str(messages))
        return ModelResponse(parts=[TextPart(self.answers.pop(0))])

    def engine(self) -> LLMLetterEngine:
        return LLMLetterEngine(model=FunctionModel(self), name="function:test", timeout_s=5)


async def write(script: Scripted, kind=Kind.COVER_LETTER, language="en"):
    data = resume_data()
    return await script.engine().write(kind, data, data, JD, language)


async def test_a_grounded_answer_is_kept_whole_in_one_call():
    script = Scripted({"content": GOOD_LETTER})
    draft = await write(script)
    assert draft.content == GOOD_LETTER
    assert draft.warnings == ()
    assert draft.usage.calls == 1 and len(script.prompts) == 1


async def test_the_prompt_carries_the_resume_and_the_jd_once():
    script = Scripted({"content": GOOD_LETTER})
    await write(script)
    prompt = script.prompts[0]
    assert prompt.count("Northwind Traders") == 1
    assert prompt.count("About Globex") == 1


async def test_fabricated_sentences_are_removed_and_counted():
    hostile = GOOD_LETTER.replace(
        "Thank you for your time.", " ".join(FABRICATIONS) + " Thank you for your time."
    )
    draft = await write(Scripted({"content": hostile}))
    for sentence in FABRICATIONS:
        assert sentence not in draft.content
    for fact in ("Kafka", "Google", "300%", "five"):
        assert fact not in draft.content
    assert "cutting manual work by 35%" in draft.content
    assert len(draft.warnings) == 1
    assert draft.warnings[0].startswith("Removed 3 sentence(s)")
    assert "skill 'Kafka'" in draft.warnings[0] and "number '300%'" in draft.warnings[0]


async def test_an_empty_answer_falls_back_to_the_local_engine_and_says_so():
    draft = await write(Scripted({"content": ""}))
    local = compose(Kind.COVER_LETTER, resume_data(), resume_data(), JD, "en")
    assert draft.content == local.content
    assert any("written by the local engine" in w and "empty" in w for w in draft.warnings)


async def test_a_mostly_fabricated_answer_falls_back_to_the_local_engine():
    hostile = "Dear Globex team,\n\n" + " ".join(FABRICATIONS) + "\n\nBest,\nAna Souza"
    draft = await write(Scripted({"content": hostile}))
    assert "Google" not in draft.content and "Kafka" not in draft.content
    assert "Northwind Traders" in draft.content
    assert draft.warnings[0].startswith("Removed 3 sentence(s)")
    assert "written by the local engine because grounding removed 3 of 6" in draft.warnings[1]


async def test_a_fallback_in_a_language_without_templates_is_english_and_says_so():
    draft = await write(Scripted({"content": ""}), language="ja")
    assert draft.content.rstrip().endswith("Ana Souza")
    assert any("does not write 'ja'" in w for w in draft.warnings)


async def test_outreach_answer_keeps_message_and_note_within_limits():
    long_message = " ".join(["I automated SQL reporting, cutting manual work by 35%."] * 20)
    long_note = "I'm a Data Analyst at Northwind Traders. " * 12
    draft = await write(
        Scripted({"message": long_message, "connection_note": long_note}), Kind.OUTREACH
    )
    assert len(draft.content.split()) <= OUTREACH_MAX_WORDS
    assert draft.connection_note and len(draft.connection_note) <= NOTE_MAX_CHARS
    assert any("shortened" in w for w in draft.warnings)


async def test_a_fabricated_connection_note_is_replaced_by_the_local_one():
    message = (
        "Hi! I saw Globex is hiring a Senior Data Analyst. At Northwind Traders I "
        "automated SQL reporting, cutting manual work by 35%. Open to a chat?\n\nAna"
    )
    note = "Hi, I'm a Kubernetes expert from Google with 10 years of experience."
    draft = await write(Scripted({"message": message, "connection_note": note}), Kind.OUTREACH)
    assert "Google" not in draft.connection_note and "Kubernetes" not in draft.connection_note
    assert (
        draft.connection_note
        == compose(Kind.OUTREACH, resume_data(), resume_data(), JD, "en").connection_note
    )
    assert any("connection note was written by the local engine" in w for w in draft.warnings)


async def test_an_answer_that_never_parses_is_a_provider_error():
    script = Scripted("not json", "still not json", "{broken")
    with pytest.raises(LLMProviderError):
        await write(script)
