"""The vocabularies the reading classifies with: verb cues, object classes, modifiers.

Short lists of RBA concepts (change words, knowledge and behaviour words,
service-delivery verbs, care and outcome nouns), grouped by the verb class
they signal; see :mod:`.reading` for how they are used. Not phrases fitted to
a set of examples: each entry names a kind of change, care or activity.
"""

from __future__ import annotations

import re

from . import patterns

_W = r"[\w'-]+"  # one word


def _alt(vocabulary: frozenset[str]) -> str:
    """A regex alternation of the words, longest first (deterministic)."""
    return "|".join(re.escape(w) for w in sorted(vocabulary, key=lambda w: (-len(w), w)))


# ----- the verb phrase: verb classes ------------------------------------------------------------

_UP = r"(?:increased|improved|gained|greater|higher|better|new|enhanced|more|stronger)"
_ANY = (
    r"(?:improved|better|healthier|reduced|lower|lowered|fewer|decreased|declin\w+|less|"
    r"increased|higher|greater|enhanced)"
)
_SKILL = (
    r"(?:knowledge|skills?|understanding|awareness|confidence|self-efficacy|abilit(?:y|ies)|"
    r"competenc(?:e|y|ies)|literacy|readiness)"
)
_MOVED = (
    r"(?:rose|rise[sn]?|increased|improved|grew|fell|fall(?:s|en)?|dropped|declined|decreased|"
    r"reduced|lowered|cut\s+down)"
)

#: Nouns that make the words before them a modifier, not care ("care plan", "visit scheduled").
_NOT_HEAD = (
    r"(?!(?:plans?|polic\w+|forms?|notes?|templates?|passports?|referrals?|reminders?|help|"
    r"information|education|no|not|coaching|on-site|site|home|monitoring|outreach|mentoring|"
    r"supervision|supervisory|technical|program|training)\b)"
)
_NOT_CARE_AFTER = (
    r"(?![-\s]+(?:plans?|coordinat\w*|managers?|management|teams?|providers?|passports?|notes?|"
    r"scheduled|booked|offered|planned|arranged|reminders?|templates?|checklists?|navigat\w*|"
    r"clinics?|centers?|centres?|practices?|sites?|facilit\w+|organi[sz]ations?|programs?|"
    r"systems?|settings?|workforce|staff)\b)"
)

#: After "behavior change" and the like: the change is the topic of something the program does.
_NOT_TOPIC = (
    r"(?!\s+(?:counsel\w*|training|programs?|curricul\w*|techniques?|strateg\w*|interventions?|"
    r"models?|theory|communication|messag\w*|education|classes|sessions?))"
)

