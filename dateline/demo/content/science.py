"""Science desk stories (invented research, institutes and results)."""

from .model import Note, Picture, Story, ago, also, facts, figure, p, picture, quote, reporting

STORIES = [
    Story(
        section="science",
        headline="Northbridge Observatory picks up a repeating radio burst",
        standfirst=(
            "Astronomers say the signal, which repeats roughly every 16 days, comes from a "
            "galaxy about a billion light years away."
        ),
        place="Northbridge",
        age=ago(hours=1, minutes=20),
        filed_before=ago(minutes=15),
        bylines=reporting("tanabe"),
        topics=("Northbridge Observatory", "Tomas Adeyemi", "Canada"),
        lead=Picture("Northbridge Observatory", "The observatory's dish array at night."),
        body=(
            p(
                "Astronomers at the Northbridge Observatory said they had detected a fast radio "
                "burst that repeats on a regular cycle, only the latest of a handful of such "
                "signals known."
            ),
            quote(
                "A burst that keeps its own calendar is a gift. It tells us when to look.",
                "Tomas Adeyemi",
                "astronomer, Northbridge Observatory",
            ),
            figure(
                "16 days", "approximate cycle of the repeating signal", "Northbridge Observatory"
            ),
            p(
                "The team has asked other observatories to point their telescopes at the source "
                "during its next active window, which should begin within days."
            ),
            p(
                "Fast radio bursts last only thousandths of a second, and astronomers are still "
                "debating what produces them."
            ),
        ),
        notes=(
            Note(
                "clarification",
                ago(minutes=40),
                "Makes clear that the distance to the source galaxy is an estimate.",
            ),
        ),
    ),
    Story(
        section="science",
        headline="Drought-tolerant sorghum lifts harvests in Kenyan field trial",
        standfirst=(
            "Farmers who planted the new variety harvested more grain in a dry season than "
            "neighbours growing the usual seed, researchers reported."
        ),
        place="Kitui",
        age=ago(days=1, hours=10),
        bylines=reporting("osei"),
        topics=("Kenya",),
        lead=Picture("Kitui, Kenya", "Sorghum heads in a trial plot near Kitui."),
        body=(
            p(
                "A three-season field trial in eastern Kenya found that a drought-tolerant "
                "sorghum variety produced more grain than local seed in the driest year, "
                "according to researchers who ran it."
            ),
            figure(
                "+23%",
                "harvest gain in the driest season of the trial",
                "Kitui dryland research station",
            ),
            p(
                "The researchers cautioned that in a wet year the difference was small, and "
                "that the seed must be bought each season."
            ),
            quote(
                "It is not a miracle seed. It is a better bet in a bad year.",
                "Dr Wambui Kariuki",
                "plant breeder who led the trial",
            ),
            p(
                "The station plans to work with farmer groups on a seed-saving scheme that would "
                "cut the cost for smaller farms."
            ),
        ),
    ),
    Story(
        section="science",
        headline="UN ocean conference hears call to map the whole seabed by 2030",
        standfirst=(
            "Scientists said less than half of the ocean floor has been mapped in detail "
            "and asked governments to share ship time and data."
        ),
        place="New York",
        age=ago(days=22, hours=5),
        bylines=(*reporting("tanabe"), also("osei")),
        topics=("United Nations",),
        lead=Picture("New York, United States", "A sonar map of an undersea ridge."),
        body=(
            p(
                "Delegates at an ocean science meeting at the United Nations heard calls for "
                "countries to pool survey ships and data so that the seabed can be mapped in "
                "detail by the end of the decade."
            ),
            p(
                "Detailed maps help with everything from tsunami warnings to laying cables, "
                "researchers said."
            ),
            quote(
                "We have better maps of the Moon than of our own ocean floor.",
                "Prof Elena Sorensen",
                "marine geologist",
            ),
            facts(
                "Why seabed maps matter",
                "They show where tsunamis may be amplified near coasts.",
                "Cable and pipeline routes depend on them.",
                "Fish habitats follow the shape of the seabed.",
            ),
            p(
                "Several countries offered to share data from survey ships already at sea, "
                "organisers said."
            ),
        ),
    ),
    Story(
        section="science",
        headline="Sendai team shaves seconds off earthquake alerts",
        standfirst=(
            "A new method reads the first tremors faster, giving people a few extra seconds "
            "to take cover before strong shaking arrives."
        ),
        place="Sendai",
        age=ago(days=95, hours=1),
        bylines=reporting("tanabe"),
        topics=("Japan",),
        lead=Picture("Sendai, Japan", "A seismometer array in a university laboratory."),
        body=(
            p(
                "Researchers at a university in Sendai say a new way of reading the first "
                "seconds of an earthquake can issue alerts faster than current methods."
            ),
            figure(
                "2.5 seconds",
                "average time saved in tests on past earthquakes",
                "Sendai seismology group",
            ),
            p(
                "A few seconds is enough to stop trains, open fire station doors and let people "
                "get under a table, the team said."
            ),
            p(
                "The method still needs to be tested on live data for a year before it can be "
                "used in public warnings."
            ),
            p(
                "The team has published its results and made its software available to other "
                "researchers."
            ),
        ),
    ),
    Story(
        section="science",
        headline="Svalbard glacier retreats at fastest pace on record",
        standfirst=(
            "Measurements by a Norwegian field team show the glacier front pulled back "
            "further last summer than in any year since monitoring began."
        ),
        place="Longyearbyen",
        age=ago(days=330, hours=6),
        bylines=reporting("solberg"),
        topics=("Norway",),
        lead=Picture("Svalbard, Norway", "The calving front of a glacier on Svalbard."),
        body=(
            p(
                "A glacier monitored by the Polar Coast Research Institute retreated further "
                "last summer than in any year of its records, the institute said."
            ),
            figure(
                "140 m",
                "retreat of the glacier front over the summer",
                "Polar Coast Research Institute",
            ),
            picture("Svalbard · Field camp", "The research team's field camp above the fjord."),
            quote(
                "Each summer we move our markers back. This year we had to move them a long way.",
                "Jonas Brekke",
                "field team leader",
            ),
            p(
                "Researchers said a warm summer and warmer sea water in the fjord both played a "
                "part."
            ),
            p(
                "The institute has measured the glacier front each year with markers and, more "
                "recently, with drones."
            ),
            p(
                "The team plans to add instruments that measure water temperature at the "
                "glacier's base."
            ),
        ),
    ),
    Story(
        section="science",
        headline="Tiny new frog found in Brazil's Atlantic forest",
        standfirst=(
            "The frog is smaller than a fingernail and lives only on a few misty hilltops, "
            "according to the biologists who described it."
        ),
        place="Curitiba",
        age=ago(days=500, hours=4),
        bylines=reporting("monteiro"),
        topics=("Brazil",),
        lead=Picture("Atlantic forest, Brazil", "Leaf litter on a misty hilltop in Paraná."),
        body=(
            p(
                "Biologists described a new species of frog from the Atlantic forest of southern "
                "Brazil, one of the smallest vertebrates known from the region."
            ),
            p(
                "The frog lives in leaf litter on a handful of hilltops and was first noticed "
                "because of its call, a high chirp at dusk."
            ),
            quote(
                "We heard it for two years before we saw it.", "Dr Paulo Nogueira", "herpetologist"
            ),
            figure("9 mm", "length of an adult frog", "Species description"),
            p(
                "Because it lives in such a small area, the researchers recommend that it be "
                "treated as threatened."
            ),
        ),
    ),
    Story(
        section="science",
        headline="Toulouse students' satellite sends its first pictures",
        standfirst=(
            "A shoebox-sized satellite built by engineering students is working in orbit and "
            "has sent back images of the Pyrenees."
        ),
        place="Toulouse",
        age=ago(days=690, hours=2),
        bylines=reporting("tanabe"),
        topics=("France",),
        lead=Picture("Toulouse, France", "The student-built satellite before launch."),
        body=(
            p(
                "A small satellite built by engineering students in Toulouse has sent its first "
                "pictures from orbit, the team said, two weeks after launch."
            ),
            quote(
                "When the first image came through, nobody in the room said a word. Then "
                "everybody did.",
                "Camille Girard",
                "student project lead",
            ),
            p(
                "The satellite will test a low-cost camera for monitoring snow cover in the "
                "mountains."
            ),
            p(
                "More than 60 students worked on the project over four years, with help from "
                "engineers at local space companies."
            ),
        ),
    ),
    Story(
        section="science",
        headline="Northbridge Observatory completes upgrade of its dish array",
        standfirst=(
            "New receivers will let the observatory listen to a wider range of radio "
            "frequencies and survey the sky faster."
        ),
        place="Northbridge",
        age=ago(days=1010),
        bylines=reporting("tanabe"),
        topics=("Northbridge Observatory", "Tomas Adeyemi", "Canada"),
        lead=Picture("Northbridge Observatory", "Engineers fit a new receiver to a dish."),
        body=(
            p(
                "The Northbridge Observatory finished fitting new receivers to its dish array, "
                "a two-year project that widens the range of frequencies it can observe."
            ),
            figure("4x", "faster sky surveys with the new receivers", "Northbridge Observatory"),
            quote(
                "We can now search in a week what used to take a month.",
                "Tomas Adeyemi",
                "astronomer, Northbridge Observatory",
            ),
            p("The upgrade was paid for by a national research fund and a group of universities."),
            p("The first survey with the new receivers is due to begin next month."),
        ),
    ),
]
