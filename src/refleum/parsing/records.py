"""Entries of the standard sections turned into ResumeData records.

Which piece of a header is the title and which the company is decided by word lists
(role words, company suffixes, degree and school words); without a signal the document's
order is kept: the first piece is the title (or degree, or project name).
"""

from __future__ import annotations

from refleum.parsing.contact import URL_PATTERN, segments_outside
from refleum.parsing.dates import find_date_span, remove_span
from refleum.parsing.entries import (
    INNER_SEPARATORS,
    Piece,
    RawEntry,
    is_prose,
    read_header,
    split_comma_piece,
)
from refleum.parsing.entry_lexicon import leading_degree
from refleum.parsing.entry_lexicon import looks_like_degree as looks_like_degree
from refleum.parsing.entry_lexicon import looks_like_employer as looks_like_company
from refleum.parsing.entry_lexicon import looks_like_school as looks_like_institution
from refleum.parsing.entry_lexicon import title_score as role_score
from refleum.parsing.vocabulary import looks_like_location, looks_like_role
from refleum.resume_data import Education, PersonalProject, WorkExperience


def _take_location(pieces: list[Piece]) -> tuple[str, list[Piece]]:
    for index, piece in enumerate(pieces):
        if index > 0 and looks_like_location(piece.text):
            return piece.text, pieces[:index] + pieces[index + 1 :]
    return "", pieces


def _known_place_tail(text: str) -> tuple[str, str] | None:
    """'Acme Corp, Seattle, WA' -> ('Acme Corp', 'Seattle, WA') when the tail is a place
    the word lists know."""
    parts = text.split(", ")
    for take in (2, 1):
        if len(parts) > take and looks_like_location(", ".join(parts[-take:])):
            return ", ".join(parts[:-take]), ", ".join(parts[-take:])
    return None


def _peel_location(text: str) -> tuple[str, str]:
    """A known place at the end of 'Company, Place', else a short capitalised last part
    ('Klarna, Stockholm') that is not itself a company suffix."""
    if known := _known_place_tail(text):
        return known
    parts = text.split(", ")
    last = parts[-1] if len(parts) > 1 else ""
    if last and last[0].isupper() and len(last.split()) <= 4 and not looks_like_company(last):
        return ", ".join(parts[:-1]), last
    return text, ""


def _peel_known_location(pieces: list[Piece]) -> tuple[str, list[Piece]]:
    """'Amazon Web Services, Seattle, WA' on its own line: the known place at its end."""
    for index, piece in enumerate(pieces):
        if known := _known_place_tail(piece.text):
            rest = Piece(known[0], piece.line, piece.split_by)
            return known[1], [*pieces[:index], rest, *pieces[index + 1 :]]
    return "", pieces


def _title_first(first: Piece, second: Piece) -> bool:
    if first.split_by in ("at", "@") and first.line == second.line:
        return True
    return role_score(first.text) >= role_score(second.text)


def _join_wrapped_title(lines: list[str]) -> list[str]:
    """'Research Assistant — UC Berkeley' / 'Haas': a short line with no separator under
    a 'Title — Company' line, before the date line, is the rest of that line, wrapped."""
    if len(lines) < 2 or find_date_span(lines[0]) or find_date_span(lines[1]):
        return lines
    first, second = lines[0], lines[1]
    if (
        INNER_SEPARATORS.search(first)
        and not INNER_SEPARATORS.search(second)
        and " | " not in second
        and "," not in second
        and len(second.split()) <= 3
        and not looks_like_location(second)
        and role_score(second) <= 0
    ):
        return [f"{first} {second}", *lines[2:]]
    return lines


