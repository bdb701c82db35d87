"""The demo press office's day-to-day work: media enquiries, office hours and the on-call set-up.

``manage.py load_demo_content`` builds Northmoor Constabulary's site and its people;
``manage.py load_demo_operations`` (this module) gives the enquiry queue and the on-call screens
something to show: journalists, three weeks of enquiries in every state with timelines, a weekly
out-of-hours rota, an escalation policy and the office's opening hours.

Every outlet and person is invented; every phone number is an Ofcom drama number (020 7946
0000-0999, 07700 900000-900999) and every email address is on a reserved example domain, so
nothing in a demo can reach a real person.

Why the enquiries are not fed through ``routing.receive_enquiry``: that is how a *new* enquiry
arrives, so it announces it as new: it emails the journalist and the team and, out of hours,
pages the on-call officer. A demo enquiry from last Saturday night must not page anybody
today. So the demo asks the routing rules for the same decision, with the same office hours,
and writes the route and the timeline the way ``route_enquiry`` would, dated when they
happened. The press office's actions (assign, note, respond, close, mark duplicate) go through
the model's own methods, and their timeline entries are then dated to when they took place.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from wagtail.models import ModelLogEntry

from enquiries import routing
from enquiries.groups import ensure_enquiry_permissions
from enquiries.models import (
    Alert,
    BankHolidayRegion,
    Closure,
    ContactMethod,
    Delivery,
    DeliveryAttempt,
    Enquiry,
    EnquiryEvent,
    EscalationLevel,
    EscalationPolicy,
    MediaContact,
    OfficeHoursPeriod,
    OfficeHoursSettings,
    OnCallRota,
    RotaMember,
    RotaOverride,
)
from enquiries.models.enquiry import normalise_phone
from enquiries.rules import routing as routing_rules
from enquiries.tasks import ACKNOWLEDGEMENT, TEAM_NOTIFICATION, press_office, team_address
from press.models import StatementPage

# The people load_demo_content creates; the demo's work is done by them.
OFFICER, MANAGER, ON_CALL_OFFICER = "officer", "manager", "oncall"
DEMO_USERNAMES = (OFFICER, MANAGER, ON_CALL_OFFICER)
# In the steps below: whoever the rota had on call when the alert went out.
WHOEVER_WAS_ON_CALL = "on call"

# --- The on-call set-up ------------------------------------------------------------------------

CONTACT_METHODS = {
    ON_CALL_OFFICER: [
        ("sms", "07700 900201", "Work mobile"),
        ("email", "chloe.adeyemi@northmoor-police.example", "Work email"),
    ],
    OFFICER: [
        ("sms", "07700 900202", "Work mobile"),
        ("email", "olivia.price@northmoor-police.example", "Work email"),
    ],
    MANAGER: [
        ("sms", "07700 900203", "Work mobile"),
        ("email", "martin.shaw@northmoor-police.example", "Work email"),
    ],
}

ROTA_NAME = "Out-of-hours press officer"
ROTA_DESCRIPTION = (
    "One press officer carries the out-of-hours phone for a week, Monday 08:00 to Monday 08:00. "
    "They are only paged for urgent enquiries that arrive while the office is closed; swaps "
    "are entered as overrides so the alerting always pages the right person."
)
ROTA_MEMBERS = (ON_CALL_OFFICER, OFFICER)
SWAP_REASON = "Weekend swap: covering for a family wedding; the favour is returned next month."

POLICY_NAME = "Urgent out-of-hours enquiries"
POLICY_REPEAT = 2
POLICY_LEVEL_MINUTES = 10

OFFICE_OPENS, OFFICE_CLOSES = time(8, 0), time(18, 0)
CHRISTMAS_SHUTDOWN = "Christmas shutdown"

# --- The journalists ---------------------------------------------------------------------------

CONTACTS = [
    ("Hannah Okoro", "Northmoor Evening Post", "hannah.okoro@eveningpost.example", "07700 900401"),
    ("Priya Raman", "Northmoor Evening Post", "priya.raman@eveningpost.example", "020 7946 0410"),
    ("Daniel Fenwick", "Radio Northmoor", "daniel.fenwick@radionorthmoor.example", "07700 900402"),
    ("Jess Whitaker", "Radio Northmoor", "newsdesk@radionorthmoor.example", "020 7946 0420"),
    ("Tom Hartley", "Northmoor TV News", "tom.hartley@northmoortv.example", "07700 900403"),
    ("Aisha Begum", "Braybeck Gazette", "aisha.begum@braybeckgazette.example", "07700 900404"),
    ("Gareth Lloyd", "National News Wire", "gareth.lloyd@newswire.example", "07700 900405"),
    ("Sophie Marsh", "Freelance", "sophie.marsh@example.com", "07700 900406"),
    ("Kwame Mensah", "The Daily Ledger", "kwame.mensah@dailyledger.example", "07700 900407"),
    ("Rachel Dunn", "Wenlow Weekly", "rachel.dunn@wenlowweekly.example", "020 7946 0430"),
    ("Ben Carver", "Northmoor Live", "ben.carver@northmoorlive.example", "07700 900408"),
    (
        "Fiona Gallagher",
        "Moorland Broadcasting",
        "fiona.gallagher@moorland.example",
        "07700 900409",
    ),
    ("Lewis Grant", "Dales Farmer", "lewis.grant@dalesfarmer.example", "07700 900410"),
]

# --- The enquiries -----------------------------------------------------------------------------
# "received": ("weekday", n, "HH:MM") the n-th working day before today; ("sat"/"sun", n,
# "HH:MM") the n-th Saturday or Sunday before today; ("ago", minutes) earlier today.
# "deadline": ("hours", h) after it arrived, or ("from_now", minutes), negative when overdue.
# "steps", each (what, minutes after it arrived, who, ...):
#   ("assign", m, by, to) ("note", m, by, text) ("respond", m, by, text, on_record)
#   ("close", m, by) ("duplicate", m, by, subject of the original)
#   ("alert", m) paged under the default policy, acknowledged m minutes later by whoever was on
#   call; ("resolve_alert", m, by).

ENQUIRIES = [
    {
        "email": "hannah.okoro@eveningpost.example",
        "channel": "web",
        "received": ("weekday", 14, "09:20"),
        "deadline": ("hours", 6),
        "subject": "Courier fraud: how many victims so far this year?",
        "question": (
            "Following your warning about courier fraud, could you tell me how many people in "
            "Northmoor have reported being targeted since January, and the total lost? We are "
            "running a piece on scams aimed at older people in Saturday's paper."
        ),
        "statement": "warning-after-residents-lose-48000-to-courier-fraud",
        "steps": [
            ("assign", 12, MANAGER, OFFICER),
            ("note", 40, OFFICER, "Asked the economic crime unit for the year-to-date figures."),
            (
                "respond",
                150,
                OFFICER,
                "On the record: 31 reports since January, with about £212,000 lost in total. "
                "Repeated our advice that police officers never collect cash, cards or PINs "
                "from anyone's home, and gave the Action Fraud-style reporting line wording "
                "from the statement.",
                True,
            ),
            ("close", 170, OFFICER),
        ],
    },
    {
        "email": "daniel.fenwick@radionorthmoor.example",
        "channel": "phone",
        "received": ("weekday", 13, "11:05"),
        "deadline": ("hours", 5),
        "subject": "Interview bid: speeding on rural roads",
        "question": (
            "Daniel would like a roads policing officer for a live two-way on the drive-time "
            "programme about speeding through villages on the Wenlow road. Any day this week "
            "between 16:00 and 18:00."
        ),
        "steps": [
            ("assign", 5, MANAGER, OFFICER),
            (
                "note",
                55,
                OFFICER,
                "Roads policing inspector can do Thursday at 16:40 by phone. Checking he has "
                "the latest speed watch figures.",
            ),
            (
                "respond",
                80,
                OFFICER,
                "Offered the roads policing inspector for Thursday at 16:40, live by phone. "
                "Daniel accepted; studio number and brief sent to the inspector.",
                True,
            ),
            ("close", 95, OFFICER),
        ],
    },
    {
        "email": "aisha.begum@braybeckgazette.example",
        "channel": "web",
        "received": ("weekday", 12, "14:30"),
        "deadline": ("hours", 24),
        "subject": "Parking outside Braybeck primary school",
        "question": (
            "Parents say cars are parked on the zigzag lines outside Braybeck primary every "
            "morning and afternoon. Are officers going to enforce this, and how many tickets "
            "have been issued there this term?"
        ),
        "steps": [
            ("assign", 20, MANAGER, OFFICER),
            (
                "respond",
                200,
                OFFICER,
                "Parking on school zigzags is enforced by the council's civil enforcement "
                "officers, so the ticket figures are theirs. On the record: neighbourhood "
                "officers will visit at drop-off and pick-up next week and will deal with "
                "dangerous or obstructive parking.",
                True,
            ),
            ("close", 215, OFFICER),
        ],
    },
    {
        "email": "kwame.mensah@dailyledger.example",
        "channel": "web",
        "received": ("weekday", 11, "10:30"),
        "deadline": ("hours", 30),
        "subject": "Chief officers' expenses",
        "question": (
            "For a national round-up, please send the total expenses claimed by the chief "
            "officer team in the last financial year, broken down by officer if possible."
        ),
        "steps": [
            ("assign", 25, MANAGER, OFFICER),
            (
                "note",
                60,
                OFFICER,
                "Finance confirm the figures are already published with the annual accounts.",
            ),
            (
                "respond",
                240,
                OFFICER,
                "Pointed Kwame to the published expenses in the annual accounts, page 14, "
                "which break them down by chief officer. Nothing further to add.",
                True,
            ),
            ("close", 250, MANAGER),
        ],
    },
    {
        "email": "fiona.gallagher@moorland.example",
        "channel": "phone",
        "received": ("weekday", 10, "13:15"),
        "deadline": ("hours", 48),
        "subject": "Filming request: a night shift with response officers",
        "question": (
            "Fiona wants to film a Friday night shift with a response team in Northmoor town "
            "centre for a documentary strand in the new year. Camera crew of two."
        ),
        "steps": [
            ("assign", 10, MANAGER, OFFICER),
            (
                "respond",
                180,
                OFFICER,
                "Not for broadcast: happy in principle, subject to the superintendent's "
                "agreement. Sent the filming request form; we need five working days' notice "
                "and the crew's details.",
                False,
            ),
            ("close", 190, OFFICER),
        ],
    },
    {
        "email": "lewis.grant@dalesfarmer.example",
        "channel": "web",
        "received": ("weekday", 9, "08:45"),
        "deadline": ("hours", 48),
        "subject": "How many officers are in the rural crime team?",
        "question": (
            "Farmers I speak to say they never see the rural crime team. How many officers are "
            "in it, and how much of the county does it cover?"
        ),
        "steps": [
            ("assign", 30, MANAGER, OFFICER),
            (
                "respond",
                300,
                OFFICER,
                "On the record: the rural crime team has a sergeant and six constables, "
                "working with neighbourhood teams across the whole force area, and is backed "
                "by volunteer farm watch coordinators.",
                True,
            ),
            ("close", 320, OFFICER),
        ],
    },
    {
        "email": "sophie.marsh@example.com",
        "channel": "web",
        "received": ("weekday", 8, "16:20"),
        "deadline": ("hours", 72),
        "subject": "Drone trial: searches so far",
        "question": (
            "I'm writing about police use of drones for a technology magazine. How many "
            "searches for missing people has the drone been used in since the trial began, "
            "and has it found anyone?"
        ),
        "steps": [
            ("assign", 15, MANAGER, OFFICER),
            (
                "respond",
                100,
                OFFICER,
                "On the record: used in 23 searches so far; in four of them the drone crew "
                "were first to find the missing person. Offered a photo opportunity with the "
                "drone unit.",
                True,
            ),
            ("close", 110, OFFICER),
        ],
    },
    {
        "email": "aisha.begum@braybeckgazette.example",
        "channel": "web",
        "received": ("sun", 2, "11:30"),
        "deadline": ("hours", 50),
        "subject": "Church burglaries: any arrests yet?",
        "question": (
            "Following the appeal about burglaries at village churches, has anyone been "
            "arrested? St Anne's in Braybeck was broken into again on Friday night."
        ),
        "steps": [
            ("assign", 21 * 60, MANAGER, OFFICER),
            (
                "note",
                22 * 60,
                OFFICER,
                "CID confirm the Friday break-in at St Anne's is linked to the series.",
            ),
            (
                "respond",
                24 * 60,
                OFFICER,
                "On the record: no arrests yet. Officers are treating Friday's break-in at "
                "St Anne's as linked to the earlier ones and are asking anyone who saw a dark "
                "van near the church after 22:00 to get in touch.",
                True,
            ),
            ("close", 24 * 60 + 10, OFFICER),
        ],
    },
    {
        "email": "tom.hartley@northmoortv.example",
        "channel": "web",
        "urgent": True,
        "received": ("sat", 2, "22:10"),
        "deadline": ("hours", 1.25),
        "subject": "Large police presence at Castlegate retail park",
        "question": (
            "Viewers are sending us pictures of several police cars and a cordon at Castlegate "
            "retail park. What is happening? We would like a line for the late bulletin."
        ),
        "steps": [
            ("alert", 4),
            (
                "respond",
                25,
                WHOEVER_WAS_ON_CALL,
                "On the record: officers were called at 21:30 to a disturbance involving a "
                "group of young people. Two teenagers were arrested on suspicion of affray. "
                "Nobody was seriously hurt and the car park reopened at 22:05.",
                True,
            ),
            ("resolve_alert", 27, WHOEVER_WAS_ON_CALL),
            ("close", 34 * 60, MANAGER),
        ],
    },
    {
        "email": "hannah.okoro@eveningpost.example",
        "channel": "web",
        "received": ("weekday", 7, "12:40"),
        "deadline": ("hours", 5),
        "subject": "Sentencing date: Braybeck cash machine fraud",
        "question": (
            "When is the woman charged over the Braybeck cash machine fraud due to be "
            "sentenced, and at which court?"
        ),
        "steps": [
            ("assign", 8, MANAGER, OFFICER),
            (
                "respond",
                45,
                OFFICER,
                "Sentencing is listed at Northmoor Crown Court on the 18th; we will issue a "
                "result statement on the day.",
                True,
            ),
            ("close", 60, OFFICER),
        ],
    },
    {
        "email": "daniel.fenwick@radionorthmoor.example",
        "channel": "web",
        "received": ("weekday", 3, "09:50"),
        "deadline": ("hours", 4),
        "subject": "Knife amnesty: how many knives in the first week?",
        "question": (
            "How many knives and other weapons were handed in during the first week of the "
            "amnesty, and which station's bin collected the most? For the 13:00 news."
        ),
        "statement": "knife-amnesty-bins-to-open-at-six-stations",
        "steps": [
            ("assign", 10, MANAGER, OFFICER),
            (
                "respond",
                150,
                OFFICER,
                "On the record: 214 knives and 9 other weapons in the first week. Eastfold's "
                "bin collected the most. Quote from the knife crime lead sent by email.",
                True,
            ),
        ],
    },
    {
        "email": "newsdesk@radionorthmoor.example",
        "channel": "phone",
        "received": ("weekday", 3, "10:35"),
        "deadline": ("hours", 2.5),
        "subject": "Knife amnesty figures",
        "question": (
            "Jess on the Radio Northmoor news desk called for the knife amnesty figures for "
            "the lunchtime bulletin."
        ),
        "steps": [
            (
                "note",
                3,
                OFFICER,
                "Daniel Fenwick from the same station asked this by the web form earlier this "
                "morning; Jess will get the same answer.",
            ),
            ("duplicate", 5, OFFICER, "Knife amnesty: how many knives in the first week?"),
        ],
    },
    {
        "email": "fiona.gallagher@moorland.example",
        "channel": "phone",
        "urgent": True,
        "received": ("weekday", 2, "10:10"),
        "deadline": ("hours", 1.5),
        "subject": "Cordon in Wenlow town centre",
        "question": (
            "Fiona's camera crew is at a cordon on Wenlow high street, outside the bank. She "
            "needs to know whether it is a crime scene before the lunchtime programme."
        ),
        "steps": [
            ("assign", 3, MANAGER, OFFICER),
            (
                "note",
                20,
                OFFICER,
                "Control room: a suspicious package left outside the bank; the bomb disposal "
                "team is on its way as a precaution.",
            ),
            (
                "respond",
                45,
                OFFICER,
                "On the record: officers put a cordon in place at 09:40 after a bag was left "
                "outside a bank on the high street. It is being examined as a precaution and "
                "we ask people to avoid the area.",
                True,
            ),
        ],
    },
    {
        "email": "priya.raman@eveningpost.example",
        "channel": "web",
        "received": ("weekday", 2, "11:45"),
        "deadline": ("hours", 5),
        "subject": "Fatal Four campaign: results of the first week",
        "question": (
            "How many drivers have been stopped for speeding, phone use, seat belts or drink "
            "driving since the Fatal Four campaign began?"
        ),
        "statement": "fatal-four-campaign-begins-as-summer-traffic-builds",
        "steps": [
            ("assign", 30, MANAGER, OFFICER),
            (
                "respond",
                210,
                OFFICER,
                "On the record: 162 drivers dealt with in the first week: 118 for speeding, "
                "27 for using a phone, 12 without a seat belt and 5 arrested for drink or drug "
                "driving.",
                True,
            ),
        ],
    },
    {
        "email": "gareth.lloyd@newswire.example",
        "channel": "web",
        "received": ("weekday", 2, "15:40"),
        "deadline": ("from_now", 2 * 24 * 60),
        "subject": "Stop and search figures for the last five years",
        "question": (
            "Please provide the number of stop and searches carried out each year for the last "
            "five years, with the proportion that led to an arrest."
        ),
        "steps": [
            ("assign", 45, MANAGER, OFFICER),
            (
                "note",
                70,
                OFFICER,
                "This reads as a freedom of information request. Checking with the FOI team "
                "whether they handle it, so Gareth gets one answer, not two.",
            ),
        ],
    },
    {
        "email": "tom.hartley@northmoortv.example",
        "channel": "phone",
        "received": ("weekday", 5, "14:00"),
        "deadline": ("hours", 3),
        "subject": "Missing Wenlow teenager: where was she found?",
        "question": (
            "Tom asked where the missing Wenlow teenager was found and whether anyone will "
            "face charges."
        ),
        "statement": "missing-wenlow-teenager-found-safe-and-well",
        "steps": [
            ("assign", 6, MANAGER, OFFICER),
            (
                "respond",
                40,
                OFFICER,
                "Not for broadcast: we will not say where she was found, to protect her "
                "privacy, and there is no criminal investigation. Thanked the public for "
                "sharing the appeal.",
                False,
            ),
        ],
    },
    {
        "email": "ben.carver@northmoorlive.example",
        "channel": "web",
        "received": ("weekday", 4, "12:30"),
        "deadline": ("hours", 24),
        "subject": "Castlegate street surgeries: dates and places",
        "question": (
            "When and where are the neighbourhood street surgeries in Castlegate this month? "
            "We'd like to list them in our what's on page."
        ),
        "steps": [
            ("assign", 20, MANAGER, OFFICER),
            (
                "respond",
                90,
                OFFICER,
                "Sent the list of dates: Tuesdays 10:00-12:00 outside the library, Thursdays "
                "15:00-17:00 at the market hall.",
                True,
            ),
        ],
    },
    {
        "email": "gareth.lloyd@newswire.example",
        "channel": "web",
        "urgent": True,
        "received": ("sat", 1, "23:05"),
        "deadline": ("hours", 1),
        "subject": "Serious collision on the Braybeck road",
        "question": (
            "We are hearing that the road between Braybeck and Wenlow is closed after a serious "
            "crash. Can you confirm what happened and whether anyone has died?"
        ),
        "steps": [
            ("alert", 6),
            (
                "note",
                15,
                WHOEVER_WAS_ON_CALL,
                "Roads policing sergeant: one car, two people taken to hospital. Next of kin not "
                "yet told, so nothing about injuries.",
            ),
            (
                "respond",
                30,
                WHOEVER_WAS_ON_CALL,
                "On the record: we were called at 22:40 to a collision involving one car on the "
                "road between Braybeck and Wenlow. Two people were taken to hospital. The road "
                "is closed while collision investigators work at the scene.",
                True,
            ),
            ("resolve_alert", 31, WHOEVER_WAS_ON_CALL),
        ],
    },
    {
        "email": "kwame.mensah@dailyledger.example",
        "channel": "web",
        "urgent": True,
        "received": ("weekday", 1, "20:40"),
        "deadline": ("hours", 1.75),
        "subject": "Arrests at the Northmoor Road protest",
        "question": (
            "Our reporter at the protest on Northmoor Road says several people have been "
            "arrested. How many, and on suspicion of what? We go to press at 22:30."
        ),
        "steps": [
            ("alert", 5),
            (
                "note",
                20,
                WHOEVER_WAS_ON_CALL,
                "Waiting for the duty inspector to confirm the number of arrests. Told Kwame "
                "we will call back as soon as it is confirmed.",
            ),
        ],
    },
    {
        "email": "hannah.okoro@eveningpost.example",
        "channel": "web",
        "received": ("weekday", 1, "09:30"),
        "deadline": ("from_now", -30),
        "subject": "Eastfold stabbing: appeal against sentence?",
        "question": (
            "Is it true that the man jailed for the Eastfold stabbing is appealing against his "
            "sentence? Has the family been told?"
        ),
        "steps": [
            ("assign", 15, MANAGER, OFFICER),
            (
                "note",
                50,
                OFFICER,
                "Asked the officer in the case and the CPS press office. The family liaison "
                "officer will speak to the family before we say anything.",
            ),
        ],
    },
    {
        "email": "rachel.dunn@wenlowweekly.example",
        "channel": "phone",
        "received": ("weekday", 1, "11:10"),
        "deadline": ("from_now", 100),
        "subject": "Wenlow Christmas market: road closures and policing",
        "question": (
            "Rachel asked which roads will be closed for the Christmas market in Wenlow, and "
            "whether there will be extra officers on patrol."
        ),
        "steps": [("assign", 10, MANAGER, OFFICER)],
    },
    {
        "email": "hannah.okoro@eveningpost.example",
        "channel": "web",
        "urgent": True,
        "received": ("weekday", 1, "15:20"),
        "deadline": ("hours", 1.5),
        "subject": "Lorry fire on the Northmoor bypass",
        "question": (
            "The bypass is shut both ways because of a lorry fire, say our readers. How long "
            "will it stay closed, and was anyone hurt?"
        ),
        "steps": [
            ("assign", 4, MANAGER, OFFICER),
            (
                "note",
                25,
                OFFICER,
                "Fire service lead on the incident; waiting for the highways agency's estimate "
                "of when the road reopens.",
            ),
            (
                "respond",
                55,
                OFFICER,
                "On the record: the lorry's driver got out unhurt and nobody else was "
                "involved. The bypass is closed in both directions between the Castlegate and "
                "Eastfold junctions and is expected to reopen by 19:00; diversions are signed.",
                True,
            ),
        ],
    },
    {
        "email": "newsdesk@radionorthmoor.example",
        "channel": "phone",
        "received": ("weekday", 1, "16:55"),
        "deadline": ("from_now", 24 * 60),
        "subject": "Bonfire night: arrests and fireworks complaints",
        "question": (
            "Jess asked how many arrests and fireworks complaints there were over the bonfire "
            "weekend, for a round-up package."
        ),
        "steps": [],
    },
    {
        "email": "lewis.grant@dalesfarmer.example",
        "channel": "web",
        "received": ("weekday", 1, "17:40"),
        "deadline": ("from_now", -120),
        "subject": "Quad bike thefts this year",
        "question": (
            "How many quad bikes and farm vehicles have been reported stolen in Northmoor this "
            "year, compared with last year?"
        ),
        "statement": "quad-bike-thefts-farmers-urged-to-check-security",
        "steps": [],
    },
    {
        "email": "sophie.marsh@example.com",
        "channel": "web",
        "received": ("sun", 1, "19:15"),
        "deadline": ("from_now", 3 * 24 * 60),
        "subject": "Feature on special constables",
        "question": (
            "I'm writing a feature on volunteer police officers. Could I interview one of the "
            "new special constables, and tell me how many hours they give each month?"
        ),
        "steps": [],
    },
    {
        "email": "priya.raman@eveningpost.example",
        "channel": "web",
        "received": ("ago", 20),
        "deadline": ("from_now", 90),
        "subject": "Body-worn video: complaints since the roll-out",
        "question": (
            "Since every frontline officer was given body-worn video, has the number of "
            "complaints against officers gone down? Figures for the last two years would help."
        ),
        "steps": [],
    },
    {
        "email": "ben.carver@northmoorlive.example",
        "channel": "web",
        "received": ("ago", 35),
        "deadline": ("from_now", 110),
        "subject": "Free bike marking: next dates",
        "question": (
            "Readers are asking when the next free bike marking sessions are. Are there any "
            "before Christmas, and do people need to book?"
        ),
        "steps": [],
    },
]


# --- Loading -----------------------------------------------------------------------------------


@dataclass
class Loaded:
    """What one run added (zero everywhere on a second run) and what it had to leave out."""

    contacts: int = 0
    enquiries: int = 0
    contact_methods: int = 0
    rota: bool = False
    policy: bool = False
    office_hours: bool = False
    closure: bool = False
    missing_users: tuple = ()


def demo_users():
    """The demo people by username; those not created yet are missing from the result."""
    User = get_user_model()  # noqa: N806 (Django's idiom)
    return {u.username: u for u in User.objects.filter(username__in=DEMO_USERNAMES)}


@transaction.atomic
def load_demo_operations(now=None):
    """Load everything that is not there yet; what exists already is left as it is."""
    now = now or timezone.now()
    result = Loaded()
    # The demo people must be able to open the queue they are shown working in.
    ensure_enquiry_permissions()
    result.office_hours = ensure_office_hours()
    result.closure = ensure_christmas_shutdown(timezone.localdate(now).year)
    result.contacts = ensure_contacts(now)
    users = demo_users()
    result.missing_users = tuple(name for name in DEMO_USERNAMES if name not in users)
    if result.missing_users:
        return result
    result.contact_methods = ensure_contact_methods(users)
    rota, result.rota = ensure_rota(users, now)
    policy, result.policy = ensure_policy(users, rota)
    result.enquiries = ensure_enquiries(users, rota, policy, now)
    return result


def ensure_office_hours():
    """Monday to Friday, 08:00 to 18:00, closed on England and Wales bank holidays."""
    hours = OfficeHoursSettings.load()
    if hours.periods.exists():
        return False
    hours.bank_holiday_region = BankHolidayRegion.ENGLAND_AND_WALES
    hours.save()
    for day in range(5):
        OfficeHoursPeriod.objects.create(
            setting=hours,
            weekday=day,
            opens_at=OFFICE_OPENS,
            closes_at=OFFICE_CLOSES,
            sort_order=day,
        )
    return True


def ensure_christmas_shutdown(year):
    _, created = Closure.objects.get_or_create(
        reason=CHRISTMAS_SHUTDOWN,
        start_date=datetime(year, 12, 24).date(),
        defaults={"end_date": datetime(year + 1, 1, 1).date()},
    )
    return created


def ensure_contacts(now):
    created = 0
    for name, outlet, email, phone in CONTACTS:
        if MediaContact.objects.filter(email__iexact=email).exists():
            continue
        MediaContact.objects.create(
            name=name,
            outlet=outlet,
            email=email,
            phone=normalise_phone(phone),
            created_at=now - timedelta(days=120),
        )
        created += 1
    return created


def ensure_contact_methods(users):
    created = 0
    for username, methods in CONTACT_METHODS.items():
        for priority, (kind, address, label) in enumerate(methods, start=1):
            method = ContactMethod(
                user=users[username],
                kind=kind,
                address=address,
                label=label,
                priority=priority,
                verified=True,
            )
            method.full_clean(exclude=["user"], validate_unique=False, validate_constraints=False)
            _, made = ContactMethod.objects.get_or_create(
                user=method.user,
                kind=method.kind,
                address=method.address,
                defaults={"label": label, "priority": priority, "verified": True},
            )
            created += made
    return created


def _shift_start(now):
    """The Monday 08:00 (London) that began the week's shift running at ``now``."""
    local = timezone.localtime(now)
    monday = local.date() - timedelta(days=local.weekday())
    if local.weekday() == 0 and local.time() < OFFICE_OPENS:
        monday -= timedelta(days=7)
    return monday


