import pytest

from refleum.parsing.lines import read_lines
from refleum.parsing.lists import skill_items, split_items, strip_category


@pytest.mark.parametrize(
    "markdown, expected",
    [
        ("Python, Go, SQL", ["Python", "Go", "SQL"]),
        ("Python | Go | SQL", ["Python", "Go", "SQL"]),
        ("Python; Go; SQL", ["Python", "Go", "SQL"]),
        ("Python • Go • SQL", ["Python", "Go", "SQL"]),
        ("- Python\n- Go\n- SQL", ["Python", "Go", "SQL"]),
        (
            "Languages: Python, Go\nTools: Docker, Terraform",
            ["Python", "Go", "Docker", "Terraform"],
        ),
        (
            "SolidWorks, ANSYS Mechanical,\nGD&T, Creo",
            ["SolidWorks", "ANSYS Mechanical", "GD&T", "Creo"],
        ),
        (
            "Impedance spectroscopy\nXRD\nGlovebox synthesis",
            ["Impedance spectroscopy", "XRD", "Glovebox synthesis"],
        ),
        ("Kubernetes (EKS, GKE), Terraform", ["Kubernetes (EKS, GKE)", "Terraform"]),
        ("Go, Python\n\nGo, Rust", ["Go", "Python", "Rust"]),
    ],
)
def test_skill_list_styles(markdown, expected):
    assert skill_items(read_lines(markdown)) == expected


def test_a_bare_date_stays_with_the_item_before_it():
    assert split_items("Admitted to the Illinois Bar, 2006, U.S. District Court") == [
        "Admitted to the Illinois Bar, 2006",
        "U.S. District Court",
    ]


def test_bullets_are_kept_whole_for_credentials():
    lines = read_lines("- AWS Solutions Architect, Amazon\n- CKA")
    assert skill_items(lines, credentials=True) == ["AWS Solutions Architect, Amazon", "CKA"]


def test_an_issuing_body_stays_with_its_credential():
    lines = read_lines("Chartered Engineer, IStructE, PMP, ACA, ICAEW, CKA")
    assert skill_items(lines, credentials=True) == [
        "Chartered Engineer, IStructE",
        "PMP",
        "ACA, ICAEW",
        "CKA",
    ]
    assert skill_items(lines) == ["Chartered Engineer", "IStructE", "PMP", "ACA", "ICAEW", "CKA"]


def test_category_label_is_dropped_only_when_items_follow():
    assert strip_category("Cloud: AWS, GCP") == "AWS, GCP"
    assert strip_category("AWS, GCP") == "AWS, GCP"


def test_table_rows_of_label_and_list():
    lines = read_lines("Programming | Python, C++, CUDA\nML | PyTorch, JAX")
    assert skill_items(lines) == ["Python", "C++", "CUDA", "PyTorch", "JAX"]
    assert skill_items(read_lines("Python | Go | SQL")) == ["Python", "Go", "SQL"]


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        # Table rows, one with a comma in a cell: each row is cut on its own.
        ("Rust | Go\nC, C++ | Bash\nSQL | Lua\n", ["Rust", "Go", "C", "C++", "Bash", "SQL", "Lua"]),
        # Levels after the skill, and a level on a line of its own, are no items.
        ("Italian Mother tongue\nSpanish Fluent\n", ["Italian", "Spanish"]),
        ("Greek\nNative speaker\n", ["Greek"]),
        ("Rust Expert\nGo Intermediate\n", ["Rust", "Go"]),
    ],
)
def test_skill_items_tables_and_levels(markdown, expected):
    assert skill_items(read_lines(markdown)) == expected


def test_category_headings_are_no_items():
    lines = read_lines("## Web\n\n- Rust\n- Go\n\n## Data\n\n- SQL\n")
    assert skill_items(lines) == ["Rust", "Go", "SQL"]


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("Web\n\nHTML CSS Typescript\n", ["Web", "HTML", "CSS", "Typescript"]),
        ("AWS GCP\n", ["AWS", "GCP"]),
        ("Microsoft SQL Server\n", ["Microsoft SQL Server"]),
        ("Project Management\n", ["Project Management"]),
        # Two groups of chips side by side: one cell each (issue #12).
        (
            "Frontend | Media\n\nHTML SVG Typescript | JPEG PNG\n",
            ["Frontend", "Media", "HTML", "SVG", "Typescript", "JPEG", "PNG"],
        ),
    ],
)
def test_chips_set_side_by_side(markdown, expected):
    assert skill_items(read_lines(markdown)) == expected


def test_a_category_name_on_its_own_line_above_each_comma_list_is_no_item():
    lines = read_lines("Data Work\nSQL, Python, Excel\nDesign Tools\nFigma, Sketch\n")
    assert skill_items(lines) == ["SQL", "Python", "Excel", "Figma", "Sketch"]


def test_a_comma_list_wrapped_after_a_comma_stays_one_list():
    lines = read_lines("SQL, Python,\nExcel Macros, Figma\n")
    assert skill_items(lines) == ["SQL", "Python", "Excel Macros", "Figma"]


def test_a_level_between_a_category_name_and_its_comma_list_is_no_item():
    lines = read_lines("Data Work\nAdvanced\nSQL, Python\nDesign Tools\nBeginner\nFigma, Sketch\n")
    assert skill_items(lines) == ["SQL", "Python", "Figma", "Sketch"]
