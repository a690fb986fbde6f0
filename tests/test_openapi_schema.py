"""The OpenAPI schema states the rules the API enforces (audit #11, finding 12 c)."""

from __future__ import annotations

import re

import pytest

from refleum.languages import BCP47_PATTERN, normalize_language_tag


@pytest.fixture
def schema(app) -> dict:
    return app.openapi()


def component(schema: dict, name: str) -> dict:
    return schema["components"]["schemas"][name]


def test_job_description_states_its_word_range(schema):
    jd = component(schema, "TailorRequest")["properties"]["job_description"]
    assert "100–8,000 words" in jd["description"]
    assert jd["minLength"] == 199  # 100 one-letter words and 99 spaces
    letter_jd = component(schema, "LetterRequest")["properties"]["job_description"]
    assert "8,000 words" in letter_jd["description"] and letter_jd["minLength"] == 1


@pytest.mark.parametrize(
    ("model", "field"),
    [
        ("TailorRequest", "output_language"),
        ("LetterRequest", "output_language"),
        ("LLMConfigUpdate", "content_language"),
    ],
)
def test_language_fields_carry_the_bcp47_pattern(schema, model, field):
    prop = component(schema, model)["properties"][field]
    assert prop["pattern"] == BCP47_PATTERN
    assert "BCP-47" in prop["description"] and "pt-BR" in prop["examples"]


@pytest.mark.parametrize("tag", ["en", "pt-BR", "pt_br", "zh-Hant-TW", "es-419", " fr ", "sr-Latn"])
def test_every_tag_the_server_accepts_matches_the_pattern(tag):
    normalize_language_tag(tag)
    assert re.match(BCP47_PATTERN, tag)


@pytest.mark.parametrize("tag", ["", "english!", "en US", "en--US", "123"])
def test_tags_outside_the_pattern_are_refused_by_the_server(tag):
    assert not re.match(BCP47_PATTERN, tag)
    with pytest.raises(ValueError):
        normalize_language_tag(tag)


def test_upload_states_file_rules_and_form_booleans(schema):
    ref = schema["paths"]["/api/v1/resumes"]["post"]["requestBody"]["content"]
    body_name = ref["multipart/form-data"]["schema"]["$ref"].rsplit("/", 1)[1]
    props = component(schema, body_name)["properties"]
    assert props["file"]["minLength"] == 1
    assert "10 MB" in props["file"]["description"] and "PDF or DOCX" in props["file"]["description"]
    assert re.match(props["set_as_master"]["pattern"], "True")
    assert not re.match(props["set_as_master"]["pattern"], "1")


def test_strict_booleans_are_plain_booleans(schema):
    assert component(schema, "TailorRequest")["properties"]["generate_pdf"]["type"] == "boolean"


def test_invalid_input_is_documented_as_400_never_422(schema):
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            assert "422" not in responses, f"{method.upper()} {path}"
            # Any string is a valid path id (an unknown one is a 404), so only a query
            # or a body can be invalid input.
            queried = any(p["in"] == "query" for p in operation.get("parameters", []))
            if queried or operation.get("requestBody"):
                assert "400" in responses, f"{method.upper()} {path}"
                assert "VALIDATION_ERROR" in error_codes(schema, operation)
    assert "HTTPValidationError" not in schema["components"]["schemas"]


def error_codes(schema: dict, operation: dict) -> list[str]:
    ref = operation["responses"]["401" if "401" in operation["responses"] else "429"]
    name = ref["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    return component(schema, name)["properties"]["error"]["enum"]
