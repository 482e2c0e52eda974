"""Search relevance cases: realistic queries and the catalog entries they must rank high.

Each expectation names strategy ids (or measure codes) as the catalog data has them, chosen by
reading the entries, not by running the search. Used by tests/test_search_relevance.py and
benchmarks/search_relevance.py.

- ``first``: the first result is one of these;
- ``top3``: each of these is in the first three;
- ``only_top3``: every one of the first three is one of these;
- ``not_top8``: none of these is in the first eight.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Case:
    query: str
    first: frozenset[str] = frozenset()
    top3: tuple[str, ...] = ()
    only_top3: frozenset[str] = frozenset()
    not_top8: tuple[str, ...] = ()

    def failures(self, ids: list[str]) -> list[str]:
        """What the ranked ids get wrong (empty: the case passes)."""
        out = []
        if self.first and (not ids or ids[0] not in self.first):
            out.append(
                f"first is {ids[0] if ids else 'nothing'}, wanted one of {sorted(self.first)}"
            )
        missing = [x for x in self.top3 if x not in ids[:3]]
        if missing:
            out.append(f"{missing} not in the top 3 {ids[:3]}")
        if self.only_top3:
            if not ids:
                out.append("no results")
            stray = [x for x in ids[:3] if x not in self.only_top3]
            if stray:
                out.append(f"{stray} in the top 3")
        intruders = [x for x in self.not_top8 if x in ids[:8]]
        if intruders:
            out.append(f"{intruders} in the top 8")
        return out


def _f(*ids: str) -> frozenset[str]:
    return frozenset(ids)


SAFE_SLEEP = _f("safe-sleep", "5-1", "5-4", "5-5", "7-24")
BREASTFEEDING = _f(
    "breastfeeding", "4-1", "4-2", "4-5", "breastfeeding-01", "breastfeeding-10",
    "breastfeeding-wwfh-01",
)  # fmt: skip
POSTPARTUM_MENTAL = _f(
    "postpartum-mental-screening",
    "postpartum-mental-screening-wwfh-02",
    "postpartum-mental-screening-10",
    "postpartum-mental-screening-05",
    "postpartum-mental-screening-01",
    "postpartum-mental-screening-03",
    "postpartum-mental-screening-04",
    "postpartum-mental-screening-06",
    "postpartum-mental-screening-community-health-workers",
    "postpartum-mental-screening-community-partnerships",
    "postpartum-mental-screening-integration-into-routine-care",
    "postpartum-mental-screening-machine-learning",
    "postpartum-mental-screening-provider-training",
    "postpartum-mental-screening-quality-improvement-initiatives",
)
CESAREAN = _f("cesarean-delivery", "2-6", "2-7", "2-8")
SMOKING = _f(
    "smoking", "14-1-1", "14-1-2", "14-1-3", "14-2-1", "14-2-2", "14-2-4", "14-2-5",
    "smoking-cessation-package-embedded-in-wic-prenatal-services",
    "smoking-enhanced-cessation-counseling-with-motivational-interviewing",
    "smoking-financial-incentives-and-vouchers-clinic-based-incentive",
)  # fmt: skip
DEVELOPMENTAL = _f(
    "developmental-screening", "6-1", "6-3", "6-7", "developmental-screening-02",
    "developmental-screening-04", "developmental-screening-wwfh-03",
)  # fmt: skip
TRANSITION = _f(
    "transition", "12-1", "12-3", "12-4", "12-5", "12-6", "12-8", "12-9", "12-10", "12-12",
    "12-13",
)  # fmt: skip
BULLYING = _f("bullying", "9-2", "9-3", "9-6", "9-7", "9-8", "7-27")
HOUSING = (
    "housing",
    "housing-child-04",
    "housing-child-12",
    "housing-pregnancy-02",
    "housing-pregnancy-03",
    "housing-pregnancy-06",
)
PASSENGER_SAFETY = ("7-16", "7-18")
DENTAL_PREGNANCY = _f(
    "dental-visit",  # the parent measure names pregnancy too
    "dental-visit-pregnancy",
    "dental-visit-pregnancy-01",
    "dental-visit-pregnancy-04",
)

CASES: tuple[Case, ...] = (
    # the queries of issue 13
    Case(
        "home visiting",
        first=_f("postpartum-visit-04", "1-4", "6-1"),
        top3=("postpartum-visit-04", "1-4"),
    ),
    Case("breastfeeding peer support", first=_f("4-2"), not_top8=("9-6", "8-24")),
    Case(
        "postpartum depression",
        top3=("postpartum-mental-screening-wwfh-02",),
        only_top3=POSTPARTUM_MENTAL,
        not_top8=HOUSING,
    ),
    Case("safe sleep", first=SAFE_SLEEP, only_top3=SAFE_SLEEP, not_top8=PASSENGER_SAFETY),
    Case(
        "sudden infant death",
        first=SAFE_SLEEP,
        only_top3=SAFE_SLEEP,
        not_top8=("postpartum-visit-00",),
    ),
    Case("SIDS", first=SAFE_SLEEP, only_top3=SAFE_SLEEP),
    Case("doula", top3=("breastfeeding-01",)),
    Case("c-section", first=CESAREAN, only_top3=CESAREAN),
    Case("breastfeding", first=BREASTFEEDING, only_top3=BREASTFEEDING),
    Case(
        "telehealth",
        first=_f("postpartum-visit-12"),
        top3=("postpartum-visit-12", "medical-home-personal-01"),
    ),
    # names, abbreviations and everyday words
    Case("peer counselors", first=_f("4-2")),
    Case("lactation consultant", top3=("4-1", "breastfeeding-01")),
    Case("IBCLC", top3=("4-1", "breastfeeding-01")),
    Case("PPD", top3=("postpartum-mental-screening-wwfh-02",), only_top3=POSTPARTUM_MENTAL),
    Case("SUID", first=SAFE_SLEEP, only_top3=SAFE_SLEEP),
    Case("C-sections", first=CESAREAN, only_top3=CESAREAN),
    Case("CYSHCN insurance", top3=("15-6-cc",)),
    Case(
        "WIC smoking cessation",
        first=_f("smoking-cessation-package-embedded-in-wic-prenatal-services"),
    ),
    Case("quitline", first=SMOKING, only_top3=SMOKING, top3=("14-2-1",)),
    Case(
        "community health workers",
        top3=("1-2-wwfh", "postpartum-mental-screening-community-health-workers"),
    ),
    Case("CHW", top3=("1-2-wwfh", "postpartum-mental-screening-community-health-workers")),
    Case("developmental screening", first=_f("developmental-screening"), only_top3=DEVELOPMENTAL),
    Case("ASQ", first=DEVELOPMENTAL, only_top3=DEVELOPMENTAL),
    Case("school-based health centers", top3=("10-1", "medical-home-personal-wwfh-02")),
    Case("bullying prevention in schools", first=_f("7-27"), only_top3=BULLYING),
    Case("mentoring", first=_f("9-6")),
    Case("transition to adult care", first=TRANSITION, only_top3=TRANSITION),
    Case(
        "care coordination", first=_f("medical-home-cc", "medical-home-personal-01", "12-4", "11-2")
    ),
    Case("medicaid postpartum coverage", first=_f("postpartum-visit-05")),
    Case("patient reminders", first=_f("1-1"), top3=("1-1", "10-2")),
    Case("well-woman visit", first=_f("well-woman-visit")),
    Case("EPSDT", first=_f("10-5")),
    Case("housing vouchers", first=_f("housing-child-12")),
    Case(
        "active recess",
        first=_f("physical-activity-school-based-programs-and-activities-active-recess"),
    ),
    Case("risk-appropriate perinatal care", first=_f("perinatal-care-risk-appropriate")),
    Case("dental care during pregnancy", first=DENTAL_PREGNANCY, only_top3=DENTAL_PREGNANCY),
    Case("FQHC", first=_f("well-woman-visit-federally-qualified-health-centers")),
    Case(
        "medical interpreters",
        first=_f("well-woman-visit-professionally-trained-medical-interpreters"),
    ),
    Case("foster care insurance", first=_f("15-7-cc")),
    Case(
        "motivational interviewing",
        first=_f("smoking-enhanced-cessation-counseling-with-motivational-interviewing"),
    ),
    Case("blood pressure monitoring postpartum", first=_f("postpartum-visit-12")),
    Case("car seats", first=_f("7-16")),
    Case("text message screening", first=_f("postpartum-mental-screening-03")),
    Case("breastfeeding at work", first=_f("breastfeeding-wwfh-01")),
    Case("lactation consultnts", top3=("4-1", "breastfeeding-01")),
    Case("tobacco", first=SMOKING, only_top3=SMOKING),
)
