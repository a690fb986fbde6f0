"""The OpenAPI schema states the rules the API enforces (audit #11, finding 12 c)."""

from __future__ import annotations

import re

import jsonschema
import pytest
from fastapi import FastAPI
from openapi_spec_validator import validate

from refleum import openapi_schema
from refleum.app import create_app
from refleum.config import Settings
from refleum.errors import ApiError
from refleum.languages import BCP47_PATTERN, normalize_language_tag
from refleum.letters.schemas import LetterRequest
from refleum.llm.schemas import LLMConfigUpdate
from refleum.openapi_errors import OPERATION_ERRORS, causes_of
from refleum.openapi_schema import OPERATION_DOCS
from refleum.orgs.schemas import OrgCreate, OrgUpdate
from refleum.resumes.exports import DOCX_TYPE
from refleum.resumes.schemas import ResumePatch
from refleum.tailoring.schemas import TailorRequest


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


# Pinned: a generated client's function names come from these, so renaming one breaks
# every integrator's code. Change this list only on purpose (and say so in the changelog).
OPERATION_IDS = {
    ("GET", "/api/v1/health"): "getHealth",
    ("POST", "/api/v1/resumes"): "uploadResume",
    ("GET", "/api/v1/resumes"): "listResumes",
    ("GET", "/api/v1/resumes/{id}"): "getResume",
    ("PATCH", "/api/v1/resumes/{id}"): "updateResume",
    ("DELETE", "/api/v1/resumes/{id}"): "deleteResume",
    ("POST", "/api/v1/resumes/{id}/retry"): "retryResume",
    ("GET", "/api/v1/resumes/{id}/pdf"): "getResumePdf",
    ("GET", "/api/v1/resumes/{id}/docx"): "getResumeDocx",
    ("GET", "/api/v1/resumes/{id}/markdown"): "getResumeMarkdown",
    ("POST", "/api/v1/resumes/{id}/tailor"): "tailorResume",
    ("GET", "/api/v1/resumes/{id}/cover-letters"): "listCoverLetters",
    ("POST", "/api/v1/resumes/{id}/cover-letters"): "generateCoverLetter",
    ("GET", "/api/v1/resumes/{id}/cover-letters/{letter_id}"): "getCoverLetter",
    ("DELETE", "/api/v1/resumes/{id}/cover-letters/{letter_id}"): "deleteCoverLetter",
    ("POST", "/api/v1/resumes/{id}/cover-letters/{letter_id}/regenerate"): "regenerateCoverLetter",
    ("GET", "/api/v1/resumes/{id}/outreach"): "listOutreachMessages",
    ("POST", "/api/v1/resumes/{id}/outreach"): "generateOutreachMessage",
    ("GET", "/api/v1/resumes/{id}/outreach/{letter_id}"): "getOutreachMessage",
    ("DELETE", "/api/v1/resumes/{id}/outreach/{letter_id}"): "deleteOutreachMessage",
    ("POST", "/api/v1/resumes/{id}/outreach/{letter_id}/regenerate"): "regenerateOutreachMessage",
    ("GET", "/api/v1/usage"): "getUsage",
    ("GET", "/api/v1/llm-config"): "getLlmConfig",
    ("PUT", "/api/v1/llm-config"): "updateLlmConfig",
    ("POST", "/api/v1/admin/orgs"): "createOrg",
    ("GET", "/api/v1/admin/orgs"): "listOrgs",
    ("PATCH", "/api/v1/admin/orgs/{org_id}"): "updateOrg",
    ("POST", "/api/v1/admin/orgs/{org_id}/keys"): "createKey",
    ("GET", "/api/v1/admin/orgs/{org_id}/keys"): "listKeys",
    ("POST", "/api/v1/admin/keys/{key_id}/revoke"): "revokeKey",
    ("POST", "/api/v1/webhooks"): "createWebhook",
    ("GET", "/api/v1/webhooks"): "listWebhooks",
    ("GET", "/api/v1/webhooks/{webhook_id}"): "getWebhook",
    ("PATCH", "/api/v1/webhooks/{webhook_id}"): "updateWebhook",
    ("DELETE", "/api/v1/webhooks/{webhook_id}"): "deleteWebhook",
    ("GET", "/api/v1/webhooks/{webhook_id}/deliveries"): "listWebhookDeliveries",
    (
        "POST",
        "/api/v1/webhooks/{webhook_id}/deliveries/{delivery_id}/redeliver",
    ): "redeliverWebhook",
    ("POST", "/api/v1/webhooks/{webhook_id}/test"): "testWebhook",
    ("GET", "/api/v1/jobs/{job_id}"): "getJob",
}


