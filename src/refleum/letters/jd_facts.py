"""The hiring company and the role, read from a job description's own words.

Either may be missing: a letter then writes around it ("your team", "this role") rather
than guess. A name with a digit is dropped, because every number in a letter must come
from the resume.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ROLE_NOUNS = (
    "engineer|developer|programmer|analyst|scientist|manager|designer|architect|consultant|"
    "specialist|administrator|coordinator|director|lead|officer|associate|intern|technician|"
    "accountant|nurse|teacher|writer|editor|researcher|representative|strategist|marketer|"
    "recruiter|advocate|assistant|head|owner|sre|devops|controller|auditor|planner|"
    "executive|agent|advisor|adviser|producer|therapist|pharmacist|physician|lawyer|counsel"
)
_ROLE_NOUN = re.compile(rf"\b(?:{_ROLE_NOUNS})s?\b", re.IGNORECASE)
_LABELLED_ROLE = re.compile(r"^(?:job\s+title|title|position|role)\s*:\s*(.+)$", re.I)
_LABELLED_COMPANY = re.compile(r"^(?:company|employer|organi[sz]ation)\s*:\s*(.+)$", re.I)
_HIRING = re.compile(
    r"\b(?:looking\s+for|hiring|seeking|searching\s+for|join\s+us\s+as)\s+(?:an?\s+|the\s+|our\s+)?"
    r"((?:[\w.&/+-]+\s+){0,5}?[\w.&/+-]*?(?:" + _ROLE_NOUNS + r")s?)\b",
    re.IGNORECASE,
)
# "Senior Data Analyst at Acme", "Senior Data Analyst - Acme", "Acme | Data Analyst"
_TITLE_SPLIT = re.compile(r"\s+(?:at|@|[-–—|·])\s+")
_NAME = r"[A-Z][\w&.'’-]*(?:\s+(?:&\s+)?[A-Z][\w&.'’-]*){0,3}"
_COMPANY_PATTERNS = (
    re.compile(rf"^About\s+({_NAME})\s*:?\s*$"),
    re.compile(rf"\bAt\s+({_NAME}),\s+(?:we|our)\b"),
    re.compile(rf"\b({_NAME})\s+is\s+(?:hiring|looking|seeking|searching|growing)\b"),
    re.compile(rf"\bJoin\s+({_NAME})(?:\s+as\b|[.!,])"),
    re.compile(rf"(?:^|[.!]\s+)({_NAME})\s+is\s+an?\s+"),
)
_NOT_A_COMPANY = frozenset(
    "we you our us the this that about join role team company position job it they he she "
    "here there who what why how responsibilities requirements overview description".split()
)
_MAX_ROLE_WORDS = 7
# What a JD asks applicants to address in their letter: "Tell us about a time you…", "In
# your cover letter, describe…", "Please address…". The topic runs to the sentence's end.
_ASK = re.compile(
    r"(?:\bin\s+your\s+(?:cover\s+)?letter,?\s+(?:please\s+)?"
    r"(?:tell\s+us(?:\s+about)?|describe|explain|share|address|walk\s+us\s+through|"
    r"let\s+us\s+know(?:\s+about)?)"
    r"|\b(?:please\s+)?tell\s+us\s+about"
    r"|\bplease\s+(?:describe|explain|address|share)"
    r"|\bwe(?:'d|’d|\s+would)\s+love\s+to\s+hear\s+about"
    r"|\bdescribe\s+(?=a\s+time\b))"
    # A hard-wrapped JD breaks the sentence across lines: a single line break is a space; a
    # blank line or a colon ("… at the bedside: precepting is …") ends the topic.
    r"\s+(?P<topic>(?:[^.?!:\n]|\n(?![ \t]*\n)){3,200})",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class JobFacts:
    company: str = ""
    role: str = ""
    asks: tuple[str, ...] = ()  # topics the JD asks a letter to address, as it words them
    company_is: str = ""  # what the JD says the company is: "a logistics company moving …"


def job_facts(job_description: str) -> JobFacts:
    """The company and the role a JD names; ``""`` for what it does not say clearly."""
    lines = [line.strip(" \t*#•-") for line in job_description.splitlines()]
    lines = [line for line in lines if line]
    title_role, title_company, said_at = _from_title_line(lines[0] if lines else "")
    role = _labelled(lines, _LABELLED_ROLE) or title_role or _hiring_role(job_description)
    # "Role at Acme" names the company; "Role — Payments Platform" may name a team, so
    # a company the prose names ("Acme Pay is hiring") wins over it.
    from_prose = "" if said_at else _company(lines)
    company = _labelled(lines, _LABELLED_COMPANY) or from_prose or title_company or _company(lines)
    company = _clean_company(company)
    return JobFacts(
        company=company,
        role=_clean_role(role),
        asks=applicant_asks(job_description),
        company_is=_company_is(company, job_description),
    )


def _company_is(company: str, job_description: str) -> str:
    """ "Globex is a logistics company moving freight across Europe." -> "a logistics
    company moving freight across Europe"; "" when the JD says no such thing plainly."""
    if not company:
        return ""
    match = re.search(
        rf"\b{re.escape(company)}\s+is\s+(an?\s+[^.!?\n]+?)\s*[.!?\n]", job_description
    )
    if not match or not 3 <= len(match.group(1).split()) <= 14:
        return ""
    return " ".join(match.group(1).split())


