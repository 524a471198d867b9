"""Demo content for the quizzes app: one knowledge check per demo briefing and a
myth-buster. Plain literals only.
"""

KNOWLEDGE_CHECKS = {
    "self-neglect-and-hoarding": {
        "title": "Check your understanding: self-neglect, hoarding and professional curiosity",
        "pass_mark": 80,
        "questions": [
            {
                "type": "single",
                "text": "Which of these best describes executive capacity?",
                "principle": "empowerment",
                "options": [
                    {
                        "text": (
                            "Being able to put a decision into practice, not only to explain "
                            "it in conversation"
                        ),
                        "correct": True,
                    },
                    {
                        "text": (
                            "The authority of a senior manager to overrule a capacity assessment"
                        ),
                        "correct": False,
                    },
                    {
                        "text": "A type of lasting power of attorney for health decisions",
                        "correct": False,
                    },
                ],
                "explanation": (
                    "Executive capacity refers to whether someone can carry out what they "
                    "decide when it matters. Adult D repeatedly agreed to let nurses dress his "
                    "ulcers and then did not let them in, a pattern that should have prompted "
                    "a closer look at his capacity."
                ),
            },
            {
                "type": "true_false",
                "text": (
                    "Every case of self-neglect must lead to a section 42 safeguarding enquiry."
                ),
                "principle": "proportionality",
                "options": [
                    {
                        "text": "True",
                        "correct": False,
                    },
                    {
                        "text": "False",
                        "correct": True,
                    },
                ],
                "explanation": (
                    "False. Self-neglect is a recognised category, but a section 42 enquiry is "
                    "needed only when the statutory criteria are met, including that the "
                    "person's care and support needs stop them protecting themselves. Many "
                    "situations are better met through support, assessment or a multi-agency "
                    "plan."
                ),
            },
            {
                "type": "multiple",
                "text": (
                    "Which of these actions did the Adult D review ask partners to take? "
                    "Select all that apply."
                ),
                "principle": None,
                "options": [
                    {
                        "text": (
                            "Treat non-engagement as a prompt to discuss the case with a supervisor"
                        ),
                        "correct": True,
                    },
                    {
                        "text": (
                            "Share hoarding assessments between the fire service, housing and "
                            "primary care"
                        ),
                        "correct": True,
                    },
                    {
                        "text": "Close a case automatically after three missed appointments",
                        "correct": False,
                    },
                    {
                        "text": "Explore the person's life story and what has changed for them",
                        "correct": True,
                    },
                ],
                "explanation": (
                    "The review found that agencies closed their involvement when Adult D did "
                    "not engage, held important information separately and knew little about "
                    "his history. Automatic closure is exactly what the review warns against."
                ),
            },
            {
                "type": "myth_reality",
                "text": (
                    "Data protection law means you cannot tell a person's GP about a serious "
                    "fire risk in their home unless they consent."
                ),
                "principle": "partnership",
                "options": [
                    {
                        "text": "Myth",
                        "correct": True,
                    },
                    {
                        "text": "Reality",
                        "correct": False,
                    },
                ],
                "explanation": (
                    "This is a myth. Data protection law allows information to be shared when "
                    "it is necessary and proportionate to protect someone from serious harm. "
                    "Record what you shared, with whom and why."
                ),
            },
            {
                "type": "single",
                "text": (
                    "On the Clutter Image Rating scale, which range usually indicates serious "
                    "risk to health and safety?"
                ),
                "principle": "prevention",
                "options": [
                    {
                        "text": "1 to 3",
                        "correct": False,
                    },
                    {
                        "text": "4 to 6",
                        "correct": False,
                    },
                    {
                        "text": "7 to 9",
                        "correct": True,
                    },
                ],
                "explanation": (
                    "Ratings of 7 and above usually indicate that clutter is seriously "
                    "affecting safety, access and hygiene. A shared rating helps different "
                    "agencies describe the same home consistently and act earlier."
                ),
            },
        ],
    },
    "cuckooing-and-exploitation": {
        "title": "Check your understanding: cuckooing and exploitation",
        "pass_mark": 80,
        "questions": [
            {
                "type": "single",
                "text": "What does the term cuckooing describe?",
                "principle": None,
                "options": [
                    {
                        "text": "Someone taking over another person's home to use it for crime",
                        "correct": True,
                    },
                    {
                        "text": (
                            "A tenant subletting their flat without the landlord's permission"
                        ),
                        "correct": False,
                    },
                    {
                        "text": (
                            "A person moving between friends' homes because they have nowhere "
                            "to live"
                        ),
                        "correct": False,
                    },
                ],
                "explanation": (
                    "Cuckooing is when people take over a home, often belonging to someone "
                    "with care and support needs, to use it for drug dealing or other crime. "
                    "The tenant is usually a victim, even if they appear to go along with it."
                ),
            },
            {
                "type": "true_false",
                "text": (
                    "An adult must give consent before they are referred to the National "
                    "Referral Mechanism."
                ),
                "principle": "empowerment",
                "options": [
                    {
                        "text": "True",
                        "correct": True,
                    },
                    {
                        "text": "False",
                        "correct": False,
                    },
                ],
                "explanation": (
                    "True. Adults must consent to an NRM referral. If they do not, specified "
                    "public authorities such as the police and local authorities must still "
                    "notify the Home Office anonymously under their duty to notify."
                ),
            },
            {
                "type": "multiple",
                "text": (
                    "Which of these could be signs that a person's home has been cuckooed? "
                    "Select all that apply."
                ),
                "principle": "protection",
                "options": [
                    {
                        "text": "New friends who are always present when you visit",
                        "correct": True,
                    },
                    {
                        "text": "The person living in one room or staying elsewhere",
                        "correct": True,
                    },
                    {
                        "text": "Money or possessions going missing",
                        "correct": True,
                    },
                    {
                        "text": (
                            "The person asking for their care visit to be moved to a different day"
                        ),
                        "correct": False,
                    },
                ],
                "explanation": (
                    "Constant visitors, the person losing use of their own home and missing "
                    "money are all common indicators. A request to change a care visit is not "
                    "a warning sign on its own, although any sudden change in engagement is "
                    "worth being curious about."
                ),
            },
            {
                "type": "myth_reality",
                "text": (
                    "If a tenant tells you their visitors are friends, there is no "
                    "safeguarding concern."
                ),
                "principle": "protection",
                "options": [
                    {
                        "text": "Myth",
                        "correct": True,
                    },
                    {
                        "text": "Reality",
                        "correct": False,
                    },
                ],
                "explanation": (
                    "This is a myth. People who are being exploited often describe their "
                    "exploiters as friends, out of fear, loyalty or because grooming has "
                    "worked. Brian said exactly this, and the review found it should have "
                    "prompted more questions."
                ),
            },
            {
                "type": "single",
                "text": "What is the main focus of transitional safeguarding?",
                "principle": "partnership",
                "options": [
                    {
                        "text": (
                            "Keeping young people safe as they move into adulthood, roughly "
                            "between 16 and 25"
                        ),
                        "correct": True,
                    },
                    {
                        "text": "Moving adults from hospital back into their own homes",
                        "correct": False,
                    },
                    {
                        "text": (
                            "Transferring a safeguarding enquiry from one local authority to "
                            "another"
                        ),
                        "correct": False,
                    },
                ],
                "explanation": (
                    "Transitional safeguarding bridges children's and adult services so that "
                    "known risks, such as exploitation, are not lost at eighteen. Brian's "
                    "history of exploitation risk did not follow him into adult services."
                ),
            },
        ],
    },
    "making-safeguarding-personal": {
        "title": "Check your understanding: Making Safeguarding Personal",
        "pass_mark": 80,
        "questions": [
            {
                "type": "single",
                "text": (
                    "When should you first ask a person what they want to achieve from a "
                    "safeguarding response?"
                ),
                "principle": "empowerment",
                "options": [
                    {
                        "text": "At the start, and then check again as things progress",
                        "correct": True,
                    },
                    {
                        "text": "Only once the enquiry has finished",
                        "correct": False,
                    },
                    {
                        "text": "Only if the person raises the concern themselves",
                        "correct": False,
                    },
                ],
                "explanation": (
                    "Desired outcomes should be explored as early as possible so that they "
                    "shape the response. They can change, so they should be revisited at each "
                    "stage."
                ),
            },
            {
                "type": "true_false",
                "text": (
                    "Where possible, desired outcomes should be recorded in the person's own words."
                ),
                "principle": "empowerment",
                "options": [
                    {
                        "text": "True",
                        "correct": True,
                    },
                    {
                        "text": "False",
                        "correct": False,
                    },
                ],
                "explanation": (
                    "True. Recording outcomes in the person's own words keeps the plan focused "
                    "on what matters to them and makes it easier to check later whether those "
                    "outcomes were met."
                ),
            },
            {
                "type": "multiple",
                "text": (
                    "At the close of a safeguarding enquiry, which of these should be "
                    "recorded? Select all that apply."
                ),
                "principle": "accountability",
                "options": [
                    {
                        "text": ("Whether each desired outcome was fully, partly or not achieved"),
                        "correct": True,
                    },
                    {
                        "text": "Whether the person feels safer",
                        "correct": True,
                    },
                    {
                        "text": "How many forms were completed",
                        "correct": False,
                    },
                    {
                        "text": "How the person was told about the outcome",
                        "correct": True,
                    },
                ],
                "explanation": (
                    "MSP focuses on the difference made for the person rather than on process "
                    "for its own sake. The fully, partly or not achieved measure is reported "
                    "nationally through the Safeguarding Adults Collection."
                ),
            },
            {
                "type": "myth_reality",
                "text": (
                    "Making Safeguarding Personal no longer applies if the person lacks "
                    "capacity to take part in decisions."
                ),
                "principle": "empowerment",
                "options": [
                    {
                        "text": "Myth",
                        "correct": True,
                    },
                    {
                        "text": "Reality",
                        "correct": False,
                    },
                ],
                "explanation": (
                    "This is a myth. Outcomes should still be identified, working with the "
                    "person as far as possible and with their representative or an advocate, "
                    "based on their known wishes, feelings and values."
                ),
            },
            {
                "type": "single",
                "text": (
                    "Under section 68 of the Care Act 2014, when must the local authority "
                    "arrange an independent advocate for a safeguarding enquiry?"
                ),
                "principle": "protection",
                "options": [
                    {
                        "text": (
                            "When the person would have substantial difficulty being involved "
                            "and has no appropriate person to support them"
                        ),
                        "correct": True,
                    },
                    {
                        "text": "Whenever the person is aged over sixty-five",
                        "correct": False,
                    },
                    {
                        "text": "Only when the police are also investigating",
                        "correct": False,
                    },
                ],
                "explanation": (
                    "The duty applies where a person would find it substantially difficult to "
                    "take part and there is no suitable friend or relative to support them. "
                    "Advocacy helps people take part to the extent they want to."
                ),
            },
        ],
    },
    "mental-capacity-in-safeguarding": {
        "title": "Check your understanding: mental capacity in safeguarding",
        "pass_mark": 80,
        "questions": [
            {
                "type": "multiple",
                "text": (
                    "Under the Mental Capacity Act 2005, a person is unable to make a decision "
                    "if they cannot do which of the following? Select all that apply."
                ),
                "principle": None,
                "options": [
                    {
                        "text": "Understand the information relevant to the decision",
                        "correct": True,
                    },
                    {
                        "text": "Retain that information long enough to decide",
                        "correct": True,
                    },
                    {
                        "text": "Use or weigh the information as part of deciding",
                        "correct": True,
                    },
                    {
                        "text": "Agree with the professionals' advice",
                        "correct": False,
                    },
                ],
                "explanation": (
                    "The Act sets out four elements: understanding, retaining, using or "
                    "weighing the information, and communicating the decision. Disagreeing "
                    "with professionals is not one of them, and an unwise choice does not on "
                    "its own show a lack of capacity."
                ),
            },
            {
                "type": "true_false",
                "text": "Making an unwise decision shows that a person lacks capacity.",
                "principle": "empowerment",
                "options": [
                    {
                        "text": "True",
                        "correct": False,
                    },
                    {
                        "text": "False",
                        "correct": True,
                    },
                ],
                "explanation": (
                    "False. The third principle of the Act says a person must not be treated "
                    "as unable to decide merely because their decision is unwise. A pattern of "
                    "unwise decisions may, however, be a reason to look more closely."
                ),
            },
            {
                "type": "single",
                "text": "A capacity assessment should relate to:",
                "principle": "proportionality",
                "options": [
                    {
                        "text": "A specific decision at the time it needs to be made",
                        "correct": True,
                    },
                    {
                        "text": "All decisions the person will make in future",
                        "correct": False,
                    },
                    {
                        "text": "The person's diagnosis",
                        "correct": False,
                    },
                ],
                "explanation": (
                    "Capacity is decision-specific and time-specific. A general statement that "
                    "someone lacks capacity, or a conclusion based only on a diagnosis, does "
                    "not meet the requirements of the Act."
                ),
            },
            {
                "type": "myth_reality",
                "text": ("A diagnosis of dementia means a person cannot make their own decisions."),
                "principle": "empowerment",
                "options": [
                    {
                        "text": "Myth",
                        "correct": True,
                    },
                    {
                        "text": "Reality",
                        "correct": False,
                    },
                ],
                "explanation": (
                    "This is a myth. Many people with dementia can make many decisions, "
                    "especially with support. Capacity must be assessed for the particular "
                    "decision, and all practicable steps taken to help the person decide."
                ),
            },
            {
                "type": "single",
                "text": (
                    "An adult with capacity seems unable to make a free choice because a "
                    "relative is coercing them. What should you do?"
                ),
                "principle": "protection",
                "options": [
                    {
                        "text": (
                            "Seek legal advice, as the High Court's inherent jurisdiction may "
                            "be able to protect them"
                        ),
                        "correct": True,
                    },
                    {
                        "text": (
                            "Nothing, because a person with capacity can always make their own "
                            "choices"
                        ),
                        "correct": False,
                    },
                    {
                        "text": "Make a best interests decision on their behalf",
                        "correct": False,
                    },
                ],
                "explanation": (
                    "Best interests decisions apply only where a person lacks capacity. Where "
                    "a person has capacity but their will is overborne by coercion or undue "
                    "influence, the courts can sometimes intervene under the inherent "
                    "jurisdiction, so legal advice is needed."
                ),
            },
        ],
    },
    "coercive-control-in-later-life": {
        "title": "Check your understanding: coercive control and domestic abuse in later life",
        "pass_mark": 80,
        "questions": [
            {
                "type": "true_false",
                "text": (
                    "Controlling or coercive behaviour by an adult son towards his mother can "
                    "be a criminal offence even if they do not live together."
                ),
                "principle": "protection",
                "options": [
                    {
                        "text": "True",
                        "correct": True,
                    },
                    {
                        "text": "False",
                        "correct": False,
                    },
                ],
                "explanation": (
                    "True. Since 2023, the offence in section 76 of the Serious Crime Act 2015 "
                    "covers family members and former partners whether or not they live with "
                    "the victim."
                ),
            },
            {
                "type": "single",
                "text": (
                    "Which tool is commonly used to identify high-risk domestic abuse and "
                    "decide whether to refer to MARAC?"
                ),
                "principle": "protection",
                "options": [
                    {
                        "text": "The DASH risk checklist",
                        "correct": True,
                    },
                    {
                        "text": "The Clutter Image Rating scale",
                        "correct": False,
                    },
                    {
                        "text": "A carer's assessment",
                        "correct": False,
                    },
                ],
                "explanation": (
                    "The DASH checklist helps practitioners identify high risk. High-risk "
                    "cases should be referred to the Multi-Agency Risk Assessment Conference "
                    "and to an Independent Domestic Violence Advocate."
                ),
            },
            {
                "type": "multiple",
                "text": ("Which of these could indicate coercive control? Select all that apply."),
                "principle": "prevention",
                "options": [
                    {
                        "text": "A partner always answers questions on the person's behalf",
                        "correct": True,
                    },
                    {
                        "text": "The person has no access to their own money",
                        "correct": True,
                    },
                    {
                        "text": "Medication or mobility aids are withheld",
                        "correct": True,
                    },
                    {
                        "text": "The couple have different hobbies",
                        "correct": False,
                    },
                ],
                "explanation": (
                    "Controlling behaviour often shows as a pattern of restriction, isolation "
                    "and dependence. Noticing and recording small signs over time helps to "
                    "reveal it."
                ),
            },
            {
                "type": "myth_reality",
                "text": (
                    "Older people experiencing domestic abuse are less likely than younger "
                    "victims to be asked about it by professionals."
                ),
                "principle": "prevention",
                "options": [
                    {
                        "text": "Myth",
                        "correct": False,
                    },
                    {
                        "text": "Reality",
                        "correct": True,
                    },
                ],
                "explanation": (
                    "This is the reality. Abuse in later life is often mistaken for carer "
                    "stress, frailty or confusion, so older people are asked less often and "
                    "referred to specialist services less often. Routine, private enquiry "
                    "helps to close that gap."
                ),
            },
            {
                "type": "single",
                "text": (
                    "What is the safest way to ask an older person whether they are "
                    "experiencing abuse at home?"
                ),
                "principle": "protection",
                "options": [
                    {
                        "text": "Ask directly when you can see them on their own",
                        "correct": True,
                    },
                    {
                        "text": "Ask in front of their partner so everything is transparent",
                        "correct": False,
                    },
                    {
                        "text": "Wait until they raise it themselves",
                        "correct": False,
                    },
                ],
                "explanation": (
                    "Asking in front of the person causing harm can increase risk and will "
                    "rarely lead to a disclosure. Creating a safe, private opportunity and "
                    "asking directly is far more effective."
                ),
            },
        ],
    },
    "organisational-abuse-and-closed-cultures": {
        "title": "Check your understanding: organisational abuse and closed cultures",
        "pass_mark": 80,
        "questions": [
            {
                "type": "multiple",
                "text": (
                    "Which of these are warning signs of a closed culture in a care setting? "
                    "Select all that apply."
                ),
                "principle": "prevention",
                "options": [
                    {
                        "text": ("Residents got up and dressed very early to suit the staff rota"),
                        "correct": True,
                    },
                    {
                        "text": "Families discouraged from visiting or asking questions",
                        "correct": True,
                    },
                    {
                        "text": "Heavy reliance on restraint or sedating medication",
                        "correct": True,
                    },
                    {
                        "text": "A manager who regularly works alongside staff on the floor",
                        "correct": False,
                    },
                ],
                "explanation": (
                    "Staff-centred routines, isolation from families and restrictive practice "
                    "are recognised signs of a closed culture. A visible, involved manager is "
                    "generally a protective factor."
                ),
            },
            {
                "type": "single",
                "text": (
                    "Which regulation requires registered providers to protect people from "
                    "abuse and improper treatment?"
                ),
                "principle": "accountability",
                "options": [
                    {
                        "text": (
                            "Regulation 13 of the Health and Social Care Act 2008 (Regulated "
                            "Activities) Regulations 2014"
                        ),
                        "correct": True,
                    },
                    {
                        "text": "Section 76 of the Serious Crime Act 2015",
                        "correct": False,
                    },
                    {
                        "text": "Section 2 of the Mental Capacity Act 2005",
                        "correct": False,
                    },
                ],
                "explanation": (
                    "Regulation 13 places a duty on registered providers to safeguard people "
                    "from abuse and improper treatment, and the Care Quality Commission can "
                    "take action where it is breached."
                ),
            },
            {
                "type": "true_false",
                "text": (
                    "Organisational abuse can happen in care provided in a person's own home."
                ),
                "principle": None,
                "options": [
                    {
                        "text": "True",
                        "correct": True,
                    },
                    {
                        "text": "False",
                        "correct": False,
                    },
                ],
                "explanation": (
                    "True. Organisational abuse is about how a service is run, so it can arise "
                    "in home care as well as care homes, hospitals and supported living."
                ),
            },
            {
                "type": "myth_reality",
                "text": (
                    "If several professionals visit a service, someone will already have "
                    "reported any concerns."
                ),
                "principle": "accountability",
                "options": [
                    {
                        "text": "Myth",
                        "correct": True,
                    },
                    {
                        "text": "Reality",
                        "correct": False,
                    },
                ],
                "explanation": (
                    "This is a myth. Local provider concerns show that several people often "
                    "see warning signs and each assumes someone else has reported them. Every "
                    "practitioner is responsible for raising what they see."
                ),
            },
            {
                "type": "single",
                "text": "What is the main purpose of a provider concerns meeting?",
                "principle": "partnership",
                "options": [
                    {
                        "text": (
                            "To coordinate a response where concerns may affect several people "
                            "using a service"
                        ),
                        "correct": True,
                    },
                    {
                        "text": (
                            "To decide on disciplinary action against an individual care worker"
                        ),
                        "correct": False,
                    },
                    {
                        "text": "To agree the provider's fees for the following year",
                        "correct": False,
                    },
                ],
                "explanation": (
                    "A provider concerns meeting brings together the local authority, health, "
                    "commissioners and the regulator to look at the whole service. "
                    "Disciplinary decisions remain the employer's responsibility."
                ),
            },
        ],
    },
}

