"""Seed the six safeguarding principles and the types of abuse and neglect.

Written in the hub's own words from the Care Act 2014 and its statutory guidance.
Editors may change the wording later; re-running this only fills in what is missing,
so it never overwrites their edits.
"""

from django.db import migrations

PRINCIPLES = [
    (
        "empowerment",
        "Empowerment",
        "I am asked what I want to happen, and my own choices shape what is done to help me.",
        "Support people to make their own decisions and give informed consent. Start from "
        "the person's view of the risk and the outcomes they want, not from the process.",
    ),
    (
        "prevention",
        "Prevention",
        "I am given clear information about what abuse is, how to spot it and who to tell, "
        "so that help arrives before harm does.",
        "Act early: give information and advice, notice warning signs and respond to "
        "concerns before they grow into harm.",
    ),
    (
        "proportionality",
        "Proportionality",
        "I get help that fits the risk I face, is as light-touch as it can safely be, and "
        "takes account of what I say.",
        "Choose the least intrusive response that deals with the risk, and weigh the "
        "person's wishes and rights against the harm they face.",
    ),
    (
        "protection",
        "Protection",
        "I get support to tell someone about abuse or neglect, and to take part in what "
        "happens next as much as I want to.",
        "Support and represent people who are most in need, including those who cannot "
        "protect themselves, and help them take part in safeguarding.",
    ),
    (
        "partnership",
        "Partnership",
        "I know that the people who help me work together and with my community, and "
        "share only what they need to about me, with care.",
        "Local services and communities work together to prevent, notice and respond to "
        "abuse, sharing information safely and in the person's interest.",
    ),
    (
        "accountability",
        "Accountability",
        "I know who is doing what to keep me safe, and each organisation is open about its "
        "part and answers for it.",
        "Every organisation is clear about its role, acts on it and can be held to account "
        "for how it safeguards people.",
    ),
]

ABUSE_TYPES = [
    (
        "physical",
        "Physical abuse",
        "Hitting, pushing, restraint used wrongly, misuse of medication or "
        "inappropriate physical sanctions.",
    ),
    (
        "domestic",
        "Domestic abuse",
        "Controlling, coercive, threatening or violent behaviour by a partner, "
        "former partner or family member, including so-called honour-based violence.",
    ),
    (
        "sexual",
        "Sexual abuse",
        "Sexual acts, touching, remarks or exploitation the person has not "
        "consented to or could not consent to.",
    ),
    (
        "psychological",
        "Psychological abuse",
        "Threats, humiliation, intimidation, isolation, controlling behaviour, "
        "harassment or verbal abuse.",
    ),
    (
        "financial-or-material",
        "Financial or material abuse",
        "Theft, fraud, scams, pressure over wills or property, and misuse of "
        "someone's money or benefits.",
    ),
    (
        "modern-slavery",
        "Modern slavery",
        "Trafficking, forced labour and domestic servitude, where people are "
        "coerced or deceived into working or living under another's control.",
    ),
    (
        "discriminatory",
        "Discriminatory abuse",
        "Harassment or unequal treatment because of race, sex, disability, age, "
        "religion, sexual orientation or another protected characteristic.",
    ),
    (
        "organisational",
        "Organisational abuse",
        "Neglect or poor practice within a care setting or service, from one-off "
        "incidents to ongoing ill-treatment caused by a regime or culture.",
    ),
    (
        "neglect-and-acts-of-omission",
        "Neglect and acts of omission",
        "Ignoring medical, emotional or physical care needs, or withholding "
        "medication, food, warmth or access to services.",
    ),
    (
        "self-neglect",
        "Self-neglect",
        "Not caring for one's own hygiene, health or surroundings, including hoarding, "
        "to a degree that threatens health or safety.",
    ),
]


def seed(apps, schema_editor):
    Principle = apps.get_model("learning", "Principle")
    AbuseType = apps.get_model("learning", "AbuseType")
    for order, (slug, name, i_statement, meaning) in enumerate(PRINCIPLES, start=1):
        Principle.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "i_statement": i_statement,
                "meaning": meaning,
                "sort_order": order,
            },
        )
    for order, (slug, name, description) in enumerate(ABUSE_TYPES, start=1):
        AbuseType.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "description": description, "sort_order": order},
        )


def unseed(apps, schema_editor):
    apps.get_model("learning", "Principle").objects.filter(
        slug__in=[row[0] for row in PRINCIPLES]
    ).delete()
    apps.get_model("learning", "AbuseType").objects.filter(
        slug__in=[row[0] for row in ABUSE_TYPES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("learning", "0002_partnership_taxonomy_site")]

    operations = [migrations.RunPython(seed, unseed)]