def ensure_rota(users, now):
    """A weekly rota whose rotation puts the on-call officer on this week, and one swap."""
    rota = OnCallRota.objects.filter(name=ROTA_NAME).first()
    if rota is not None:
        return rota, False
    rota = OnCallRota.objects.create(
        name=ROTA_NAME,
        description=ROTA_DESCRIPTION,
        # An even number of weeks back, so the first member has the current week.
        starts_on=_shift_start(now) - timedelta(weeks=4),
        handoff_weekday=OnCallRota.Weekday.MONDAY,
        handoff_time=time(8, 0),
        shift_length=7,
        shift_unit=OnCallRota.ShiftUnit.DAYS,
    )
    for order, username in enumerate(ROTA_MEMBERS):
        RotaMember.objects.create(rota=rota, user=users[username], sort_order=order)
    # Next weekend's swap: the member not due that weekend covers Friday 18:00 to Monday 08:00.
    today = timezone.localdate(now)
    friday = today + timedelta(days=(4 - today.weekday()) % 7 or 7)
    starts_at = timezone.make_aware(datetime.combine(friday, OFFICE_CLOSES))
    ends_at = timezone.make_aware(datetime.combine(friday + timedelta(days=3), OFFICE_OPENS))
    due = rota.on_call(starts_at + timedelta(hours=1))
    cover = next(users[name] for name in ROTA_MEMBERS if users[name].pk != due)
    RotaOverride.objects.create(
        rota=rota,
        user=cover,
        starts_at=starts_at,
        ends_at=ends_at,
        reason=SWAP_REASON,
        created_by=users[MANAGER],
        created_at=now,
    )
    return rota, True


