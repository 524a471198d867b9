"""Demo content for the case studies app: Making Safeguarding Personal practice
examples. Plain literals only. All people and places are fictional and appear only
as initials.
"""

CASE_STUDIES = [
    {
        "slug": "mrs-t-financial-abuse-by-a-family-member",
        "title": "Mrs T: financial abuse by a family member",
        "summary": (
            "Bank staff noticed that Mrs T, who has early dementia, was being pressured into "
            "large cash withdrawals by her son. A safeguarding response built around what she "
            "wanted helped her regain control of her money while keeping her relationship with "
            "him."
        ),
        "principles": [
            "empowerment",
            "proportionality",
            "protection",
            "partnership",
            "prevention",
        ],
        "abuse_types": [
            "financial-or-material",
            "psychological",
        ],
        "themes": [
            "making safeguarding personal",
            "mental capacity",
            "carers",
            "information sharing",
        ],
        "situation": (
            "<p>Mrs T is in her early eighties and lives alone in a terraced house in "
            "Eastbridge. She was diagnosed with Alzheimer's disease two years ago and receives "
            "a small package of home care each morning. Her adult son moved in with her after "
            "losing his job and his flat.</p><p>Staff at her bank branch became concerned when "
            "Mrs T came in three times in a fortnight to withdraw large sums in cash, each "
            "time with her son beside her answering questions on her behalf. They spoke to her "
            "privately, used the Banking Protocol to contact the police, and raised a "
            "safeguarding concern. Her care workers then reported that the heating was often "
            "off and that Mrs T had stopped going to her lunch club because her son said they "
            "could not afford it.</p>"
        ),
        "desired_outcomes": [
            {
                "outcome": "I want to be in charge of my own money again.",
                "achieved": "fully",
            },
            {
                "outcome": (
                    "I want my son to stay part of my life, but I don't want him in trouble "
                    "with the police."
                ),
                "achieved": "fully",
            },
            {
                "outcome": "I want back the money that was taken.",
                "achieved": "not",
            },
        ],
        "what_was_done": (
            "<p>A social worker from the locality team visited Mrs T at a time when her son "
            "was out, with her usual care worker present for reassurance. Mrs T was upset but "
            "clear: she loved her son and knew he had a gambling problem, and she wanted the "
            "withdrawals to stop without him being arrested.</p><p>The social worker assessed "
            "Mrs T's capacity to manage her day-to-day finances and, separately, her capacity "
            "to make a lasting power of attorney. She was found able to make both decisions "
            "with support. The bank issued a new card and agreed a daily cash limit with her, "
            "and she chose to make her niece her attorney for property and financial "
            "affairs.</p><p>The police spoke to the son and, respecting his mother's wishes, "
            "took no further action, but warned him about the consequences if the abuse "
            "continued. The social worker also talked with him about his own situation, and he "
            "was referred to a gambling support service and the council's housing options "
            "team. Mrs T returned to her lunch club with help from a local befriending "
            "charity.</p>"
        ),
        "principles_in_practice": [
            {
                "principle": "empowerment",
                "text": (
                    "<p>Mrs T was seen on her own and her own words shaped the plan. Her wish "
                    "to protect her son was respected rather than treated as a sign that she "
                    "did not understand the risk.</p>"
                ),
            },
            {
                "principle": "proportionality",
                "text": (
                    "<p>Because Mrs T had capacity for the relevant decisions, the response "
                    "used practical safeguards she agreed to, such as a cash limit and a "
                    "trusted attorney, instead of more intrusive measures.</p>"
                ),
            },
            {
                "principle": "protection",
                "text": (
                    "<p>The bank's quick action stopped further losses, and the police warning "
                    "made clear that the behaviour was not acceptable.</p>"
                ),
            },
            {
                "principle": "partnership",
                "text": (
                    "<p>The bank, police, care agency, social worker and a voluntary "
                    "befriending service each played a part, and they shared information with "
                    "Mrs T's agreement.</p>"
                ),
            },
            {
                "principle": "prevention",
                "text": (
                    "<p>Setting up a lasting power of attorney while Mrs T could still make "
                    "that decision reduces the risk of future abuse as her dementia "
                    "progresses.</p>"
                ),
            },
        ],
        "supported_success": (
            "<p>Bank staff had recently completed training on spotting financial abuse and "
            "knew how to use the Banking Protocol. The social worker had discussed capacity "
            "and undue influence in supervision, which gave her confidence to separate the two "
            "issues.</p>"
        ),
        "barriers": (
            "<p>The son's debts meant there was no realistic prospect of recovering the money, "
            "which disappointed Mrs T. Her son did not attend the gambling service for several "
            "weeks, and the care agency was initially unsure whether it was allowed to share "
            "what it had seen.</p>"
        ),
        "conditions_for_success": (
            "<p>A trusted relationship between Mrs T and her regular care worker, quick "
            "communication between the bank and police, and a social worker with time to visit "
            "more than once so that Mrs T could think about her options.</p>"
        ),
        "partners": [
            "local_authority",
            "police",
            "care_provider",
            "voluntary_sector",
            "other",
        ],
        "reflective_questions": [
            {
                "text": (
                    "How would you support someone who wants abuse to stop but does not want "
                    "the person responsible to be punished?"
                ),
                "principle": "empowerment",
            },
            {
                "text": (
                    "What would prompt you to assess capacity for each financial decision "
                    "separately?"
                ),
                "principle": "proportionality",
            },
        ],
    },
    {
        "slug": "mr-r-labour-exploitation",
        "title": "Mr R: labour exploitation and modern slavery",
        "summary": (
            "Mr R, a man with a learning disability, had worked unpaid for years at a hand car "
            "wash and slept in a cabin on site. Police, fire, housing, adult social care and a "
            "specialist charity worked together to help him rebuild his life."
        ),
        "principles": [
            "protection",
            "partnership",
            "empowerment",
            "accountability",
        ],
        "abuse_types": [
            "modern-slavery",
            "financial-or-material",
            "physical",
        ],
        "themes": [
            "modern slavery",
            "information sharing",
            "multi-agency working",
            "making safeguarding personal",
        ],
        "situation": (
            "<p>During a joint fire safety inspection of a hand car wash on an industrial "
            "estate near Kellmouth, fire officers and police found three men sleeping in a "
            "portable cabin with no heating, a single electric ring and an overloaded "
            "extension lead. One of them, Mr R, is in his late thirties and has a learning "
            "disability.</p><p>Mr R explained that a man had offered him work and a bed about "
            "three years earlier, after he was evicted from a hostel. He had never been paid, "
            "his bank card and birth certificate were held by his employer, and he had been "
            "hit when he asked to leave. He had lost contact with his family and was not "
            "registered with a GP.</p>"
        ),
        "desired_outcomes": [
            {
                "outcome": "I want somewhere safe and warm to live.",
                "achieved": "fully",
            },
            {
                "outcome": "I want a proper job where I get paid.",
                "achieved": "partly",
            },
            {
                "outcome": "I want to see my sister again.",
                "achieved": "fully",
            },
            {
                "outcome": "I want the man who hit me to be punished.",
                "achieved": "not",
            },
        ],
        "what_was_done": (
            "<p>The police treated the case as suspected modern slavery. With Mr R's informed "
            "consent, they referred him to the National Referral Mechanism, and a specialist "
            "support worker from the national victim care service met him the same evening. He "
            "was placed in safe house accommodation.</p><p>The fire service raised a "
            "safeguarding concern with adult social care. A social worker completed a Care Act "
            "assessment, arranged an independent advocate and helped Mr R register with a GP. "
            "Housing found him a supported tenancy in Eastbridge, and a job centre work coach "
            "helped him recover his documents and open a new bank account. With his agreement, "
            "his support worker traced his sister, and they now meet most weekends.</p><p>An "
            "advocate helped Mr R give a video-recorded interview to the police. The employer "
            "was arrested, but the Crown Prosecution Service decided that there was not enough "
            "evidence to charge him. The council's licensing and trading standards teams took "
            "separate action against the business.</p>"
        ),
        "principles_in_practice": [
            {
                "principle": "protection",
                "text": (
                    "<p>Mr R was moved to safety immediately, and the NRM gave him access to "
                    "specialist support and accommodation while longer-term plans were "
                    "made.</p>"
                ),
            },
            {
                "principle": "partnership",
                "text": (
                    "<p>A multi-agency meeting within a week agreed a lead worker and a single "
                    "plan, so Mr R did not have to repeat his story to every service.</p>"
                ),
            },
            {
                "principle": "empowerment",
                "text": (
                    "<p>Mr R was supported to choose where he lived and what work he wanted to "
                    "try. His advocate made sure he understood each decision, including "
                    "whether to take part in the police investigation.</p>"
                ),
            },
            {
                "principle": "accountability",
                "text": (
                    "<p>When the prosecution did not go ahead, the police explained the "
                    "decision to Mr R in person with his advocate, and he was told about his "
                    "right to ask for the decision to be reviewed.</p>"
                ),
            },
        ],
        "supported_success": (
            "<p>Recent multi-agency training on modern slavery meant fire officers recognised "
            "the signs and knew to involve the police and adult social care. The Board's "
            "information-sharing agreement allowed quick exchange of information between "
            "agencies.</p>"
        ),
        "barriers": (
            "<p>Mr R was frightened of reprisals and took several weeks to trust workers. "
            "Securing a supported tenancy took longer than the safe house placement allowed, "
            "and the lack of evidence meant he did not get the justice he wanted. Paid work "
            "has been slow to arrive; he currently volunteers two days a week at a community "
            "garden.</p>"
        ),
        "conditions_for_success": (
            "<p>A consistent lead worker, an independent advocate from the start, joint visits "
            "by police and social care, and patience in letting Mr R set the pace.</p>"
        ),
        "partners": [
            "police",
            "fire",
            "local_authority",
            "housing",
            "voluntary_sector",
        ],
        "reflective_questions": [
            {
                "text": (
                    "How would you explain the National Referral Mechanism to someone with a "
                    "learning disability so that their consent is informed?"
                ),
                "principle": "empowerment",
            },
            {
                "text": (
                    "How can agencies keep a victim informed and involved when a criminal case "
                    "does not go the way they hoped?"
                ),
                "principle": "accountability",
            },
            {
                "text": "Which signs of labour exploitation might you notice in your own role?",
                "principle": "protection",
            },
        ],
    },
    {
        "slug": "mr-y-discrimination-and-neglect-in-a-care-home",
        "title": "Mr Y: discrimination and neglect in a care home",
        "summary": (
            "A district nurse's concern about one resident uncovered racist remarks, neglected "
            "personal care and staff-centred routines across a care home. A whole-service "
            "response put things right for Mr Y and for his fellow residents."
        ),
        "principles": [
            "accountability",
            "protection",
            "prevention",
            "proportionality",
            "partnership",
        ],
        "abuse_types": [
            "discriminatory",
            "organisational",
            "neglect-and-acts-of-omission",
        ],
        "themes": [
            "closed cultures",
            "escalation",
            "making safeguarding personal",
            "commissioning",
        ],
        "situation": (
            "<p>Mr Y is a Black Caribbean man in his mid-eighties who lives in a residential "
            "care home on the edge of Kellmouth. He has diabetes and uses a wheelchair. A "
            "district nurse visiting to dress a wound on his foot noticed that his skin was "
            "very dry and cracked, that his hair had not been cared for in weeks, and that a "
            "care worker made a joke about his skin in front of him.</p><p>When the nurse "
            "spoke to Mr Y privately, he said that some staff called him names, that nobody "
            "knew how to look after his hair and skin, and that he was often got up and "
            "dressed by the night staff well before six in the morning. The nurse raised a "
            "safeguarding concern and told her own team's safeguarding lead.</p>"
        ),
        "desired_outcomes": [
            {
                "outcome": "I want staff to speak to me with respect.",
                "achieved": "fully",
            },
            {
                "outcome": "I want to stay living here, near my church and my friends.",
                "achieved": "fully",
            },
            {
                "outcome": "I want the people who said those things to be dealt with.",
                "achieved": "partly",
            },
            {
                "outcome": "I want to get to church on Sunday mornings again.",
                "achieved": "partly",
            },
        ],
        "what_was_done": (
            "<p>A social worker met Mr Y with his daughter and agreed his desired outcomes. "
            "Because his account suggested that practice across the home might be affected, "
            "the local authority called a provider concerns meeting with the integrated care "
            "board, the community nursing team, the commissioning team and the Care Quality "
            "Commission.</p><p>Unannounced visits found that several residents were being "
            "woken early, call bells were slow to be answered and records of pressure area "
            "care were incomplete. The provider agreed an improvement plan, which included "
            "later morning routines, training on equality and on hair and skin care for people "
            "of different ethnicities, and new supervision arrangements. One care worker was "
            "dismissed after an internal investigation and referred to the Disclosure and "
            "Barring Service; another received a final written warning and further "
            "training.</p>"
        ),
        "principles_in_practice": [
            {
                "principle": "accountability",
                "text": (
                    "<p>The provider was held to a clear action plan with named leads and "
                    "dates, and progress was reported to the commissioning team and the "
                    "regulator.</p>"
                ),
            },
            {
                "principle": "protection",
                "text": (
                    "<p>The staff member at the centre of the allegations was suspended "
                    "straight away, and Mr Y was given a named key worker he trusted.</p>"
                ),
            },
            {
                "principle": "prevention",
                "text": (
                    "<p>Training and new routines were introduced for every resident, not only "
                    "Mr Y, reducing the risk of similar harm to others.</p>"
                ),
            },
            {
                "principle": "proportionality",
                "text": (
                    "<p>Mr Y wanted to stay in the home, so the plan focused on improving the "
                    "service rather than moving him, with close monitoring to check that "
                    "things had changed.</p>"
                ),
            },
            {
                "principle": "partnership",
                "text": (
                    "<p>Health, social care, commissioners and the regulator shared "
                    "information so the pattern across the home was recognised quickly.</p>"
                ),
            },
        ],
        "supported_success": (
            "<p>The district nurse had completed level 3 safeguarding training that covered "
            "closed cultures and discriminatory abuse. The Board's provider concerns procedure "
            "gave a clear route for looking beyond one person.</p>"
        ),
        "barriers": (
            "<p>Staff were at first reluctant to speak to investigators, and the home's "
            "manager left during the process, which slowed the improvement plan. The home has "
            "struggled to find volunteer drivers, so Mr Y gets to church only about twice a "
            "month. He felt the outcome for the second care worker was too lenient.</p>"
        ),
        "conditions_for_success": (
            "<p>A practitioner who listened and acted, a person-centred conversation with Mr Y "
            "and his daughter, and a whole-service approach that involved the regulator and "
            "commissioners early.</p>"
        ),
        "partners": [
            "nhs_trust",
            "local_authority",
            "icb",
            "care_provider",
            "other",
        ],
        "reflective_questions": [
            {
                "text": (
                    "What would you do if you heard a colleague make a remark about someone's "
                    "race, faith or culture?"
                ),
                "principle": "protection",
            },
            {
                "text": (
                    "When a concern involves one resident, how do you decide whether others in "
                    "the service might also be at risk?"
                ),
                "principle": "prevention",
            },
        ],
    },
    {
        "slug": "mrs-l-domestic-abuse-in-later-life",
        "title": "Mrs L: domestic abuse in later life",
        "summary": (
            "Mrs L, who has Parkinson's disease, told her physiotherapist that her husband of "
            "fifty years controlled and hurt her. Health, police and a domestic abuse service "
            "worked with her to stay safely in her own home."
        ),
        "principles": [
            "empowerment",
            "protection",
            "partnership",
            "prevention",
        ],
        "abuse_types": [
            "domestic",
            "physical",
            "psychological",
            "sexual",
        ],
        "themes": [
            "coercive control",
            "carers",
            "information sharing",
            "professional curiosity",
        ],
        "situation": (
            "<p>Mrs L is in her mid-seventies and lives with her husband in a bungalow in "
            "Eastbridge. She has Parkinson's disease and relies on him for help with dressing, "
            "meals and medication. A community physiotherapist noticed bruising on Mrs L's "
            "upper arms, and that Mrs L's husband always stayed in the room and often answered "
            "for her.</p><p>At her next appointment, held at the clinic, the physiotherapist "
            "arranged to see Mrs L alone. Mrs L said that her husband had always been "
            "controlling, but since he started drinking more heavily he had pushed and grabbed "
            'her, withheld her medication when she "answered back", and pressured her into '
            "sex she did not want. He controlled all the money, and she had not seen her "
            "friends for over a year.</p>"
        ),
        "desired_outcomes": [
            {
                "outcome": "I want to stay in my own home.",
                "achieved": "fully",
            },
            {
                "outcome": "I want him to stop hurting and frightening me.",
                "achieved": "partly",
            },
            {
                "outcome": "I want him to get help with his drinking.",
                "achieved": "not",
            },
        ],
        "what_was_done": (
            "<p>The physiotherapist completed a DASH risk assessment with Mrs L, which "
            "indicated high risk. With her agreement she contacted the police and raised a "
            "safeguarding concern. The case was referred to the Multi-Agency Risk Assessment "
            "Conference (MARAC), and an Independent Domestic Violence Advocate (IDVA) with "
            "experience of working with older people contacted Mrs L within two "
            "days.</p><p>Mrs L chose to support a police investigation. Her husband was "
            "arrested and released on bail with conditions not to return to the bungalow, and "
            "he went to stay with their son. Adult social care quickly arranged home care to "
            "replace the help he had provided, and the pharmacy began delivering her "
            "medication in blister packs. The IDVA supported her to apply for a "
            "non-molestation order and to open her own bank account.</p><p>Mr L was offered a "
            "referral to alcohol services but declined. He later breached his bail conditions "
            "once by turning up at the house, and was re-arrested.</p>"
        ),
        "principles_in_practice": [
            {
                "principle": "empowerment",
                "text": (
                    "<p>Mrs L decided whether to involve the police and what she wanted from "
                    "the process. Her wish to remain in her home was the starting point for "
                    "the safety plan.</p>"
                ),
            },
            {
                "principle": "protection",
                "text": (
                    "<p>A high-risk assessment led to bail conditions, a court order and a "
                    "MARAC safety plan, with replacement care so that she was not left without "
                    "support.</p>"
                ),
            },
            {
                "principle": "partnership",
                "text": (
                    "<p>Health, police, adult social care, the pharmacy and the domestic abuse "
                    "service shared information through MARAC and kept each other updated.</p>"
                ),
            },
            {
                "principle": "prevention",
                "text": (
                    "<p>A personal alarm, a neighbour she trusted as a contact and a weekly "
                    "visit from a befriender reduced her isolation and gave her ways to seek "
                    "help quickly.</p>"
                ),
            },
        ],
        "supported_success": (
            "<p>The physiotherapist's service had introduced routine enquiry about domestic "
            "abuse after a local review, and staff were expected to see patients alone at "
            "least once. The IDVA service had a worker with specialist knowledge of abuse in "
            "later life.</p>"
        ),
        "barriers": (
            "<p>Mrs L felt guilty about her husband leaving and worried about their son's "
            "reaction. There was a gap of several days before the home care package started, "
            "during which a friend stayed with her. Her husband's refusal of alcohol support "
            "left Mrs L worried about the future.</p>"
        ),
        "conditions_for_success": (
            "<p>Seeing Mrs L alone, a prompt risk assessment, fast replacement care and "
            "specialist domestic abuse support that understood her health needs.</p>"
        ),
        "partners": [
            "nhs_trust",
            "police",
            "local_authority",
            "voluntary_sector",
        ],
        "reflective_questions": [
            {
                "text": (
                    "How could your service build in regular opportunities to see people "
                    "without their partner or carer present?"
                ),
                "principle": "protection",
            },
            {
                "text": (
                    "How would you support someone who is afraid of losing the care their "
                    "abuser provides?"
                ),
                "principle": "empowerment",
            },
            {
                "text": (
                    "What do you need from other agencies before a MARAC meeting so the safety "
                    "plan reflects the whole picture?"
                ),
                "principle": "partnership",
            },
        ],
    },
]
