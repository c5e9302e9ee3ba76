"""The invented 'riverside' review, as plain data (one source for every container).

Every value is the canonical text as a person would write it in a CSV cell;
an empty string means "not recorded". Lists are ';'-separated strings here.
"""

REVIEW = {
    "id": "riverside",
    "title": "Domestic Homicide Review: Maya (Riverside estate)",
    "kind": "dhr",
    "area": "Wyndmere",
    "published": "2025",
    "period_start": "2022-01-01",
    "period_end": "2024-05-19",
    "subjects": "maya",
    "source": "Wyndmere Community Safety Partnership, DHR 'Maya' (invented example), 2025",
}

PEOPLE_COLS = ["id", "name", "role", "sex", "born", "child", "ethnicity", "notes"]
PEOPLE = [
    ["maya", "Maya", "subject", "f", "1988-04-12", "", "White British",
     "Victim of the homicide; mother of Lewis and Poppy."],
    ["dean", "Dean", "partner", "m", "1985", "", "White British",
     "Maya's partner from 2020 and Poppy's father."],
    ["lewis", "Lewis", "child", "m", "2005-09", "", "Mixed White and Black Caribbean",
     "Maya's son with Kai; turned 18 during the period under review."],
    ["poppy", "Poppy", "child", "f", "", "yes", "White British",
     "Maya and Dean's daughter; date of birth withheld in the report."],
    ["maureen", "Maternal grandmother", "relative", "f", "?1960", "", "White British",
     "Year of birth approximate."],
    ["kai", "Kai", "ex_partner", "m", "", "no", "Black Caribbean",
     "Lewis's father; no contact with the family during the period."],
    ["neighbour", "Neighbour", "other", "", "", "", "",
     "Reported two incidents; not related to the family."],
]

REL_COLS = ["person", "relation", "other", "notes"]
RELATIONSHIPS = [
    ["maya", "parent_of", "lewis", ""],
    ["maya", "parent_of", "poppy", ""],
    ["dean", "parent_of", "poppy", ""],
    ["kai", "parent_of", "lewis", ""],
    ["maureen", "parent_of", "maya", ""],
    ["maya", "partner_of", "dean", "On and off from 2020 until Maya's death."],
    ["maya", "ex_partner_of", "kai", "Separated in 2008."],
    ["lewis", "sibling_of", "poppy", "Half-siblings."],
    ["lewis", "household_member", "maureen", "Lewis lived with his grandmother from June 2023."],
    ["maureen", "carer_of", "poppy", "From May 2024."],
]

AGENCY_COLS = ["id", "name", "type", "area"]
AGENCIES = [
    ["wpol", "Wyndmere Constabulary", "police", ""],
    ["mash", "Wyndmere MASH", "mash", "Wyndmere"],
    ["csc", "Wyndmere Children's Social Care", "childrens_social_care", "Wyndmere"],
    ["gp", "Brook Lane Surgery", "gp", ""],
    ["ed", "Wyndmere General Hospital \u2013 Emergency Department", "emergency_department", "Wyndmere"],
    ["school", "Riverside Academy (nursery to sixth form)", "school", "Wyndmere"],
    ["idva", "Wyndmere IDVA Service", "idva", ""],
    ["marac", "Wyndmere MARAC", "marac", ""],
    ["amh", "Community Mental Health Team", "mental_health", "Wyndmere"],
    ["ehousing", "Eastmoor Housing Options", "housing", "Eastmoor"],
]

CHRON_COLS = ["id", "date", "agency", "type", "subjects", "summary", "risks",
              "referred_to", "shared_with", "not_shared_with", "attendees", "passes_on",
              "outcome", "spoken_to", "informant", "source", "comment",
              "officer_ref", "rag"]

