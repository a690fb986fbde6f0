"""Local keyword extraction, match scoring and local-engine edit proposal timings.

Run: ``.venv/bin/python bench/bench_keywords.py`` (about 20 s). Prints p50/p95 in ms for a
1-page and a 3-page resume built here, and a ~600-word job description.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from refleum.analysis.keywords import extract_job_keywords
from refleum.analysis.scoring import match_percentage
from refleum.analysis.skills import find_skills, vocabulary
from refleum.resume_data import ResumeData
from refleum.tailoring.local_engine import propose_edits
from refleum.tailoring.schemas import Strategy

JD_SECTIONS = {
    "What you'll do": [
        "Design and build REST APIs in Python and Go for our payments platform.",
        "Own services end to end, from design to on-call, with PostgreSQL and Redis.",
        "Improve reliability and observability across Kubernetes clusters on AWS.",
        "Work with product managers and designers to ship features every week.",
        "Mentor engineers and review code; write technical documentation.",
    ],
    "Requirements": [
        "5+ years of experience in backend development with Python or Java.",
        "Strong SQL and PostgreSQL; experience with Docker, k8s and CI/CD.",
        "Experience with distributed systems, microservices and message queues like Kafka.",
        "Solid understanding of data structures, algorithms and system design.",
    ],
    "Nice to have": [
        "Terraform, GraphQL, gRPC; experience in fintech or B2B SaaS.",
        "Familiarity with Datadog, Prometheus and Grafana.",
    ],
    "Benefits": ["Remote-first, equity, learning budget."],
}
TITLE = "Senior Backend Engineer"
ABOUT = (
    "Acme builds payments infrastructure for marketplaces. We are a B2B SaaS company "
    "serving thousands of merchants with APIs, and our platform team keeps money moving "
    "safely for buyers and sellers around the world, every minute of every day. "
)
INTRO = TITLE + "\n\n" + ABOUT * 12  # a long "about us", as many JDs have: ~600 words
BULLETS = [
    "Built REST APIs in Python and Flask serving 2M requests per day",
    "Migrated billing from MySQL to Postgres with zero downtime",
    "Responsible for building CI/CD pipelines with GitHub Actions and Docker",
    "Developed React dashboards in JS for the support team",
    "Ran services on k8s with Helm charts and Terraform modules",
    "Organized quarterly hackathons and onboarding for 15 new hires",
    "Reduced p95 latency by 40% with Redis caching",
    "Successfully led an incident review program across 6 teams",
]


def job_description() -> str:
    parts = [INTRO]
    for heading, lines in JD_SECTIONS.items():
        parts.append(heading)
        parts += [f"- {line}" for line in lines]
    return "\n".join(parts)


def resume(pages: int) -> ResumeData:
    jobs = 3 * pages
    return ResumeData.model_validate(
        {
            "personalInfo": {"name": "Ana Silva", "title": "Software Developer"},
            "summary": "Backend developer. Built Postgres-backed services in Python.",
            "workExperience": [
                {
                    "id": i + 1,
                    "title": "Backend Engineer",
                    "company": f"Company {i}",
                    "years": f"{2020 - 2 * i} - {2022 - 2 * i}",
                    "description": BULLETS[i % 3 :] + BULLETS[: i % 3],
                }
                for i in range(jobs)
            ],
            "education": [{"id": 1, "institution": "State U", "degree": "BSc Computer Science"}],
            "personalProjects": [
                {"id": i + 1, "name": f"project {i}", "description": BULLETS[:3]}
                for i in range(pages)
            ],
            "additional": {
                "technicalSkills": [
                    "JS",
                    "Python",
                    "Postgres",
                    "k8s",
                    "Docker",
                    "Flask",
                    "Redis",
                    "Terraform",
                    "React",
                    "GitHub Actions",
                ],
            },
        }
    )


def timed(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(0.95 * (len(samples) - 1))]


def main() -> None:
    start = time.perf_counter()
    vocab = vocabulary()
    load_ms = (time.perf_counter() - start) * 1000
    surfaces = sum(len(skill.surfaces) for skill in vocab.skills)
    print(f"vocabulary: {len(vocab.skills)} skills, {surfaces} surfaces, load {load_ms:.1f} ms")
    jd = job_description()
    keywords = extract_job_keywords(jd)
    print(
        f"JD: {len(jd.split())} words -> {len(keywords.required_skills)} required, "
        f"{len(keywords.preferred_skills)} preferred, {len(keywords.keywords)} keywords"
    )
    p50, p95 = timed(lambda: find_skills(jd), 200)
    print(f"find_skills(JD)                  p50 {p50:7.2f} ms   p95 {p95:7.2f} ms")
    p50, p95 = timed(lambda: extract_job_keywords(jd), 200)
    print(f"extract_job_keywords             p50 {p50:7.2f} ms   p95 {p95:7.2f} ms")
    longest = "\n".join([jd] * (8000 // len(jd.split())))  # the API's 8,000-word ceiling
    p50, p95 = timed(lambda: extract_job_keywords(longest), 20)
    print(
        f"extract_job_keywords {len(longest.split())} words p50 {p50:7.2f} ms   p95 {p95:7.2f} ms"
    )
    for pages in (1, 3):
        sample = resume(pages)
        p50, p95 = timed(lambda sample=sample: match_percentage(sample, keywords), 100)
        print(f"match_percentage {pages}-page         p50 {p50:7.2f} ms   p95 {p95:7.2f} ms")
        for strategy in Strategy:
            p50, p95 = timed(lambda s=strategy, r=sample: propose_edits(r, keywords, jd, s), 100)
            count = len(propose_edits(sample, keywords, jd, strategy))
            print(
                f"propose_edits {pages}-page {strategy:<8} p50 {p50:7.2f} ms   "
                f"p95 {p95:7.2f} ms   ({count} edits)"
            )


if __name__ == "__main__":
    main()