def ensure_policy(users, rota):
    """Level 1 the rota's on-call officer, level 2 the manager, twice more, then the manager."""
    policy = EscalationPolicy.objects.filter(name=POLICY_NAME).first()
    if policy is not None:
        return policy, False
    policy = EscalationPolicy.objects.create(
        name=POLICY_NAME,
        is_default=not EscalationPolicy.objects.filter(is_default=True).exists(),
        repeat=POLICY_REPEAT,
        fallback_timeout_minutes=15,
    )
    policy.fallback.set([users[MANAGER]])
    policy.save()  # a ParentalManyToManyField is only written when its owner is saved
    first = EscalationLevel.objects.create(
        policy=policy, sort_order=0, timeout_minutes=POLICY_LEVEL_MINUTES
    )
    first.rotas.set([rota])
    first.save()
    second = EscalationLevel.objects.create(
        policy=policy, sort_order=1, timeout_minutes=POLICY_LEVEL_MINUTES
    )
    second.people.set([users[MANAGER]])
    second.save()
    return policy, True


# --- Enquiries ---------------------------------------------------------------------------------


def _working_day_before(today, n):
    day, left = today, n
    while left:
        day -= timedelta(days=1)
        if day.weekday() < 5:
            left -= 1
    return day


def _weekend_day_before(today, n, weekday):
    day = today - timedelta(days=(today.weekday() - weekday - 1) % 7 + 1)
    return day - timedelta(weeks=n - 1)


