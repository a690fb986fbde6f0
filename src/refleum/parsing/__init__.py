"""Text to ResumeData: a rule-based local parser and an LLM parser, both grounded."""
