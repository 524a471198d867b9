"""Demo content for the briefings app: two Safeguarding Adults Review catalogue entries
and seven-minute briefings. Plain literals only, so the seed command can import it
without side effects. All people, places and reviews are fictional.
"""

REVIEWS = [
    {
        "slug": "sar-adult-d",
        "title": "Safeguarding Adults Review: Adult D",
        "pseudonym": "Adult D",
        "board": "Northmoor Safeguarding Adults Board",
        "year": 2025,
        "review_type": "mandatory",
        "abuse_types": [
            "self-neglect",
        ],
        "themes": [
            "self-neglect",
            "hoarding",
            "professional curiosity",
            "mental capacity",
            "information sharing",
            "escalation",
        ],
        "summary": (
            "Adult D, a man in his late sixties living alone in Eastbridge, died of sepsis "
            "after several years of worsening self-neglect and hoarding. Eight agencies knew "
            "him, but nobody brought their knowledge together or tested whether he could act "
            "on the decisions he voiced."
        ),
        "findings": [
            (
                "Each agency accepted Adult D's refusals of help at face value and closed its "
                "involvement when he did not engage."
            ),
            (
                "His capacity to make decisions about his leg ulcers and his living conditions "
                "was assumed rather than assessed, and nobody considered whether he could "
                "carry out the plans he agreed to."
            ),
            (
                "A fire service safe and well visit rated his living room at level 8 on the "
                "Clutter Image Rating scale, but this was not shared with his GP practice or "
                "adult social care."
            ),
            (
                "No multi-agency risk meeting was called, although the Board's self-neglect "
                "and hoarding protocol allowed any partner to request one."
            ),
            (
                "Practitioners knew little about his life story, including the death of his "
                "wife shortly before the hoarding began."
            ),
            (
                "Staff who were worried did not use the escalation policy, partly because they "
                "were unsure it applied to people who declined services."
            ),
        ],
        "recommendations": [
            (
                "All partners should make sure non-engagement triggers a conversation with a "
                "supervisor rather than automatic case closure."
            ),
            (
                "Capacity assessments in self-neglect work should address specific decisions "
                "and record whether the person can put their decisions into practice."
            ),
            (
                "The fire and rescue service, housing providers and primary care should agree "
                "a simple route for sharing hoarding assessments."
            ),
            (
                "The Board should relaunch its self-neglect and hoarding protocol with a clear "
                "description of who can convene a multi-agency meeting."
            ),
            (
                "Training on professional curiosity should include how to explore a person's "
                "history and what has changed for them."
            ),
            (
                "The Board should seek assurance within twelve months that the escalation "
                "policy is understood and used by frontline staff."
            ),
        ],
        "report_url": "https://www.northmoorsab.example/reviews/adult-d.pdf",
        "reflective_questions": [
            {
                "text": (
                    "When someone keeps turning down help, what would prompt you to ask "
                    "whether they can carry out the choice they describe, and not only "
                    "whether they can make it?"
                ),
                "principle": "empowerment",
            },
            {
                "text": (
                    "Which early signs that a person's home or health is slipping would you "
                    "pass to another agency, and what stops that happening in your team?"
                ),
                "principle": "prevention",
            },
            {
                "text": (
                    "If you were worried about a person nobody else seemed to be holding, "
                    "who would you ask to bring the agencies together, and how soon?"
                ),
                "principle": "partnership",
            },
        ],
    },
    {
        "slug": "sar-brian",
        "title": "Safeguarding Adults Review: Brian",
        "pseudonym": "Brian",
        "board": "Northmoor Safeguarding Adults Board",
        "year": 2025,
        "review_type": "discretionary",
        "abuse_types": [
            "financial-or-material",
            "psychological",
            "modern-slavery",
        ],
        "themes": [
            "cuckooing",
            "transitional safeguarding",
            "information sharing",
            "escalation",
            "professional curiosity",
            "making safeguarding personal",
        ],
        "summary": (
            "Brian, a care leaver in his early twenties with a learning disability, had his "
            "flat in Kellmouth taken over by people supplying drugs. Agencies treated what "
            "was happening as antisocial behaviour and a tenancy problem for many months before it "
            "was recognised as exploitation."
        ),
        "findings": [
            (
                "Concerns about visitors to Brian's flat were handled as nuisance and tenancy "
                "breaches, and the possibility of exploitation was not explored."
            ),
            (
                "Brian's statement that the visitors were his friends was accepted without "
                "considering fear, coercion or his understanding of what was happening."
            ),
            (
                "Children's services had identified him as at risk of criminal exploitation at "
                "sixteen, but this history did not travel with him into adult services."
            ),
            (
                "Police, housing, his GP and his day opportunities service each held part of "
                "the picture and there was no single lead agency."
            ),
            (
                "Nobody asked Brian directly what he wanted to happen or what would help him "
                "feel safe at home."
            ),
        ],
        "recommendations": [
            (
                "The Board should publish a multi-agency cuckooing protocol covering "
                "recognition, information sharing and lead-agency arrangements."
            ),
            (
                "Housing providers should screen for exploitation before starting tenancy "
                "enforcement against a tenant with care and support needs."
            ),
            (
                "Children's and adult services should agree a transitional safeguarding "
                "pathway for young people aged 16 to 25 at risk of exploitation."
            ),
            (
                "Partners should use the complex cases panel where risk is high and no one "
                "agency is able to hold it alone."
            ),
            (
                "Practitioners should record the person's own desired outcomes at the start of "
                "every section 42 enquiry, including where exploitation is suspected."
            ),
        ],
        "report_url": "https://www.northmoorsab.example/reviews/brian.pdf",
        "reflective_questions": [
            {
                "text": (
                    "A young adult tells you the people always at their flat are friends. "
                    "What would you want to understand before taking that at face value?"
                ),
                "principle": "protection",
            },
            {
                "text": (
                    "What would you need to know from children's services about a young "
                    "person's past risks, and how would you find it out?"
                ),
                "principle": "partnership",
            },
            {
                "text": (
                    "When exploitation is suspected and no single agency holds the risk, how "
                    "do you make sure someone takes the lead, and when would you escalate?"
                ),
                "principle": "accountability",
            },
        ],
    },
]

