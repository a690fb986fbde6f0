"""Markdown renderings of the corpus JSONs, shaped like the corpus layouts' extracted text.

Used to tune and test the parser on the corpus's layouts independently of extraction:
each function follows one layout in tests/fixtures/corpus/{html,docx}_layouts.py and
writes what the extraction contract says extraction should produce for it.
"""

from __future__ import annotations

import textwrap


def _contact_values(
    info: dict, keys=("email", "phone", "location", "website", "linkedin", "github")
) -> list[str]:
    return [info[k] for k in keys if info.get(k)]


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width, break_on_hyphens=False) if width else [text]


class Writer:
    def __init__(self, width: int = 0, gaps: bool = True, caps_plain: bool = False):
        self.lines: list[str] = []
        self.width, self.gaps, self.caps_plain = width, gaps, caps_plain

    def heading(self, title: str) -> None:
        self.blank()
        self.lines.append(title.upper() if self.caps_plain else f"## {title}")

    def text(self, text: str) -> None:
        if text:
            self.lines.extend(_wrap(text, self.width))

    def bullets(self, items: list[str]) -> None:
        self.lines.extend(f"- {item}" for item in items)

    def blank(self) -> None:
        if self.lines and self.lines[-1] != "":
            self.lines.append("")

    def gap(self) -> None:
        if self.gaps:
            self.blank()

    def markdown(self) -> str:
        return "\n".join(self.lines) + "\n"


def _head(title: str, org: str, company_first: bool) -> str:
    return f"{org} / {title}" if company_first else f"{title} — {org}"


def _meta(location: str, years: str) -> str:
    return ", ".join(v for v in (location, years) if v)


def _row(*cells: str) -> str:
    return " | ".join(cell for cell in cells if cell)


def _experience(
    w: Writer,
    r: dict,
    company_first: bool,
    dates_right: bool,
    title: str = "Experience",
    bold_as_heading: bool = False,
) -> None:
    if not r["workExperience"]:
        return
    w.heading(title)
    for job in r["workExperience"]:
        w.gap()
        head = _head(job["title"], job["company"], company_first)
        if dates_right:
            w.lines.append(_row(head, job["location"], job["years"]))
        else:
            # bold_as_heading: an extractor that promoted the bold entry line to a heading
            w.lines.append(f"## {head}" if bold_as_heading else head)
            w.text(_meta(job["location"], job["years"]))
        w.bullets(job["description"])


def _education(w: Writer, r: dict, dates_right: bool) -> None:
    if not r["education"]:
        return
    w.heading("Education")
    for edu in r["education"]:
        w.gap()
        head = f"{edu['degree']}, {edu['institution']}"
        w.lines.append(_row(head, edu["years"]) if dates_right else head)
        if not dates_right:
            w.text(edu["years"])
        w.text(edu["description"])


def _projects(w: Writer, r: dict, dates_right: bool = False) -> None:
    if not r["personalProjects"]:
        return
    w.heading("Projects")
    for proj in r["personalProjects"]:
        w.gap()
        head = f"{proj['name']} — {proj['role']}"
        w.lines.append(_row(head, proj["years"]) if dates_right else head)
        if not dates_right:
            w.text(proj["years"])
        links = [proj[k] for k in ("github", "website") if proj[k]]
        w.text(" · ".join(links))
        w.bullets(proj["description"])


def _lists(w: Writer, r: dict) -> None:
    add = r["additional"]
    for title, key in (
        ("Skills", "technicalSkills"),
        ("Languages", "languages"),
        ("Certifications", "certificationsTraining"),
        ("Awards", "awards"),
    ):
        if add[key]:
            w.heading(title)
            w.text(", ".join(add[key]))


def _custom(w: Writer, r: dict) -> None:
    for section in r["customSections"].values():
        w.heading(section["title"])
        if section["type"] == "text":
            w.text(section["text"])
        elif section["type"] == "stringList":
            w.bullets(section["strings"])
        for item in section["items"]:
            w.gap()
            w.text(f"{item['title']} — {item['subtitle']}")
            w.text(item["years"])
            w.bullets(item["description"])


def _header(w: Writer, r: dict, contact_sep: str = " · ") -> None:
    info = r["personalInfo"]
    w.lines.append(f"# {info['name']}")
    w.text(info["title"])
    w.text(contact_sep.join(_contact_values(info)))


def _summary(w: Writer, r: dict, title: str = "Summary") -> None:
    if r["summary"]:
        w.heading(title)
        w.text(r["summary"])


