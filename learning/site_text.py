"""Starting text for the pages every hub has: the home page introduction, the
accessibility statement and the privacy notice. Editors change it in the admin; this
is used only when a page is first created (learning.site_setup)."""

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
    # What the hub holds, who sees it, how long it is kept and how to ask follow this
    # text on the page, generated from the live settings (learning.privacy.notice); so
    # nothing here names a period, a role's access or a contact that could go stale.
    "<h2>Who is responsible for your information</h2><p>Northmoor Safeguarding Adults Board "
    "(the Board) runs the Safeguarding Learning Hub. The Board is the statutory partnership "
    "set up under section 43 of the Care Act 2014 to help and protect adults in the Northmoor "
    "area, and it is the controller of the personal information the hub holds. Its business "
    "unit is hosted by Northmoor Council, whose Data Protection Officer also advises the "
    "Board.</p><h2>Why the hub uses your information</h2><p>The hub uses your information to "
    "run your account, keep a record of your learning that you can use as evidence of your "
    "continuing professional development, let the people responsible for your learning see "
    "whether required learning is done, and help the Board improve the learning it "
    "offers.</p><p>For most of this the lawful basis is <strong>public task</strong> (Article "
    "6(1)(e) of the UK General Data Protection Regulation): improving safeguarding practice "
    "across partner agencies is part of the Board's statutory role. Keeping the hub secure "
    "and understanding how it is used rely on <strong>legitimate interests</strong> (Article "
    "6(1)(f)), which the Board has weighed against your rights. The hub does not ask for "
    "special category information about you.</p><h2>Writing about the people you "
    "support</h2><p>Reflective entries and feedback are about your practice, not about the "
    "adults and families you work with. Leave out their names and anything else that could "
    "identify them; initials or a general description are enough.</p><h2>Who else handles "
    "it</h2><p>A hosting company stores the hub's data in the United Kingdom for the Board, "
    "under a contract that lets it use the data only on the Board's instructions and requires "
    "it to keep the data secure. Your information is never sold or used for "
    "marketing.</p><h2>Cookies</h2><p>The hub sets only the cookies it needs to sign you in "
    "and keep your session secure. It uses no advertising or tracking cookies.</p><h2>Changes "
    "to this notice</h2><p>The Board reviews this notice at least once a year and tells "
    "registered users about any significant change.</p>"
)
