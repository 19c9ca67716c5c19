"""The composition report of a National Mirror Group: each rule of the fact sheet "NMGs at a glance",
whether the group meets it, and why. Pure functions over the members, so that they can be tested over any
membership (tests/mirror_groups, with hypothesis) and run on the public directory without queries."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import Role, Sector

# Below this many declared genders, no share is computed or shown: small numbers identify people.
GENDER_DISCLOSURE_MINIMUM = 5


@dataclass(frozen=True)
class Member:
    role: str
    sector: str
    region: str
    gender: str = ""


@dataclass(frozen=True)
class Rules:
    members_count_managers: bool = False
    min_members: int = 5
    max_members: int = 12
    max_gender_share: int = 60
    min_regions: int = 3
    min_sectors: int = 4
    industry_required: bool = True

    @classmethod
    def of(cls, settings) -> Rules:
        return cls(**{name: getattr(settings, name) for name in cls.__dataclass_fields__})


@dataclass(frozen=True)
class Check:
    rule: str
    passed: bool
    why: str


@dataclass(frozen=True)
class Report:
    checks: list[Check]

    @property
    def passed(self) -> bool:
        return all(check.passed for check in self.checks)

    @property
    def failed(self) -> list[Check]:
        return [check for check in self.checks if not check.passed]


def _one_of(members: list[Member], role: str, name: str) -> Check:
    count = sum(member.role == role for member in members)
    why = (_("There is one %(role)s.") if count == 1 else
           ngettext("There is %(count)s %(role)s; there must be exactly one.",
                    "There are %(count)s people in the role %(role)s; there must be exactly one.", count))
    return Check(name, count == 1, why % {"count": count, "role": name.lower()})


def _size(members: list[Member], rules: Rules) -> Check:
    counted = len(members) if rules.members_count_managers else sum(m.role == Role.MEMBER for m in members)
    whom = _("members, coordinator and NCP included") if rules.members_count_managers else _(
        "members besides the coordinator and NCP")
    words = {"count": counted, "whom": whom, "low": rules.min_members, "high": rules.max_members}
    passed = rules.min_members <= counted <= rules.max_members
    why = _("%(count)s %(whom)s, within %(low)s to %(high)s.") if passed else _(
        "%(count)s %(whom)s; the group needs %(low)s to %(high)s.")
    return Check(_("Size"), passed, why % words)


def _gender(members: list[Member], rules: Rules) -> Check:
    declared = Counter(member.gender for member in members if member.gender)
    total = sum(declared.values())
    if total < GENDER_DISCLOSURE_MINIMUM:
        return Check(_("Gender balance"), True, ngettext(
            "%(count)s member declared a gender: too few to judge the balance without identifying people.",
            "%(count)s members declared a gender: too few to judge the balance without identifying people.",
            total) % {"count": total})
    largest = max(declared.values())
    share = round(100 * largest / total)
    passed = 100 * largest <= rules.max_gender_share * total
    why = (_("No gender holds more than %(limit)s%% of the %(total)s members who declared one.") if passed
           else _("One gender holds %(share)s%% of the %(total)s members who declared one; at most "
                  "%(limit)s%% is balanced."))
    return Check(_("Gender balance"), passed, why % {"limit": rules.max_gender_share, "total": total,
                                                     "share": share})


def _regions(members: list[Member], rules: Rules) -> Check:
    regions = {member.region.strip().casefold() for member in members if member.region.strip()}
    passed = len(regions) >= rules.min_regions
    why = ngettext("Members come from %(count)s region", "Members come from %(count)s regions", len(regions))
    why += _("; at least %(least)s are needed.") if not passed else _(" (at least %(least)s needed).")
    return Check(_("Geographic representation"), passed, why % {"count": len(regions),
                                                                 "least": rules.min_regions})


def _sectors(members: list[Member], rules: Rules) -> list[Check]:
    sectors = {member.sector for member in members if member.sector}
    passed = len(sectors) >= rules.min_sectors
    named = ", ".join(str(Sector(sector).label) for sector in sorted(sectors)) or _("none")
    why = (_("%(count)s sectors are represented (%(named)s); at least %(least)s are needed.") if not passed
           else _("%(count)s sectors are represented (%(named)s)."))
    checks = [Check(_("Stakeholder diversity"), passed,
                    why % {"count": len(sectors), "named": named, "least": rules.min_sectors})]
    if rules.industry_required:
        has_industry = Sector.INDUSTRY in sectors
        checks.append(Check(_("Industry"), has_industry, _("Industry is represented.") if has_industry
                            else _("No member comes from industry or the private sector.")))
    return checks


def composition_report(members: Iterable[Member], rules: Rules) -> Report:
    members = list(members)
    return Report([
        _one_of(members, Role.SCIENTIFIC_COORDINATOR, _("Scientific coordinator")),
        _one_of(members, Role.NATIONAL_CONTACT_POINT, _("National contact point")),
        _size(members, rules),
        _gender(members, rules),
        _regions(members, rules),
        *_sectors(members, rules),
    ])


def gender_counts(members: Iterable[Member]) -> Counter | None:
    """The declared genders as counts, or None where fewer than five declared one."""
    declared = Counter(member.gender for member in members if member.gender)
    return declared if sum(declared.values()) >= GENDER_DISCLOSURE_MINIMUM else None
