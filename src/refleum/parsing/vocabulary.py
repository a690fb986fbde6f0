"""Word lists that tell a job title from a company, a degree from a school, a place.

Used only to decide *which* field a fragment of the source belongs in; they never
produce text.
"""

from __future__ import annotations

import re

_ROLE_WORDS = {
    "engineer",
    "developer",
    "manager",
    "analyst",
    "designer",
    "scientist",
    "intern",
    "consultant",
    "director",
    "lead",
    "specialist",
    "architect",
    "coordinator",
    "assistant",
    "associate",
    "officer",
    "administrator",
    "admin",
    "technician",
    "teacher",
    "nurse",
    "accountant",
    "president",
    "founder",
    "co-founder",
    "cofounder",
    "head",
    "vp",
    "cto",
    "ceo",
    "cfo",
    "coo",
    "cio",
    "researcher",
    "professor",
    "lecturer",
    "programmer",
    "representative",
    "agent",
    "executive",
    "supervisor",
    "owner",
    "writer",
    "editor",
    "advisor",
    "adviser",
    "strategist",
    "recruiter",
    "partner",
    "principal",
    "staff",
    "fellow",
    "instructor",
    "tutor",
    "mentor",
    "volunteer",
    "sre",
    "devops",
    "tester",
    "qa",
    "product",
    "marketer",
    "marketing",
    "sales",
    "controller",
    "auditor",
    "attorney",
    "lawyer",
    "paralegal",
    "physician",
    "pharmacist",
    "therapist",
    "clerk",
    "cashier",
    "chef",
    "cook",
    "driver",
    "operator",
    "mechanic",
    "electrician",
    "trainee",
    "apprentice",
    "freelance",
    "freelancer",
    "contractor",
    "chair",
    "secretary",
    "treasurer",
    "member",
    "organizer",
    "organiser",
    "captain",
    "student",
    "postdoc",
    "postdoctoral",
    "phd",
    "ambassador",
    "evangelist",
    "advocate",
    "steward",
    "investigator",
    "planner",
    "buyer",
    "producer",
    "photographer",
    "artist",
    "copywriter",
    "journalist",
    "reporter",
    "translator",
    "interpreter",
    "economist",
    "statistician",
    "mathematician",
    "physicist",
    "chemist",
    "biologist",
    "librarian",
    "counselor",
    "counsellor",
    "manager,",
    "sde",
    "swe",
    "cto,",
    "maintainer",
    "contributor",
    "creator",
    "author",
    "teaching",
    "research",
}
_COMPANY_MARKERS = {
    "inc",
    "inc.",
    "llc",
    "ltd",
    "ltd.",
    "corp",
    "corp.",
    "corporation",
    "gmbh",
    "co.",
    "company",
    "plc",
    "ag",
    "sa",
    "s.a.",
    "bv",
    "labs",
    "lab",
    "technologies",
    "technology",
    "systems",
    "solutions",
    "group",
    "bank",
    "university",
    "college",
    "institute",
    "agency",
    "studio",
    "studios",
    "partners",
    "capital",
    "ventures",
    "holdings",
    "consulting",
    "software",
    "health",
    "hospital",
    "foundation",
    "inc.,",
    "llp",
    "office",
    "court",
    "county",
    "department",
    "ministry",
    "council",
    "school",
    "clinic",
    "restaurant",
    "hotel",
    "hôtel",
    "maison",
    "bureau",
    "firm",
    "centre",
    "center",
    "corporation,",
    "gmbh,",
    "ab",
    "oy",
    "spa",
    "s.p.a.",
    "srl",
    "sp.",
    "pty",
    "ltda",
    "sarl",
    "kg",
    "nv",
    "initiative",
    "association",
    "society",
    "club",
}
_DEGREE = re.compile(
    r"\b(?:bachelor|master|doctor|doctorate|associate'?s?|diploma|certificate|degree|"
    r"ph\.?\s?d|mba|m\.?b\.?a|b\.?\s?sc|m\.?\s?sc|b\.?\s?eng|m\.?\s?eng|b\.?\s?tech|"
    r"m\.?\s?tech|b\.?s|m\.?s|b\.?a|m\.?a|a\.?a|a\.?s|b\.?f\.?a|m\.?f\.?a|j\.?d|m\.?d|"
    r"bs|ms|ba|ma|bsc|msc|beng|meng|high school|ged|a-levels?|gcse|baccalaureate|"
    r"licenciatura|bcom|mcom|bba|llb|llm|b\.?com|m\.?com)(?![a-z])",
    re.IGNORECASE,
)
_INSTITUTION = re.compile(
    r"\b(?:universit\w*|universidad\w*|college|institute|institut|school|academy|"
    r"polytechnic|politecnico|politechnika|polytechnique|conservatory|seminary|bootcamp|"
    r"ecole|école|hochschule|campus|iit|mit)\b",
    re.IGNORECASE,
)
_US_STATES = (
    "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV "
    "NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC ON BC QC AB NSW"
).split()
_COUNTRIES = set(
    """usa|us|u.s.|u.s.a.|united states|uk|u.k.|united kingdom|great britain|england|scotland
    |wales|northern ireland|ireland|canada|germany|deutschland|france|spain|españa|portugal
    |italy|italia|netherlands|the netherlands|belgium|luxembourg|switzerland|austria|sweden
    |norway|denmark|finland|iceland|estonia|latvia|lithuania|poland|czech republic|czechia
    |slovakia|hungary|romania|bulgaria|greece|cyprus|malta|slovenia|croatia|serbia|bosnia
    |montenegro|albania|north macedonia|kosovo|moldova|ukraine|belarus|russia|georgia
    |armenia|azerbaijan|turkey|türkiye|israel|palestine|lebanon|jordan|syria|iraq|iran
    |saudi arabia|uae|united arab emirates|qatar|bahrain|kuwait|oman|yemen|egypt|libya
    |tunisia|algeria|morocco|nigeria|ghana|kenya|ethiopia|uganda|tanzania|rwanda|senegal
    |cameroon|ivory coast|côte d'ivoire|south africa|namibia|botswana|zimbabwe|zambia
    |mozambique|angola|madagascar|mauritius|india|pakistan|bangladesh|sri lanka|nepal
    |bhutan|china|hong kong|taiwan|japan|korea|south korea|mongolia|vietnam|viet nam
    |thailand|cambodia|laos|myanmar|malaysia|singapore|indonesia|philippines|brunei
    |australia|new zealand|fiji|mexico|guatemala|honduras|el salvador|nicaragua|costa rica
    |panama|cuba|dominican republic|puerto rico|jamaica|haiti|colombia|venezuela|ecuador
    |peru|bolivia|brazil|brasil|paraguay|uruguay|argentina|chile|kazakhstan|uzbekistan
    |remote|hybrid|on-site|onsite""".replace("\n", "")
    .replace(" |", "|")
    .split("|")
)
_CITY_STATE = re.compile(rf"^[A-Z][\w.'\- ]{{1,30}},\s*(?:{'|'.join(_US_STATES)})(?:\s+\d{{5}})?$")
# Bodies that issue certificates, licences and awards: after a comma in a list of
# credentials they name the issuer of the item before them, not a credential of their own.
_ISSUING_BODIES = {
    "icaew",
    "icas",
    "acca",
    "cima",
    "cipd",
    "cim",
    "istructe",
    "ice",
    "iet",
    "imeche",
    "rics",
    "riba",
    "pmi",
    "axelos",
    "isc2",
    "(isc)2",
    "(isc)²",
    "isaca",
    "comptia",
    "cisco",
    "microsoft",
    "google",
    "amazon",
    "amazon web services",
    "aws",
    "oracle",
    "salesforce",
    "red hat",
    "the linux foundation",
    "linux foundation",
    "cncf",
    "scrum alliance",
    "scrum.org",
    "coursera",
    "edx",
    "udacity",
    "ieee",
    "acm",
    "aicpa",
    "cfa institute",
    "nmc",
    "gmc",
    "hcpc",
    "sra",
    "bar standards board",
    "engineering council",
    "ecitb",
    "iso",
    "nebosh",
    "iosh",
    "hubspot",
    "meta",
    "ibm",
    "sap",
    "vmware",
    "itil",
}
_WORD = re.compile(r"[\w&.'+-]+")


