"""The composition rules of the fact sheet, checked over random memberships (hypothesis): each check
says pass or fail exactly when the rule holds, and never shows gender figures for fewer than five."""

from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from portal.mirror_groups.composition import Member, Rules, composition_report, gender_counts
from portal.mirror_groups.models import Gender, Role, Sector

REGIONS = ["Norte", "Centro", "Lisboa", "Alentejo", "Algarve", "Açores", "Madeira"]

members = st.lists(
    st.builds(
        Member,
        role=st.sampled_from([Role.MEMBER] * 6 + [Role.SCIENTIFIC_COORDINATOR, Role.NATIONAL_CONTACT_POINT]),
        sector=st.sampled_from(Sector.values),
        region=st.sampled_from(REGIONS + ["lisboa ", ""]),
        gender=st.sampled_from(["", *Gender.values]),
    ),
    max_size=20,
)
rules = st.builds(
    Rules,
    members_count_managers=st.booleans(),
    min_members=st.integers(0, 8),
    max_members=st.integers(5, 15),
    max_gender_share=st.integers(34, 100),
    min_regions=st.integers(1, 5),
    min_sectors=st.integers(1, 6),
    industry_required=st.booleans(),
)


def check(report, rule):
    (found,) = [check for check in report.checks if check.rule == rule]
    return found


@given(members, rules)
def test_each_rule_passes_exactly_when_it_holds(group, rules):
    report = composition_report(group, rules)
    roles = Counter(member.role for member in group)
    assert check(report, "Scientific coordinator").passed == (roles[Role.SCIENTIFIC_COORDINATOR] == 1)
    assert check(report, "National contact point").passed == (roles[Role.NATIONAL_CONTACT_POINT] == 1)

    counted = len(group) if rules.members_count_managers else roles[Role.MEMBER]
    assert check(report, "Size").passed == (rules.min_members <= counted <= rules.max_members)
    assert str(counted) in check(report, "Size").why

    regions = {member.region.strip().lower() for member in group if member.region.strip()}
    assert check(report, "Geographic representation").passed == (len(regions) >= rules.min_regions)

    sectors = {member.sector for member in group}
    assert check(report, "Stakeholder diversity").passed == (len(sectors) >= rules.min_sectors)
    industry = [c for c in report.checks if c.rule == "Industry"]
    assert bool(industry) == rules.industry_required
    if industry:
        assert industry[0].passed == (Sector.INDUSTRY in sectors)

    assert report.passed == all(c.passed for c in report.checks)


@given(members, rules)
def test_gender_balance_is_judged_only_over_five_or_more_declared(group, rules):
    declared = Counter(member.gender for member in group if member.gender)
    total = sum(declared.values())
    gender = check(composition_report(group, rules), "Gender balance")
    if total < 5:
        assert gender.passed and "too few" in gender.why
        assert gender_counts(group) is None
        # Nothing in the words gives away how the few who declared are spread.
        assert "%" not in gender.why
    else:
        share = max(declared.values()) / total
        assert gender.passed == (share * 100 <= rules.max_gender_share)
        assert gender_counts(group) == declared


def test_the_reasons_name_what_is_missing():
    group = [Member(Role.SCIENTIFIC_COORDINATOR, Sector.RESEARCH, "Norte"),
             Member(Role.MEMBER, Sector.RESEARCH, "Norte"),
             Member(Role.MEMBER, Sector.PATIENTS, "Centro")]
    report = composition_report(group, Rules())

    assert not report.passed
    assert [c.rule for c in report.failed] == [
        "National contact point", "Size", "Geographic representation", "Stakeholder diversity", "Industry"]
    assert check(report, "National contact point").why == (
        "There are 0 people in the role national contact point; there must be exactly one.")
    assert check(report, "Size").why == (
        "2 members besides the coordinator and NCP; the group needs 5 to 12.")
    assert check(report, "Industry").why == "No member comes from industry or the private sector."
