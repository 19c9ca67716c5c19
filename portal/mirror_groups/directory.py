"""The public directory: every country of the initiative, its group and the group's composition report.

Everything shown here is public: counts, sectors and the report's reasons, never a person. The whole
directory takes a fixed number of queries, however many groups there are."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.text import slugify

from portal.initiative.models import Country

from .composition import Member, Report, Rules, composition_report
from .models import Membership, MirrorGroup, Sector, current_on

INITIATIVE = (Country.Status.SIGNATORY, Country.Status.OBSERVER)


def as_member(membership: Membership) -> Member:
    return Member(role=membership.role, sector=membership.sector, region=membership.region,
                  gender=membership.gender)


def rule_key(rule: str) -> str:
    """A rule's name as a filter value."""
    return slugify(rule)


@dataclass
class Entry:
    country: Country
    group: MirrorGroup | None
    members: list[Membership] = field(default_factory=list)
    report: Report | None = None

    @property
    def established(self) -> bool:
        return self.group is not None and self.group.is_established

    @property
    def sectors(self) -> list[str]:
        """The sectors represented, in the fact sheet's order."""
        present = {member.sector for member in self.members}
        return [sector for sector in Sector.values if sector in present]

    @property
    def sector_labels(self) -> list[str]:
        return [Sector(sector).label for sector in self.sectors]


def entries(rules: Rules, on=None) -> list[Entry]:
    on = on or timezone.localdate()
    countries = list(Country.objects.filter(status__in=INITIATIVE).order_by("name"))
    groups = MirrorGroup.objects.filter(country__in=countries).prefetch_related(
        Prefetch("memberships", queryset=Membership.objects.filter(current_on(on)), to_attr="current")
    )
    by_country = {group.country_id: group for group in groups}
    found = []
    for country in countries:
        group = by_country.get(country.pk)
        if group is None:
            found.append(Entry(country, None))
            continue
        group.country = country
        report = composition_report(map(as_member, group.current), rules)
        found.append(Entry(country, group, group.current, report))
    return found


def matching(found: list[Entry], *, status: str = "", established: str = "", composition: str = "",
             sector: str = "") -> list[Entry]:
    """The entries that pass the directory's filters (each empty one lets everything through).

    composition is "met" (every rule passes), "broken" (some rule fails) or a rule's key (that rule
    fails); a country without a group has no composition to judge and matches none of them."""
    if status:
        found = [entry for entry in found if entry.country.status == status]
    if established:
        found = [entry for entry in found if entry.established == (established == "yes")]
    if sector:
        found = [entry for entry in found if sector in entry.sectors]
    if composition == "met":
        found = [entry for entry in found if entry.report and entry.report.passed]
    elif composition == "broken":
        found = [entry for entry in found if entry.report and not entry.report.passed]
    elif composition:
        found = [entry for entry in found if entry.report and any(
            rule_key(check.rule) == composition for check in entry.report.failed)]
    return found


def rule_names(rules: Rules) -> list[str]:
    """The names of the rules checked under these settings, in the report's order."""
    return [check.rule for check in composition_report([], rules).checks]
