"""Benchmark of survey exports and statistics: 100,000 submitted responses to a 42-question survey with a
repeated section of 3 questions more, answered for two items a response.

    .venv/bin/python bench/survey_exports.py [--responses 100000] [--rebuild] [--database-url URL]
                                             [--phases csv,xlsx,sav,dta,statistics,filtered]

Creates (once) its own PostgreSQL database (default: portal_bench on 127.0.0.1), migrates it and fills
it with responses in two versions (version 2 removed a choice) and their answer items. Then it measures,
each in a fresh child process so that peak memory is the phase's own: the CSV export, the XLSX export, the
SPSS and Stata exports, the statistics of all 42 questions (three times: the first run reads the tables from
disk, the others from the cache), plus the statistics with two filters (`--phases` picks some of them). It
prints one line per phase and the targets.
See bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import string
import subprocess
import sys
import time
from pathlib import Path

import database  # bench/database.py, beside this script

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/portal_bench"
SURVEY_SLUG = "bench-survey"
TARGETS = {"csv": 20.0, "xlsx": 90.0, "sav": 60.0, "dta": 60.0, "statistics": 2.0}
MEMORY_TARGET_MB = 200
# pyreadstat writes SPSS and Stata files from a whole data frame: those exports hold every row at once.
MEMORY_TARGETS_MB = {"sav": 600, "dta": 600}
PHASES = ("csv", "xlsx", "sav", "dta", "statistics", "filtered")


# --- The survey ------------------------------------------------------------------------------------


def _choices(prefix: str, count: int, exclusive: bool = False) -> list[dict]:
    choices = [
        {"name": f"{prefix}{index}", "label": f"Option {index} of {prefix}"} for index in range(1, count + 1)
    ]
    if exclusive:
        choices.append({"name": "none", "label": "None of the above", "exclusive": True})
    return choices


def bench_definition(version: int) -> dict:
    """42 questions: country, 12 single and 8 multiple choice, a ranking, a rating, 4 matrices, 5 numbers,
    2 number tables, a date, 5 free-text questions, a short text and an email; then a repeated section
    (datasets: a name, a single choice and a number an item). Version 1 has a choice that 2 removed."""
    codes = "at be bg hr cy cz dk ee fi fr de gr hu is ie it lv lt lu mt nl no pl pt ro sk si es se ch gb"
    countries = [{"name": code, "label": f"Country {code.upper()}"} for code in codes.split()]
    general = [
        {"name": "country", "type": "single_choice", "label": "Country", "required": True,
         "choices": countries},
        {"name": "institution", "type": "short_text", "label": "Your institution"},
        {"name": "contact", "type": "email", "label": "Contact email"},
    ]
    single = [
        {"name": f"s{index:02d}", "type": "single_choice", "label": f"Single choice question {index}",
         "required": True, "choices": _choices(f"s{index}_", 3 + index % 3)}
        for index in range(1, 13)
    ]
    multiple = [
        {"name": f"m{index:02d}", "type": "multiple_choice", "label": f"Multiple choice question {index}",
         "choices": _choices(f"m{index}_", 4 + index % 3, exclusive=True)}
        for index in range(1, 9)
    ]
    if version == 1:
        multiple[1]["choices"].insert(2, {"name": "legacy", "label": "A choice removed in version 2"})
    matrices = [
        {"name": f"x{index:02d}", "type": "matrix", "label": f"Matrix {index}",
         "rows": [{"name": f"row{row}", "label": f"Row {row}"} for row in range(1, 6)],
         "choices": _choices("level", 4)}
        for index in range(1, 5)
    ]
    numbers = [
        {"name": f"n{index:02d}", "type": "number", "label": f"Number {index}",
         "kind": "decimal" if index == 5 else "integer", "min": 0}
        for index in range(1, 6)
    ]
    tables = [
        {"name": "t01", "type": "number_table", "label": "Subjects per data type", "rows_from": "m01",
         "min": 0},
        {"name": "t02", "type": "number_table", "label": "Samples per year", "min": 0,
         "rows": [{"name": f"y{year}", "label": str(year)} for year in range(2018, 2022)]},
    ]
    texts = [
        {"name": f"l{index:02d}", "type": "long_text", "label": f"Describe {index}"} for index in range(1, 4)
    ] + [{"name": f"st{index:02d}", "type": "short_text", "label": f"Name {index}"} for index in range(1, 3)]
    date = [{"name": "d01", "type": "date", "label": "When were the data collected?"}]
    ordered = [
        {"name": "rk01", "type": "ranking", "label": "Rank these priorities", "choices": _choices("rk", 5)},
        {"name": "rt01", "type": "rating", "label": "How ready is your institution?", "scale_min": 1,
         "scale_max": 5, "low_label": "Not at all", "high_label": "Fully", "dont_know": True},
    ]
    sections = [
        ("general", "About you", general),
        ("choices", "Choices", single + ordered),
        ("multiple", "Several choices", multiple),
        ("matrices", "Matrices", matrices),
        ("numbers", "Numbers", numbers + tables + date),
        ("texts", "In your words", texts),
    ]
    datasets = {
        "name": "datasets", "title": "Your datasets",
        "repeat": {"min": 0, "max": 5, "item_label": "ds_name", "item_name": "Dataset"},
        "questions": [
            {"name": "ds_name", "type": "short_text", "label": "Name of the dataset", "required": True},
            {"name": "ds_kind", "type": "single_choice", "label": "Kind of data",
             "choices": _choices("k", 4)},
            {"name": "ds_subjects", "type": "number", "label": "Subjects", "min": 0},
        ],
    }
    definition = {
        "format": "1mg-portal-survey/1", "name": "bench-survey", "title": "Benchmark survey",
        "privacy_statement_url": "/privacy/", "languages": ["en"],
        "sections": [
            {"name": name, "title": title, "questions": questions} for name, title, questions in sections
        ] + [datasets],
    }
    assert sum(len(questions) for _name, _title, questions in sections) == 42
    return definition


DATASETS_A_RESPONSE = 2  # the items of the repeated section in every response


WORDS = ("genome sequencing cohort phenotype consent registry biobank clinical research data hospital "
         "rare disease cancer federated access sample exome variant national european").split()


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def random_answers(rng: random.Random, definition: dict) -> dict:
    """Answers as the portal stores them after submitting: as typed, empty ones left out; the repeated
    section's as a list of items."""
    answers: dict = {}
    for section in definition["sections"]:
        if section.get("repeat"):
            answers[section["name"]] = [_answered(rng, section["questions"], {})
                                        for _ in range(DATASETS_A_RESPONSE)]
        else:
            _answered(rng, section["questions"], answers)
    return answers


