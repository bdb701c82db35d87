"""The demo press office: Northmoor Constabulary, a fictional police force.

Every name, place and event here is invented for the demo; every phone number is an Ofcom drama
number (020 7946 0000-0999, 07700 900000-900999), so nothing on a demo site can ring a real
person. Kept as plain data, apart from the code that loads it
(``home/management/commands/load_demo_content.py``), so the wording can be edited on its own.

A statement's ``body`` is a list of blocks: ``("paragraph", text)``, ``("sub_heading", text)``
or ``("quote", {...})`` with either a ``spokesperson`` key (one of SPOKESPEOPLE) or a free
``name`` and ``role``. ``days_ago`` places it on the calendar relative to the day of loading.
"""

SITE_NAME = "Northmoor Constabulary Press Office"
HOME_INTRODUCTION = (
    "News, statements and appeals from Northmoor Constabulary. Journalists can reach the press "
    "office at any hour: in office hours on the main number, out of hours for urgent enquiries."
)
CONTACT_BODY = (
    "<p>The press office answers enquiries from journalists and broadcasters about policing in "
    "Northmoor, Braybeck, Eastfold and Wenlow.</p>"
    "<p>Members of the public should not contact the press office to report a crime. Use the "
    "force's online reporting service, or in an emergency dial the emergency number.</p>"
    "<h2>Filming and interviews</h2>"
    "<p>Requests to film with officers or to interview a senior officer should reach us at "
    "least five working days ahead, with the outlet, the date and the subject.</p>"
)

PRESS_OFFICE = {
    "office_name": "Northmoor Constabulary Press Office",
    "office_phone": "+442079460123",
    "out_of_hours_phone": "+447700900123",
    "out_of_hours_description": "weekdays before 8am and after 6pm, weekends and bank holidays",
    "email": "press.office@northmoor-police.example",
    "team_notification_email": "press.team@northmoor-police.example",
    "social_handle": "@NorthmoorPolice",
    "social_url": "https://social.example/@NorthmoorPolice",
}

SPOKESPEOPLE = {
    "marsh": {
        "name": "Chief Constable Helen Marsh",
        "role": "Chief Constable",
        "biography": (
            "Helen Marsh joined Northmoor Constabulary as a constable in Braybeck and has led "
            "the force since 2023. She is the national lead for rural crime."
        ),
    },
    "okafor": {
        "name": "Assistant Chief Constable David Okafor",
        "role": "Assistant Chief Constable, Local Policing",
        "biography": (
            "David Okafor is responsible for neighbourhood policing, response and the force "
            "control room. He previously led the force's public order training."
        ),
    },
    "raman": {
        "name": "Detective Superintendent Priya Raman",
        "role": "Head of Major Crime",
        "biography": (
            "Priya Raman leads the major crime team, which investigates murder, serious "
            "violence and complex missing person cases across the force area."
        ),
    },
    "whitlow": {
        "name": "Chief Inspector Tom Whitlow",
        "role": "Head of Roads Policing",
        "biography": (
            "Tom Whitlow runs the roads policing unit and the force's casualty reduction "
            "partnership with the county's highways and fire services."
        ),
    },
    "quinlan": {
        "name": "Inspector Sarah Quinlan",
        "role": "Neighbourhood Policing Inspector, Northmoor Town",
        "biography": (
            "Sarah Quinlan leads the neighbourhood teams in Northmoor town centre and the "
            "Castlegate and Riverside wards."
        ),
    },
    "lewis": {
        "name": "Detective Inspector Gareth Lewis",
        "role": "Economic and Cyber Crime Unit",
        "biography": (
            "Gareth Lewis investigates fraud and computer misuse and runs the force's "
            "protect-and-prevent work with banks, businesses and older people's groups."
        ),
    },
    "bello": {
        "name": "Superintendent Amara Bello",
        "role": "Operations and Events Commander",
        "biography": (
            "Amara Bello plans the policing of large events, from the Wenlow Music Festival to "
            "football, and commands the force's response to floods and major incidents."
        ),
    },
}

TOPICS = [
    "Road safety",
    "Knife crime",
    "Missing people",
    "Fraud and cyber crime",
    "Recruitment",
    "Neighbourhood policing",
    "Events and festivals",
    "Courts",
    "Emergencies and flooding",
    "Technology",
    "Drugs",
    "Rural crime",
]

# The kinds a StatementPage can be; the loader maps them onto the model's choices.
PRESS_RELEASE = "press_release"
STATEMENT = "statement"
NEWS = "news"

