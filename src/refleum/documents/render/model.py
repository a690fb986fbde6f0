"""The renderer-neutral view of a resume: ordered, non-empty sections.

HTML, DOCX and Markdown all render this one list, so the three formats carry the same
content in the same order.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from refleum.documents.render.headings import headings_for
from refleum.resume_data import ResumeData

STANDARD_ORDER = ("summary", "workExperience", "education", "personalProjects", "additional")
_ADDITIONAL = ("technicalSkills", "languages", "certificationsTraining", "awards")
_CONTACT = ("email", "phone", "location", "website", "linkedin", "github")


@dataclass
class Entry:
    heading: str  # "Title — Company": the order the parser reads entries in
    meta: str = ""  # "Location, Years"
    links: str = ""
    text: str = ""
    bullets: list[str] = field(default_factory=list)


@dataclass
class Section:
    key: str
    title: str
    text: str = ""  # prose section (summary, custom text)
    line: str = ""  # comma-joined list (skills)
    bullets: list[str] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)


@dataclass
class View:
    name: str
    title: str
    contact: list[str]
    sections: list[Section]
    language: str


def _join(*parts: str, sep: str) -> str:
    return sep.join(p for p in parts if p)


def _standard(data: ResumeData, key: str, h: dict[str, str]) -> list[Section]:
    if key == "summary":
        return [Section(key, h[key], text=data.summary)] if data.summary else []
    if key == "workExperience":
        entries = [
            Entry(
                _join(j.title, j.company, sep=" — "),
                _join(j.location, j.years, sep=", "),
                bullets=j.description,
            )
            for j in data.workExperience
        ]
    elif key == "education":
        entries = [
            Entry(_join(e.degree, e.institution, sep=", "), e.years, text=e.description)
            for e in data.education
        ]
    elif key == "personalProjects":
        entries = [
            Entry(
                _join(p.name, p.role, sep=" — "),
                p.years,
                links=_join(p.github, p.website, sep=" · "),
                bullets=p.description,
            )
            for p in data.personalProjects
        ]
    else:  # additional: one small section per non-empty list
        extra = data.additional
        return [
            Section(name, h[name], line=", ".join(getattr(extra, name)))
            for name in _ADDITIONAL
            if getattr(extra, name)
        ]
    return [Section(key, h[key], entries=entries)] if entries else []


def _custom(data: ResumeData, key: str) -> list[Section]:
    section = data.customSections.get(key)
    if section is None:
        return []
    entries = (
        [
            Entry(_join(i.title, i.subtitle, sep=" — "), i.years, bullets=i.description)
            for i in section.items
        ]
        if section.type == "itemList"
        else []
    )
    bullets = section.strings if section.type == "stringList" else []
    text = section.text if section.type == "text" else ""
    if not (entries or bullets or text):
        return []
    return [
        Section(f"customSections.{key}", section.title, text=text, bullets=bullets, entries=entries)
    ]


def resolve_order(data: ResumeData, section_order: list[str] | None) -> list[str]:
    """The requested order, then anything it left out (a section is never dropped silently)."""
    default = [*STANDARD_ORDER, *(f"customSections.{k}" for k in data.customSections)]
    chosen = [s for s in (section_order or []) if s in default]
    return list(dict.fromkeys([*chosen, *default]))


def build_view(
    data: ResumeData, *, language: str = "en", section_order: list[str] | None = None
) -> View:
    h = headings_for(language)
    sections: list[Section] = []
    for key in resolve_order(data, section_order):
        if key.startswith("customSections."):
            sections += _custom(data, key.split(".", 1)[1])
        else:
            sections += _standard(data, key, h)
    info = data.personalInfo
    contact = [getattr(info, k) for k in _CONTACT if getattr(info, k)]
    return View(info.name, info.title, contact, sections, language)


def all_text(view: View) -> str:
    """Every string the document will print (for the glyph check)."""
    parts = [view.name, view.title, *view.contact]
    for s in view.sections:
        parts += [s.title, s.text, s.line, *s.bullets]
        for e in s.entries:
            parts += [e.heading, e.meta, e.links, e.text, *e.bullets]
    return "\n".join(parts)
