"""Demo site text and the fictional partnership used by `manage.py seed_demo`.
Plain literals only. The Board, organisations and email domains are fictional.
"""

HOME_INTRO = (
    "The Safeguarding Learning Hub is the shared learning space of the Northmoor Safeguarding "
    "Adults Board partnership. Staff from the council, the NHS, the police, the fire service, "
    "probation and voluntary organisations can read seven-minute briefings, case studies and "
    "learning from Safeguarding Adults Reviews, and keep a record of their continuing "
    "professional development. Much of the learning is open to everyone, so anyone with an "
    "interest in keeping adults safe from abuse and neglect is welcome to browse."
)

ACCESSIBILITY_STATEMENT = (
    "<h2>About this statement</h2><p>This accessibility statement covers the Safeguarding "
    "Learning Hub, which is run by Northmoor Safeguarding Adults Board. We want as many people "
    "as possible to be able to use the hub. You should be able to:</p><ul><li>change colours, "
    "contrast levels and fonts using your browser or device settings;</li><li>zoom in up to "
    "400% without text spilling off the screen;</li><li>navigate most of the site using just a "
    "keyboard;</li><li>navigate most of the site using speech recognition "
    "software;</li><li>listen to most of the site using a screen reader.</li></ul><p>We have "
    "also tried to keep the language used on the hub as plain as possible. If you have a "
    'disability, <a href="https://mcmw.abilitynet.org.uk/">AbilityNet</a> has advice on '
    "making your device easier to use.</p><h2>How accessible this website is</h2><p>We know "
    "that some parts of the hub are not yet fully accessible:</p><ul><li>some older "
    "Safeguarding Adults Review reports are PDF documents that do not work well with screen "
    "readers;</li><li>a small number of recorded webinars do not yet have accurate "
    "captions;</li><li>some diagrams in older briefings do not have a full text "
    "alternative.</li></ul><h2>Feedback and contact information</h2><p>If you need information "
    "on this website in a different format, such as an accessible PDF, large print, easy read "
    "or audio, please use the contact form on the Contact us page and tell us which format you "
    "need. We will consider your request and aim to reply within ten working "
    "days.</p><h2>Reporting accessibility problems with this website</h2><p>We are always "
    "looking to improve the accessibility of the hub. If you find a problem that is not listed "
    "on this page, or you think we are not meeting accessibility requirements, please let us "
    'know through the contact form and choose "Accessibility" as the subject. Tell us the '
    "page address and what went wrong. We will acknowledge your report within five working "
    "days.</p><h2>Enforcement procedure</h2><p>The Equality and Human Rights Commission (EHRC) "
    "is responsible for enforcing the Public Sector Bodies (Websites and Mobile Applications) "
    "(No. 2) Accessibility Regulations 2018 (the accessibility regulations). If you are not "
    "happy with how we respond to your complaint, contact the <a "
    'href="https://www.equalityadvisoryservice.com/">Equality Advisory and Support Service '
    "(EASS)</a>.</p><h2>Technical information about this website's "
    "accessibility</h2><p>Northmoor Safeguarding Adults Board is committed to making its "
    "website accessible, in accordance with the <a "
    'href="https://www.legislation.gov.uk/uksi/2018/952/contents">Public Sector Bodies '
    "(Websites and Mobile Applications) (No. 2) Accessibility Regulations "
    "2018</a>.</p><h2>Compliance status</h2><p>This website is partially compliant with the <a "
    'href="https://www.w3.org/TR/WCAG22/">Web Content Accessibility Guidelines version '
    "2.2</a> AA standard, because of the non-compliances listed below.</p><h2>Non-accessible "
    "content</h2><p>The content listed below is not accessible for the following "
    "reasons.</p><h2>Non-compliance with the accessibility regulations</h2><ul><li>Some PDF "
    "review reports published before the hub launched are not tagged, so screen reader users "
    "may find the reading order confusing. This fails WCAG 2.2 success criterion 1.3.1 (Info "
    "and Relationships). We plan to replace them with accessible HTML summaries when each "
    "review is next updated.</li><li>Captions on some recorded webinars were generated "
    "automatically and contain errors. This fails WCAG 2.2 success criterion 1.2.2 (Captions, "
    "Prerecorded). We are correcting captions, starting with the most viewed "
    "recordings.</li><li>Some images of diagrams in older briefings lack a full text "
    "description. This fails WCAG 2.2 success criterion 1.1.1 (Non-text Content). We are "
    "adding descriptions as briefings are reviewed.</li></ul><h2>Disproportionate "
    "burden</h2><p>We are not currently claiming that any accessibility problem would be a "
    "disproportionate burden to fix.</p><h2>Content that is not within the scope of the "
    "accessibility regulations</h2><p>PDFs and other documents published before 23 September "
    "2018 are exempt if they are not essential to providing our services. Live webinars are "
    "also exempt, but we aim to caption them wherever possible.</p><h2>What we are doing to "
    "improve accessibility</h2><p>New briefings and case studies are published as web pages "
    "rather than PDFs, and every new page is checked with automated tools and by a person "
    "using a keyboard and a screen reader before it goes live. Our aim is to meet WCAG 2.2 at "
    "level AA in full.</p><h2>Preparation of this statement</h2><p>This statement was prepared "
    "in September 2025 and is reviewed every year. The hub was last tested in August 2025 by "
    "the Board's digital team against the WCAG 2.2 AA standard, using a sample of the most "
    "used pages and each type of page template.</p>"
)