#: (class, cue kind, pattern). Order within a class does not matter; classes are weighed below.
_CUES: tuple[tuple[str, str, str], ...] = (
    # a change in knowledge, skills, confidence or attitude: reported, rated or tested
    ("change", "knowledge", rf"\b{_UP}\s+(?:{_W}\s+){{0,2}}?{_SKILL}\b"),
    ("change", "knowledge", r"(?<!lessons )\blearn(?:ed|t)\b"),
    (
        "change",
        "knowledge",
        rf"\b(?:demonstrat|show)\w*\s+(?:{_W}\s+){{0,2}}?(?:correct|proper|mastery|skills?|"
        r"knowledge|abilit\w*|competen\w*|proficien\w*)",
    ),
    ("change", "knowledge", r"\b(?:correctly|properly|accurately)\b"),
    (
        "change",
        "knowledge",
        rf"\b(?:pass(?:ed|es)?|scor(?:e|ed|es|ing))\s+(?:{_W}\s+){{0,4}}?"
        r"(?:test|quiz|assessment|post-?test)s?\b|\bpost-?tests?\b",
    ),
    (
        "change",
        "knowledge",
        r"\b(?:can|could|(?:are|were|is|was|be|became|feel|felt)\s+able\s+to)\s",
    ),
    (
        "change",
        "knowledge",
        rf"\b(?:score|scores|rating|ratings|{_SKILL}|symptoms?)\b[^;]{{0,80}}?\b{_MOVED}\b",
    ),
    (
        "change",
        "knowledge",
        r"\brat(?:e|ed|es|ing)\s+(?:their|his|her)\s+[^;]{0,100}?\s+(?:higher|lower|better)\b",
    ),
    (
        "change",
        "knowledge",
        r"\bthan\s+(?:they\s+did\s+)?(?:at\s+)?(?:the\s+)?(?:start|beginning|baseline|before|"
        r"enrollment|intake|first)\b",
    ),
    (
        "change",
        "knowledge",
        r"\b(?:know|knew|knows|understand|understands|understood)\b(?!\s+(?:about|of)\s+the\s+"
        r"(?:program|service))",
    ),
    ("change", "change", rf"\b(?:{_MOVED}|went\s+(?:up|down))\b(?!\s+(?:number|percent))"),
    (
        "change",
        "knowledge",  # "report knowledge, behavior, and confidence change", "gains in skills"
        rf"\b(?:{_SKILL}|behaviou?rs?|attitudes?)\s+(?:changes?|gains?|improvements?)\b{_NOT_TOPIC}|"
        rf"\b(?:changes?|gains?|improvements?)\s+in\s+(?:their\s+)?(?:{_W}\s+){{0,2}}?"
        rf"(?:{_SKILL}|behaviou?rs?|attitudes?)\b",
    ),
    (
        "change",
        "attitude",
        r"\b(?:report(?:ed|s|ing)?|say|said|state[sd]?)\s+(?:that\s+)?(?:they\s+)?"
        r"(?:feel|feeling|felt)\b",
    ),
    (
        "change",
        "attitude",
        r"\b(?:more|increased|greater)\s+(?:confident|comfortable|willing|likely|prepared|ready|"
        r"empowered|motivated|hopeful|able)\b",
    ),
    (
        "change",
        "attitude",  # a state of confidence or readiness those counted feel: "who feel confident"
        r"\b(?:feel|feels|felt|feeling|are|is|were|was|became|become)\s+(?:now\s+)?"
        r"(?:more\s+|very\s+|fully\s+)?(?:confident|comfortable|prepared|ready|empowered)\b",
    ),
    ("change", "attitude", r"\bintend(?:s|ed)?\s+to\b|\bintentions?\s+to\b"),
    (
        "change",
        "knowledge",  # rated by those counted: "caregivers who rate their confidence as high"
        rf"\brat(?:e|ed|es|ing)\s+(?:their|his|her|its|the)\s+(?:own\s+)?{_SKILL}",
    ),
    (
        "change",
        "attitude",
        rf"\b{_ANY}\s+(?:{_W}\s+){{0,2}}?(?:attitudes?|beliefs?|perceptions?|motivation)\b",
    ),
    (
        "change",
        "practice",
        r"\breport(?:s|ed|ing)?\s+(?:\w+\s+){0,2}?(?:chang(?:ing|ed|es)|more|less|increased|"
        r"improved|greater|higher|better|fewer|reduced)\b",
    ),
    # behaviour: what people (or professionals) now do
    ("behaviour", "behavior", r"\bquit(?:s|ting)?\b|\bnot\s+smok\w*|\bno\s+longer\b"),
    (
        "behaviour",
        "behavior",
        r"\b(?:stopped|reduced|cut down|cut back)\s+(?:on\s+)?(?:smoking|using|drinking|vaping|"
        r"tobacco|alcohol|substance)",
    ),
    (
        "behaviour",
        "behavior",
        r"\babstain\w*|\babstinen\w*|\bsmoke[- ]?free\b|\btobacco[- ]?free\b|\bno-?smoking\b",
    ),
    (
        "behaviour",
        "behavior",
        r"\bsle(?:ep|eps|eping|pt)\s+(?:[\w,]+\s+){0,3}?(?:on\s+(?:the|their|his|her)\s+back|"
        r"alone|in\s+(?:a|an|the|their|his|her)\s+(?:own\s+)?(?:crib|bassinet))|\bno\s+soft\s+bedding\b",
    ),
    (
        "behaviour",
        "behavior",
        r"\bexclusive(?:ly)?\s+breast\w*|\bbreast\w*\s+exclusively\b|\bbreastfed\b|"
        r"\b(?:initiat\w*|continu\w*|sustain\w*|start\w*|still|kept\s+up|keep\s+up)\s+"
        r"(?:exclusive\s+)?breastfeeding\b",
    ),
    (
        "behaviour",
        "behavior",
        rf"\b(?:placed?|placing|put|puts|putting|laid|lay|lays)\b(?:\s+{_W}){{0,6}}?"
        r"\s+(?:on\s+(?:their|his|her|its|the)\s+backs?|(?:on\s+the\s+)?back\b|"
        r"in\s+(?:a|an|their|his|her|its)\s+(?:own\s+)?(?:crib|bassinet))",
    ),
    ("behaviour", "behavior", r"\badopt(?:s|ed|ing)?\b"),
    (
        "behaviour",
        "behavior",
        r"\breport(?:s|ed|ing)?\s+(?:that\s+they\s+)?(?!receiving|getting|being|having\s+been|"
        r"feeling)[a-z]+ing\b|\breport(?:s|ed|ing)?\s+that\s+they\s+(?!received|got|were|had\s+been|"
        r"felt)[a-z]+ed\b",
    ),
    (
        "behaviour",
        "behavior",
        r"\b(?:began|begun|begin|started|start)\s+(?!receiving|getting|being|attending)[a-z]+ing\b|"
        r"\b(?:maintained|sustained|kept\s+up|continued)\s+(?:their|his|her)\b",
    ),
    (
        "behaviour",
        "behavior",
        r"\b(?:keep|keeps|kept|store|stores|stored)\b[^;]{0,60}?\b(?:locked|out\s+of\s+reach|"
        r"safely|secured?)\b",
    ),
    (
        "behaviour",
        "behavior",
        r"\b(?:made|make|makes)\b[^;]{0,80}?\bpart\s+of\s+(?:their|his|her|its)\s+(?:[\w-]+\s+)?"
        r"(?:routine|practice|operations|work)\b",
    ),
    (
        "behaviour",
        "behavior",  # "clinics that made developmental screening routine"
        r"\b(?:made|make|makes)\s+(?:[\w-]+\s+){1,4}?routine\b(?!\s+(?:visits?|care|check))",
    ),
    (
        "behaviour",
        "behavior",
        r"^(?:\w+\s+){0,2}?(?:booked|scheduled|made|sought|requested)\s+(?:a|an|their|the)\s+"
        r"(?:\w+\s+){0,3}?(?:visits?|appointments?|check-?ups?)\b",
    ),
    (
        "behaviour",
        "behavior",
        r"\breport(?:s|ed|ing)?\s+(?:that\s+)?(?:they\s+)?(?:always|never|no|usually|regularly|"
        r"consistently|daily)\b",
    ),
    (
        "behaviour",
        "behavior",
        rf"\bchang(?:e|ed|es|ing)\s+(?:{_W}\s+){{0,5}}?(?:behaviou?rs?|practices?|habits?|"
        r"routines?|diet|lifestyle|how)\b",
    ),
    (
        "behaviour",
        "behavior",
        r"\b(?:physically|moderately|vigorously)\s+(?:or\s+vigorously\s+)?active\b|"
        r"\bactive\s+(?:for\s+)?at\s+least\b|\bexercis(?:e|ed|es|ing)\b",
    ),
    (
        "behaviour",
        "behavior",
        r"\badher(?:e|ed|es|ing|ence)\b|\bself-manag\w*|\bmanag(?:e|ed|es|ing)\s+(?:their|his|"
        r"her)\s+own\b|\bwithout\s+help\b|\bon\s+(?:their|his|her)\s+own\b",
    ),
    (
        "behaviour",
        "behavior",
        r"\b(?:use|used|uses|using|wear|wears|wearing|wore)\s+(?:a\s+|an\s+)?(?:\w+\s+)?"
        r"(?:car\s+seats?|seat\s*belts?|"
        r"helmets?|condoms?|contracepti\w+|safe\s+storage)",
    ),
    ("behaviour", "behavior", r"\bbrush(?:ed|es|ing)?\s+(?:their\s+|his\s+|her\s+)?teeth\b"),
    (
        "behaviour",
        "behavior",
        r"\bpractic(?:e|es|ed|ing)\s+(?:safe|safer|healthy|healthier|recommended)\b|"
        r"\b(?:fixed|removed|corrected)\s+(?:\w+\s+){0,2}?(?:hazards?|risks?)\b",
    ),
    # a health or safety outcome
    (
        "outcome",
        "outcome",
        rf"\b{_ANY}\s+(?:{_W}\s+){{0,3}}?(?:outcomes?|health|well-?being|status|weight|births?|"
        r"injur(?:y|ies)|deaths?|hospitali[sz]ations?|readmissions?|complications?|symptoms?|"
        r"mortality|morbidity|caries|cavities|stress|depression|anxiety)\b",
    ),
    (
        "outcome",
        "outcome",
        r"\b(?:low\s+birth\s*weight|preterm|premature\s+births?|infant\s+deaths?|infant\s+"
        r"mortality|maternal\s+(?:deaths?|mortality|morbidity)|mortality|sudden\s+(?:unexpected\s+)?"
        r"infant\s+deaths?|suids?|sids|injur(?:y|ies)|hospitali[sz](?:ations?|ed)|emergency\s+"
        r"(?:department|room)\s+visits?|ed\s+visits?|readmissions?|overweight|obes(?:e|ity)|"
        r"healthy\s+weight|dental\s+caries|cavities|depressive\s+symptoms|teen\s+births?|bullied|"
        r"maltreat\w*|child\s+abuse|suicid\w*|overdoses?|child\s+protective\s+services|cps)\b",
    ),
    (
        "outcome",
        "outcome",
        r"\b(?:rate|rates|score|scores)\s+(?:was|were|is|are)\s+(?:at\s+or\s+)?(?:below|above|under)\b",
    ),
    # circumstance: insured, housed, a medical home, a need met
    (
        "circumstance",
        "circumstance",
        r"\b(?:are|were|is|was|became|become|remain(?:ed|s)?|stay(?:ed|s)?)\s+(?:continuously\s+|"
        r"adequately\s+|newly\s+|stably\s+)*(?:insured|housed)\b|\bnewly\s+insured\b",
    ),
    (
        "circumstance",
        "circumstance",
        rf"\b(?:gained|obtained|secured|got|kept|keep|received|(?:were|was|are|is|been|newly|got)\s+enrolled\s+in|"
        rf"connected\s+to|linked\s+to|signed\s+up\s+for)\s+(?:{_W}\s+){{0,2}}?(?:health\s+)?"
        r"(?:insurance|coverage|medicaid|chip)\b",
    ),
    (
        "circumstance",
        "circumstance",
        rf"\b(?:have|has|had|with|established|gained|obtained|connected\s+to|linked\s+to)\s+"
        rf"(?:a\s+|an\s+)?(?!no\b|not\b)(?:{_W}\s+)?(?:medical\s+home|usual\s+source\s+of\s+(?:sick\s+)?care|"
        r"personal\s+(?:doctor|nurse|provider)|primary\s+care\s+(?:provider|physician|doctor)|"
        r"dental\s+home)\b",
    ),
    (
        "circumstance",
        "circumstance",
        r"\b(?:transition(?:ed|s)?|transferred|moved)\s+to\s+(?:an?\s+)?adult\s+(?:health\s+)?"
        r"(?:care|provider|doctor|physician|clinic)",
    ),
    (
        "circumstance",
        "circumstance",
        r"\b(?:still|remain(?:ed|s)?|stay(?:ed|s)?)\s+(?:in|with|enrolled\s+in|connected\s+to)\s+"
        r"(?:\w+\s+)?(?:care|coverage|treatment|school)\b|\b(?:stable|permanent)\s+housing\b|\bavoided\s+eviction\b|\bfood[- ]secure\b|"
        r"\bfood\s+sufficien\w*|\bneeds?\s+(?:was|were)\s+(?:met|resolved)\b",
    ),
    (
        "circumstance",
        "circumstance",
        r"\b(?:gained|obtained|found|secured|moved\s+into)\s+(?:[\w'-]+,?\s+){0,3}?"
        r"(?:employment|jobs?|housing|"
        r"benefits|child\s*care)\b",
    ),
    # what organizations were changed to do (organizations only)
    ("org-change", "practice", r"\bintegrat\w*\b[^.;]{0,120}?\binto\b"),
    ("org-change", "practice", r"\binstitutionali[sz]\w*|\bsustain(?:s|ed|ing)?\b"),
    (
        "org-change",
        "practice",
        r"\bimplement(?:s|ed|ing)?\b|\bput\b[^;]{0,120}?\b(?:in\s+place|into\s+(?:routine\s+)?(?:use|practice))\b",
    ),
    (
        "org-change",
        "practice",
        r"\b(?:as|into|part\s+of\s+(?:their|its)|in\s+(?:their|its))\s+(?:routine|standard)\b",
    ),
    ("org-change", "practice", r"\b(?:policy|practice|system|systems)\s+changes?\b"),
    (
        "org-change",
        "practice",
        r"\b(?:covered|included|met|reached|achieved)\s+(?:every|all|the\s+full)\b",
    ),
    ("org-change", "practice", r"\b(?:in|into)\s+(?:full\s+)?compliance\b|\bcompliant\b"),
    (
        "org-change",
        "practice",
        r"\b(?:reached|met|achieved)\s+(?:\d|at\s+least|the\s+(?:\w+\s+)?(?:target|benchmark|standard)|every)",
    ),
    (
        "org-change",
        "practice",
        r"(?:^|\s)(?:with|have|has|had)\s+(?:a|an)\s+(?:written|signed|formal|current)\s+|"
        r"(?:^|\s)(?:have|has|had|with)\s+(?:a|an)\s+(?:[\w-]+\s+){0,3}?(?:polic(?:y|ies)|"
        r"protocols?|procedures?|guidelines?)\b",
    ),
    # taking part in care
    (
        "care",
        "care",
        rf"\b(?:attend(?:ed|s|ing)?|kept|keep|keeps|complet(?:ed|es|ing)|had|have|has|got|get|"
        rf"obtained|started|start(?:s|ing)?|initiated|began)\s+(?:{_NOT_HEAD}{_W}\s+){{0,5}}?"
        r"(?:visits?|check-?ups?|exams?|examinations?|appointments?|treatment|care|counseling|"
        r"therapy|services?|evaluations?|vaccin\w+|immuni[sz]ations?)\b" + _NOT_CARE_AFTER,
    ),
    (
        "care",
        "care",  # taking part in appointments or visits ("participation in … appointments")
        rf"\bparticipat(?:e|es|ed|ing|ion)\s+in\s+(?:{_NOT_HEAD}{_W}\s+){{0,5}}?"
        r"(?:visits?|check-?ups?|exams?|examinations?|appointments?|treatment|therapy)\b"
        + _NOT_CARE_AFTER,
    ),
    (
        "care",
        "care",
        r"^(?:(?:were|was|are|is)\s+)?(?:kept|attended|completed)(?=\s+(?:by|within|in|at|on|as|"
        r"during|before|after)\b|\s*$)",
    ),
    (
        "care",
        "care",
        r"\b(?:fully\s+)?(?:immuni[sz]ed|vaccinated)\b|\bteeth\s+(?:were\s+)?cleaned\b|"
        r"\bup[- ]to[- ]date\s+(?:on|with)\b",
    ),
    (
        "care",
        "care",
        r"\b(?:saw|seen\s+by|visited|see|evaluated\s+by|treated\s+by|assessed\s+by)\s+(?:a|an|their|"
        r"the|\w+)\s+(?:\w+\s+)?(?:dentist|doctor|physician|provider|nurse|specialist|pediatrician|"
        r"obstetrician|midwife|clinician|early\s+intervention|therapist)",
    ),
    (
        "care",
        "care",
        rf"^with\s+(?:a|an|at\s+least\s+one|one\s+or\s+more)\s+(?:{_NOT_HEAD}{_W}\s+){{0,4}}?"
        r"(?:visits?|check-?ups?|exams?|examinations?|appointments?|vaccin\w+|"
        r"immuni[sz]ations?)\b" + _NOT_CARE_AFTER,
    ),
    (
        "care",
        "care",
        r"\b(?:discussed|talked\s+(?:about|with))\b[^;]{0,60}?\bwith\s+(?:their|a|the|his|her)\s+"
        r"(?:[\w-]+\s+)?(?:providers?|doctors?|nurses?|clinicians?|physicians?|dentists?)\b",
    ),
    (
        "care",
        "linkage",
        r"\b(?:connected|linked)\s+(?:to|with)\s+(?:a\s+|an\s+|the\s+|their\s+)?(?:[\w-]+\s+){0,2}?"
        r"(?:treatment|care|therapy|counseling|providers?|dentists?|doctors?|specialists?|"
        r"medical\s+homes?|dental\s+homes?|early\s+intervention)\b",
    ),
    # receiving something: read with what was received
    (
        "receipt",
        "receipt",
        r"\b(?:receiv(?:e|ed|es|ing)|got|get|gets|getting|given|offered|provided\s+with|"
        r"screened|assessed|evaluated|tested|examined)\b",
    ),
    # satisfaction with the service
    (
        "satisfaction",
        "satisfaction",
        r"\bsatisf\w*|\bwould\s+recommend\b|\bexperience\s+(?:of|with)\s+(?:the\s+|their\s+)?"
        r"(?:care|services?|program|visits?)\b|\bfelt\s+(?:respected|heard|listened\s+to|welcome)\b|"
        rf"\brat(?:e|ed|ing)\s+(?:{_W}\s+){{0,4}}?(?:as\s+)?(?:excellent|good|very\s+good|"
        r"useful|helpful|valuable|relevant)\b",
    ),
    # what the program made
    (
        "product",
        "product",
        r"\b(?:developed|drafted|written\s+by|wrote|prepared|produced|created|published|designed|"
        r"established|disseminated|issued)\b",
    ),
    # what the program (or those taking part in it) did
    (
        "activity",
        "service",
        r"\b(?:trained|training|trainings|hired|served|serving|reached|provided|providing|provide|"
        r"provides|delivered|delivering|distributed|conducted|conduct|held|holding|hosted|offered|"
        r"offering|offers|"
        r"referred|referrals?|enrolled|enrollment|participat\w*|taking\s+part|took\s+part|"
        r"attended|attending|completed|completing|engaged|certified|contacted|visited|called|"
        r"calling|educated|education|counsel(?:l)?ed|counsel(?:l)?ing|reporting|entered|"
        r"meetings?|sessions?|using|informed|notified|mailed|sent|given|funded|supported|"
        r"helped|answered|returned|reviewed|submitted|gave|followed\s+up|recall\w*|covered|"
        r"told|reminded|advised|shown|invited|assigned|records?\s+shows?|"
        r"included|led|tested|screened|assessed|documented|signed|scheduled|recruited|"
        r"identified|consulted|consulting)\b",
    ),
)


#: The cue table as patterns, each compiled on first use and only run on a text holding one
#: of its needles (:mod:`.patterns`): ``import esmtool.checks`` stays cheap.
CUES: tuple[tuple[str, str, patterns.Pattern], ...] = tuple(
    (cls, kind, patterns.compile(rx)) for cls, kind, rx in _CUES
)


def compiled_cues() -> tuple[tuple[str, str, patterns.Pattern], ...]:
    """The cue table (:data:`CUES`)."""
    return CUES


#: How far a verb phrase shows anyone better off, strongest first. A change, a behaviour,
#: an outcome or a circumstance decides at once; care and organizational change next; then
#: receipt (read with its object), satisfaction, and the program's own products and activity.
CLASS_ORDER = (
    "change",
    "behaviour",
    "outcome",
    "circumstance",
    "org-change",
    "care",
    "receipt",
    "satisfaction",
    "product",
    "activity",
)
EFFECT_CLASSES = frozenset({"change", "behaviour", "outcome", "circumstance", "org-change", "care"})