def _assign_by_knowledge(record: WorkExperience, pieces: list[Piece]) -> None:
    """Three or more pieces ('Berlin | Engineer | Acme GmbH'): the most title-like piece is
    the title, a piece with an employer's word the company, the next one the place; the
    document's order decides only where knowledge is silent."""
    title = max(pieces, key=lambda piece: role_score(piece.text))  # first of equals
    rest = [piece for piece in pieces if piece is not title]
    company = next((piece for piece in rest if looks_like_company(piece.text)), rest[0])
    record.title, record.company = title.text, company.text
    if not record.location:
        record.location = next(piece for piece in rest if piece is not company).text


def _title_then_employer(piece: Piece) -> list[Piece]:
    """'Student Job Acme Corp' -> 'Student Job', 'Acme Corp': a title run into the employer's
    name with no separator (a run-in entry). Cut after the last occupation word when what
    follows reads as a name: capitalised, not itself a title, and two words or more (or an
    employer's word), so 'Engineer II' or 'Manager Europe' stay whole."""
    words = piece.text.split(" ")
    heads = [i for i, word in enumerate(words) if role_score(word) > 0]
    if not heads or heads[-1] == len(words) - 1:
        return [piece]
    title, rest = " ".join(words[: heads[-1] + 1]), " ".join(words[heads[-1] + 1 :])
    if (
        not rest[:1].isupper()
        or role_score(rest) > 0
        or looks_like_location(rest)
        or (len(rest.split()) < 2 and not looks_like_company(rest))
    ):
        return [piece]
    return [Piece(title, piece.line, piece.split_by), Piece(rest, piece.line, piece.split_by)]


def _split_run_in_title(pieces: list[Piece]) -> list[Piece]:
    """A run-in entry's first piece holds title and employer both, unless another piece
    names the employer."""
    if not pieces or len(pieces) > 2 or any(looks_like_company(p.text) for p in pieces[1:]):
        return pieces
    return [*_title_then_employer(pieces[0]), *pieces[1:]]


def _names_the_job(pieces: list[Piece]) -> bool:
    """'Town councilor, Town Hall' or 'Engineer | Acme': a line with a title and another
    piece beside it."""
    if len(pieces) == 1:
        parts = split_comma_piece(pieces[0])
        return len(parts) >= 2 and role_score(parts[0].text) > 0
    return len(pieces) >= 2 and any(role_score(piece.text) > 0 for piece in pieces)


_DESCRIBING_MIN_WORDS = 4


def _describes(line_pieces: list[Piece]) -> bool:
    """Words, most of them in lower case, that name no job or employer: a sentence begun
    ('Championed several improvements'), not a place ('Lagos') or a team ('Platform Team')."""
    words = " ".join(piece.text for piece in line_pieces).split()
    lower = sum(word[:1].islower() for word in words)
    return (
        len(words) >= _DESCRIBING_MIN_WORDS
        and lower * 2 >= len(words)
        and not any(role_score(p.text) > 0 or looks_like_company(p.text) for p in line_pieces)
    )


def _lines_after_the_job(pieces: list[Piece]) -> tuple[list[Piece], list[int]]:
    """When the first header line names the job, a later line that names no job or
    employer ('Championed several improvements') describes the entry: its pieces are
    not candidates for the title or the company. Returns the kept pieces and the
    indexes of the lines that describe."""
    if not pieces:
        return pieces, []
    first = [piece for piece in pieces if piece.line == pieces[0].line]
    if not _names_the_job(first):
        return pieces, []
    later = sorted({piece.line for piece in pieces} - {pieces[0].line})
    describing = [line for line in later if _describes([p for p in pieces if p.line == line])]
    return [piece for piece in pieces if piece.line not in describing], describing