STATEMENTS = [
    {
        "title": "Fatal Four campaign begins as summer traffic builds",
        "kind": PRESS_RELEASE,
        "days_ago": 5,
        "topics": ["Road safety"],
        "standfirst": (
            "Roads policing officers will spend the next four weeks targeting the four "
            "behaviours behind most deaths on Northmoor's roads: speeding, drink and drug "
            "driving, not wearing a seatbelt and using a phone at the wheel."
        ),
        "body": [
            (
                "paragraph",
                "Marked and unmarked patrols will work the A61 and A614 corridors and the "
                "rural routes around Wenlow, where most of last year's serious collisions "
                "happened. Officers will also run roadside checks with the county's trading "
                "standards and vehicle examiners.",
            ),
            (
                "quote",
                {
                    "spokesperson": "whitlow",
                    "quote": [
                        "Every one of these four behaviours is a choice, and every one of them "
                        "has cost a Northmoor family someone they loved in the past year.",
                        "We would much rather talk to drivers at a checkpoint than knock on a "
                        "door with the worst news. Slow down, belt up, put the phone away and "
                        "never drive after drink or drugs.",
                    ],
                },
            ),
            (
                "paragraph",
                "Drivers caught using a handheld phone face six penalty points and a £200 "
                "fine. New drivers can lose their licence for a single offence.",
            ),
        ],
        "further_information": [
            "Broadcasters are welcome to join a roadside operation on the A614 during the "
            "campaign. Contact the press office with your preferred date.",
            "Figures for the previous campaign are published on the force's road safety page.",
        ],
    },
    {
        "title": "Missing Wenlow teenager found safe and well",
        "kind": NEWS,
        "days_ago": 9,
        "topics": ["Missing people"],
        "standfirst": (
            "A 15-year-old girl from Wenlow who was reported missing on Tuesday evening has "
            "been found safe and well in Eastfold."
        ),
        "body": [
            (
                "paragraph",
                "She was found by officers on Wednesday morning after a member of the public "
                "recognised her from the appeal and called the force control room.",
            ),
            (
                "paragraph",
                "We would like to thank everyone who shared the appeal. Please now remove "
                "her image and name from social media to protect her privacy.",
            ),
        ],
        "change_notes": [
            (0, "Updated to say she has been found safe; her name and image have been removed.")
        ],
    },
    {
        "title": "Knife amnesty bins to open at six stations",
        "kind": PRESS_RELEASE,
        "days_ago": 16,
        "topics": ["Knife crime", "Neighbourhood policing"],
        "standfirst": (
            "People can hand in knives and other bladed weapons anonymously, with no questions "
            "asked, at six police stations across Northmoor for the next fortnight."
        ),
        "body": [
            (
                "paragraph",
                "Secure surrender bins will be available at Northmoor, Braybeck, Eastfold, "
                "Wenlow, Carrowby and Castlegate stations during front counter opening hours. "
                "Anyone handing in a weapon will not be asked for their name.",
            ),
            (
                "quote",
                {
                    "spokesperson": "okafor",
                    "quote": [
                        "Every knife handed in is one that cannot be carried on our streets. "
                        "If there is a blade in your home that you are worried about, this is "
                        "the simplest way to get rid of it safely.",
                    ],
                },
            ),
            (
                "quote",
                {
                    "name": "Janet Rowe",
                    "role": "Founder, Braybeck Mothers Against Knives",
                    "quote": [
                        "I lost my son to a knife nine years ago. If one young person hands "
                        "in a blade because their mum or their mate told them to, it is worth "
                        "it.",
                    ],
                },
            ),
            ("sub_heading", "What happens to the weapons"),
            (
                "paragraph",
                "Weapons handed in are checked, recorded and destroyed. Some are used in "
                "schools workshops run by the force's youth engagement officers.",
            ),
        ],
    },
    {
        "title": "Warning after residents lose £48,000 to courier fraud",
        "kind": PRESS_RELEASE,
        "days_ago": 23,
        "topics": ["Fraud and cyber crime"],
        "standfirst": (
            "Fraudsters pretending to be police officers or bank staff have persuaded five "
            "older people in Northmoor and Braybeck to hand over cash and bank cards on their "
            "doorstep in the past three weeks."
        ),
        "body": [
            (
                "paragraph",
                "In each case the victim received a phone call from someone claiming to be a "
                "detective investigating fraud at their bank. They were told to withdraw cash "
                "or hand their card to a courier who would collect it as evidence.",
            ),
            (
                "quote",
                {
                    "spokesperson": "lewis",
                    "quote": [
                        "The police and your bank will never ask you to hand over money, your "
                        "card or your PIN, and they will never send a courier to collect them.",
                        "If you get a call like this, hang up, wait five minutes or use a "
                        "different phone, and call your bank on the number on the back of your "
                        "card.",
                    ],
                },
            ),
            (
                "paragraph",
                "We are asking families, carers and neighbours to talk to older relatives "
                "about this scam this week.",
            ),
        ],
        "further_information": [
            "Total losses across the five cases are £48,000. The victims are aged between 74 "
            "and 91. Two cases involved a courier arriving by taxi.",
            "Officers from the Economic and Cyber Crime Unit are available for interview. "
            "Contact the press office on 020 7946 0123.",
        ],
    },
    {
        "title": "Man jailed for 14 years for Eastfold stabbing",
        "kind": NEWS,
        "days_ago": 31,
        "topics": ["Courts", "Knife crime"],
        "standfirst": (
            "A 27-year-old man from Eastfold has been jailed for 14 years at Northmoor Crown "
            "Court for wounding a man outside a takeaway on Mill Street last winter."
        ),
        "body": [
            (
                "paragraph",
                "Kieran Daley, of Orchard Rise, Eastfold, was found guilty of wounding with "
                "intent and possession of a bladed article after a five-day trial.",
            ),
            (
                "paragraph",
                "The court heard that Daley followed the victim out of the takeaway after an "
                "argument and stabbed him twice. The victim needed emergency surgery and has "
                "since made a good recovery.",
            ),
            (
                "quote",
                {
                    "spokesperson": "raman",
                    "quote": [
                        "This was a sudden, vicious attack over nothing. The victim has shown "
                        "real courage in giving evidence, and I hope today's sentence gives him "
                        "some sense that justice has been done.",
                    ],
                },
            ),
        ],
    },
    {
        "title": "Statement on the death of a man in Carrowby",
        "kind": STATEMENT,
        "days_ago": 38,
        "topics": ["Neighbourhood policing"],
        "standfirst": (
            "Officers were called to a house on Beck Lane, Carrowby, shortly after 7am on "
            "Sunday following a report that a man had been found unresponsive."
        ),
        "body": [
            (
                "paragraph",
                "Paramedics attended and a man in his fifties was confirmed dead at the "
                "scene. His family has been informed and is being supported by specialist "
                "officers.",
            ),
            (
                "paragraph",
                "His death is not being treated as suspicious and a file is being prepared "
                "for the coroner. We will not be releasing any further details at this time "
                "and ask that the family's privacy is respected.",
            ),
        ],
    },
    {
        "title": "Drone trial to speed up searches for missing people",
        "kind": PRESS_RELEASE,
        "days_ago": 47,
        "topics": ["Technology", "Missing people"],
        "standfirst": (
            "Northmoor Constabulary is trialling drones with thermal cameras to search moorland "
            "and riverbanks for vulnerable missing people, starting this month."
        ),
        "body": [
            (
                "paragraph",
                "Two drones will be based at Wenlow and flown by trained officers. They can "
                "search an area the size of a football pitch in under two minutes, day or "
                "night, and send live pictures to the search coordinator.",
            ),
            (
                "quote",
                {
                    "spokesperson": "okafor",
                    "quote": [
                        "In the first hours of a search for someone at risk, every minute "
                        "counts. This trial will tell us whether drones help us find people "
                        "faster, and at what cost, before we decide whether to keep them.",
                    ],
                },
            ),
            ("sub_heading", "Privacy"),
            (
                "paragraph",
                "The drones will only be flown for searches and will not be used for routine "
                "patrols. Footage that is not needed as evidence is deleted after 31 days. "
                "A privacy impact assessment has been published.",
            ),
        ],
        "further_information": [
            "The trial runs for six months and is funded from the force's innovation budget. "
            "An independent evaluation will be published at the end of it.",
        ],
    },
    {
        "title": "Apply now to be a police officer in Northmoor",
        "kind": PRESS_RELEASE,
        "days_ago": 55,
        "topics": ["Recruitment"],
        "standfirst": (
            "Northmoor Constabulary has opened applications for 120 new police constables, with "
            "three routes in: a degree apprenticeship, a postgraduate programme and a new "
            "non-degree entry route."
        ),
        "body": [
            (
                "paragraph",
                "Successful applicants will start in the spring and be posted to neighbourhood "
                "and response teams across the county. Starting pay is £29,900, rising with "
                "experience.",
            ),
            (
                "quote",
                {
                    "spokesperson": "marsh",
                    "quote": [
                        "We want officers who reflect the communities they serve and who care "
                        "about them. If you are good with people and calm under pressure, we "
                        "want to hear from you, whatever your background.",
                    ],
                },
            ),
            (
                "paragraph",
                "Open evenings will be held at Northmoor and Braybeck stations, where serving "
                "officers will answer questions about the job.",
            ),
        ],
    },
    {
        "title": "Wenlow Music Festival: policing plan and advice for visitors",
        "kind": PRESS_RELEASE,
        "days_ago": 64,
        "topics": ["Events and festivals"],
        "standfirst": (
            "Around 40,000 people are expected at the Wenlow Music Festival this weekend. "
            "Officers will be on site and in the town throughout, working with the organisers "
            "and the ambulance service."
        ),
        "body": [
            (
                "paragraph",
                "Drugs dogs will operate at the entrances, and anyone found with drugs or a "
                "weapon will be refused entry and may be arrested. A welfare tent run with "
                "local charities will be open around the clock.",
            ),
            (
                "quote",
                {
                    "spokesperson": "bello",
                    "quote": [
                        "The festival has a great record and we want to keep it that way. Look "
                        "after your friends, drink water, and if you are worried about someone, "
                        "tell any steward or officer straight away.",
                    ],
                },
            ),
            ("sub_heading", "Road closures"),
            (
                "paragraph",
                "Station Road and the B6420 will be closed to through traffic from Friday "
                "morning until Monday afternoon. Use the signed park and ride from Carrowby.",
            ),
        ],
    },
    {
        "title": "Wenlow Music Festival passes off peacefully",
        "kind": NEWS,
        "days_ago": 60,
        "topics": ["Events and festivals"],
        "standfirst": (
            "Eleven people were arrested over the four days of the Wenlow Music Festival, "
            "fewer than last year, most of them for possessing drugs."
        ),
        "body": [
            (
                "paragraph",
                "Two men were charged with possession with intent to supply and will appear at "
                "Northmoor Magistrates' Court next month. Four phones reported stolen were "
                "returned to their owners.",
            ),
            (
                "quote",
                {
                    "spokesperson": "bello",
                    "quote": [
                        "Thank you to the festival-goers, the organisers and the people of "
                        "Wenlow, who once again put up with the traffic with good humour.",
                    ],
                },
            ),
        ],
    },
    {
        "title": "Flood warning: officers helping residents leave homes in Braybeck",
        "kind": NEWS,
        "days_ago": 82,
        "topics": ["Emergencies and flooding"],
        "standfirst": (
            "Officers are going door to door on Riverside and Weir Street in Braybeck, helping "
            "residents to leave their homes as the River Bray continues to rise."
        ),
        "body": [
            (
                "paragraph",
                "A rest centre has opened at Braybeck Leisure Centre. Residents who need help "
                "to leave, or who have nowhere to go, should speak to officers at the scene.",
            ),
            (
                "paragraph",
                "Please do not drive through flood water. Half a metre of moving water is "
                "enough to float a car.",
            ),
            (
                "quote",
                {
                    "spokesperson": "bello",
                    "quote": [
                        "We are working with the fire service, the council and the Environment "
                        "Agency, and we will stay in Braybeck for as long as we are needed.",
                    ],
                },
            ),
        ],
        "change_notes": [
            (0, "Updated at 4pm with the location of the rest centre."),
        ],
    },
    {
        "title": "Neighbourhood officers to hold street surgeries in Castlegate",
        "kind": NEWS,
        "days_ago": 90,
        "topics": ["Neighbourhood policing"],
        "standfirst": (
            "The Northmoor town centre neighbourhood team will hold weekly street surgeries in "
            "Castlegate from next Tuesday, after residents asked for more visible policing."
        ),
        "body": [
            (
                "paragraph",
                "Officers will be outside the Castlegate community library every Tuesday from "
                "4pm to 6pm to hear concerns, give crime prevention advice and mark bicycles.",
            ),
            (
                "quote",
                {
                    "spokesperson": "quinlan",
                    "quote": [
                        "People told us at our last ward meeting that they want to see us and "
                        "talk to us without having to come to a police station. So we are "
                        "coming to them.",
                    ],
                },
            ),
        ],
    },
    {
        "title": "Three arrested in raids on suspected drugs network",
        "kind": NEWS,
        "days_ago": 104,
        "topics": ["Drugs", "Neighbourhood policing"],
        "standfirst": (
            "Three men were arrested and cash, cannabis and cocaine seized when officers "
            "executed warrants at four addresses in Northmoor and Eastfold early on Thursday."
        ),
        "body": [
            (
                "paragraph",
                "The raids followed a three-month investigation into drug dealing in the "
                "Riverside area, prompted by information from residents.",
            ),
            (
                "quote",
                {
                    "spokesperson": "quinlan",
                    "quote": [
                        "This operation started with people in Riverside telling us what they "
                        "were seeing. Please keep telling us: it makes a difference.",
                    ],
                },
            ),
            (
                "paragraph",
                "The men, aged 22, 29 and 34, remain in custody for questioning.",
            ),
        ],
    },
    {
        "title": "Statement on the Chief Constable's evidence to the Home Affairs Committee",
        "kind": STATEMENT,
        "days_ago": 119,
        "topics": ["Rural crime"],
        "standfirst": (
            "Chief Constable Helen Marsh gave evidence to the Home Affairs Committee today on "
            "the policing of rural communities."
        ),
        "body": [
            (
                "quote",
                {
                    "spokesperson": "marsh",
                    "quote": [
                        "Rural crime is not a minor matter for the people it happens to. A "
                        "stolen tractor or a poisoned sheepdog can put a family farm out of "
                        "business.",
                        "I told the committee that forces like ours need stable funding for "
                        "rural crime teams, not one-off grants, and that we will keep making "
                        "that case.",
                    ],
                },
            ),
        ],
        "further_information": [
            "A recording of the session is available from the Parliament website. The "
            "Chief Constable is available for a limited number of interviews tomorrow "
            "morning; contact the press office to request one.",
        ],
    },
    {
        "title": "Quad bike thefts: farmers urged to check security",
        "kind": PRESS_RELEASE,
        "days_ago": 133,
        "topics": ["Rural crime"],
        "standfirst": (
            "Nine quad bikes have been stolen from farms around Wenlow and Carrowby since the "
            "start of the month, and officers believe the same group is responsible."
        ),
        "body": [
            (
                "paragraph",
                "The thefts have happened at night, with gates and padlocks cut. Officers are "
                "asking farmers to keep quad bikes out of sight, immobilised and marked, and to "
                "report vehicles seen on farm tracks at night.",
            ),
            (
                "quote",
                {
                    "name": "Robert Haigh",
                    "role": "Chair, Northmoor Farm Watch",
                    "quote": [
                        "A quad is how most of us get round the farm. Losing one in lambing "
                        "season is a disaster, so please take the advice seriously.",
                    ],
                },
            ),
        ],
    },
    {
        "title": "Missing man from Northmoor found safe",
        "kind": NEWS,
        "days_ago": 140,
        "topics": ["Missing people"],
        "standfirst": (
            "A 68-year-old man who went missing from his home in Northmoor on Friday has been "
            "found safe and well."
        ),
        "body": [
            (
                "paragraph",
                "He was found by a member of the public near Eastfold railway station and has "
                "been reunited with his family. Thank you to everyone who shared our appeal.",
            ),
        ],
    },
    {
        "title": "Speed watch volunteers wanted in rural villages",
        "kind": NEWS,
        "days_ago": 151,
        "topics": ["Road safety", "Rural crime"],
        "standfirst": (
            "Villages that want to tackle speeding on their own roads can now set up a "
            "Community Speed Watch group, with training and equipment from the force."
        ),
        "body": [
            (
                "paragraph",
                "Volunteers record the speed of passing vehicles with a hand-held device. "
                "Drivers over the limit receive a warning letter; repeat offenders can expect "
                "a visit from roads policing officers.",
            ),
            (
                "quote",
                {
                    "spokesperson": "whitlow",
                    "quote": [
                        "Residents know their roads better than anyone. Speed Watch lets them "
                        "do something about the drivers who put their children at risk.",
                    ],
                },
            ),
        ],
    },
    {
        "title": "Romance fraud: warning ahead of Valentine's Day",
        "kind": PRESS_RELEASE,
        "days_ago": 290,
        "topics": ["Fraud and cyber crime"],
        "standfirst": (
            "People in Northmoor lost more than £600,000 to romance fraudsters last year. "
            "Officers are asking anyone dating online to watch for the warning signs."
        ),
        "body": [
            (
                "paragraph",
                "Romance fraudsters build a relationship over weeks or months before asking "
                "for money, often for a medical emergency, a travel cost or an investment.",
            ),
            (
                "quote",
                {
                    "spokesperson": "lewis",
                    "quote": [
                        "Victims of romance fraud are not foolish. They are targeted by "
                        "organised criminals who are very good at what they do. If someone you "
                        "have never met asks for money, stop and talk to someone you trust.",
                    ],
                },
            ),
        ],
    },
    {
        "title": "New chief officer team announced",
        "kind": PRESS_RELEASE,
        "days_ago": 310,
        "topics": ["Recruitment"],
        "standfirst": (
            "Chief Constable Helen Marsh has confirmed the appointment of David Okafor as "
            "Assistant Chief Constable for Local Policing."
        ),
        "body": [
            (
                "paragraph",
                "ACC Okafor joined Northmoor Constabulary from a neighbouring force, where he "
                "led public order and public safety. He takes up the post next month.",
            ),
            (
                "quote",
                {
                    "spokesperson": "marsh",
                    "quote": [
                        "David brings a wealth of operational experience and a real commitment "
                        "to neighbourhood policing. I am delighted he is joining us.",
                    ],
                },
            ),
        ],
        "change_notes": [
            (2, "Corrected the date ACC Okafor takes up the post."),
        ],
    },
    {
        "title": "Bonfire night: advice on fireworks and anti-social behaviour",
        "kind": NEWS,
        "days_ago": 390,
        "topics": ["Neighbourhood policing", "Events and festivals"],
        "standfirst": (
            "Extra patrols will be out across Northmoor in the run-up to bonfire night, "
            "working with the fire service to prevent fireworks being misused."
        ),
        "body": [
            (
                "paragraph",
                "It is an offence to set off fireworks in the street, and to sell fireworks to "
                "anyone under 18. Officers will visit shops with trading standards.",
            ),
            (
                "quote",
                {
                    "spokesperson": "quinlan",
                    "quote": [
                        "Go to an organised display. They are safer, better and a lot less "
                        "frightening for older neighbours and for pets.",
                    ],
                },
            ),
        ],
    },
    {
        "title": "Woman charged after cash machine fraud in Braybeck",
        "kind": NEWS,
        "days_ago": 205,
        "topics": ["Fraud and cyber crime", "Courts"],
        "standfirst": (
            "A 41-year-old woman has been charged with fraud after devices used to capture "
            "card details were found fitted to two cash machines in Braybeck."
        ),
        "body": [
            (
                "paragraph",
                "She has been remanded in custody and will appear at Northmoor Magistrates' "
                "Court on Monday. Anyone who used the machines on Market Street between 2 and "
                "6 June and has seen unexpected transactions should contact their bank.",
            ),
        ],
    },
    {
        "title": "Statement on the Northmoor Road collision",
        "kind": STATEMENT,
        "days_ago": 222,
        "topics": ["Road safety"],
        "standfirst": (
            "We can confirm that a motorcyclist has died following a collision with a van on "
            "Northmoor Road, Eastfold, on Saturday afternoon."
        ),
        "body": [
            (
                "paragraph",
                "The rider, a man in his forties, was pronounced dead at the scene. His family "
                "has been told and is being supported by specially trained officers. The van "
                "driver stopped at the scene and is helping with enquiries.",
            ),
            (
                "paragraph",
                "We are asking anyone who saw the collision, or who has dashcam footage of "
                "Northmoor Road between 3pm and 3.30pm, to contact us quoting log 312 of "
                "Saturday.",
            ),
            (
                "quote",
                {
                    "spokesperson": "whitlow",
                    "quote": [
                        "Our thoughts are with the rider's family. I would ask people not to "
                        "speculate on social media about how the collision happened while the "
                        "investigation continues.",
                    ],
                },
            ),
        ],
    },
    {
        "title": "Cyber security advice for small businesses",
        "kind": PRESS_RELEASE,
        "days_ago": 236,
        "topics": ["Fraud and cyber crime", "Technology"],
        "standfirst": (
            "Free cyber security workshops for small businesses will run in Northmoor and "
            "Eastfold next month, led by the force's cyber protect officers."
        ),
        "body": [
            (
                "paragraph",
                "The two-hour sessions cover backups, passwords and two-step verification, "
                "invoice fraud and what to do if you are hit by ransomware.",
            ),
            (
                "quote",
                {
                    "spokesperson": "lewis",
                    "quote": [
                        "Most attacks on small firms succeed because of something simple: a "
                        "reused password or an email that looks right. An afternoon with us "
                        "could save a business.",
                    ],
                },
            ),
        ],
    },
    {
        "title": "Officers recognised at annual awards",
        "kind": NEWS,
        "days_ago": 252,
        "topics": ["Neighbourhood policing"],
        "standfirst": (
            "Officers, staff and volunteers were recognised for bravery and service at the "
            "force's annual awards ceremony in Northmoor last night."
        ),
        "body": [
            (
                "paragraph",
                "Among those honoured were two response officers who pulled a driver from a "
                "burning car on the A61, and a special constable who has volunteered for more "
                "than 30 years.",
            ),
            (
                "quote",
                {
                    "spokesperson": "marsh",
                    "quote": [
                        "These awards are a chance to say thank you to people who do "
                        "remarkable things, often when nobody is watching.",
                    ],
                },
            ),
        ],
    },
    {
        "title": "Appeal after burglaries at village churches",
        "kind": NEWS,
        "days_ago": 268,
        "topics": ["Rural crime"],
        "standfirst": (
            "Lead has been stripped from the roofs of three churches in the Wenlow area in "
            "the past fortnight, causing thousands of pounds of damage."
        ),
        "body": [
            (
                "paragraph",
                "Officers are asking people living near churches to report vehicles or people "
                "on church roofs or in churchyards late at night.",
            ),
            (
                "quote",
                {
                    "name": "Reverend Anne Dewhurst",
                    "role": "Vicar of St Michael's, Wenlow",
                    "quote": [
                        "These buildings have served our villages for centuries. It is "
                        "heartbreaking to see rain coming through the roof.",
                    ],
                },
            ),
        ],
    },
    {
        "title": "Football: policing arrangements for the Northmoor derby",
        "kind": PRESS_RELEASE,
        "days_ago": 330,
        "topics": ["Events and festivals"],
        "standfirst": (
            "Saturday's derby between Northmoor Town and Eastfold Rovers will be policed as a "
            "high-risk fixture, with an early kick-off and alcohol restrictions in place."
        ),
        "body": [
            (
                "paragraph",
                "Away supporters should travel on the club's coaches, which will be escorted "
                "to the ground. A dispersal order will cover the town centre from 10am.",
            ),
            (
                "quote",
                {
                    "spokesperson": "bello",
                    "quote": [
                        "The vast majority of fans are here for the football. The few who come "
                        "looking for trouble will be identified and dealt with.",
                    ],
                },
            ),
        ],
    },
    {
        "title": "Child safety seat checks find one in three fitted wrongly",
        "kind": NEWS,
        "days_ago": 365,
        "topics": ["Road safety"],
        "standfirst": (
            "Roads policing officers and road safety staff checked 212 child car seats at "
            "supermarkets across Northmoor last month and found 71 fitted incorrectly."
        ),
        "body": [
            (
                "paragraph",
                "The most common faults were loose harnesses and seats not secured firmly "
                "enough to the car. Every parent was shown how to fit the seat properly.",
            ),
        ],
    },
    {
        "title": "Special constables join neighbourhood teams",
        "kind": NEWS,
        "days_ago": 410,
        "topics": ["Recruitment", "Neighbourhood policing"],
        "standfirst": (
            "Twenty-four new special constables, volunteer officers with the same powers as "
            "regular officers, have finished training and joined neighbourhood teams."
        ),
        "body": [
            (
                "quote",
                {
                    "spokesperson": "okafor",
                    "quote": [
                        "Our specials give their own time to keep their communities safe. "
                        "They bring skills from their day jobs that make the whole force "
                        "better.",
                    ],
                },
            ),
            (
                "paragraph",
                "Applications for the next intake open in the autumn.",
            ),
        ],
    },
    {
        "title": "Christmas drink and drug driving campaign results",
        "kind": PRESS_RELEASE,
        "days_ago": 340,
        "topics": ["Road safety", "Drugs"],
        "standfirst": (
            "Eighty-three drivers were arrested for drink or drug driving during the force's "
            "month-long Christmas campaign, up from 71 the year before."
        ),
        "body": [
            (
                "paragraph",
                "Officers carried out more than 2,400 roadside tests. Twenty-nine of the "
                "arrests were the morning after a night out.",
            ),
            (
                "quote",
                {
                    "spokesperson": "whitlow",
                    "quote": [
                        "The morning-after figure worries me. Alcohol leaves your body at "
                        "roughly one unit an hour, and nothing speeds that up: not coffee, not "
                        "a shower, not a fry-up.",
                    ],
                },
            ),
        ],
    },
    {
        "title": "Body-worn video now issued to every frontline officer",
        "kind": NEWS,
        "days_ago": 455,
        "topics": ["Technology"],
        "standfirst": (
            "Every frontline officer in Northmoor Constabulary now wears a body-worn camera, "
            "after the last 300 devices were issued this month."
        ),
        "body": [
            (
                "paragraph",
                "Officers switch cameras on when they use police powers or when an encounter "
                "becomes confrontational, and tell the people they are with that they are "
                "recording.",
            ),
            (
                "quote",
                {
                    "spokesperson": "okafor",
                    "quote": [
                        "Cameras protect the public and officers alike. They give courts the "
                        "best evidence and help resolve complaints quickly and fairly.",
                    ],
                },
            ),
        ],
    },
    {
        "title": "Appeal to find missing Eastfold woman: now found",
        "kind": NEWS,
        "days_ago": 480,
        "topics": ["Missing people"],
        "standfirst": (
            "A 34-year-old woman reported missing from Eastfold on Monday has been found safe "
            "and well in a neighbouring county."
        ),
        "body": [
            (
                "paragraph",
                "Thank you to everyone who shared the appeal and to the neighbouring force for "
                "their help.",
            ),
        ],
        "change_notes": [
            (1, "Updated to say she has been found; the original appeal has been removed."),
        ],
    },
    {
        "title": "Statement following the IOPC report on a custody death",
        "kind": STATEMENT,
        "days_ago": 505,
        "topics": ["Courts"],
        "standfirst": (
            "The Independent Office for Police Conduct has published its report into the "
            "death of a man in custody at Northmoor police station."
        ),
        "body": [
            (
                "quote",
                {
                    "spokesperson": "marsh",
                    "quote": [
                        "Our thoughts remain with the man's family, who have waited a long "
                        "time for answers.",
                        "We accept the IOPC's recommendations in full. Custody staff have "
                        "already had further training in checking on detained people, and "
                        "the cell call system has been replaced.",
                    ],
                },
            ),
        ],
        "further_information": [
            "The IOPC's report is published on its website. The force will not be giving "
            "interviews today out of respect for the family.",
        ],
    },
    {
        "title": "Cycle theft: free bike marking at Northmoor station",
        "kind": NEWS,
        "days_ago": 530,
        "topics": ["Neighbourhood policing"],
        "standfirst": (
            "Cyclists can have their bikes security marked for free at Northmoor railway "
            "station on Saturday morning, after a rise in thefts from the station racks."
        ),
        "body": [
            (
                "paragraph",
                "Marked bikes are harder to sell and easier to return. Officers will also give "
                "advice on locks, and recommend two good locks of different kinds.",
            ),
        ],
    },
]