def received_at(spec, now):
    if spec[0] == "ago":
        return now - timedelta(minutes=spec[1])
    kind, n, clock = spec
    today = timezone.localdate(now)
    if kind == "weekday":
        day = _working_day_before(today, n)
    else:
        day = _weekend_day_before(today, n, 5 if kind == "sat" else 6)
    hour, minute = map(int, clock.split(":"))
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def deadline_of(spec, received, now):
    if spec is None:
        return None
    unit, amount = spec
    if unit == "hours":
        deadline = received + timedelta(hours=amount)
    else:  # a journalist names a time of day, not a count of minutes: 14:35, not 14:37:12
        deadline = now + timedelta(minutes=amount)
        deadline -= timedelta(minutes=deadline.minute % 5, seconds=deadline.second)
        deadline = deadline.replace(microsecond=0)
    return max(deadline, received + timedelta(hours=1))


def ensure_enquiries(users, rota, policy, now):
    """Each demo enquiry once, oldest first so the references run in the order they arrived."""
    journalists = {email: (name, outlet, phone) for name, outlet, email, phone in CONTACTS}
    hours = routing.office_hours()
    planned = sorted(
        ((received_at(data["received"], now), data) for data in ENQUIRIES),
        key=lambda pair: pair[0],
    )
    created = 0
    for received, data in planned:
        if Enquiry.objects.filter(subject=data["subject"], email__iexact=data["email"]).exists():
            continue
        name, outlet, phone = journalists[data["email"]]
        contact = MediaContact.found_again(
            name=name, outlet=outlet, email=data["email"], phone=phone
        )
        enquiry = _receive(data, contact, received, users, hours, now)
        _History(enquiry, users, rota, policy, now).play(data["steps"])
        created += 1
    return created