def read_experience(entry: RawEntry, entry_id: int) -> WorkExperience:
    lines = _join_wrapped_title(entry.header)
    header = read_header(lines)
    location, pieces = _take_location(header.pieces)
    if not location:
        location, pieces = _peel_known_location(pieces)
    pieces, describing = _lines_after_the_job(pieces)
    if len(pieces) == 1 and ", " in pieces[0].text:
        pieces = split_comma_piece(pieces[0])
        if len(pieces) > 2:  # 'Title, Company, City': keep the tail together as the place
            pieces = pieces[:1] + [Piece(", ".join(p.text for p in pieces[1:]), pieces[0].line)]
    if not location and len(pieces) >= 2 and ", " in pieces[-1].text:
        rest, location = _peel_location(pieces[-1].text)
        pieces = [*pieces[:-1], Piece(rest, pieces[-1].line, pieces[-1].split_by)]
    if entry.run_in:
        pieces = _split_run_in_title(pieces)
    record = WorkExperience(id=entry_id, years=header.years, location=location)
    if len(pieces) == 1:
        if role_score(pieces[0].text) >= 0:
            record.title = pieces[0].text
        else:
            record.company = pieces[0].text
    elif len(pieces) == 2:
        first, second = pieces
        if not _title_first(first, second):
            first, second = second, first
        record.title, record.company = first.text, second.text
    elif pieces:
        _assign_by_knowledge(record, pieces)
    if not record.location and record.title and ", " in record.company:
        # 'Acme Corp, Berlin' on the company's line: the place is not part of the name.
        record.company, record.location = _peel_location(record.company)
    record.description = [*header.prose, *(lines[i] for i in describing), *entry.bullets]
    return record


def _split_degree_line(pieces: list[Piece]) -> tuple[str, str]:
    """Degree and institution from one comma-separated line, kept as contiguous slices:
    'Juris Doctor, cum laude, Northwestern University' keeps 'cum laude' in the degree."""
    texts = [piece.text for piece in pieces]
    school = next(
        (i for i, t in enumerate(texts) if looks_like_institution(t) and not looks_like_degree(t)),
        None,
    )
    if school is None:
        return "", ""
    if school > 0:
        return ", ".join(texts[:school]), ", ".join(texts[school:])
    degree = next((i for i, t in enumerate(texts) if i > 0 and looks_like_degree(t)), None)
    if degree is None:
        return "", ", ".join(texts)
    return ", ".join(texts[degree:]), ", ".join(texts[:degree])


def _assign_education(record: Education, pieces: list[Piece]) -> None:
    if len(pieces) == 1 and ", " in pieces[0].text:
        degree, institution = _split_degree_line(split_comma_piece(pieces[0]))
        if institution:
            # 'Stanford University, Stanford, CA': the place is not part of the name.
            _, (school,) = _peel_known_location([Piece(institution, pieces[0].line)])
            record.degree = record.degree or degree
            record.institution = record.institution or school.text
            return
    for piece in pieces:
        if (
            not record.institution
            and looks_like_institution(piece.text)
            and not looks_like_degree(piece.text)
        ):
            record.institution = piece.text
        elif not record.degree and looks_like_degree(piece.text):
            record.degree = piece.text
    for piece in pieces:
        if piece.text in (record.degree, record.institution):
            continue
        if not any(ch.isalpha() for ch in piece.text):
            continue  # "4.0", "3.8/4": a grade; a degree or a school has a name
        if not record.degree:
            record.degree = piece.text
        elif not record.institution:
            record.institution = piece.text


def _join_wrapped_heading(lines: list[str]) -> list[str]:
    """'MSc Mechanical' / 'Engineering, Politechnika' / 'Wrocławska' (a narrow column
    wrapped a 'Degree, Institution' line) -> one line, up to the date, and through the
    date line when it carries the end of the heading ('Engineering and Geodesy, 2009 –
    2015'). Joined by spaces, which grounding reads like the line breaks between them."""
    first_dated = next((i for i, text in enumerate(lines) if find_date_span(text)), len(lines))
    end = first_dated
    if first_dated < len(lines):
        rest = remove_span(lines[first_dated], find_date_span(lines[first_dated]))
        if rest and not looks_like_location(rest) and " | " not in lines[first_dated]:
            end = first_dated + 1
    head = lines[:end]
    if (
        len(head) < 2
        or not any("," in text for text in head)
        or any(" | " in text or is_prose(text) for text in head)
    ):
        return lines
    if not head[0].endswith(",") and _complete_degree_then_school(head[0], head[1]):
        return lines
    return [" ".join(head), *lines[end:]]