def single_column(
    r: dict, company_first: bool = False, gaps: bool = True, bold_as_heading: bool = False
) -> str:
    w = Writer(width=95, gaps=gaps)
    _header(w, r)
    _summary(w, r)
    _experience(w, r, company_first, dates_right=False, bold_as_heading=bold_as_heading)
    _education(w, r, dates_right=False)
    _projects(w, r)
    _lists(w, r)
    _custom(w, r)
    return w.markdown()


def table_dates(r: dict, company_first: bool = False) -> str:
    w = Writer(width=95, gaps=False)
    _header(w, r)
    _summary(w, r)
    _experience(w, r, company_first, dates_right=True)
    _education(w, r, dates_right=True)
    _projects(w, r, dates_right=True)
    _lists(w, r)
    _custom(w, r)
    return w.markdown()


def sidebar(r: dict) -> str:
    w = Writer(width=40, gaps=True)
    w.lines.append("## Contact")
    for value in _contact_values(r["personalInfo"]):
        w.text(value)
    _lists(w, r)
    _education(w, r, dates_right=False)
    w.blank()
    w.lines.append(f"# {r['personalInfo']['name']}")
    w.text(r["personalInfo"]["title"])
    w.width = 70
    _summary(w, r)
    _experience(w, r, company_first=False, dates_right=False)
    _custom(w, r)
    return w.markdown()


def docx_tab_stops(r: dict) -> str:
    """Bold caps headings that extraction left as plain lines; company first."""
    w = Writer(gaps=False, caps_plain=True)
    _header(w, r, contact_sep=" | ")
    _summary(w, r)
    w.heading("Experience")
    for job in r["workExperience"]:
        w.text(_row(f"{job['company']} / {job['title']}", job["years"]))
        w.text(job["location"])
        w.bullets(job["description"])
    w.heading("Education")
    for edu in r["education"]:
        w.text(_row(f"{edu['institution']} / {edu['degree']}", edu["years"]))
    _lists(w, r)
    _custom(w, r)
    return w.markdown()


def docx_table(r: dict) -> str:
    """A sidebar table cell (contact, lists) then the main cell; plain-line headings."""
    info = r["personalInfo"]
    w = Writer(gaps=False, caps_plain=False)
    w.text(info["name"])
    w.text(info["title"])
    w.lines.append("Contact")
    for value in _contact_values(info, ("email", "phone", "location", "website", "github")):
        w.text(value)
    for title, values in (
        ("Skills", r["additional"]["technicalSkills"]),
        ("Languages", r["additional"]["languages"]),
    ):
        if values:
            w.lines.extend([title, ", ".join(values)])
    w.lines.extend(["Summary", r["summary"], "Experience"])
    for job in r["workExperience"]:
        w.text(_row(f"{job['title']} — {job['company']}, {job['location']}", job["years"]))
        w.bullets(job["description"])
    w.lines.append("Education")
    for edu in r["education"]:
        w.text(f"{edu['degree']}, {edu['institution']}, {edu['years']}")
    if r["personalProjects"]:
        w.lines.append("Projects")
    for proj in r["personalProjects"]:
        w.text(f"{proj['name']} — {proj['role']}, {proj['years']}, {proj['github']}".rstrip(", "))
        w.bullets(proj["description"])
    return w.markdown()


LAYOUTS = {
    "single": single_column,
    "single_company_first": lambda r: single_column(r, company_first=True),
    "single_no_gaps": lambda r: single_column(r, gaps=False),
    "single_bold_entries_as_headings": lambda r: single_column(r, bold_as_heading=True),
    "table_dates": table_dates,
    "table_dates_company_first": lambda r: table_dates(r, company_first=True),
    "sidebar": sidebar,
    "docx_tab_stops": docx_tab_stops,
    "docx_table": docx_table,
}


def expected_for(layout: str, resume: dict) -> dict:
    """The part of ``resume`` a layout prints: the rest is not in its document."""
    out = {**resume, "additional": dict(resume["additional"])}
    if layout == "docx_table":
        out["additional"]["certificationsTraining"], out["additional"]["awards"] = [], []
        out["customSections"] = {}
        out["personalInfo"] = {**resume["personalInfo"], "linkedin": ""}
        out["education"] = [{**e, "description": ""} for e in resume["education"]]
        out["personalProjects"] = [{**p, "website": ""} for p in resume["personalProjects"]]
    if layout == "docx_tab_stops":
        out["education"] = [{**e, "description": ""} for e in resume["education"]]
        out["personalProjects"] = []
    if layout == "sidebar":
        out["personalProjects"] = []
    return out
