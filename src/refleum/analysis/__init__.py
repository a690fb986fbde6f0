"""Text knowledge shared by parsing, tailoring and letters: skills vocabulary, facts, JD
keywords and sections, relevance, scoring and grounding. Pure functions over text and
Pydantic models: no database, no HTTP, no model calls."""