def _answered(rng: random.Random, questions: list[dict], answers: dict) -> dict:
    """`answers` with random answers to these questions."""
    for question in questions:
        kind, name = question["type"], question["name"]
        if not question.get("required") and rng.random() < 0.15:
            continue
        if kind == "single_choice":
            answers[name] = rng.choice(question["choices"])["name"]
        elif kind == "multiple_choice":
            plain = [choice["name"] for choice in question["choices"] if not choice.get("exclusive")]
            picked = rng.sample(plain, rng.randint(1, len(plain)))
            answers[name] = ["none"] if rng.random() < 0.05 else picked
        elif kind == "ranking":
            answers[name] = rng.sample([choice["name"] for choice in question["choices"]],
                                       len(question["choices"]))
        elif kind == "rating":
            points = [str(point) for point in range(question["scale_min"], question["scale_max"] + 1)]
            answers[name] = "dont_know" if rng.random() < 0.05 else rng.choice(points)
        elif kind == "matrix":
            answers[name] = {
                row["name"]: rng.choice(question["choices"])["name"] for row in question["rows"]
            }
        elif kind == "number":
            answers[name] = (f"{rng.uniform(0, 1000):.2f}" if question.get("kind") == "decimal"
                             else str(rng.randint(0, 100_000)))
        elif kind == "number_table":
            chosen = answers.get(question.get("rows_from", ""), [])
            rows = question.get("rows") or [{"name": choice} for choice in chosen if choice != "none"]
            if rows:
                answers[name] = {row["name"]: str(rng.randint(0, 5000)) for row in rows}
        elif kind == "date":
            answers[name] = f"{rng.randint(2010, 2021)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        elif kind == "long_text":
            sentences = [_sentence(rng, rng.randint(5, 20)) for _ in range(rng.randint(1, 3))]
            answers[name] = " ".join(sentences)
        elif kind == "short_text":
            answers[name] = " ".join(
                rng.choice(string.ascii_uppercase) + rng.choice(WORDS) for _ in range(3)
            )
        elif kind == "email":
            answers[name] = f"person{rng.randint(1, 10**6)}@example.org"
    return answers