def _complete_degree_then_school(first: str, second: str) -> bool:
    """'Master of Science in Computer Science' / 'Stanford University, Stanford, CA' (or
    school first, degree second): two whole lines, not one wrapped line."""
    if "," in first:
        return False
    lead = second.split(",")[0]
    degree_first = looks_like_degree(first) and looks_like_institution(lead)
    school_first = (
        looks_like_institution(first) and not looks_like_degree(first) and looks_like_degree(lead)
    )
    return degree_first or school_first


def _adjacent_run(header: list[str], indexes: list[int]) -> str:
    """Join the last run of consecutive header lines: lines that are apart in the source
    cannot be joined without making text the source does not contain."""
    run: list[int] = []
    for index in indexes:
        run = [*run, index] if run and index == run[-1] + 1 else [index]
    return " ".join(header[index] for index in run)


def _description(lines: list[str], indexes: list[int], bullets: list[str]) -> str:
    """One string from the description lines and bullets, joined only where they touch."""
    if not indexes:
        return " ".join(bullets)
    text = _adjacent_run(lines, indexes)
    return " ".join([text, *bullets]) if indexes[-1] == len(lines) - 1 else text


def _split_leading_degree(pieces: list[Piece]) -> list[Piece]:
    """'PhD Stanford University, Computer Science' -> 'PhD', 'Stanford University',
    'Computer Science': a degree abbreviation run into the school's name."""
    split: list[Piece] = []
    for piece in pieces:
        degree = leading_degree(piece.text)
        if not degree:
            split.append(piece)
            continue
        rest = piece.text[len(degree) :].strip()
        parts = [Piece(degree, piece.line, piece.split_by)]
        parts.extend(Piece(part, piece.line, ",") for part in rest.split(", ") if part)
        split.extend(parts)
    return split


def read_education(entry: RawEntry, entry_id: int) -> Education:
    lines = _join_wrapped_heading(entry.header)
    header = read_header(lines)
    header.pieces = _split_leading_degree(header.pieces)
    record = Education(id=entry_id, years=header.years)
    piece_lines = sorted({piece.line for piece in header.pieces})
    used_lines: list[int] = []
    for line in piece_lines[:2]:
        if record.degree and record.institution:
            break
        _, pieces = _take_location([p for p in header.pieces if p.line == line])
        _assign_education(record, pieces)
        used_lines.append(line)
    prose = [index for index, text in enumerate(lines) if text in header.prose]
    rest = sorted({*prose, *(line for line in piece_lines if line not in used_lines)})
    record.description = _description(lines, rest, entry.bullets)
    return record


def read_project(entry: RawEntry, entry_id: int) -> PersonalProject:
    header = read_header(entry.header)
    record = PersonalProject(id=entry_id, years=header.years)
    names: list[Piece] = []
    for piece in header.pieces:
        for match in URL_PATTERN.finditer(piece.text):
            link = match.group(0).rstrip(".")
            if "github.com" in link.lower() and not record.github:
                record.github = link
            elif not record.website:
                record.website = link
        spans = [match.span() for match in URL_PATTERN.finditer(piece.text)]
        for remainder in segments_outside(piece.text, spans, trim=" ,;:|()[]\u00b7\u2022"):
            if remainder.casefold() not in ("github", "demo", "link", "website", "code"):
                names.append(Piece(remainder, piece.line, piece.split_by))
    record.name = names[0].text if names else ""
    # 'Name — Team of 3' names a role; a separate 'Python, Prophet' column is a stack.
    if len(names) > 1 and (names[0].split_by or looks_like_role(names[1].text)):
        record.role = names[1].text
    record.description = header.prose + entry.bullets
    return record
