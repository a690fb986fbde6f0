"""Writes each example's resume.pdf from its resume.json with Refleum's own classic template:
examples/resume.pdf (the backend engineer the README uses) and examples/*/resume.pdf (one
folder per further profession).

Run: .venv/bin/python examples/generate.py
"""

from pathlib import Path

from refleum.documents.render import render_pdf
from refleum.resume_data import ResumeData

HERE = Path(__file__).parent


def example_folders() -> list[Path]:
    """Every folder holding an example pair: examples/ itself, then its subfolders."""
    return [HERE, *sorted(p.parent for p in HERE.glob("*/resume.json"))]


if __name__ == "__main__":
    for folder in example_folders():
        data = ResumeData.model_validate_json((folder / "resume.json").read_text())
        (folder / "resume.pdf").write_bytes(render_pdf(data))
        print(f"wrote {(folder / 'resume.pdf').relative_to(HERE.parent)}")