def _receive(data, contact, received, users, hours, now):
    """The enquiry as it arrived, routed as the rules route it, with its first emails."""
    channel = data["channel"]
    enquiry = Enquiry.objects.create(
        channel=channel,
        contact=contact,
        journalist_name=contact.name,
        outlet=contact.outlet,
        email=contact.email,
        phone=contact.phone,
        subject=data["subject"],
        question=data["question"],
        deadline=deadline_of(data.get("deadline"), received, now),
        urgent=data.get("urgent", False),
        statement=StatementPage.objects.live().filter(slug=data["statement"]).first()
        if data.get("statement")
        else None,
        received_at=received,
    )
    taken_by = users[OFFICER] if channel == Enquiry.Channel.PHONE else None
    _event(
        enquiry,
        received,
        EnquiryEvent.Kind.RECEIVED,
        f"Received by {enquiry.get_channel_display().lower()}",
        actor=taken_by,
        data={"channel": channel},
    )
    decision = routing_rules.route(enquiry.urgent, received, hours)
    enquiry.route, enquiry.route_reason = decision.route, decision.reason
    enquiry.save(update_fields=["route", "route_reason"])
    _event(
        enquiry,
        received,
        EnquiryEvent.Kind.ROUTED,
        f"{enquiry.get_route_display()}. {decision.reason}",
        data={
            "route": decision.route,
            "next_opening": decision.next_opening.isoformat() if decision.next_opening else None,
        },
    )
    sent = min(received + timedelta(minutes=1), now)
    context = {"enquiry": enquiry, "office": press_office()}
    if enquiry.email:
        _email_event(enquiry, sent, ACKNOWLEDGEMENT, [enquiry.email], "acknowledgement", context)
    if decision.route == Enquiry.Route.IN_HOURS and team_address():
        _email_event(
            enquiry, sent, TEAM_NOTIFICATION, [team_address()], "team_notification", context
        )
    return enquiry