def _words(text: str) -> list[str]:
    return [word.casefold() for word in _WORD.findall(text)]


def looks_like_role(text: str) -> bool:
    return any(word in _ROLE_WORDS for word in _words(text))


def role_score(text: str) -> int:
    """How much ``text`` reads as a job title rather than an employer."""
    words = _words(text)
    return 3 * sum(word in _ROLE_WORDS for word in words) - 2 * sum(
        word in _COMPANY_MARKERS for word in words
    )


def looks_like_company(text: str) -> bool:
    return any(word in _COMPANY_MARKERS for word in _words(text))


def looks_like_degree(text: str) -> bool:
    return _DEGREE.search(text) is not None


def looks_like_institution(text: str) -> bool:
    return _INSTITUTION.search(text) is not None


def is_issuing_body(text: str) -> bool:
    return text.strip().casefold() in _ISSUING_BODIES


def looks_like_location(text: str) -> bool:
    """'Seattle, WA', 'Berlin, Germany', 'Remote', 'London, UK (Hybrid)'."""
    text = text.strip()
    if not text or len(text) > 60 or any(ch in text for ch in "@/"):
        return False
    if _CITY_STATE.match(text):
        return True
    parts = [part.strip().casefold() for part in re.split(r"[,(]", text.rstrip(")"))]
    if any(part in _COUNTRIES for part in parts):
        return not looks_like_role(text)
    return False