# Embargoed: written, approved and waiting for its go-live time. ``hours_ahead`` from loading.
SCHEDULED_STATEMENT = {
    "title": "Winter road safety campaign launches",
    "kind": PRESS_RELEASE,
    "hours_ahead": 36,
    "topics": ["Road safety"],
    "standfirst": (
        "Embargoed: a winter campaign reminding drivers to clear ice, check tyres and slow down "
        "on untreated rural roads will launch across Northmoor."
    ),
    "body": [
        (
            "paragraph",
            "Officers will hand out ice scrapers and leaflets at fuel stations and supermarkets, "
            "and stop drivers seen with iced-over windscreens.",
        ),
        (
            "quote",
            {
                "spokesperson": "whitlow",
                "quote": [
                    "A windscreen you can only half see through is a collision waiting to "
                    "happen. Give yourself the extra ten minutes.",
                ],
            },
        ),
    ],
}

# Demo people, one per group. The password is printed by load_demo_content.
DEMO_USERS = [
    {
        "username": "officer",
        "first_name": "Olivia",
        "last_name": "Price",
        "email": "olivia.price@northmoor-police.example",
        "group": "Press officers",
    },
    {
        "username": "manager",
        "first_name": "Martin",
        "last_name": "Shaw",
        "email": "martin.shaw@northmoor-police.example",
        "group": "Press office managers",
    },
    {
        "username": "oncall",
        "first_name": "Chloe",
        "last_name": "Adeyemi",
        "email": "chloe.adeyemi@northmoor-police.example",
        "group": "On-call officers",
    },
]