PRIVACY_NOTICE = (
    "<h2>Who we are</h2><p>The Safeguarding Learning Hub is provided by Northmoor Safeguarding "
    "Adults Board (the Board), the statutory partnership set up under section 43 of the Care "
    "Act 2014 to help and protect adults in the Northmoor area. The Board is the controller of "
    "the personal information described in this notice. Its business unit is hosted by "
    "Northmoor Council, whose Data Protection Officer also advises the Board.</p><p>You can "
    "contact the Board's business unit, or the host authority's Data Protection Officer, "
    "through the contact form on the Contact us page.</p><h2>What information we "
    "collect</h2><ul><li><strong>Account details:</strong> your name, work email address, job "
    "title and password (stored only in encrypted form), and any security settings such as "
    "two-factor authentication.</li><li><strong>Organisation details:</strong> the partner "
    "organisation and team you work for.</li><li><strong>Learning records:</strong> which "
    "briefings, case studies and reviews you have completed, your knowledge check results, the "
    "continuing professional development (CPD) minutes you record and any certificates "
    "generated.</li><li><strong>Feedback:</strong> ratings and comments you give on learning "
    "materials. You can choose to give feedback anonymously.</li><li><strong>Reflective "
    "entries:</strong> notes you write about your own practice. These are private to you "
    "unless you choose to share a particular entry, for example with your "
    "supervisor.</li><li><strong>Technical information:</strong> security logs, including the "
    "date and time of sign-ins and the IP address used, and a cookie that keeps you signed "
    "in.</li></ul><p>Please do not include names or other details that could identify the "
    "people you support in reflective entries or feedback. Use initials or a general "
    "description instead.</p><h2>Why we use your information and our lawful basis</h2><p>We "
    "use your information to provide your account, record your learning, produce CPD evidence "
    "for you, let your organisation's learning lead see whether staff have completed required "
    "learning, and improve the hub.</p><p>Our lawful basis for most of this processing is "
    "<strong>public task</strong> (Article 6(1)(e) of the UK General Data Protection "
    "Regulation). Promoting learning and improving safeguarding practice across partner "
    "agencies is part of the Board's statutory role. For keeping the service secure and "
    "understanding how it is used, we rely on <strong>legitimate interests</strong> (Article "
    "6(1)(f)); we have assessed that this does not override your rights. We do not ask for "
    "special category information about you.</p><h2>Who can see your "
    "information</h2><ul><li>The learning lead for your organisation can see your completion "
    "records and CPD totals, but not your reflective entries.</li><li>Your supervisor can see "
    "a reflective entry only if you choose to share it.</li><li>The Board receives reports "
    "about learning across the partnership. These use totals by organisation and team and do "
    "not name individuals.</li><li>Our hosting provider stores data on our behalf, under a "
    "contract that requires it to keep the data secure and use it only on our instructions. "
    "Data is stored in the United Kingdom.</li></ul><p>We do not sell your information or use "
    "it for marketing.</p><h2>How long we keep your information</h2><ul><li>Accounts that have "
    "not been used for two years are closed and deleted, after we have emailed you a "
    "reminder.</li><li>Learning records and CPD entries are kept for six years after they are "
    "created, so they remain available as evidence for professional "
    "registration.</li><li>Feedback is kept for two years and then deleted or fully "
    "anonymised.</li><li>Reflective entries are kept until you delete them or your account is "
    "closed.</li><li>Security logs are kept for 90 days.</li></ul><h2>Your rights</h2><p>You "
    "have the right to ask for a copy of your information, to have inaccurate information "
    "corrected, and in some circumstances to have it deleted, to restrict how it is used or to "
    "object to its use. You can download your own learning record and CPD log at any time from "
    "your account page. To exercise any of your rights, use the contact form. We will respond "
    "within one month.</p><h2>Cookies</h2><p>The hub uses only the cookies that are strictly "
    "necessary for signing in and keeping your session secure. We do not use advertising or "
    "third-party tracking cookies.</p><h2>How to complain</h2><p>If you are unhappy with how "
    "we have handled your information, please contact us first so that we can try to put "
    "things right. You also have the right to complain to the Information Commissioner's "
    "Office (ICO), the UK's independent regulator for data protection, through <a "
    'href="https://ico.org.uk/make-a-complaint/">the ICO\'s website</a>.</p><h2>Changes to '
    "this notice</h2><p>We review this notice at least once a year and will tell registered "
    "users about any significant changes. This version was last updated in September 2025.</p>"
)

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
