"""How much data each size of the generated partnership holds."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Size:
    name: str
    organisations: int
    teams: int
    staff: int  # everyone with an account, the named people and SAB managers included
    pages: int  # live learnable pages
    requirements: int
    completions: int
    feedback: int
    reflective_entries: int  # each with its one version row
    attempts: int  # finished knowledge-check attempts, each with one answer per question
    external_cpd: int  # added by people themselves (facilitation credits come on top)
    team_sessions: int
    assignments: int  # required-learning assignments (people who moved into an audience)
    sab_managers: int
    # The people the measurements sign in as.
    learner_completions: int  # the named practitioner's records
    learner_external_cpd: int
    named_supervisees: int  # the named supervisor's team
    history_days: int = 3 * 365
    # Build the pages from the demo content (False: from one review, briefing, check
    # and case study; see generator.pages), before copying up to `pages`.
    demo_content: bool = True


SIZES: dict[str, Size] = {
    "full": Size(
        name="full",
        organisations=30,
        teams=600,
        staff=25_000,
        pages=400,
        requirements=50,
        completions=2_000_000,
        feedback=300_000,
        reflective_entries=200_000,
        attempts=500_000,
        external_cpd=100_000,
        team_sessions=6_000,
        assignments=50_000,
        sab_managers=5,
        learner_completions=600,
        learner_external_cpd=25,
        named_supervisees=40,
    ),
    "tenth": Size(
        name="tenth",
        organisations=3,
        teams=60,
        staff=2_500,
        pages=40,
        requirements=5,
        completions=200_000,
        feedback=30_000,
        reflective_entries=20_000,
        attempts=50_000,
        external_cpd=10_000,
        team_sessions=600,
        assignments=5_000,
        sab_managers=2,
        # The named people are the same at every size but the smallest, so each page
        # they see is measured on the same amount of their own data.
        learner_completions=600,
        learner_external_cpd=25,
        named_supervisees=40,
    ),
    "small": Size(
        name="small",
        organisations=2,
        teams=4,
        staff=120,
        # The least content and one copy of each of its four pages: the copying of a
        # briefing with its check is exercised too.
        pages=8,
        requirements=3,
        completions=1_200,
        feedback=200,
        reflective_entries=150,
        attempts=120,
        external_cpd=100,
        team_sessions=10,
        assignments=40,
        sab_managers=1,
        learner_completions=40,
        learner_external_cpd=5,
        named_supervisees=40,
        demo_content=False,
    ),
}
