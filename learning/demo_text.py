"""The fictional partnership loaded by `manage.py seed_demo`: its organisations, their
email domains and teams. Plain literals only; every name and domain is invented.
"""

TEAMS = {
    "local_authority": [
        "Adult social care: East locality team",
        "Adult social care: West locality team",
        "Safeguarding adults hub",
    ],
    "nhs_trust": [
        "Community nursing: Eastbridge",
        "Adult safeguarding team",
        "Community mental health team: Kellmouth",
    ],
    "icb": [
        "Quality and nursing directorate",
        "Designated safeguarding professionals",
        "Continuing healthcare team",
    ],
    "police": [
        "Public protection unit",
        "Neighbourhood policing: Kellmouth",
        "Domestic abuse investigation team",
    ],
    "fire": [
        "Prevention and safe and well team",
        "Eastbridge station watch",
    ],
    "probation": [
        "Northmoor probation delivery unit",
        "Approved premises team",
    ],
    "housing": [
        "Tenancy sustainment team",
        "Housing options and homelessness prevention",
        "Supported housing services",
    ],
    "voluntary_sector": [
        "Independent advocacy service",
        "Domestic abuse outreach",
        "Befriending and community support",
    ],
    "care_provider": [
        "Home care: Eastbridge branch",
        "Residential care home staff team",
        "Supported living services",
    ],
    "other": [
        "Trading standards",
        "Safeguarding adults board business unit",
    ],
}

ORGANISATIONS = [
    {
        "name": "Northmoor Council Adult Social Care",
        "type": "local_authority",
        "domains": [
            "northmoor.example",
        ],
    },
    {
        "name": "Northmoor Community Health NHS Trust",
        "type": "nhs_trust",
        "domains": [
            "northmoorhealth-nhs.example",
        ],
    },
    {
        "name": "Northmoor Police",
        "type": "police",
        "domains": [
            "northmoor-police.example",
        ],
    },
    {
        "name": "Northmoor Advocacy and Wellbeing Network",
        "type": "voluntary_sector",
        "domains": [
            "northmooradvocacy.example",
        ],
    },
]