def build(responses: int, rebuild: bool) -> None:
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone
    from wagtail.models import Page

    from surveys.answer_items import store_items
    from surveys.models import Response, SurveyPage, SurveyVersion

    call_command("migrate", verbosity=0)
    survey = SurveyPage.objects.filter(slug=SURVEY_SLUG).first()
    same = survey and SurveyVersion.objects.filter(survey=survey, number=2,
                                                   definition=bench_definition(2)).exists()
    if same and not rebuild and survey.responses.filter(status="submitted").count() == responses:
        print(f"Reusing {responses:,} responses in the bench database (--rebuild to make them again).")
        vacuum()  # a database made before answer items has had them filled by the migration just now
        return
    started = time.perf_counter()
    rebuilt = survey is not None
    if survey:
        Response.objects.filter(survey=survey).delete()
        SurveyVersion.objects.filter(survey=survey).delete()
        survey.exports.all().delete()
        survey.delete()
    root = Page.get_first_root_node()
    survey = root.add_child(instance=SurveyPage(title="Benchmark survey", slug=SURVEY_SLUG,
                                                definition=bench_definition(2), live=True))
    versions = [
        SurveyVersion.objects.create(survey=survey, number=number, definition=bench_definition(number))
        for number in (1, 2)
    ]
    rng = random.Random(20201130)
    now = timezone.now()
    batch = []
    with transaction.atomic():
        for index in range(responses):
            version = versions[0] if index < responses * 3 // 10 else versions[1]
            batch.append(Response(
                survey=survey, version=version, status=Response.Status.SUBMITTED,
                answers=random_answers(rng, version.definition), token=f"bench-{index}",
                contribution_id=f"B{index:011d}", submitted_at=now, started_at=now, updated_at=now,
            ))
            if len(batch) == 5000:
                store_items(Response.objects.bulk_create(batch))  # bulk_create sends no post_save
                batch = []
        store_items(Response.objects.bulk_create(batch))
    vacuum(full=rebuilt)  # FULL: the deleted rows would leave holes to read through
    print(f"Created {responses:,} responses in {time.perf_counter() - started:.1f} s.")


def vacuum(full: bool = False) -> None:
    """What autovacuum does soon after a load: statistics for the planner, and the visibility map that
    lets the numbers be read from their index alone."""
    from django.db import connection

    with connection.cursor() as cursor:
        for table in ("surveys_response", "surveys_answerkey", "surveys_answeritem", "surveys_answervalue"):
            if full:
                cursor.execute(f"VACUUM FULL {table}")
            cursor.execute(f"VACUUM ANALYZE {table}")