# (id, date, agency, type, subjects, summary, risks, referred_to, shared_with,
#  not_shared_with, attendees, passes_on, outcome, spoken_to, informant, source,
#  comment, officer_ref, rag)
CHRONOLOGY = [
    ["pol-001", "2022-01-15", "wpol", "incident",
     "maya:victim;dean:perpetrator;poppy:witness;neighbour:reporter",
     'The neighbour called police to shouting at the flat. Maya had a red mark on her cheek '
     'and said she "walked into a door"; Dean said it was only an argument.',
     "domestic_abuse;injury", "", "", "", "", "", "nfa", "maya;dean", "neighbour",
     "4.2, p.11", "No DASH risk assessment was completed.", "PC 4471", "amber"],
    ["", "17/1/2022", "wpol", "share", "maya;poppy",
     "Public protection notice sent to the MASH, graded standard risk.",
     "domestic_abuse", "", "mash", "", "", "pol-001", "", "", "", "4.3, p.11", "", "", "amber"],
    ["", "2022-01-20", "mash", "decision", "poppy;maya",
     'MASH screened the notice and phoned Dean, who said it was "just words"; threshold '
     'for social care not met, letter to the GP.',
     "domestic_abuse", "", "gp", "school", "", "riverside-2", "threshold_not_met", "dean",
     "dean", "4.4, p.12",
     "Poppy was not seen and Maya was not spoken to; the decision rested on the alleged "
     "perpetrator's account.", "", ""],
    ["", "3/2/2022", "gp", "contact", "maya",
     "Maya attended with low mood and poor sleep; started on sertraline.",
     "mental_health", "", "", "", "", "", "", "maya", "", "4.6, p.13", "", "", ""],
    ["", "2022-03", "school", "contact", "lewis",
     "Lewis's attendance fell to 82%; the pastoral lead phoned home and Maya said he had "
     "been unwell.",
     "", "", "", "", "", "", "", "", "maya", "4.7, p.13", "", "", "green"],
    ["", "2022-04-09", "ed", "incident", "maya:victim",
     "Maya attended with a fractured finger, which she said she had caught in a car door. "
     "No routine enquiry about domestic abuse was recorded.",
     "injury", "", "gp", "", "", "", "discharged", "maya", "maya", "4.8, p.14",
     "Routine enquiry should have been made.", "", ""],
    ["", "12/04/2022", "gp", "contact", "maya",
     "ED discharge letter filed by the practice; no follow-up appointment offered.",
     "injury", "", "", "", "", "", "nfa", "", "", "4.9, p.14", "", "", ""],
    ["pol-002", "2022-06-30", "wpol", "incident", "maya:victim;dean:perpetrator;lewis:witness",
     "Lewis, 16, called 999 saying Dean had pushed his mother down the stairs.\n"
     "Dean was arrested; Maya declined to make a statement. DASH assessed as high risk.",
     "domestic_abuse;physical_abuse;injury", "marac;idva", "", "", "", "", "arrested",
     "maya;lewis;dean", "lewis", "4.11, p.15", "", "PC 5102", "red"],
    ["", "2022-07-01", "idva", "contact", "maya:victim",
     "IDVA tried three times to call Maya; no answer, and no letter was sent as it was not "
     "safe to do so.",
     "domestic_abuse;non_engagement", "", "", "", "", "", "", "", "", "4.12, p.16", "", "", ""],
    ["marac-a", "2022-07-14", "marac", "meeting", "maya:victim;dean:perpetrator;lewis;poppy",
     "MARAC heard the case. Actions: police to flag the address, IDVA to keep trying, "
     "school to be told.",
     "domestic_abuse", "", "", "school;ehousing", "wpol;idva;csc;gp", "pol-002", "marac",
     "", "", "4.13, p.16", "The action to inform the school was never completed.", "", ""],
    ["", "2022-07-20", "csc", "assessment", "lewis;poppy",
     "Single assessment opened after MARAC; Maya and Lewis seen at home.",
     "domestic_abuse;emotional_abuse", "", "", "", "", "", "single_assessment", "maya;lewis",
     "maya", "4.14, p.17", "", "", ""],
    ["", "2022-09-02", "csc", "decision", "lewis;poppy",
     "Assessment closed: Maya said she had separated from Dean. Advice given; case closed.",
     "domestic_abuse", "", "gp", "", "", "riverside-11", "closed", "maya", "maya",
     "4.15, p.17", "Dean's whereabouts were not checked.", "", ""],
    ["", "5/10/2022", "gp", "referral", "maya",
     'GP referred Maya to the community mental health team; she said "things at home are '
     'hard" and that she had thought about not being here.',
     "mental_health;suicidal_ideation", "amh", "", "", "", "riverside-4", "", "maya", "",
     "4.17, p.18", "", "", ""],
    ["", "2022-11-21", "amh", "assessment", "maya",
     "Telephone triage: Maya said she was no longer with Dean; discharged to the GP with "
     "self-help links.",
     "mental_health", "", "gp", "", "", "", "signposted", "maya", "maya", "4.18, p.18",
     "", "", ""],
    ["", "14/12/2022", "school", "disclosure", "lewis:subject;dean:perpetrator",
     'Lewis told his form tutor that Dean was "back living with us" and that he stayed out '
     'late to avoid going home.',
     "domestic_abuse;emotional_abuse", "", "", "", "", "", "", "lewis", "lewis",
     "4.19, p.19", "No referral and no record of sharing.", "", "red"],
    ["", "?2023-02-10", "ed", "incident", "maya:victim",
     'Maya attended with a cut to her head after "a fall"; the date is uncertain in the '
     'hospital record.',
     "injury", "", "gp", "", "", "", "discharged", "maya", "maya", "4.21, p.20", "", "", ""],
    ["pol-003", "2023-02-10", "wpol", "incident",
     "maya:victim;dean:perpetrator;poppy:witness;neighbour:reporter",
     "The neighbour reported shouting and a child crying. Officers attended; Maya said all "
     "was fine.",
     "domestic_abuse", "", "mash", "", "", "pol-002", "nfa", "maya;dean", "maya",
     "4.22, p.20", "", "PC 4471", "amber"],
    ["", "2023", "wpol", "other", "maya;dean",
     'Intelligence log, dated only "2023" in the review, that Dean was living at Maya\'s '
     'address again.',
     "domestic_abuse", "", "", "", "", "", "", "", "", "4.20, p.19", "", "", ""],
    ["", "2023-02-13", "mash", "referral", "poppy",
     "MASH passed the notice to children's social care for screening.",
     "domestic_abuse", "csc", "", "", "", "pol-003", "threshold_not_met", "", "",
     "4.23, p.20", "", "", ""],
    ["", "1/3/2023", "csc", "decision", "poppy",
     "Screening decision: threshold not met; signposted to the children's centre.",
     "domestic_abuse", "", "", "", "", "", "signposted", "", "maya", "4.24, p.21", "", "", ""],
    ["", "2023-04-18", "school", "referral", "lewis:victim;dean:perpetrator",
     "Lewis arrived with a bruise to his forearm and said Dean had grabbed him; the school "
     "referred to the MASH.",
     "physical_abuse;injury", "mash", "", "", "", "riverside-15", "", "lewis", "lewis",
     "4.25, p.21", "", "", "red"],
    ["strat-1", "2023-04-19", "csc", "meeting", "lewis;poppy;dean:perpetrator",
     "Strategy meeting: section 47 enquiries agreed for Lewis and Poppy.",
     "physical_abuse;domestic_abuse", "", "", "gp", "csc;wpol;school;mash", "riverside-21",
     "s47", "", "", "4.26, p.22", "The GP was not invited and not told.", "", ""],
    ["", "2023-05-03", "csc", "assessment", "lewis;poppy",
     "Section 47 enquiry: both children seen; Lewis said he wanted to live with his "
     "grandmother.",
     "physical_abuse;emotional_abuse", "", "", "", "", "", "cin_plan",
     "lewis;poppy;maya;maureen", "maya", "4.27, p.22", "", "", ""],
    ["", "2023-06", "csc", "other", "lewis;maureen",
     "Lewis moved to live with his grandmother under a family arrangement.",
     "", "", "", "", "", "", "", "maureen", "maureen", "4.28, p.23", "", "", ""],
    ["", "?2023-08", "ehousing", "contact", "maya;poppy",
     'Maya asked Eastmoor Housing Options about moving away from Wyndmere because of '
     '"problems with an ex"; no domestic abuse screening was done.',
     "domestic_abuse", "", "", "", "", "", "signposted", "maya", "maya", "4.29, p.23",
     "Eastmoor had no access to Wyndmere records.", "", ""],
    ["", "31/8/2023", "csc", "assessment", "lewis;poppy",
     "Child in need review. Lewis, then 17, was not seen; Maya said things were calm.",
     "", "", "", "", "", "", "cin_plan", "maya", "maya", "4.30, p.24", "", "", ""],
    ["", "1/9/2023", "csc", "decision", "lewis;poppy",
     "Child in need plan closed for Lewis, now 18; Poppy's plan stepped down.",
     "", "", "school;gp", "", "", "riverside-26", "closed", "maya", "maya", "4.31, p.24",
     "", "", ""],
    ["", "2023-10-05", "gp", "disclosure", "maya:victim;dean:perpetrator",
     "At a medication review Maya disclosed that Dean had threatened to kill her if she "
     "left him.",
     "domestic_abuse;threat_to_kill;coercive_control", "idva", "", "", "", "", "", "maya",
     "", "4.33, p.25", "", "", ""],
    ["", "2023-10-06", "idva", "assessment", "maya:victim",
     "IDVA completed a DASH risk assessment with Maya by phone: high risk; referred to MARAC.",
     "domestic_abuse;threat_to_kill", "marac", "", "", "", "riverside-28", "marac", "maya",
     "maya", "4.34, p.25", "", "", ""],
    ["marac-b", "2023-10-26", "marac", "meeting", "maya:victim;dean:perpetrator;poppy",
     "Second MARAC. Actions: police marker on the address, GP to review medication, IDVA to "
     "support a move.",
     "domestic_abuse;threat_to_kill;coercive_control", "", "", "ehousing",
     "wpol;idva;csc;gp;school;amh", "riverside-29;pol-001", "marac", "", "", "4.35, p.26",
     "Eastmoor Housing was not invited although Maya had approached it.", "", ""],
    ["", "2023-11", "wpol", "contact", "maya;poppy",
     "Address flagged for an urgent response (MARAC action).",
     "", "", "", "", "", "", "", "", "", "4.36, p.26", "", "", ""],
    ["", "?12/1/2024", "gp", "referral", "maya",
     "Maya said she had taken extra tablets after an argument; the GP re-referred her to "
     "the mental health team.",
     "overdose;self_harm;mental_health", "amh", "", "", "", "riverside-13", "", "maya", "maya",
     "4.38, p.27", "Date approximate in the GP record.", "", ""],
    ["", "2024-01-20", "amh", "assessment", "maya",
     "Face-to-face assessment: Maya disclosed that Dean controlled her money and phone, then "
     "declined further input.",
     "coercive_control;mental_health", "", "", "idva;marac", "", "", "declined", "maya",
     "maya", "4.39, p.27", "The disclosure was not shared with the IDVA or MARAC.", "", ""],
    ["", "2024-02-02", "ed", "incident", "maya",
     "Maya brought in by ambulance after an overdose of sertraline; Dean told staff it was "
     "accidental. Admitted overnight.",
     "overdose;suicide_attempt", "", "gp;amh", "", "", "", "admitted", "maya;dean", "dean",
     "4.40, p.28", "", "", ""],
    ["", "2024-02-05", "gp", "contact", "maya",
     "Discharge summary received; the GP phoned Maya, who said Dean was looking after her.",
     "overdose", "", "", "", "", "", "", "maya", "maya", "4.41, p.28", "", "", ""],
    ["", "2024-03-11", "school", "disclosure", "poppy;maya:victim;dean:perpetrator",
     'In nursery, Poppy said "Daddy hurt Mummy"; recorded on the safeguarding log and '
     'emailed to children\'s social care.',
     "domestic_abuse;emotional_abuse", "", "csc", "", "", "", "", "poppy", "poppy",
     "4.42, p.29", "", "", "amber"],
    ["", "2024-03-14", "csc", "decision", "poppy",
     "School's information logged; no further action as Maya said Dean had moved out.",
     "domestic_abuse", "", "", "", "", "", "nfa", "", "maya", "4.43, p.29",
     "Poppy was not seen.", "", ""],
    ["", "2024-04-22", "ehousing", "assessment", "maya;poppy",
     "Homelessness assessment opened after Maya said she needed to flee; she withdrew the "
     "application a week later.",
     "domestic_abuse", "", "", "", "", "", "declined", "maya", "maya", "4.44, p.30", "", "",
     ""],
    ["riverside-99", "2024-05-18", "wpol", "death", "maya:victim;dean:perpetrator",
     "Maya was found dead at home. Dean was arrested and later charged with her murder.",
     "domestic_abuse;injury", "", "csc;marac", "", "", "marac-b", "charged", "", "",
     "1.1, p.3", "", "DS 2208", "red"],
    ["", "2024-05-19", "csc", "meeting", "poppy;lewis;maureen",
     "Strategy meeting after Maya's death: Poppy placed with her maternal grandmother.",
     "", "", "", "", "csc;wpol;school", "riverside-99", "s47", "maureen", "", "5.1, p.31",
     "", "", ""],
]

LIST_COLS = {"subjects", "risks", "referred_to", "shared_with", "not_shared_with",
             "attendees", "passes_on", "spoken_to"}
DATE_COLS = {"date", "born", "period_start", "period_end"}


def rows_as_dicts(cols, rows):
    out = []
    for r in rows:
        assert len(r) == len(cols), (cols, r)
        out.append(dict(zip(cols, r)))
    return out


def entry_ids():
    """Explicit id, or the default <review id>-<n> (n = data row from 1)."""
    return [r[0] or "%s-%d" % (REVIEW["id"], n) for n, r in enumerate(CHRONOLOGY, 1)]
