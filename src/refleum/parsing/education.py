"""An education entry's lines turned into an Education record: which piece is the degree,
which the school.

The entry's header is cut into pieces as any entry's is (``entries.read_header``); the
education lexicon then tells a degree ("Licence de Mathématiques", "B.Sc.") from a school
("Université Bordeaux 1", "IUFM Mérignac"). The layouts read here: 'Degree, School',
'Degree at School', 'School — Degree', degree and school on lines of their own, a school
in parentheses after the degree ('Licence (Université X)'), a label before a value
('Abschluss: Diplom'), a place after the school ('School, City.'), dates on either line or
in a margin column. Without a signal the document's order is kept: the first piece is the
degree. Every value is a slice of the source, or source lines joined by a space.
"""

from __future__ import annotations

from refleum.parsing.dates import find_date_span, remove_span
from refleum.parsing.education_entries import only_dates
from refleum.parsing.education_lexicon import looks_like_degree, looks_like_school
from refleum.parsing.education_pieces import (
    join_degree_and_field,
    join_degree_continuation,
    split_parenthesised_school,
    take_labelled,
    without_grade,
)
from refleum.parsing.entries import Piece, RawEntry, is_prose, read_header, split_comma_piece
from refleum.parsing.entry_lexicon import leading_degree
from refleum.parsing.records import _peel_known_location, _take_location
from refleum.parsing.vocabulary import looks_like_location
from refleum.resume_data import Education

# 'School, City.': the place a class prints after a school, closed by its full stop.
_PLACE_MAX_WORDS = 3


def _split_degree_line(pieces: list[Piece]) -> tuple[str, str]:
    """Degree and institution from one comma-separated line, kept as contiguous slices:
    'Juris Doctor, cum laude, Northwestern University' keeps 'cum laude' in the degree."""
    texts = [piece.text for piece in pieces]
    school = next(
        (i for i, t in enumerate(texts) if looks_like_school(t) and not looks_like_degree(t)),
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


def _without_place(school: str, line: int) -> str:
    """'Stanford University, Stanford, CA' -> 'Stanford University': a known place after the
    school, or any short capitalised part after it when a full stop closes the piece ('Some
    School, City.', as LaTeX classes print 'School, City. Dates'). 'University of
    California, Berkeley' keeps its campus: without the stop nothing unknown is cut."""
    _, (rest,) = _peel_known_location([Piece(school, line)])
    if rest.text != school:
        return rest.text
    head, _, tail = school.rpartition(", ")
    if (
        head
        and school.endswith(".")
        and tail[:1].isupper()
        and len(tail.split()) <= _PLACE_MAX_WORDS
        and looks_like_school(head)
        and not (looks_like_school(tail) or looks_like_degree(tail))
    ):
        return head
    return school


def _assign(record: Education, pieces: list[Piece]) -> None:
    if len(pieces) == 1 and ", " in pieces[0].text:
        degree, institution = _split_degree_line(split_comma_piece(pieces[0]))
        if institution:
            record.degree = record.degree or degree
            record.institution = record.institution or _without_place(institution, pieces[0].line)
            return
    for piece in pieces:
        if not record.institution and looks_like_school(piece.text):
            if not looks_like_degree(piece.text):
                record.institution = piece.text
                continue
        if not record.degree and looks_like_degree(piece.text):
            record.degree = piece.text
    for piece in pieces:
        if piece.text in (record.degree, record.institution):
            continue
        if not any(ch.isalpha() for ch in piece.text):
            continue  # "4.0", "3.8/4": a grade; a degree or a school has a name
        if not record.degree:
            record.degree = piece.text
        elif not record.institution and not looks_like_degree(piece.text):
            # 'Information Technology' / 'Bachelor': a second degree word is no school.
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
    school first, degree second): two whole lines, not one wrapped line. A second line
    that opens on a school's whole name ('Evening class: Chinese' / 'Some School, City.')
    starts a line of its own, whatever the first names."""
    if "," in first and not _degree_and_field(first):
        return False
    lead = second.split(",")[0]
    degree_first = (looks_like_degree(first) or not looks_like_school(first)) and (
        looks_like_school(lead) and not looks_like_degree(lead)
    )
    # 'University of X' / 'Information Technology, Bachelor': the field before the degree.
    school_first = (
        looks_like_school(first)
        and not looks_like_degree(first)
        and (looks_like_degree(lead) or _degree_and_field(second))
    )
    return degree_first or school_first


def _degree_and_field(text: str) -> bool:
    """'Bachelor, Information Technology' / 'Information Technology, Bachelor': a degree
    and what was studied, no school among its parts: a whole line, not a wrap."""
    parts = [part.strip() for part in text.split(",") if part.strip()]
    return (
        len(parts) == 2
        and any(looks_like_degree(part) for part in parts)
        and not any(looks_like_school(part) or looks_like_location(part) for part in parts)
    )


def _close_parentheses(lines: list[str]) -> list[str]:
    """'Licence de Mathématiques (Université' / 'Bordeaux 1)': a parenthesis a wrap left
    open is closed on the next line; the two lines read as one."""
    joined: list[str] = []
    for text in lines:
        if joined and joined[-1].count("(") > joined[-1].count(")"):
            joined[-1] = f"{joined[-1]} {text}"
        else:
            joined.append(text)
    return joined


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


def read_education(entry: RawEntry, entry_id: int) -> Education:
    lines = _join_wrapped_heading(_close_parentheses(entry.header))
    header = read_header(lines)
    record = Education(id=entry_id, years=header.years)
    labelled, pieces, note_lines = take_labelled(header.pieces)
    record.degree = labelled.get("degree", "")
    record.institution = labelled.get("institution", "")
    # '2011 2014': the end of a range whose dash a cell dropped is no degree.
    pieces = _split_leading_degree([p for p in pieces if not only_dates(p.text)])
    pieces = join_degree_continuation(split_parenthesised_school(pieces))
    pieces = [without_grade(piece) for piece in join_degree_and_field(pieces, lines)]
    piece_lines = sorted({piece.line for piece in pieces})
    used_lines: list[int] = []
    for line in piece_lines[:2]:
        if record.degree and record.institution:
            break
        _, line_pieces = _take_location([p for p in pieces if p.line == line])
        _assign(record, line_pieces)
        used_lines.append(line)
    bullets = entry.bullets
    if not record.degree and bullets and _names_a_degree(bullets[0]):
        # 'University of X' / '- Bachelor' / '- Courses': a list export's first item.
        record.degree, bullets = without_grade(Piece(bullets[0], 0)).text, bullets[1:]
    prose = [index for index, text in enumerate(lines) if text in header.prose]
    rest = sorted({*prose, *note_lines, *(line for line in piece_lines if line not in used_lines)})
    record.description = _description(lines, rest, bullets)
    return record


_DEGREE_ITEM_MAX_WORDS = 8


def _names_a_degree(text: str) -> bool:
    return (
        looks_like_degree(text)
        and not looks_like_school(text)
        and len(text.split()) <= _DEGREE_ITEM_MAX_WORDS
        and not is_prose(text)
    )
