"""The resume's header: name, headline title and contact details.

Every value is a slice of a source line (an email, a phone number as written, a URL as
written), so nothing here can be ungrounded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import phonenumbers

from refleum.parsing.contact_labels import split_label
from refleum.parsing.dates import find_date_span
from refleum.parsing.education_lexicon import looks_like_degree
from refleum.parsing.lines import Line
from refleum.parsing.names import MIN_SURNAME_LETTERS, is_clearly_not_name, looks_like_name
from refleum.parsing.vocabulary import looks_like_location, looks_like_role
from refleum.resume_data import PersonalInfo

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_TLDS = (
    "com|org|net|io|dev|me|co|ai|app|xyz|info|tech|site|page|codes|design|blog|online"
    "|uk|de|fr|es|it|nl|ca|au|in|us|eu|ch|se|no|dk|fi|pl|pt|br|jp|cn|sg|nz|ie|be|at"
)
URL_PATTERN = re.compile(
    rf"(?:https?://)?(?:www\.)?[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:{_TLDS})"
    r"(?![a-z0-9-])(?:/[^\s|,;()]*)?",
    re.IGNORECASE,
)
_SEPARATORS = re.compile(r"\s+[|\u00b7\u2022\u25cf\u2013\u2014]\s+|\s{3,}|\t+")
# Among contact details, "City, Region" is a place even when the region is not one we know.
_PLACE_SHAPE = re.compile(r"^[^\W\d_][\w.' -]{1,30}, [^\W\d_][\w.' -]{1,30}$")
_MIN_PHONE_DIGITS = 7
# "888-PUCK", "1-800-FLOWERS": digits, then a word spelt in capitals.
_VANITY = re.compile(r"^\+?[\d(][\d\s().-]*[A-Z]{3,}$")
_PHONE_REGIONS = ("US", "GB", "IN", "DE", "FR", "AU")
# How far down the header a name set as plain text is looked for.
_NAME_SEARCH_LINES = 6


@dataclass
class Header:
    info: PersonalInfo = field(default_factory=PersonalInfo)
    # Runs of consecutive lines that are neither name, title nor contact details.
    prose: list[str] = field(default_factory=list)


# Postcodes phonenumbers would accept as a short number: "1100-053" (PT), "12345-6789"
# (US ZIP+4), "00-950" (PL), and a street number before a postcode ("12, 10115").
_POSTCODE = re.compile(r"^(?:\d{4}-\d{3}|\d{5}-\d{4}|\d{2}-\d{3}|\d{1,4},\s*\d{4,5})$")


def _find_phone(text: str) -> str:
    """The phone number in ``text`` as written: the longest any region reads there."""
    found = []
    for rank, region in enumerate(_PHONE_REGIONS):
        for match in phonenumbers.PhoneNumberMatcher(
            text, region, leniency=phonenumbers.Leniency.POSSIBLE
        ):
            raw = match.raw_string
            glued = (match.end < len(text) and text[match.end].isalnum()) or (
                match.start > 0 and text[match.start - 1].isalnum()
            )
            digits = sum(ch.isdigit() for ch in raw)
            # POSSIBLE leniency accepts short runs of digits; a phone has at least seven.
            if (
                digits >= _MIN_PHONE_DIGITS
                and not glued
                and not _POSTCODE.match(raw)
                and find_date_span(raw, allow_single=False) is None
            ):
                found.append((-digits, match.start, rank, raw))
    return min(found)[3] if found else ""


def is_contact_text(text: str) -> bool:
    return bool(
        _EMAIL.search(text)
        or URL_PATTERN.search(text)
        or _find_phone(text)
        or (split_label(text)[0] is not None and split_label(text)[1])
        or any(_is_labelled_phone_or_email(part) for part in _SEPARATORS.split(text)[1:])
    )


def _is_labelled_phone_or_email(fragment: str) -> bool:
    """'123 Main St | Tel: 888-PUCK': a labelled detail after a separator."""
    label, rest = split_label(fragment)
    return label in ("phone", "email") and bool(rest)


def segments_outside(
    text: str, spans: list[tuple[int, int]], trim: str = " ,;:|\u00b7\u2022"
) -> list[str]:
    """The stripped pieces of ``text`` between ``spans``: each one a slice of ``text``,
    never two slices glued together."""
    pieces, start = [], 0
    for span_start, span_end in sorted(spans):
        pieces.append(text[start:span_start])
        start = max(start, span_end)
    pieces.append(text[start:])
    cleaned = [piece.strip(trim) for piece in pieces]
    return [piece for piece in cleaned if piece]


def _take_links(info: PersonalInfo, fragment: str) -> list[tuple[int, int]]:
    """Fill link fields from ``fragment``; return where the links were."""
    spans = []
    for match in URL_PATTERN.finditer(fragment):
        url = match.group(0).rstrip(".")
        lowered = url.lower()
        if "linkedin.com" in lowered:
            info.linkedin = info.linkedin or url
        elif "github.com" in lowered or "github.io" in lowered:
            info.github = info.github or url
        else:
            info.website = info.website or url
        spans.append(match.span())
    return spans


def _labelled_vanity_phone(label: str | None, text: str) -> str:
    """'Tel: 1-800-FLOWERS': after a phone label, letters spell digits."""
    if label != "phone" or not _VANITY.match(text):
        return ""
    try:
        number = phonenumbers.parse(text, _PHONE_REGIONS[0])
    except phonenumbers.NumberParseException:
        return ""
    return text if phonenumbers.is_possible_number(number) else ""


def _read_contact_fragment(info: PersonalInfo, fragment: str) -> None:
    label, fragment = split_label(fragment)
    if label == "address" and fragment and not _EMAIL.search(fragment):
        # "Adresse: Musterstraße 12, 10115 Berlin": a place as written, postcode and all.
        info.location = info.location or fragment
        return
    spans = [match.span() for match in _EMAIL.finditer(fragment)]
    if spans:
        info.email = info.email or fragment[spans[0][0] : spans[0][1]]
    # Every piece between the emails, then between the links, may hold the phone: a line
    # set with single spaces ("City jane@x.org (555) 123-4567 janedoe") is one fragment.
    remaining = []
    for piece in segments_outside(fragment, spans):
        remaining.extend(segments_outside(piece, _take_links(info, piece)))
    leftovers = []
    for piece in remaining:
        phone = _find_phone(piece) or _labelled_vanity_phone(label, piece)
        if not phone:
            leftovers.append(piece)
            continue
        info.phone = info.phone or phone
        start = piece.index(phone)
        leftovers.extend(segments_outside(piece, [(start, start + len(phone))]))
    place = leftovers[0] if leftovers else ""
    if place and not info.location and (looks_like_location(place) or _PLACE_SHAPE.match(place)):
        info.location = place


def is_contact_only(text: str) -> bool:
    """A line that holds contact details and nothing else ("(555) 123-4567", "jane@x.org ·
    jane.dev", "Phone: (555) 123-4567"): a detail set in a sidebar block, or under the
    summary, whatever the block's heading."""
    if _details_only(text):
        return True
    fragments = [fragment for fragment in _SEPARATORS.split(text) if fragment.strip()]
    return bool(fragments) and all(_details_only(_without_detail_label(f)) for f in fragments)


def _without_detail_label(fragment: str) -> str:
    """'Email: jane@x.org' -> 'jane@x.org'; a label that names no detail stays."""
    label, rest = split_label(fragment)
    return rest if label in ("email", "phone", "link") else fragment


def _details_only(text: str) -> bool:
    spans = [match.span() for match in _EMAIL.finditer(text)]
    spans += [match.span() for match in URL_PATTERN.finditer(text)]
    for piece in segments_outside(text, spans):
        phone = _find_phone(piece)
        if not phone or segments_outside(
            piece, [(piece.index(phone), piece.index(phone) + len(phone))]
        ):
            return False
    return bool(spans) or bool(_find_phone(text))


_WRAPPED_TAIL = re.compile(r"^[a-z0-9.-]{1,10}$")


def read_contact_lines(info: PersonalInfo, lines: list[Line]) -> None:
    """Read the lines that hold only contact details into ``info`` (fields still empty)."""
    for index, line in enumerate(lines):
        following = lines[index + 1].text if index + 1 < len(lines) else ""
        if _EMAIL.search(line.text) and _WRAPPED_TAIL.match(following):
            continue  # "jane@mail.c" / "om": an email wrapped in a narrow column
        if line.kind in ("text", "bullet") and is_contact_only(line.text):
            read_contact_line(info, line.text)


def read_contact_line(info: PersonalInfo, text: str) -> None:
    """Read every contact detail on one line of fragments joined by | · • or wide gaps."""
    for fragment in _SEPARATORS.split(text):
        _read_contact_fragment(info, fragment)


# Badges job boards print after the name ("Open to work", "Premium"), set apart or glued.
_BADGE = re.compile(
    r"(?:\s*[|\u00b7\u2022(\[-]\s*|\s+|(?<=[a-z]))"
    r"(?:#?open\s?to\s?work|top\s?applicant|top\s?talent|premium(?:\s+member)?"
    r"|verified|featured|pro\s+member|actively\s+looking)[)\]]?\s*$",
    re.IGNORECASE,
)


def without_badge(text: str) -> str:
    return _BADGE.sub("", text).strip()


# "Jane DOE 3, Main Street - 10115 Berlin": a name run straight into the address.
_NAME_BEFORE_NUMBER = re.compile(r"^((?:[^\W\d_][\w'.\-]*\s+){2,4}?)(?=\d)")


def _leading_name(text: str) -> str:
    """The name that opens a contact line with no separator after it, or ""."""
    match = _NAME_BEFORE_NUMBER.match(text)
    if match is None or not is_contact_text(text[match.end() :]):
        return ""
    name = match.group(1).strip()
    return name if looks_like_name(name) else ""


def _name_part(text: str) -> str:
    """The part of a header line that is a name ('Jane Doe | 37 years'), or ""."""
    text = without_badge(text)
    first = next((part.strip() for part in _SEPARATORS.split(text) if part.strip()), "")
    if looks_like_name(first) and not is_contact_text(first):
        return first
    return _leading_name(text)


def _read_name_line(info: PersonalInfo, text: str) -> None:
    """'Jane Doe', or 'Jane Doe | Data Engineer | jane@x.org' with more on the line."""
    text = without_badge(text)
    if leading := _leading_name(text):
        info.name = leading
        read_contact_line(info, text[len(leading) :])
        return
    parts = [part.strip() for part in _SEPARATORS.split(text) if part.strip()]
    head, comma, role = text.partition(", ")
    if (
        len(parts) == 1
        and comma
        and looks_like_name(head)
        and looks_like_role(role)
        and not looks_like_degree(role)
    ):
        # 'Jane Doe, Data Engineer': a theme that prints the headline after the name;
        # 'Jane Doe, PhD' is a name with its degree.
        info.name, info.title = head, info.title or role
        return
    if len(parts) < 2 or not looks_like_name(parts[0]):
        info.name = text
        return
    info.name = parts[0]
    for part in parts[1:]:
        if not info.title and looks_like_role(part) and not is_contact_text(part):
            info.title = part
        else:
            _read_contact_fragment(info, part)


def _is_headline(text: str) -> bool:
    words = text.split()
    return (
        0 < len(words) <= 12
        and not text.endswith(".")
        and not is_contact_text(text)
        and find_date_span(text) is None
        and (looks_like_role(text) or len(words) <= 6)
        and not looks_like_location(text)
    )


def _is_surname_line(name: str, following: list[Line]) -> bool:
    if not following or len(name.split()) > 2 or not looks_like_name(name):
        return False
    text = following[0].text
    words = text.split()
    return (
        len(words) <= 2
        and sum(char.isalpha() for char in text) >= MIN_SURNAME_LETTERS  # not an icon
        and looks_like_name(text)
        and all(word[:1].isupper() for word in words)
        and not looks_like_location(text)
        and not is_contact_text(text)
        and (text.isupper() or name.isupper() or len(name.split()) == 1)
    )


def _name_index(content: list[Line]) -> int | None:
    """The line that holds the name: the title line, unless it clearly is not a name (a
    tagline or document title set large above the name); else the first line near the
    top that opens with a name."""
    title = next((i for i, line in enumerate(content) if line.kind == "title"), None)
    if title is not None and not is_clearly_not_name(content[title].text):
        return title
    plain = next(
        (
            i
            for i, line in enumerate(content[:_NAME_SEARCH_LINES])
            if i != title and _name_part(line.text)
        ),
        None,
    )
    return title if plain is None else plain


def read_header(lines: list[Line]) -> Header:
    """Name, title and contact details from the lines above the first section."""
    header = Header()
    info = header.info
    content = [line for line in lines if line.kind != "blank"]
    name_index = _name_index(content)
    name_lines = set()
    if name_index is not None:
        _read_name_line(info, content[name_index].text)
        name_lines.add(name_index)
        # Only a line that is the name alone continues on the next (joined, they occur).
        if info.name == content[name_index].text and _is_surname_line(
            info.name, content[name_index + 1 : name_index + 2]
        ):
            # "JANE" / "DOE": a name set on two lines is one name.
            name_index += 1
            name_lines.add(name_index)
            info.name = f"{info.name} {content[name_index].text}"
    run: list[str] = []
    for index, line in enumerate(content):
        if index in name_lines:
            pass
        elif is_contact_text(line.text) or (not info.location and looks_like_location(line.text)):
            read_contact_line(info, line.text)
        elif (
            not info.title
            and name_index is not None
            and index == name_index + 1
            and _is_headline(line.text)
        ):
            info.title = line.text
        else:
            run.append(line.text)
            continue
        if run:
            header.prose.append(" ".join(run))
        run = []
    if run:
        header.prose.append(" ".join(run))
    return header
