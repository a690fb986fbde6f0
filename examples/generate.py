"""Writes examples/resume.pdf from examples/resume.json with Refleum's own classic template.

Run: .venv/bin/python examples/generate.py
"""

from pathlib import Path

from refleum.documents.render import render_pdf
from refleum.resume_data import ResumeData

HERE = Path(__file__).parent

if __name__ == "__main__":
    data = ResumeData.model_validate_json((HERE / "resume.json").read_text())
    (HERE / "resume.pdf").write_bytes(render_pdf(data))