BRIEFINGS = [
    {
        "slug": "self-neglect-and-hoarding",
        "title": "Self-neglect, hoarding and professional curiosity: learning from Adult D",
        "summary": (
            "Many services saw parts of Adult D's decline, but nobody joined them up. This "
            "briefing sets out what the review found about self-neglect and hoarding and what "
            "you can do differently."
        ),
        "cpd_minutes": 7,
        "principles": [
            "prevention",
            "proportionality",
            "partnership",
            "empowerment",
        ],
        "abuse_types": [
            "self-neglect",
        ],
        "themes": [
            "self-neglect",
            "hoarding",
            "professional curiosity",
            "mental capacity",
            "information sharing",
            "escalation",
        ],
        "review": "sar-adult-d",
        "sections": [
            {
                "heading": "Background",
                "body": (
                    "<p>Adult D was a man in his late sixties who lived by himself in a "
                    "ground-floor flat in Eastbridge. He had type 2 diabetes, limited mobility "
                    "and ulcers on both legs. Over about four years his home filled with "
                    "possessions, papers and rubbish until he was sleeping in an armchair and "
                    "could reach only the kitchen and one corner of the living "
                    "room.</p><p>Eight organisations were in contact with him during that "
                    "period, among them his GP practice, community nursing, the fire and "
                    "rescue service, his housing provider and adult social care. He often "
                    'turned visitors away, missed appointments and said he was "getting by". '
                    "He died in hospital of sepsis linked to his untreated ulcers. Northmoor "
                    "Safeguarding Adults Board commissioned a mandatory review under section "
                    "44 of the Care Act 2014.</p>"
                ),
            },
            {
                "heading": "Why it matters",
                "body": (
                    "<p>Self-neglect describes a person not caring for their own hygiene, "
                    "health or surroundings, often alongside refusing support that would meet "
                    "basic needs. Hoarding is one form of it. Self-neglect is among the most "
                    "frequent themes in Safeguarding Adults Reviews across England, and the "
                    "same pattern appears again and again: many agencies, many refusals, and "
                    "no shared plan.</p><p>Behind the behaviour there is often grief, trauma, "
                    "depression, brain injury, dementia or dependence on alcohol or drugs. A "
                    "refusal can be a genuine, informed choice, but it can also be a sign of "
                    "shame, fear or an inability to act. If we never find out which, risk "
                    "grows quietly until a fall, a fire or an infection turns it into a "
                    "tragedy.</p>"
                ),
            },
            {
                "heading": "Information",
                "body": (
                    "<ul><li>The care and support statutory guidance recognises self-neglect "
                    "as a category of abuse and neglect. Not every case needs a "
                    "<strong>section 42 enquiry</strong>; the key question is whether the "
                    "person's care and support needs stop them protecting themselves by "
                    "controlling their own behaviour.</li><li>The <strong>Clutter Image "
                    "Rating</strong> scale uses a series of photographs to rate each room from "
                    "1 to 9. A rating of 7 or above usually signals serious risk to health and "
                    "safety.</li><li>Mental capacity is <strong>decision-specific and "
                    "time-specific</strong>. Someone may talk through a decision convincingly "
                    "and still be unable to carry it out when it matters. This gap is often "
                    "described as a problem of <em>executive capacity</em>.</li><li>The fire "
                    "and rescue service offers free safe and well visits and can fit smoke "
                    "alarms and supply fire-retardant bedding.</li><li>Data protection law "
                    "does not prevent sharing information that is necessary and proportionate "
                    "to protect someone from serious harm.</li></ul>"
                ),
            },
            {
                "heading": "What the learning is",
                "body": (
                    "<p>The review found that each agency accepted Adult D's refusals and "
                    "closed its involvement when he did not engage. His capacity was presumed "
                    "but never tested for any specific decision, even though he repeatedly "
                    "agreed to dressing changes and then did not let nurses in. The fire "
                    "service rated his living room at level 8 on the Clutter Image Rating "
                    "scale, yet that information stayed within the service.</p><p>No one "
                    "called a multi-agency meeting, although the Board's protocol allowed any "
                    "partner to do so. Few practitioners knew that the hoarding began soon "
                    "after his wife died. Staff who were uneasy did not escalate, partly "
                    "because they believed nothing more could be done for a man who said "
                    "no.</p>"
                ),
            },
            {
                "heading": "What to do",
                "body": (
                    "<ol><li><strong>Be curious.</strong> Ask about the person's story, what "
                    "has changed and what their home means to them. Look beyond the "
                    "doorstep.</li><li><strong>Think about capacity.</strong> Where there is "
                    "reason to doubt capacity for a particular decision, assess it and record "
                    "how you reached your view, including whether the person can act on what "
                    "they decide.</li><li><strong>Do not close on non-engagement "
                    "alone.</strong> Discuss the case with your supervisor and consider the "
                    "multi-agency self-neglect and hoarding protocol.</li><li><strong>Share "
                    "what you know.</strong> Tell the GP, housing, social care and the fire "
                    "service about serious risks, recording why sharing is "
                    "necessary.</li><li><strong>Keep the relationship going.</strong> A "
                    "consistent worker, small agreed steps and patience often achieve more "
                    "than a single big clear-out.</li><li><strong>Escalate</strong> through "
                    "your line manager or safeguarding lead if you believe the risk is not "
                    "being held.</li></ol>"
                ),
            },
            {
                "heading": "Questions for reflection",
                "body": (
                    "<ul><li>When someone you support declines help, how do you tell the "
                    "difference between an informed choice and a sign that they cannot act on "
                    "their wishes?</li><li>Who else might know this person, and have you asked "
                    "them?</li><li>What would make you feel confident to request a "
                    "multi-agency meeting?</li></ul>"
                ),
            },
            {
                "heading": "Further information",
                "body": (
                    "<ul><li><a "
                    'href="https://www.legislation.gov.uk/ukpga/2014/23/section/42">Care Act '
                    "2014, section 42: enquiry by local authority</a></li><li><a "
                    'href="https://www.gov.uk/government/publications/care-act-statutory-guidance/care-and-support-statutory-guidance">'
                    "Care and support statutory guidance, chapter 14: "
                    "safeguarding</a></li><li><a "
                    'href="https://www.gov.uk/government/publications/mental-capacity-act-code-of-practice">'
                    "Mental Capacity Act 2005 Code of Practice</a></li><li>Northmoor "
                    "Safeguarding Adults Board self-neglect and hoarding protocol (on this "
                    "hub's resources page)</li></ul>"
                ),
            },
        ],
        "reflective_questions": [
            {
                "text": (
                    "How could you find out what matters to a person who self-neglects before "
                    "deciding what a good outcome looks like?"
                ),
                "principle": "empowerment",
            },
            {
                "text": (
                    "At what point would you bring other agencies together rather than "
                    "continuing to manage the risk on your own?"
                ),
                "principle": "partnership",
            },
            {
                "text": (
                    "How do you balance someone's right to live as they choose with the risk "
                    "to their health and to neighbours?"
                ),
                "principle": "proportionality",
            },
        ],
    },
    {
        "slug": "cuckooing-and-exploitation",
        "title": (
            "Cuckooing and the exploitation of adults with care and support needs: learning "
            "from Brian"
        ),
        "summary": (
            "Brian's flat was taken over by people dealing drugs, and for months services saw "
            "a tenancy problem rather than an exploited young man. This briefing explains "
            "cuckooing, the warning signs and the actions the review asks of every partner."
        ),
        "cpd_minutes": 7,
        "principles": [
            "protection",
            "partnership",
            "accountability",
        ],
        "abuse_types": [
            "financial-or-material",
            "psychological",
            "modern-slavery",
        ],
        "themes": [
            "cuckooing",
            "transitional safeguarding",
            "information sharing",
            "escalation",
            "professional curiosity",
        ],
        "review": "sar-brian",
        "sections": [
            {
                "heading": "Background",
                "body": (
                    "<p>Brian was a care leaver in his early twenties with a learning disability "
                    "and epilepsy. He moved into a one-bedroom housing association flat in "
                    "Kellmouth with a small amount of floating support. Within a few months, "
                    "people linked to a drug supply network began using the flat. Neighbours "
                    "reported visitors at all hours, the housing provider sent warning letters "
                    "about antisocial behaviour, and the police attended several "
                    "times.</p><p>Brian told everyone the visitors were his friends. Meanwhile "
                    "he lost weight, missed his epilepsy medication and had several seizures, "
                    "and his benefits were being withdrawn from his account by others. The "
                    "review panel judged the mandatory criteria to be finely balanced, and the "
                    "Board commissioned a discretionary review under section 44(4) of the Care "
                    "Act 2014 because similar concerns had arisen elsewhere in the town.</p>"
                ),
            },
            {
                "heading": "Why it matters",
                "body": (
                    "<p>Cuckooing is when someone takes over another person's home to use it "
                    "for crime, most often drug dealing, but also storing weapons, sexual "
                    "exploitation or simply as a place to stay. People targeted are frequently "
                    "those who are isolated or have a learning disability, mental ill health, "
                    "a substance problem or a history of care. Perpetrators may start with "
                    "friendship, gifts or a loan and move on to threats and "
                    "violence.</p><p>When services see only noise, visitors and rent arrears, "
                    "the person being exploited can end up evicted or even prosecuted, while "
                    "those exploiting them move on to the next home.</p>"
                ),
            },
            {
                "heading": "Information",
                "body": (
                    '<ul><li>Warning signs include new "friends" who are always present, the '
                    "person staying elsewhere or in one room, unexplained injuries, missing "
                    "money or possessions, phones the person does not recognise, and a sudden "
                    "change in how they engage with you.</li><li>Criminal exploitation can "
                    "amount to <strong>modern slavery</strong>. Specified public authorities, "
                    "including local authorities and the police, have a duty to notify the "
                    "Home Office of suspected victims. An adult must consent to a National "
                    "Referral Mechanism referral; without consent, an anonymous notification "
                    "is still made.</li><li>Police and councils can use <strong>closure "
                    "orders</strong> under the Anti-social Behaviour, Crime and Policing Act "
                    "2014 to stop others entering a property, including a partial closure that "
                    "still allows the tenant and support workers "
                    "in.</li><li><strong>Transitional safeguarding</strong> means planning "
                    "across the ages of roughly 16 to 25 so that risks known to children's "
                    "services are not lost at eighteen.</li></ul>"
                ),
            },
            {
                "heading": "What the learning is",
                "body": (
                    "<p>The review found that concerns about Brian were routed through tenancy "
                    "and antisocial behaviour processes, and nobody asked whether he was being "
                    "exploited. His account that the visitors were friends was accepted "
                    "without thinking about fear, coercion or how well he understood his "
                    "situation. Children's services had recorded at sixteen that he was at "
                    "risk of criminal exploitation, but that knowledge did not reach adult "
                    "services.</p><p>Police, housing, his GP and his day service each knew "
                    "something worrying. With no lead agency, each assumed another was acting. "
                    "Nobody asked Brian himself what he wanted or what would make him feel "
                    "safe at home.</p>"
                ),
            },
            {
                "heading": "What to do",
                "body": (
                    "<ol><li><strong>Think exploitation first.</strong> When a person with "
                    "care and support needs is linked to antisocial behaviour, ask whether "
                    "they could be the victim rather than the cause.</li><li><strong>See the "
                    "person alone</strong>, somewhere they feel safe, and ask what they "
                    "want.</li><li><strong>Raise a safeguarding concern</strong> with adult "
                    "social care and share information with the police. Record what you shared "
                    "and why.</li><li><strong>Agree a lead agency</strong> at a multi-agency "
                    "meeting, and use the complex cases panel if the risk cannot be managed by "
                    "one service.</li><li><strong>Pause enforcement</strong> where possible. "
                    "Housing staff should check for exploitation before serving "
                    "notices.</li><li><strong>Escalate</strong> through the Board's escalation "
                    "policy if you think the response is not working.</li></ol>"
                ),
            },
            {
                "heading": "Questions for reflection",
                "body": (
                    "<ul><li>If you received a complaint about a tenant's visitors tomorrow, "
                    "what would you ask before deciding how to respond?</li><li>Who in your "
                    "organisation holds information from a person's childhood, and how would "
                    "you get hold of it?</li><li>What would you do if you disagreed with "
                    'another agency\'s view that there was "nothing to see"?</li></ul>'
                ),
            },
            {
                "heading": "Further information",
                "body": (
                    '<ul><li><a href="https://www.legislation.gov.uk/ukpga/2015/30/contents">'
                    "Modern Slavery Act 2015</a></li><li><a "
                    'href="https://www.legislation.gov.uk/ukpga/2014/12/contents">'
                    "Anti-social Behaviour, Crime and Policing Act 2014</a></li><li><a "
                    'href="https://www.legislation.gov.uk/ukpga/2014/23/section/44">Care Act '
                    "2014, section 44: Safeguarding Adults Reviews</a></li><li>Northmoor "
                    "multi-agency escalation policy (on this hub's resources page)</li></ul>"
                ),
            },
        ],
        "reflective_questions": [
            {
                "text": (
                    "How would you make sure someone who is being exploited gets help to take "
                    "part in decisions about their safety?"
                ),
                "principle": "protection",
            },
            {
                "text": (
                    "Which agencies would you need to bring together to protect a person whose "
                    "home has been taken over?"
                ),
                "principle": "partnership",
            },
            {
                "text": (
                    "How does your team record who is leading on a case where several agencies "
                    "are involved?"
                ),
                "principle": "accountability",
            },
        ],
    },
    {
        "slug": "making-safeguarding-personal",
        "title": "Making Safeguarding Personal: asking what outcomes the person wants",
        "summary": (
            "Making Safeguarding Personal puts the person's own goals at the centre of a "
            "safeguarding response. This briefing covers how to ask about desired outcomes, "
            "how to record them and how to review whether they were met."
        ),
        "cpd_minutes": 7,
        "principles": [
            "empowerment",
            "proportionality",
            "accountability",
        ],
        "abuse_types": [],
        "themes": [
            "making safeguarding personal",
            "mental capacity",
            "carers",
        ],
        "review": None,
        "sections": [
            {
                "heading": "Background",
                "body": (
                    "<p>Making Safeguarding Personal (MSP) began as a national programme led "
                    "by the Local Government Association and the Association of Directors of "
                    "Adult Social Services. It grew out of feedback that safeguarding often "
                    "felt like a process done <em>to</em> people rather than <em>with</em> "
                    "them: forms were completed and timescales met, but people were not always "
                    "asked what they wanted or whether they felt safer at the end.</p><p>The "
                    "approach is now embedded in the Care Act 2014 statutory guidance and "
                    "applies to every stage of adult safeguarding, from the first conversation "
                    "after a concern is raised to the close of an enquiry.</p>"
                ),
            },
            {
                "heading": "Why it matters",
                "body": (
                    "<p>People are the experts in their own lives. Safety looks different from "
                    "one person to the next: one person may want to end a relationship, "
                    "another may want the abuse to stop while keeping contact with a family "
                    "member they love. When outcomes are agreed with the person, the response "
                    "is more likely to work, to be proportionate and to be "
                    "trusted.</p><p>Councils that took part in the original programme found "
                    "that people felt more in control and better informed when they were asked "
                    "about outcomes at the start, and that the quality of conversations "
                    "between practitioners and people improved.</p>"
                ),
            },
            {
                "heading": "Information",
                "body": (
                    "<ul><li>Ask what the person would like to happen as early as possible, "
                    'and use their own words when you record it, for example "I want my '
                    'grandson to stop taking my pension".</li><li>Outcomes can change. Check '
                    "them at each stage and record any changes.</li><li>At the end of an "
                    "enquiry, record whether each outcome was <strong>fully</strong>, "
                    "<strong>partly</strong> or <strong>not</strong> achieved. These figures "
                    "are reported nationally through the Safeguarding Adults "
                    "Collection.</li><li>If the person lacks capacity to take part, outcomes "
                    "should be identified with their representative or advocate and in their "
                    "best interests, drawing on what you know of their wishes, feelings and "
                    "values.</li><li>Under section 68 of the Care Act 2014, the local "
                    "authority must arrange an independent advocate where a person would have "
                    "substantial difficulty taking part in an enquiry and has no suitable "
                    "person to support them.</li></ul>"
                ),
            },
            {
                "heading": "What the learning is",
                "body": (
                    "<p>Audits across the Northmoor partnership show that desired outcomes are "
                    "recorded in most enquiries, but they are often written in professional "
                    'language, such as "to reduce risk", rather than in the person\'s own '
                    "terms. Outcomes are less often revisited part-way through, and people are "
                    "not always told in a way they can understand what happened at the "
                    "end.</p><p>MSP is more than asking a single question at the start. It "
                    "means understanding the person as a whole, including their culture, "
                    "faith, relationships and history, and letting that shape the plan.</p>"
                ),
            },
            {
                "heading": "What to do",
                "body": (
                    "<ol><li>Begin with a conversation, not a form. Ask what a good outcome "
                    "would look like and what matters most to the person.</li><li>Explain in "
                    "plain language what safeguarding is, what you can and cannot do, and who "
                    "else may be involved.</li><li>Agree how the person wants to be involved "
                    "and kept informed, including whether they prefer feedback in "
                    "writing.</li><li>Use supervision to test whether your plan reflects the "
                    "person's goals or your own anxiety about risk.</li><li>Where outcomes "
                    "cannot be met, explain why honestly and record the reasons.</li><li>At "
                    "closure, ask whether the person feels safer and whether they were "
                    "satisfied with how they were involved.</li></ol>"
                ),
            },
            {
                "heading": "Questions for reflection",
                "body": (
                    "<ul><li>Look at your last safeguarding record. Would the person recognise "
                    "their own words in the desired outcomes?</li><li>How do you respond when "
                    "what a person wants conflicts with your professional view of the "
                    "risk?</li><li>How could you involve a person who communicates without "
                    "speech?</li></ul>"
                ),
            },
            {
                "heading": "Further information",
                "body": (
                    "<ul><li><a "
                    'href="https://www.gov.uk/government/publications/care-act-statutory-guidance/care-and-support-statutory-guidance">'
                    "Care and support statutory guidance, chapter 14: "
                    "safeguarding</a></li><li><a "
                    'href="https://www.legislation.gov.uk/ukpga/2014/23/contents">Care Act '
                    "2014</a></li><li>Northmoor Safeguarding Adults Board MSP practice toolkit "
                    "(on this hub's resources page)</li></ul>"
                ),
            },
        ],
        "reflective_questions": [
            {
                "text": (
                    "How do you make sure the outcomes a person tells you about actually shape "
                    "what happens next?"
                ),
                "principle": "empowerment",
            },
            {
                "text": (
                    "How would you explain to a person why the least intrusive option is being "
                    "suggested?"
                ),
                "principle": "proportionality",
            },
            {
                "text": (
                    "How does your team check whether desired outcomes were fully, partly or "
                    "not achieved, and what do you do with that information?"
                ),
                "principle": "accountability",
            },
        ],
    },
    {
        "slug": "mental-capacity-in-safeguarding",
        "title": "Mental capacity in safeguarding decisions",
        "summary": (
            "Many safeguarding decisions turn on whether a person has capacity to make a "
            "particular choice. This briefing recaps the Mental Capacity Act 2005 and explains "
            "executive capacity, unwise decisions and what to do when someone with capacity is "
            "being coerced."
        ),
        "cpd_minutes": 7,
        "principles": [
            "empowerment",
            "protection",
            "proportionality",
        ],
        "abuse_types": [
            "self-neglect",
            "financial-or-material",
        ],
        "themes": [
            "mental capacity",
            "self-neglect",
            "coercive control",
            "making safeguarding personal",
        ],
        "review": None,
        "sections": [
            {
                "heading": "Background",
                "body": (
                    "<p>Safeguarding practitioners regularly face questions such as: can this "
                    "person consent to an enquiry, to information being shared, or to "
                    "returning home to a risky situation? The Mental Capacity Act 2005 "
                    "provides the framework for answering them. Reviews in Northmoor and "
                    "nationally show that capacity is often presumed without thought, or "
                    "mentioned in records without a clear decision being assessed.</p>"
                ),
            },
            {
                "heading": "Why it matters",
                "body": (
                    "<p>Getting capacity wrong in either direction causes harm. If we assume "
                    "someone lacks capacity because of a diagnosis or because we disagree with "
                    "them, we take away their right to run their own life. If we accept every "
                    "refusal without asking whether the person can understand and weigh the "
                    "risks, we may leave them in danger. Capacity is where the principles of "
                    "empowerment and protection meet.</p>"
                ),
            },
            {
                "heading": "Information",
                "body": (
                    "<p>The Act rests on five principles:</p><ol><li>A person must be presumed "
                    "to have capacity unless it is shown that they lack it.</li><li>All "
                    "practicable steps must be taken to help them make the decision "
                    "themselves.</li><li>Making an unwise decision does not in itself mean a "
                    "person lacks capacity.</li><li>Anything done for a person who lacks "
                    "capacity must be in their best interests.</li><li>Before acting, consider "
                    "whether the purpose can be achieved in a less restrictive "
                    "way.</li></ol><p>A person lacks capacity for a decision if they cannot "
                    "understand the relevant information, retain it, use or weigh it, or "
                    "communicate their decision, and this inability is because of an "
                    "impairment of, or disturbance in the functioning of, the mind or brain. "
                    "The assessment always relates to a <strong>specific decision at a "
                    "specific time</strong>.</p>"
                ),
            },
            {
                "heading": "What the learning is",
                "body": (
                    "<p><strong>Executive capacity.</strong> Some people, particularly those "
                    "with frontal lobe injury, alcohol-related brain damage or certain forms "
                    "of dementia, can describe a plan clearly in conversation but cannot carry "
                    "it out. If a person repeatedly agrees to something and then does not do "
                    "it, that pattern is relevant evidence about their ability to use and "
                    "weigh information. Assess over time, and if possible in the setting where "
                    "the decision has to be acted on.</p><p><strong>Capacity and "
                    "coercion.</strong> A person may have capacity yet be unable to make a "
                    "free choice because of coercion, undue influence or fear. In these cases "
                    "the High Court's inherent jurisdiction may be available to protect them, "
                    "and legal advice should be sought.</p><p><strong>Fluctuating "
                    "capacity.</strong> Where capacity varies, for example with intoxication "
                    "or illness, choose a time when the person is at their best and record the "
                    "circumstances.</p>"
                ),
            },
            {
                "heading": "What to do",
                "body": (
                    "<ol><li>Be clear which decision you are assessing and what information is "
                    "relevant to it.</li><li>Support the person with accessible information, a "
                    "trusted person present, an interpreter or a different time of "
                    "day.</li><li>Record the evidence for your conclusion, including the "
                    "person's own words.</li><li>If the person lacks capacity, make a best "
                    "interests decision involving family, carers and, where there is no one "
                    "appropriate, an Independent Mental Capacity Advocate.</li><li>If the "
                    "person has capacity but you remain worried, keep talking, share "
                    "information where justified, and seek advice about coercion or undue "
                    "influence.</li><li>Use supervision to reflect on decisions where you feel "
                    "torn.</li></ol>"
                ),
            },
            {
                "heading": "Questions for reflection",
                "body": (
                    "<ul><li>When did you last record a capacity assessment that named the "
                    "specific decision?</li><li>How would you gather evidence of executive "
                    "capacity over time?</li><li>What would make you suspect that a person's "
                    "choices are not freely made?</li></ul>"
                ),
            },
            {
                "heading": "Further information",
                "body": (
                    '<ul><li><a href="https://www.legislation.gov.uk/ukpga/2005/9/contents">'
                    "Mental Capacity Act 2005</a></li><li><a "
                    'href="https://www.gov.uk/government/publications/mental-capacity-act-code-of-practice">'
                    "Mental Capacity Act 2005 Code of Practice</a></li><li><a "
                    'href="https://www.gov.uk/government/publications/care-act-statutory-guidance/care-and-support-statutory-guidance">'
                    "Care and support statutory guidance</a></li></ul>"
                ),
            },
        ],
        "reflective_questions": [
            {
                "text": (
                    "What practical steps could you take to help a person make a decision for "
                    "themselves before concluding that they lack capacity?"
                ),
                "principle": "empowerment",
            },
            {
                "text": (
                    "How would you respond to a person with capacity who chooses to stay in a "
                    "situation you consider harmful?"
                ),
                "principle": "protection",
            },
            {
                "text": (
                    "How do you make sure a best interests decision is the least restrictive "
                    "option available?"
                ),
                "principle": "proportionality",
            },
        ],
    },
    {
        "slug": "coercive-control-in-later-life",
        "title": "Coercive control and domestic abuse in later life",
        "summary": (
            "Older people experience domestic abuse too, often for many years and often "
            "unseen. This briefing explains coercive control, how it can be mistaken for carer "
            "stress, and how to ask, assess and act."
        ),
        "cpd_minutes": 7,
        "principles": [
            "protection",
            "prevention",
            "partnership",
        ],
        "abuse_types": [
            "domestic",
            "psychological",
            "financial-or-material",
            "physical",
        ],
        "themes": [
            "coercive control",
            "carers",
            "information sharing",
            "professional curiosity",
        ],
        "review": None,
        "sections": [
            {
                "heading": "Background",
                "body": (
                    "<p>Domestic abuse is often pictured as something affecting younger women "
                    "with children. In reality, it affects many older people, and it may have "
                    "gone on for decades before anyone notices. The person causing harm may be "
                    "a partner, an ex-partner, an adult son or daughter, or another relative. "
                    "Where one partner is also the other's carer, the abuse can be hidden "
                    'behind the language of "caring" and "coping".</p>'
                ),
            },
            {
                "heading": "Why it matters",
                "body": (
                    "<p>Older victims are less likely to be asked about abuse, less likely to "
                    "be referred to specialist services and more likely to live with a "
                    "disability that makes leaving harder. Abuse may be explained away as "
                    "dementia, frailty or the strain of caring. Coercive and controlling "
                    "behaviour in particular can be invisible unless you look for the pattern "
                    "rather than a single incident.</p>"
                ),
            },
            {
                "heading": "Information",
                "body": (
                    "<ul><li>Under the <strong>Domestic Abuse Act 2021</strong>, behaviour "
                    "counts as domestic abuse when both people are 16 or older and personally "
                    "connected: partners, ex-partners and relatives all qualify. Economic "
                    "abuse is included.</li><li><strong>Controlling or coercive "
                    "behaviour</strong> is a criminal offence under section 76 of the Serious "
                    "Crime Act 2015. Since 2023 it applies to partners, ex-partners and family "
                    "members whether or not they live together.</li><li>Signs include the "
                    "person never being seen alone, a partner answering for them, restricted "
                    "access to money, medication or mobility aids, isolation from friends, and "
                    "fear or anxiety around the other person.</li><li>The <strong>DASH risk "
                    "checklist</strong> helps identify high risk. High-risk cases should be "
                    "referred to the Multi-Agency Risk Assessment Conference (MARAC) and an "
                    "Independent Domestic Violence Advocate (IDVA).</li></ul>"
                ),
            },
            {
                "heading": "What the learning is",
                "body": (
                    "<p>Local case reviews show that practitioners sometimes saw controlling "
                    "behaviour but framed it as a carer struggling, and so offered carer "
                    "support rather than a safety plan. Older victims were seldom asked about "
                    "abuse on their own. Where abuse was identified, the focus was sometimes "
                    "on one incident rather than the pattern of control over time.</p><p>A "
                    "carer's needs and a victim's safety are both important, but they must not "
                    "be confused. A carer who is under strain can also be causing harm, and a "
                    "person who is abusive may also be a carer.</p>"
                ),
            },
            {
                "heading": "What to do",
                "body": (
                    "<ol><li><strong>Ask, and ask alone.</strong> Find a safe moment, for "
                    "example during personal care or a clinic appointment, to ask directly "
                    "whether anyone at home frightens, hurts or controls "
                    "them.</li><li><strong>Look for the pattern.</strong> Record small signs "
                    "over time.</li><li><strong>Assess risk</strong> using the DASH checklist "
                    "and refer to MARAC where the risk is high.</li><li><strong>Raise a "
                    "safeguarding concern</strong> where the person has care and support "
                    "needs, and talk to the police if a crime may have been "
                    "committed.</li><li><strong>Plan for safety</strong> with the person, "
                    "thinking about care, medication, money and pets as well as "
                    "housing.</li><li><strong>Work with specialists.</strong> Domestic abuse "
                    "services and IDVAs can support older people, including in their own "
                    "homes.</li></ol>"
                ),
            },
            {
                "heading": "Questions for reflection",
                "body": (
                    "<ul><li>How often do you see the people you support without a family "
                    "member present?</li><li>Have you ever described a situation as carer "
                    "stress that could have been domestic abuse?</li><li>What local domestic "
                    "abuse services accept referrals for older people?</li></ul>"
                ),
            },
            {
                "heading": "Further information",
                "body": (
                    '<ul><li><a href="https://www.legislation.gov.uk/ukpga/2021/17/contents">'
                    "Domestic Abuse Act 2021</a></li><li><a "
                    'href="https://www.legislation.gov.uk/ukpga/2015/9/section/76">Serious '
                    "Crime Act 2015, section 76: controlling or coercive "
                    "behaviour</a></li><li><a "
                    'href="https://www.gov.uk/government/publications/care-act-statutory-guidance/care-and-support-statutory-guidance">'
                    "Care and support statutory guidance, chapter 14: "
                    "safeguarding</a></li></ul>"
                ),
            },
        ],
        "reflective_questions": [
            {
                "text": (
                    "How would you create a safe opportunity for an older person to tell you "
                    "about abuse at home?"
                ),
                "principle": "protection",
            },
            {
                "text": (
                    "What could your service do earlier to spot controlling behaviour before "
                    "it escalates?"
                ),
                "principle": "prevention",
            },
            {
                "text": (
                    "How would you share information with a domestic abuse service or MARAC "
                    "while respecting the person's wishes?"
                ),
                "principle": "partnership",
            },
        ],
    },
    {
        "slug": "organisational-abuse-and-closed-cultures",
        "title": "Organisational abuse and closed cultures in care settings",
        "summary": (
            "Organisational abuse happens when the way a service is run, rather than one "
            "person, causes harm. This briefing describes the warning signs of a closed "
            "culture and what staff, managers and commissioners should do."
        ),
        "cpd_minutes": 7,
        "principles": [
            "accountability",
            "prevention",
            "protection",
        ],
        "abuse_types": [
            "organisational",
            "neglect-and-acts-of-omission",
        ],
        "themes": [
            "escalation",
            "closed cultures",
            "whistleblowing",
            "commissioning",
        ],
        "review": None,
        "sections": [
            {
                "heading": "Background",
                "body": (
                    "<p>Organisational abuse covers neglect and poor practice that arise from "
                    "the routines, policies, staffing or culture of a service. It can happen "
                    "in a care home, a hospital ward, a supported living service or in care "
                    "provided at home. It may be a single serious incident or a pattern of "
                    "poor treatment that has become normal for the staff who work there.</p>"
                ),
            },
            {
                "heading": "Why it matters",
                "body": (
                    "<p>Some of the most serious abuse scandals in English care settings took "
                    "place in services that appeared to be functioning. The Care Quality "
                    "Commission describes a <strong>closed culture</strong> as a poor culture "
                    "that can lead to harm, and says the risk is higher where people are cut "
                    "off from the outside world, depend heavily on staff, or find it hard to "
                    "speak up. People living in these services are often the least able to "
                    "report what is happening.</p>"
                ),
            },
            {
                "heading": "Information",
                "body": (
                    "<p>Warning signs include:</p><ul><li>routines built around staff "
                    "convenience, such as everyone up and dressed before the day shift "
                    "arrives;</li><li>call bells left unanswered, missed medication or poor "
                    "food and drink;</li><li>heavy reliance on restraint, locked doors or "
                    "sedating medication;</li><li>families discouraged from visiting or asking "
                    "questions;</li><li>high turnover, heavy use of agency staff and a manager "
                    "who is rarely seen;</li><li>staff who talk about residents as tasks or "
                    "use mocking nicknames.</li></ul><p>Registered providers must protect "
                    "people from abuse and improper treatment under Regulation 13 of the "
                    "Health and Social Care Act 2008 (Regulated Activities) Regulations 2014. "
                    "Staff who raise concerns in the public interest are protected by "
                    "whistleblowing law.</p>"
                ),
            },
            {
                "heading": "What the learning is",
                "body": (
                    "<p>Provider concerns in Northmoor show that warning signs are usually "
                    "seen by several people, such as visiting nurses, social workers, families "
                    "and agency staff, long before action is taken. Each person sees a "
                    "fragment and often assumes it is a one-off or that someone else has "
                    "reported it. Concerns about individual residents are sometimes dealt with "
                    "one by one, so the wider pattern in the service is "
                    "missed.</p><p>Commissioners and the Care Quality Commission can act only "
                    "on what they know. Information from routine visits is most useful when it "
                    "is shared promptly and pieced together.</p>"
                ),
            },
            {
                "heading": "What to do",
                "body": (
                    "<ol><li><strong>Report what you see</strong>, even if it seems minor, to "
                    "your manager and to adult social care. Do not assume someone else has "
                    "done it.</li><li><strong>Use whistleblowing routes</strong> if you work "
                    "in the service and feel unable to raise concerns "
                    "internally.</li><li><strong>Look at the whole service.</strong> If you "
                    "are responding to a concern about one person, ask whether others could be "
                    "affected.</li><li><strong>Share with commissioners and the "
                    "regulator.</strong> The local authority can call a provider concerns "
                    "meeting to coordinate a response across several "
                    "people.</li><li><strong>Managers:</strong> encourage questions, act on "
                    "feedback, and make sure staff have supervision and "
                    "training.</li><li><strong>Escalate</strong> through the multi-agency "
                    "escalation policy if you think the response is not in proportion to the "
                    "risk.</li></ol>"
                ),
            },
            {
                "heading": "Questions for reflection",
                "body": (
                    "<ul><li>Have you ever noticed something in a service that felt wrong but "
                    "did not report it? What held you back?</li><li>How easy is it for people "
                    "you support, and their families, to complain?</li><li>How does your "
                    "organisation respond to staff who speak up?</li></ul>"
                ),
            },
            {
                "heading": "Further information",
                "body": (
                    "<ul><li><a "
                    'href="https://www.legislation.gov.uk/uksi/2014/2936/contents">Health '
                    "and Social Care Act 2008 (Regulated Activities) Regulations "
                    "2014</a></li><li><a "
                    'href="https://www.gov.uk/government/publications/care-act-statutory-guidance/care-and-support-statutory-guidance">'
                    "Care and support statutory guidance, chapter 14: "
                    "safeguarding</a></li><li>Northmoor provider concerns procedure (on this "
                    "hub's resources page)</li></ul>"
                ),
            },
        ],
        "reflective_questions": [
            {
                "text": (
                    "Who in your organisation is answerable for acting on concerns about the "
                    "culture of a service, and how do you know?"
                ),
                "principle": "accountability",
            },
            {
                "text": (
                    "What early signs of a closed culture could you look for on a routine visit?"
                ),
                "principle": "prevention",
            },
            {
                "text": (
                    "How could you make sure residents who cannot speak up for themselves are "
                    "heard during an enquiry?"
                ),
                "principle": "protection",
            },
        ],
    },
]
