"""Loads the reference data files into the database: creates what is missing, never overwrites."""

import json
from pathlib import Path

from django.db import transaction

from portal.core.demo import REFERENCE_DATA, register

from .models import Country, DiseaseArea, StakeholderCluster, SubArea, WorkingGroup

DATA_DIR = Path(__file__).parent / "data"


def _read(name: str) -> dict:
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


def _cite(source: dict) -> str:
    return f"{source['title']} <{source['url']}>" if source.get("url") else source["title"]


@transaction.atomic
def load_reference_data() -> dict[str, int]:
    """Create the rows of the data files that are not in the database yet; return counts created."""
    reference = _read("reference.json")
    sources = reference["sources"]
    created = {"working groups": 0, "disease areas": 0, "clusters": 0, "countries": 0}

    groups = {}
    for row in reference["working_groups"]:
        groups[row["number"]], new = WorkingGroup.objects.get_or_create(
            number=row["number"], defaults={"name": row["name"], "kind": row["kind"]}
        )
        created["working groups"] += new

    for row in reference["disease_areas"]:
        _, new = DiseaseArea.objects.get_or_create(
            slug=row["slug"],
            defaults={"name": row["name"], "working_group": groups.get(row["working_group"])},
        )
        created["disease areas"] += new

    for position, row in enumerate(reference["clusters"]):
        cluster, new = StakeholderCluster.objects.get_or_create(
            slug=row["slug"],
            defaults={
                "name": row["name"],
                "description": row["description"],
                "description_source": sources[row["source"]],
                "needs_review": row["source"] == "portal-team",
                "lead": row.get("lead", ""),
                "sort_order": position,
            },
        )
        if new:
            SubArea.objects.bulk_create(
                SubArea(cluster=cluster, name=name, sort_order=i)
                for i, name in enumerate(row["sub_areas"])
            )
        created["clusters"] += new

    countries = _read("countries.json")
    for row in countries["countries"]:
        cited = "; ".join(_cite(countries["sources"][key]) for key in row.get("sources", []))
        _, new = Country.objects.get_or_create(
            iso_code=row["iso_code"],
            defaults={
                "name": row["name"],
                "status": row["status"],
                "joined": row.get("joined"),
                "source": cited,
            },
        )
        created["countries"] += new
    return created


def register_demo_steps() -> None:
    def load() -> list[str]:
        counts = load_reference_data()
        return ["Reference data: created " + ", ".join(f"{count} {what}" for what, count in counts.items())]

    register("initiative.reference_data", order=REFERENCE_DATA, create=load)