@pytest.fixture
def full_schema(tmp_path) -> dict:
    """The schema with the admin routes, which exist only with REFLEUM_ADMIN_TOKEN."""
    settings = Settings(data_dir=tmp_path, admin_token="schema-admin-token-0123456789")
    return create_app(settings, run_jobs=False).openapi()


def operations(schema: dict) -> list[tuple[str, str, dict]]:
    return [
        (method.upper(), path, operation)
        for path, methods in schema["paths"].items()
        for method, operation in methods.items()
    ]


def test_operation_ids_are_pinned(full_schema):
    found = {(method, path): op["operationId"] for method, path, op in operations(full_schema)}
    assert found == OPERATION_IDS


def test_the_schema_is_valid_openapi(full_schema):
    validate(full_schema)


def test_every_operation_is_written_for_its_callers(full_schema):
    for method, path, op in operations(full_schema):
        where = f"{method} {path}"
        assert op["operationId"] in OPERATION_DOCS, where
        assert op["summary"][:1].isupper() and len(op["summary"]) <= 60, where
        # Not FastAPI's "Upload Resume" from the function name, nor a one-liner.
        assert op["summary"] != op["operationId"] and len(op["description"]) >= 60, where
        body = op.get("requestBody", {}).get("content", {}).get("application/json")
        if body is not None:
            assert "example" in body, where
        success = next(s for s in op["responses"] if s.startswith("2"))
        json_body = op["responses"][success]["content"].get("application/json")
        if json_body is not None:
            assert "example" in json_body, where


def test_docs_name_only_real_operations(full_schema):
    ids = {op["operationId"] for *_, op in operations(full_schema)}
    assert set(OPERATION_DOCS) == ids
    assert set(OPERATION_ERRORS) == ids


@pytest.mark.parametrize(
    ("operation_id", "model"),
    [
        ("updateResume", "ResumePatch"),
        ("tailorResume", "TailorRequest"),
        ("generateCoverLetter", "LetterRequest"),
        ("updateLlmConfig", "LLMConfigUpdate"),
        ("createOrg", "OrgCreate"),
        ("updateOrg", "OrgUpdate"),
    ],
)
def test_request_examples_are_accepted_by_the_models(operation_id, model):
    body = OPERATION_DOCS[operation_id].request_example
    models = {
        "ResumePatch": ResumePatch,
        "TailorRequest": TailorRequest,
        "LetterRequest": LetterRequest,
        "LLMConfigUpdate": LLMConfigUpdate,
        "OrgCreate": OrgCreate,
        "OrgUpdate": OrgUpdate,
    }
    models[model].model_validate(body)


def test_response_examples_match_their_schemas(full_schema):
    validator_for = jsonschema.Draft202012Validator
    for method, path, op in operations(full_schema):
        success = next(s for s in op["responses"] if s.startswith("2"))
        media = op["responses"][success]["content"].get("application/json")
        if media is None:
            continue
        resolver_schema = {**media["schema"], "components": full_schema["components"]}
        errors = list(validator_for(resolver_schema).iter_errors(media["example"]))
        assert not errors, f"{method} {path}: {errors[0].message}"


def test_errors_are_enums_of_the_operations_codes(full_schema):
    for method, path, op in operations(full_schema):
        causes = causes_of(op["operationId"])
        for status, response in op["responses"].items():
            if int(status) < 400:
                continue
            codes = set(error_codes(full_schema, op))
            assert set(causes[int(status)]) <= codes, f"{method} {path} {status}"
            assert all(f"`{code}`" in response["description"] for code in causes[int(status)])
        assert {str(s) for s in causes} == {s for s in op["responses"] if int(s) >= 400}


def test_keyed_operations_declare_the_key_errors(full_schema):
    for method, path, op in operations(full_schema):
        codes = set(error_codes(full_schema, op))
        if path == "/api/v1/health":
            assert "401" not in op["responses"]
        elif path.endswith("/pdf"):  # the key is optional there
            assert {"INVALID_KEY", "UNAUTHORIZED"} <= codes and "MISSING_KEY" not in codes
        else:
            assert {"MISSING_KEY", "UNAUTHORIZED"} <= codes, f"{method} {path}"
        assert {"RATE_LIMITED", "INTERNAL_ERROR"} <= codes, f"{method} {path}"


def all_error_classes(cls=ApiError) -> list[type[ApiError]]:
    return [cls, *(c for sub in cls.__subclasses__() for c in all_error_classes(sub))]


