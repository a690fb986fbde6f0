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


@dataclass(frozen=True)
class JobFacts:
    company: str = ""
    role: str = ""


def job_facts(job_description: str) -> JobFacts:
    """The company and the role a JD names; ``""`` for what it does not say clearly."""
    lines = [line.strip(" \t*#•-") for line in job_description.splitlines()]
    lines = [line for line in lines if line]
    title_role, title_company = _from_title_line(lines[0] if lines else "")
    role = _labelled(lines, _LABELLED_ROLE) or title_role or _hiring_role(job_description)
    company = _labelled(lines, _LABELLED_COMPANY) or title_company or _company(lines)
    return JobFacts(company=_clean_company(company), role=_clean_role(role))


def _labelled(lines: list[str], pattern: re.Pattern[str]) -> str:
    for line in lines:
        match = pattern.match(line)
        if match:
            return match.group(1).strip()
    return ""


def _from_title_line(line: str) -> tuple[str, str]:
    """A short first line naming the role, maybe with the company beside it."""
    if not line or len(line.split()) > 12 or line.endswith("."):
        return "", ""
    parts = [part.strip() for part in _TITLE_SPLIT.split(line, maxsplit=1)]
    roles = [part for part in parts if _ROLE_NOUN.search(part)]
    if not roles:
        return "", ""
    role = roles[0]
    others = [part for part in parts if part is not role]
    return role, (others[0] if others else "")


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