def _event(enquiry, at, kind, message, *, actor=None, data=None):
    return EnquiryEvent.objects.create(
        enquiry=enquiry, at=at, kind=kind, message=message, actor=actor, data=data or {}
    )


def _email_event(enquiry, at, email_kind, to, template, context):
    """The timeline line the email task writes; with it there the task never sends it again."""
    subject = " ".join(render_to_string(f"enquiries/email/{template}_subject.txt", context).split())
    _event(
        enquiry,
        at,
        EnquiryEvent.Kind.EMAIL,
        f"Email sent: {subject}",
        data={"email": email_kind, "to": to},
    )


def _name(user):
    return user.get_full_name() or user.get_username()


class _History:
    """Plays an enquiry's steps in order, each dated ``received_at`` + its minutes."""

    def __init__(self, enquiry, users, rota, policy, now):
        self.enquiry, self.users, self.rota, self.policy = enquiry, users, rota, policy
        self.now = now
        self.alert = None
        self.on_call = None
        self.last = enquiry.received_at

    def when(self, minutes):
        """Never in the future, never before the previous step."""
        at = self.enquiry.received_at + timedelta(minutes=minutes)
        at = min(at, self.now - timedelta(seconds=30))
        self.last = max(at, self.last)
        return self.last

    def person(self, who):
        return self.on_call if who == WHOEVER_WAS_ON_CALL else self.users[who]

    def play(self, steps):
        for what, minutes, *args in steps:
            at = self.when(minutes)
            if what == "alert":
                self.page(self.enquiry.received_at, acknowledged_at=at)
            elif what == "resolve_alert":
                self.resolve(at, self.person(args[0]))
            else:
                self.act(what, at, args)

    def act(self, what, at, args):
        """A press office action by the model's own method, its records dated ``at``."""
        enquiry = self.enquiry
        by = self.person(args[0])
        last_event = EnquiryEvent.objects.order_by("-pk").values_list("pk", flat=True).first()
        last_log = ModelLogEntry.objects.order_by("-pk").values_list("pk", flat=True).first()
        if what == "assign":
            enquiry.assign(self.person(args[1]), by=by)
        elif what == "note":
            enquiry.add_note(args[1], by=by)
        elif what == "respond":
            enquiry.record_response(args[1], args[2], by=by, responded_at=at)
        elif what == "close":
            enquiry.close(by=by)
        elif what == "duplicate":
            original = Enquiry.objects.filter(subject=args[1]).exclude(pk=enquiry.pk).latest("pk")
            enquiry.mark_duplicate(original, by=by)
        else:
            raise ValueError(f"unknown demo step {what!r}")
        # Only this action's lines (the original's too, for a duplicate) move back in time.
        EnquiryEvent.objects.filter(pk__gt=last_event or 0).update(at=at)
        ModelLogEntry.objects.filter(pk__gt=last_log or 0).update(timestamp=at)

    def page(self, opened_at, acknowledged_at):
        """What the alerting did that night: the on-call officer paged once and acknowledging.

        Written as rows rather than run through the engine, which would page people today.
        """
        enquiry, policy = self.enquiry, self.policy
        on_call_id = self.rota.on_call(opened_at)
        self.on_call = (
            self.users[MANAGER]
            if on_call_id is None
            else (get_user_model().objects.get(pk=on_call_id))
        )
        plan = policy.snapshot()
        alert = Alert.objects.create(
            enquiry=enquiry,
            policy=policy,
            plan=plan,
            status=Alert.Status.ACKNOWLEDGED,
            level=0,
            round=0,
            next_action_at=None,
            opened_at=opened_at,
            acknowledged_by=self.on_call,
            acknowledged_at=acknowledged_at,
        )
        self.alert = alert
        _event(
            enquiry,
            opened_at,
            EnquiryEvent.Kind.ALERT,
            f"On-call alert opened under the policy “{policy.name}”.",
            data={"alert": alert.pk, "plan": plan},
        )
        escalates_at = opened_at + timedelta(minutes=POLICY_LEVEL_MINUTES)
        _event(
            enquiry,
            opened_at,
            EnquiryEvent.Kind.ALERT,
            f"Alerting {_name(self.on_call)} at level 1 (round 1); next step at "
            f"{timezone.localtime(escalates_at):%H:%M} unless acknowledged.",
            data={
                "alert": alert.pk,
                "step": [0, 0],
                "people": [self.on_call.pk],
                "next_action_at": escalates_at.isoformat(),
            },
        )
        method = ContactMethod.usable_for([self.on_call.pk]).first()
        if method is not None:
            self.deliver(alert, method, opened_at)
        enquiry.assignee = self.on_call
        enquiry.status = Enquiry.Status.ASSIGNED
        enquiry.save(update_fields=["assignee", "status"])
        _event(
            enquiry,
            acknowledged_at,
            EnquiryEvent.Kind.ACKNOWLEDGED,
            f"{_name(self.on_call)} acknowledged the alert; the enquiry is theirs.",
            actor=self.on_call,
            data={"alert": alert.pk, "step": alert.step_label()},
        )
        if enquiry.email:
            told_at = acknowledged_at + timedelta(seconds=20)
            alert.journalist_told_at = told_at
            alert.save(update_fields=["journalist_told_at"])
            _event(
                enquiry,
                told_at,
                EnquiryEvent.Kind.EMAIL,
                f"Told {enquiry.journalist_name} by email that an on-call press officer has it.",
                data={"alert": alert.pk, "to": enquiry.email},
            )

    def deliver(self, alert, method, opened_at):
        """The one message that went out, accepted by the provider three seconds later."""
        sent_at = opened_at + timedelta(seconds=3)
        delivery = Delivery.objects.create(
            alert=alert,
            level=0,
            round=0,
            person=self.on_call,
            contact_method=method,
            channel=method.kind,
            address=method.address,
            status=Delivery.Status.SENT,
            attempts=1,
            answer="accepted",
            created_at=opened_at,
            updated_at=sent_at,
            sent_at=sent_at,
        )
        DeliveryAttempt.objects.create(
            delivery=delivery,
            number=1,
            started_at=opened_at,
            finished_at=sent_at,
            outcome=DeliveryAttempt.Outcome.SENT,
            answer="accepted",
        )
        _event(
            self.enquiry,
            sent_at,
            EnquiryEvent.Kind.NOTIFICATION,
            f"{delivery.get_channel_display()} to {_name(self.on_call)} sent (accepted).",
            data={
                "alert": alert.pk,
                "delivery": delivery.pk,
                "attempt": 1,
                "channel": delivery.channel,
                "address": delivery.address,
                "status": delivery.status,
            },
        )

    def resolve(self, at, by):
        Alert.objects.filter(pk=self.alert.pk).update(
            status=Alert.Status.RESOLVED, resolved_by=by, resolved_at=at
        )
        _event(
            self.enquiry,
            at,
            EnquiryEvent.Kind.ALERT,
            f"{_name(by)} resolved the alert.",
            actor=by,
            data={"alert": self.alert.pk, "resolved": True},
        )