def test_every_error_code_of_the_api_is_listed_somewhere(full_schema):
    listed = {code for *_, op in operations(full_schema) for code in error_codes(full_schema, op)}
    assert {cls.code for cls in all_error_classes()} <= listed


def test_component_names_are_unique_and_readable(full_schema):
    names = list(full_schema["components"]["schemas"])
    # FastAPI falls back to module-qualified names when two models share one.
    assert not [n for n in names if "__" in n or n.startswith(("Body_", "Envelope_"))]
    generated_class_names = [re.sub(r"[^0-9a-z]", "", n.lower()) for n in names]
    assert len(set(generated_class_names)) == len(names)
    assert "ErrorBody" not in names and "ValidationError" not in names


def test_resume_content_is_typed(schema):
    ref = {"$ref": "#/components/schemas/ResumeData"}
    assert ref in component(schema, "ResumeOut")["properties"]["structured_data"]["anyOf"]
    assert component(schema, "TailorResponse")["properties"]["resume_data"] == ref
    work = component(schema, "ResumeData")["properties"]["workExperience"]
    assert work["items"] == {"$ref": "#/components/schemas/WorkExperience"}


def test_the_upload_is_multipart_with_a_binary_file(schema):
    body = schema["paths"]["/api/v1/resumes"]["post"]["requestBody"]["content"]
    assert list(body) == ["multipart/form-data"]
    assert body["multipart/form-data"]["schema"] == {
        "$ref": "#/components/schemas/UploadResumeForm"
    }
    file = component(schema, "UploadResumeForm")["properties"]["file"]
    assert file["type"] == "string" and file["format"] == "binary"


@pytest.mark.parametrize(
    ("path", "media_type", "binary"),
    [
        ("/api/v1/resumes/{id}/pdf", "application/pdf", True),
        ("/api/v1/resumes/{id}/docx", DOCX_TYPE, True),
        ("/api/v1/resumes/{id}/markdown", "text/markdown", False),
    ],
)
def test_document_exports_declare_their_media_type_and_no_json(schema, path, media_type, binary):
    content = schema["paths"][path]["get"]["responses"]["200"]["content"]
    assert list(content) == [media_type]
    expected = {"type": "string", "format": "binary"} if binary else {"type": "string"}
    assert content[media_type]["schema"] == expected


def test_patch_publishes_one_spelling_of_structured_data(schema):
    props = component(schema, "ResumePatch")["properties"]
    assert "structuredData" in props and "structured_data" not in props


def test_parameters_tags_and_admin_auth_are_described(full_schema):
    for method, path, op in operations(full_schema):
        for parameter in op.get("parameters", []):
            assert parameter.get("description"), f"{method} {path} {parameter['name']}"
        if path.startswith("/api/v1/admin"):
            assert op["security"] == [{"AdminToken": []}]
        assert "Retry-After" in op["responses"]["429"]["headers"]
    assert {t["name"] for t in full_schema["tags"]} == {
        tag for *_, op in operations(full_schema) for tag in op["tags"]
    }
    assert "uploadResume" in full_schema["info"]["description"]


def test_delete_answers_are_typed(schema):
    resume = schema["paths"]["/api/v1/resumes/{id}"]["delete"]["responses"]["200"]
    ref = resume["content"]["application/json"]["schema"]["$ref"]
    assert ref.endswith("/ResumeDeletedEnvelope")
    assert set(component(schema, "CoverLetterDeleted")["properties"]) == {
        "cover_letter_id",
        "deleted",
    }


def test_an_operation_missing_from_the_tables_does_not_break_the_schema():
    app = FastAPI()

    @app.get("/api/v1/new", operation_id="newThing")
    async def new_thing(q: int = 0) -> dict[str, int]:
        return {"q": q}

    openapi_schema.install(app)
    op = app.openapi()["paths"]["/api/v1/new"]["get"]
    assert "422" not in op["responses"] and "429" in op["responses"]


def test_the_gap_report_carries_its_evidence(schema):
    # #16: skills_shown is additive beside gaps; each entry says how and which line.
    props = component(schema, "TailorResponse")["properties"]
    assert props["gaps"]["type"] == "array"
    assert props["skills_shown"]["items"] == {"$ref": "#/components/schemas/SkillShownOut"}
    shown = component(schema, "SkillShownOut")
    assert shown["properties"]["how"]["enum"] == ["stated", "shown"]
    assert set(shown["required"]) == {"skill", "how", "line"}