def applicant_asks(job_description: str) -> tuple[str, ...]:
    """What the JD asks applicants to address ("a time you improved a process"), in its
    own words, without the trailing punctuation; at most the first two."""
    topics = []
    for match in _ASK.finditer(job_description):
        topic = " ".join(match["topic"].split()).strip(" ,;:")
        if len(topic.split()) >= 2 and topic not in topics:
            topics.append(topic)
    return tuple(topics[:2])


def _labelled(lines: list[str], pattern: re.Pattern[str]) -> str:
    for line in lines:
        match = pattern.match(line)
        if match:
            return match.group(1).strip()
    return ""


def _from_title_line(line: str) -> tuple[str, str, bool]:
    """A short first line naming the role, maybe with the company beside it, and whether
    it said "at" (which surely names the company)."""
    if not line or len(line.split()) > 12 or line.endswith("."):
        return "", "", False
    split = _TITLE_SPLIT.search(line)
    parts = [part.strip() for part in _TITLE_SPLIT.split(line, maxsplit=1)]
    roles = [part for part in parts if _ROLE_NOUN.search(part)]
    if not roles:
        return "", "", False
    role = roles[0]
    others = [part for part in parts if part is not role]
    said_at = bool(split and split.group().strip() in ("at", "@"))
    return role, (others[0] if others else ""), said_at


def _hiring_role(job_description: str) -> str:
    match = _HIRING.search(job_description)
    return match.group(1) if match else ""


def _company(lines: list[str]) -> str:
    for pattern in _COMPANY_PATTERNS:
        for line in lines:
            match = pattern.search(line)
            if match and match.group(1).split()[0].lower() not in _NOT_A_COMPANY:
                return match.group(1)
    return ""


def _clean_role(role: str) -> str:
    role = re.sub(r"\s*\((?:m/w/d|m/f/d|f/m/d|h/f|f/h|remote|hybrid)[^)]*\)", "", role, flags=re.I)
    role = " ".join(role.strip(" .,:;!").split())
    if not role or re.search(r"\d", role) or len(role.split()) > _MAX_ROLE_WORDS:
        return ""
    words = role.split()
    if words[0].lower() in {"a", "an", "the", "our"}:
        role = " ".join(words[1:])
    # A lowercase role from running prose reads oddly capitalised back; keep the JD's casing.
    return role


def _clean_company(company: str) -> str:
    company = " ".join(company.strip(" .,:;!").split())
    company = re.sub(r"['’]s$", "", company)
    if not company or re.search(r"\d", company) or len(company.split()) > 5:
        return ""
    if company.split()[0].lower() in _NOT_A_COMPANY or not company[0].isupper():
        return ""
    return company