# --- Phases, each in its own process ---------------------------------------------------------------


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def cpu_seconds() -> float:
    """The process's own CPU time: on a machine shared with other work, the part of a phase's time that the
    load does not stretch."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run_phase(phase: str) -> dict:
    from surveys.models import SurveyPage

    survey = SurveyPage.objects.get(slug=SURVEY_SLUG)
    baseline = peak_rss_mb()
    cpu_before = cpu_seconds()
    figures: dict = {"phase": phase}
    if phase in {"csv", "xlsx", "sav", "dta"}:
        from surveys.exports import SUFFIXES, write_export

        target = Path(f"/tmp/bench-export.{SUFFIXES[phase]}")
        started = time.perf_counter()
        with target.open("wb") as output:
            rows = write_export(survey, phase, output)
        figures["seconds"] = time.perf_counter() - started
        figures["rows"] = rows
        figures["size_mb"] = target.stat().st_size / 2**20
        target.unlink()
    elif phase == "statistics":
        from django.core.cache import cache

        from surveys.results import cached_survey_results, survey_results

        runs = []
        for _ in range(3):
            started = time.perf_counter()
            results = survey_results(survey)
            runs.append(time.perf_counter() - started)
        figures["seconds"] = runs[0]  # the first run, as a coordinator opening the page meets it
        figures["runs"] = runs
        figures["questions"] = len(results.questions)
        figures["responses"] = results.total
        cache.clear()
        cached_survey_results(survey)
        started = time.perf_counter()
        cached_survey_results(survey)  # what the results page does while no response changes
        figures["cached"] = time.perf_counter() - started
    elif phase == "filtered":
        from surveys.results import Filters, survey_results

        started = time.perf_counter()
        results = survey_results(survey, Filters(country="pt", answers=[("s01", "s1_1")]))
        figures["seconds"] = time.perf_counter() - started
        figures["responses"] = results.total
    figures["cpu_seconds"] = cpu_seconds() - cpu_before
    figures["baseline_rss_mb"] = baseline
    figures["peak_rss_mb"] = peak_rss_mb()
    return figures


def load_average() -> str:
    """Other work on the machine slows every figure: the load is printed beside them."""
    return " ".join(f"{load:.2f}" for load in os.getloadavg()) + f" ({os.cpu_count()} cores)"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--responses", type=int, default=100_000)
    parser.add_argument("--rebuild", action="store_true", help="delete and create the responses again")
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL))
    parser.add_argument("--phases", default=",".join(PHASES),
                        help=f"the phases to measure, separated by commas (default: {','.join(PHASES)})")
    parser.add_argument("--phase", help=argparse.SUPPRESS)  # used by the parent process
    arguments = parser.parse_args()
    if not arguments.database_url.startswith("postgres"):
        parser.error("the benchmark runs on PostgreSQL")
    phases = [phase for phase in arguments.phases.split(",") if phase]
    if not phases or set(phases) - set(PHASES):
        parser.error(f"--phases takes some of {', '.join(PHASES)}")
    if arguments.phase == "build":
        database.setup_django(arguments.database_url)
        build(arguments.responses, arguments.rebuild)
        return
    if arguments.phase:
        database.setup_django(arguments.database_url)
        print(json.dumps(run_phase(arguments.phase), default=str))
        return
    database.create_database(arguments.database_url)
    # The build runs in a child too: a child starts with its parent's peak memory as its own (Linux
    # keeps the peak across exec), so the parent stays small for the phases' figures to be theirs.
    subprocess.run(
        [sys.executable, __file__, "--phase", "build", "--database-url", arguments.database_url,
         "--responses", str(arguments.responses), *(["--rebuild"] if arguments.rebuild else [])],
        check=True,
    )
    print(f"Load average at the start: {load_average()}")
    print(f"{'phase':<12}{'time':>10}{'target':>10}{'peak RSS':>12}{'of which before':>18}  notes")
    for phase in phases:
        child = subprocess.run(
            [sys.executable, __file__, "--phase", phase, "--database-url", arguments.database_url],
            capture_output=True, text=True, check=True,
        )
        figures = json.loads(child.stdout.strip().splitlines()[-1])
        target = TARGETS.get(phase)
        notes = []
        notes.append(f"CPU {figures['cpu_seconds']:.1f} s")
        if "rows" in figures:
            notes.append(f"{figures['rows']:,} rows, {figures['size_mb']:.1f} MB")
        if "runs" in figures:
            notes.append("runs " + ", ".join(f"{run:.2f}" for run in figures["runs"]) + " s")
        if "responses" in figures:
            notes.append(f"{figures['responses']:,} responses")
        if "cached" in figures:
            notes.append(f"from the cache {figures['cached'] * 1000:.0f} ms")
        verdict = "" if target is None else (" ok" if figures["seconds"] < target else " SLOW")
        memory = " ok" if figures["peak_rss_mb"] < MEMORY_TARGETS_MB.get(phase, MEMORY_TARGET_MB) else " OVER"
        print(
            f"{phase:<12}{figures['seconds']:>9.2f}s{(f'{target:.0f}s' if target else '-'):>10}"
            f"{figures['peak_rss_mb']:>9.0f} MB{figures['baseline_rss_mb']:>15.0f} MB"
            f"  {'; '.join(notes)}{verdict}{memory}",
            flush=True,
        )
    print(f"Load average at the end: {load_average()}")
    print("Targets on 2 cores: CSV < 20 s, XLSX < 90 s, SPSS and Stata < 60 s, statistics < 2 s, "
          f"peak memory < {MEMORY_TARGET_MB} MB (SPSS and Stata < {MEMORY_TARGETS_MB['sav']} MB)")


if __name__ == "__main__":
    main()