MYTH_BUSTER = {
    "slug": "safeguarding-myths",
    "title": "Myth or reality? Adult safeguarding",
    "summary": (
        "Test what you know about common beliefs in adult safeguarding. Each statement is "
        "followed by a short explanation and a link to further learning."
    ),
    "myths": [
        {
            "statement": (
                "People in harmful situations may not know what is best for them, so they "
                "should be stopped from taking any risks."
            ),
            "answer": "myth",
            "explanation": (
                "Adults have the right to make their own choices, including risky ones. Good "
                "practice supports people to make informed decisions and give consent, and "
                "works with them to manage risk in a way that respects their wishes."
            ),
            "principle": "empowerment",
            "read_more": "making-safeguarding-personal",
        },
        {
            "statement": "Self-neglect always requires a section 42 safeguarding enquiry.",
            "answer": "myth",
            "explanation": (
                "Self-neglect needs a careful, balanced response. A person's right to take "
                "risks has to be weighed against the duty to protect their health and "
                "wellbeing, and many situations are better met by support, assessment or a "
                "multi-agency plan than by a formal enquiry."
            ),
            "principle": "proportionality",
            "read_more": "self-neglect-and-hoarding",
        },
        {
            "statement": (
                "The response to a safeguarding concern should be the least intrusive one that "
                "fits the level of risk."
            ),
            "answer": "reality",
            "explanation": (
                "Proportionality means responding in a way that matches the risk and takes "
                "account of the person's wishes and circumstances, rather than reacting to "
                "assumptions about their age, appearance or condition."
            ),
            "principle": "proportionality",
            "read_more": "proportionality",
        },
        {
            "statement": (
                "Data protection law stops you sharing information about an adult at risk "
                "without their consent."
            ),
            "answer": "myth",
            "explanation": (
                "Data protection law supports sharing that is necessary and proportionate. "
                "Seek consent where you can, but you can share without it where there is a "
                "risk of serious harm to the person or others, or where a crime may have been "
                "committed. Record your reasons."
            ),
            "principle": "partnership",
            "read_more": "partnership",
        },
        {
            "statement": (
                "Once a concern has been passed to the local authority, resolving it is the "
                "council's job alone."
            ),
            "answer": "myth",
            "explanation": (
                "The local authority leads on section 42 enquiries, but safeguarding is a "
                "shared responsibility. Health, police, housing, providers and voluntary "
                "organisations often hold the information and relationships that make a plan "
                "work."
            ),
            "principle": "partnership",
            "read_more": "partnership",
        },
        {
            "statement": (
                "The safeguarding duty applies only to people who already receive care "
                "arranged or paid for by the council."
            ),
            "answer": "myth",
            "explanation": (
                "The section 42 duty covers any adult who has care and support needs, is being "
                "abused or neglected or is at risk of it, and cannot protect themselves "
                "because of those needs, even if the council is not providing any of their "
                "care. It makes no difference whether the person pays for their own care, "
                "receives NHS care or has no services at all."
            ),
            "principle": "protection",
            "read_more": "protection",
        },
        {
            "statement": (
                "If someone does not meet the criteria for a section 42 enquiry, there is "
                "nothing more the local authority can do."
            ),
            "answer": "myth",
            "explanation": (
                "There are always other routes. The Care Act duties to promote wellbeing and "
                "to prevent or delay needs still apply, as do other laws such as the Mental "
                "Capacity Act, the Equality Act and the Human Rights Act. Advice, assessment "
                "and referral to partners can all help."
            ),
            "principle": "prevention",
            "read_more": "prevention",
        },
        {
            "statement": (
                "Safeguarding begins only once someone reports a concern or something has "
                "obviously gone wrong."
            ),
            "answer": "myth",
            "explanation": (
                "Prevention and early support are central to safeguarding. Clear information, "
                "community links and noticing early warning signs can stop abuse and neglect "
                "from happening or getting worse."
            ),
            "principle": "prevention",
            "read_more": "prevention",
        },
        {
            "statement": (
                "There is no time to keep the person and other agencies updated during an "
                "enquiry; the lead agency should simply get on with it."
            ),
            "answer": "myth",
            "explanation": (
                "Keeping people informed is part of being open and accountable, and joint "
                "working saves time by avoiding duplication. People should understand who is "
                "involved in their lives and what each person's role is."
            ),
            "principle": "accountability",
            "read_more": "accountability",
        },
        {
            "statement": "A person who makes an unwise decision must lack mental capacity.",
            "answer": "myth",
            "explanation": (
                "The Mental Capacity Act says a person must not be treated as unable to decide "
                "merely because their decision is unwise. Capacity is about whether they can "
                "understand, retain, use or weigh the information and communicate a decision."
            ),
            "principle": "empowerment",
            "read_more": "mental-capacity-in-safeguarding",
        },
        {
            "statement": (
                "Domestic abuse can be carried out by an adult son or daughter against an "
                "older parent."
            ),
            "answer": "reality",
            "explanation": (
                "The Domestic Abuse Act 2021 covers people who are personally connected, which "
                "includes relatives. Abuse of older people by adult children is common and can "
                "involve financial, psychological and physical harm."
            ),
            "principle": "protection",
            "read_more": "coercive-control-in-later-life",
        },
        {
            "statement": (
                "A person whose home has been cuckooed may seem to welcome the people who are "
                "exploiting them."
            ),
            "answer": "reality",
            "explanation": (
                "Exploiters often start with friendship and gifts, so the person may call them "
                "friends or defend them. That does not mean they are safe, and it is a reason "
                "for more curiosity, not less."
            ),
            "principle": "protection",
            "read_more": "cuckooing-and-exploitation",
        },
        {
            "statement": (
                "Modern slavery is a matter for the police and not for adult safeguarding."
            ),
            "answer": "myth",
            "explanation": (
                "Modern slavery is a type of abuse covered by the Care Act statutory guidance. "
                "Local authorities have safeguarding duties towards victims who have care and "
                "support needs, alongside police and Home Office processes such as the "
                "National Referral Mechanism."
            ),
            "principle": "partnership",
            "read_more": "cuckooing-and-exploitation",
        },
        {
            "statement": "Organisational abuse only happens in large care homes.",
            "answer": "myth",
            "explanation": (
                "Organisational abuse can happen in any setting where care is provided, "
                "including hospitals, supported living and care in a person's own home. It is "
                "about the culture and practices of the service, not its size."
            ),
            "principle": "accountability",
            "read_more": "organisational-abuse-and-closed-cultures",
        },
    ],
}
