"""Politics desk stories (invented)."""

from .model import Note, Picture, Story, ago, also, facts, figure, p, quote, reporting

STORIES = [
    Story(
        section="politics",
        headline="Bergen council backs extra night ferries after late-night vote",
        standfirst=(
            "Councillors agreed to fund two more evening departures to the outer islands, "
            "overriding officials who warned about the cost."
        ),
        place="Bergen",
        age=ago(hours=9),
        bylines=reporting("solberg"),
        topics=("Norway",),
        lead=Picture("Bergen, Norway", "The ferry terminal in Bergen at dusk."),
        body=(
            p(
                "The county council in Bergen voted to pay for two extra evening ferries to the "
                "outer islands, after a debate that ran past midnight."
            ),
            p(
                "Island residents had campaigned for a year for a later service, saying the last "
                "boat left too early for shift workers and students."
            ),
            quote(
                "You should not have to choose between a job in the city and a home on the "
                "islands.",
                "Siri Hauge",
                "councillor who proposed the motion",
            ),
            figure(
                "31-26", "council vote in favour of the extra departures", "County council minutes"
            ),
            p(
                "Finance officials had warned that the service would cost more than the fares "
                "would bring in. The first extra departures are due to run from the spring."
            ),
        ),
    ),
    Story(
        section="politics",
        headline="Kyoto caps tour buses in its historic centre",
        standfirst=(
            "Coaches will need a booked slot to stop near the busiest temples, under rules "
            "meant to ease congestion on narrow streets."
        ),
        place="Kyoto",
        age=ago(days=3, hours=2),
        bylines=reporting("tanabe"),
        topics=("Japan",),
        lead=Picture("Kyoto, Japan", "Tour coaches queue on a narrow street near a temple."),
        body=(
            p(
                "City officials in Kyoto approved a booking system for tour coaches that want to "
                "stop in the historic centre, limiting how many can park near the most visited "
                "temples at any one time."
            ),
            p(
                "Residents have complained for years that buses block streets and that regular "
                "city buses are too full for them to board."
            ),
            quote(
                "We welcome visitors. We also need to be able to get to work.",
                "Aiko Nakamura",
                "neighbourhood association chair",
            ),
            p(
                "Tour operators said they would adapt but asked for more parking on the edge of "
                "the city, with shuttle buses into the centre."
            ),
        ),
    ),
    Story(
        section="politics",
        headline="EU transport ministers agree to study a night-train network",
        standfirst=(
            "A feasibility study will look at which overnight routes could pay their way, "
            "with results expected within two years."
        ),
        place="Brussels",
        age=ago(days=60, hours=5),
        bylines=reporting("osei"),
        topics=("European Union", "France"),
        lead=Picture("Brussels, Belgium", "A sleeper carriage at a Brussels platform."),
        body=(
            p(
                "European Union transport ministers agreed to commission a study of overnight "
                "train routes between capitals, a step supporters hope will lead to a network."
            ),
            p(
                "The study will compare routes by likely demand, track access fees and the cost "
                "of rolling stock, which operators say is the biggest obstacle."
            ),
            quote(
                "People like night trains. The question is who pays for the carriages.",
                "Paul Verhoeven",
                "rail policy researcher",
            ),
            facts(
                "What the study will look at",
                "Demand on overnight routes between capitals.",
                "Track access charges in each country crossed.",
                "The cost of buying or leasing sleeper carriages.",
            ),
            p(
                "Several overnight routes have returned in recent years, but operators say many "
                "run at a loss and rely on public support."
            ),
            p(
                "Ministers are expected to discuss the findings before deciding whether to fund "
                "new carriages."
            ),
        ),
    ),
    Story(
        section="politics",
        headline="Montreal borough approves car-free school streets",
        standfirst=(
            "Streets outside six primary schools will close to traffic at drop-off and pick-up "
            "times from the next school year."
        ),
        place="Montreal",
        age=ago(days=180),
        bylines=reporting("solberg"),
        topics=("Canada",),
        lead=Picture("Montreal, Canada", "Children cross a street outside a primary school."),
        body=(
            p(
                "A Montreal borough council approved closing the streets outside six primary "
                "schools to cars for half an hour at the start and end of each school day."
            ),
            p(
                "A trial last spring found that more children walked or cycled to school when "
                "the streets were closed, the borough said."
            ),
            figure(
                "6",
                "schools where streets will close at drop-off and pick-up times",
                "Borough council",
            ),
            quote(
                "The trial convinced people who were sceptical, including me.",
                "Marc-André Tremblay",
                "borough councillor",
            ),
            p(
                "Residents who live on the affected streets will keep access by car, and delivery "
                "drivers will be asked to avoid the closure times."
            ),
            p(
                "The borough will review the scheme after a year and decide whether to extend it "
                "to more schools."
            ),
        ),
    ),
    Story(
        section="politics",
        headline="Brittany regional council backs grants for rural doctors",
        standfirst=(
            "Young doctors who set up practice in villages without a GP will receive help with "
            "housing and equipment for their first three years."
        ),
        place="Rennes",
        age=ago(days=300, hours=7),
        bylines=(*reporting("osei"), also("tanabe")),
        topics=("France",),
        lead=Picture("Rennes, France", "A village surgery in central Brittany."),
        body=(
            p(
                "The regional council of Brittany approved a grant scheme for doctors who open a "
                "practice in villages that have lost their family doctor."
            ),
            p(
                "Several rural areas in the region have no GP within half an hour's drive, "
                "according to the council's own survey."
            ),
            quote(
                "A village without a doctor soon becomes a village without young families.",
                "Anne Le Goff",
                "regional councillor for health",
            ),
            figure("40", "grants available in the scheme's first year", "Regional council"),
            p(
                "Opposition councillors supported the plan but said grants alone would not "
                "persuade doctors to settle without schools and transport nearby."
            ),
            p("The first grants are expected to be awarded before the end of the year."),
        ),
        notes=(
            Note(
                "correction",
                ago(days=1),
                "An earlier version said the grants would run for five years. They run for three.",
            ),
        ),
    ),
    Story(
        section="politics",
        headline="Nairobi county budget puts street lighting first",
        standfirst=(
            "The largest single increase in the budget goes to lighting in informal "
            "settlements, after a campaign by residents' groups."
        ),
        place="Nairobi",
        age=ago(days=470, hours=1),
        bylines=reporting("osei"),
        topics=("Kenya",),
        lead=Picture("Nairobi, Kenya", "Newly installed street lights in a Nairobi estate."),
        body=(
            p(
                "Nairobi county's new budget sets aside its largest increase for street lighting, "
                "most of it for informal settlements where residents say dark streets are "
                "dangerous after sunset."
            ),
            quote(
                "Light is safety. Light is also business: shops can stay open later.",
                "Grace Wanjiru",
                "residents' association organiser",
            ),
            p(
                "The county says it will publish a map of where new lights are installed so "
                "residents can check progress."
            ),
            p(
                "The budget also includes more money for drainage and for rubbish collection in "
                "the same settlements."
            ),
            p("County assembly members approved it with few changes after a day of debate."),
        ),
    ),
    Story(
        section="politics",
        headline="Recife elects its first youth council",
        standfirst=(
            "Thirty young people aged 16 to 24 will advise the city on transport, sport and "
            "jobs, with a small budget of their own."
        ),
        place="Recife",
        age=ago(days=720, hours=6),
        bylines=reporting("monteiro"),
        topics=("Brazil",),
        lead=Picture("Recife, Brazil", "Young voters queue outside a polling station."),
        body=(
            p(
                "Young people in Recife elected a youth council that will advise the city "
                "government and manage a small budget for neighbourhood projects."
            ),
            figure("30", "seats on the new youth council", "Recife city hall"),
            p(
                "Turnout was higher than organisers expected, with queues at several polling "
                "stations set up in schools."
            ),
            quote(
                "We asked for a voice and we got a vote. Now we have to use it well.",
                "Larissa Campos",
                "newly elected youth councillor",
            ),
            p(
                "The council will meet once a month in the city chamber, and its first task will "
                "be to decide how to spend its budget."
            ),
        ),
    ),
    Story(
        section="politics",
        headline="Tromsø tries a four-day week in the town hall",
        standfirst=(
            "Staff in three departments will work longer days and take Fridays off during a "
            "one-year trial watched closely by other councils."
        ),
        place="Tromsø",
        age=ago(days=980),
        bylines=reporting("solberg"),
        topics=("Norway",),
        lead=Picture("Tromsø, Norway", "The town hall in Tromsø in winter."),
        body=(
            p(
                "Three departments of Tromsø's town hall began a one-year trial of a four-day "
                "working week, with the same hours spread over longer days."
            ),
            p(
                "The council says opening hours for the public will not change, because staff "
                "will take turns to have Fridays off."
            ),
            quote(
                "If it works, we recruit better. If it does not, we will say so.",
                "Kari Berntsen",
                "head of personnel",
            ),
            p(
                "Researchers from the local university will survey staff and the public before, "
                "during and after the trial."
            ),
            p(
                "Two other northern councils have said they will wait for the results before "
                "deciding whether to follow."
            ),
        ),
    ),
]
