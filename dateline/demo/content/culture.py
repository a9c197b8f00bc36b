"""Culture desk stories (invented artists, prizes and institutions)."""

from .model import Note, Picture, Story, ago, facts, figure, p, photos, picture, quote, reporting

STORIES = [
    Story(
        section="culture",
        headline="Hélène Rocher wins the Prix de la Rive for her river novel",
        standfirst=(
            "The jury praised her fourth book, which follows three generations of a barge "
            "family on the Rhône, as patient and funny."
        ),
        place="Paris",
        age=ago(hours=14),
        bylines=reporting("tanabe"),
        topics=("Hélène Rocher", "France"),
        lead=Picture("Paris, France", "Hélène Rocher at the prize ceremony."),
        body=(
            p(
                "The novelist Hélène Rocher won the Prix de la Rive, a literary prize for fiction "
                "about rivers and coasts, for her novel about a family of barge owners."
            ),
            quote(
                "I wrote it slowly, the way a barge travels. I am glad someone had the "
                "patience to read it.",
                "Hélène Rocher",
                "novelist",
            ),
            p(
                "The jury said the book was patient and funny and brought a disappearing trade "
                "back to life."
            ),
            p("Her publisher said a second print run had been ordered before the announcement."),
        ),
        notes=(
            Note("correction", ago(hours=3), "An earlier version misspelt the name of the prize."),
        ),
    ),
    Story(
        section="culture",
        headline="Lyon's weaving museum reopens after four-year renovation",
        standfirst=(
            "Silk looms that once filled the city's hillside workshops are working again, "
            "with weavers giving daily demonstrations."
        ),
        place="Lyon",
        age=ago(days=5, hours=3),
        bylines=(*reporting("osei"), photos("traore")),
        topics=("France",),
        lead=Picture(
            "Lyon, France", "A weaver at a restored silk loom.", "Moussa Traoré / The Dateline"
        ),
        body=(
            p(
                "A museum devoted to Lyon's silk weavers reopened after four years of building "
                "work, with restored looms running in rooms that once housed a workshop."
            ),
            picture(
                "Lyon · Loom room",
                "The restored loom room on the museum's top floor.",
                "Moussa Traoré / The Dateline",
            ),
            quote(
                "A loom standing still is furniture. A loom working is history.",
                "Mathilde Perrin",
                "museum director",
            ),
            figure("11", "restored looms in working order", "Museum"),
            p("Tickets for the first month sold out within days, the museum said."),
            p(
                "The building also has a new shop selling silk made by weavers who still work in "
                "the city."
            ),
        ),
    ),
    Story(
        section="culture",
        headline="Niamey hosts first festival of animated film from the Sahel",
        standfirst=(
            "Short films by young animators from across the region were screened in an "
            "open-air cinema over five nights."
        ),
        place="Niamey",
        age=ago(days=70, hours=5),
        bylines=(*reporting("marchand"), photos("traore")),
        topics=("Niger",),
        lead=Picture(
            "Niamey, Niger",
            "The audience at the open-air screening.",
            "Moussa Traoré / The Dateline",
        ),
        body=(
            p(
                "A festival of animated films by young animators from the Sahel filled an "
                "open-air cinema in Niamey for five nights."
            ),
            quote(
                "Our stories have always been told with drawings. Now the drawings move.",
                "Ibrahim Souley",
                "festival director",
            ),
            figure("42", "short films screened", "Festival programme"),
            p("Organisers plan to take a selection of the films on tour to schools."),
            p(
                "The winning film, a ten-minute story about a boy and a talking goat, was made by "
                "a team of three in Ouagadougou."
            ),
        ),
    ),
    Story(
        section="culture",
        headline="Kyoto theatre reopens its doors after three centuries and a new roof",
        standfirst=(
            "One of the city's oldest wooden theatres is back in use after craftsmen replaced "
            "its roof using traditional joinery."
        ),
        place="Kyoto",
        age=ago(days=240, hours=6),
        bylines=reporting("tanabe"),
        topics=("Japan",),
        lead=Picture("Kyoto, Japan", "Carpenters fit the last beams of the theatre roof."),
        body=(
            p(
                "A wooden theatre in Kyoto reopened after a restoration in which carpenters "
                "rebuilt the roof without nails, using joints cut by hand."
            ),
            quote(
                "The building tells you how it wants to be repaired, if you listen.",
                "Kenji Fujita",
                "master carpenter",
            ),
            p("The first season includes classical dance and a programme for children."),
            p(
                "The restoration took three years and was paid for partly by donations from "
                "residents."
            ),
            p(
                "The city says the work will help train a new generation of carpenters in "
                "traditional joinery."
            ),
        ),
    ),
    Story(
        section="culture",
        headline="Salvador digitises a century of carnival costumes",
        standfirst=(
            "An archive of photographs, sketches and fabric samples will be free to browse "
            "online, with a search by neighbourhood and year."
        ),
        place="Salvador",
        age=ago(days=380, hours=4),
        bylines=reporting("monteiro"),
        topics=("Brazil",),
        lead=Picture("Salvador, Brazil", "Sketches of carnival costumes in the archive."),
        body=(
            p(
                "A cultural foundation in Salvador put its collection of carnival costume "
                "designs online, more than a century of sketches, photographs and fabric "
                "samples."
            ),
            figure("18,000", "items scanned for the online archive", "Foundation"),
            quote(
                "Every costume was made by someone in a neighbourhood. We wanted their names "
                "to be found.",
                "Tânia Barreto",
                "archivist",
            ),
            p("The oldest items in the collection date from the early twentieth century."),
            p(
                "Visitors to the website can search by neighbourhood, by year and by the name of "
                "a carnival group."
            ),
            p(
                "The foundation plans to invite families to help identify people in old "
                "photographs."
            ),
        ),
    ),
    Story(
        section="culture",
        headline="Hardanger fiddlers gather in Bergen for national contest",
        standfirst=(
            "Players of the eight-stringed folk fiddle competed in front of full halls, with "
            "a teenager from a fjord village taking the top prize."
        ),
        place="Bergen",
        age=ago(days=600, hours=7),
        bylines=reporting("solberg"),
        topics=("Norway",),
        lead=Picture("Bergen, Norway", "A Hardanger fiddle with its mother-of-pearl inlay."),
        body=(
            p(
                "Folk musicians from across Norway met in Bergen for the national Hardanger "
                "fiddle contest, where a 17-year-old won the solo class."
            ),
            facts(
                "The Hardanger fiddle",
                "It has four played strings and four or five that resonate beneath them.",
                "Its body is often decorated with ink drawings and inlay.",
                "Many tunes were passed on by ear, not written down.",
            ),
            quote(
                "I learned every tune from my grandfather. This prize is his too.",
                "Sigrid Aas",
                "winner of the solo class",
            ),
            p("Organisers said entries from young players had risen for the third year in a row."),
            p("The contest ended with a concert in which all the finalists played together."),
        ),
    ),
    Story(
        section="culture",
        headline="Nairobi street photography show fills a disused railway shed",
        standfirst=(
            "Pictures by twenty photographers trace a day in the city, from the first "
            "matatus to the last night markets."
        ),
        place="Nairobi",
        age=ago(days=800, hours=2),
        bylines=(*reporting("osei"), photos("traore")),
        topics=("Kenya",),
        lead=Picture(
            "Nairobi, Kenya",
            "Visitors in the railway shed exhibition.",
            "Moussa Traoré / The Dateline",
        ),
        body=(
            p(
                "An exhibition of street photography opened in a disused railway shed in "
                "Nairobi, showing one day in the city through the work of twenty photographers."
            ),
            picture(
                "Nairobi · Night market",
                "A night market, one of the pictures on show.",
                "Moussa Traoré / The Dateline",
            ),
            quote(
                "We asked each photographer for one hour of the day. Together they made a city.",
                "Wanjiku Mwangi",
                "curator",
            ),
            p(
                "The railway shed has been empty for years, and the city is considering turning "
                "it into a permanent arts space."
            ),
            p("Entry is free, and the exhibition runs for six weeks."),
        ),
    ),
    Story(
        section="culture",
        headline="Montreal libraries start lending musical instruments",
        standfirst=(
            "Library card holders can borrow guitars, violins and keyboards for three weeks "
            "at a time, free of charge."
        ),
        place="Montreal",
        age=ago(days=1040, hours=3),
        bylines=reporting("solberg"),
        topics=("Canada",),
        lead=Picture("Montreal, Canada", "Instruments ready to lend at a branch library."),
        body=(
            p(
                "Public libraries in Montreal began lending musical instruments, starting with a "
                "collection of guitars, violins, ukuleles and keyboards."
            ),
            figure("300", "instruments in the lending collection", "Montreal public libraries"),
            quote(
                "Lots of people want to try an instrument before they buy one. Now they can.",
                "Julie Gagnon",
                "librarian",
            ),
            p(
                "Borrowers must be over 14, and instruments are checked and tuned each time they "
                "come back."
            ),
            p(
                "The libraries say they will add drums and wind instruments if the scheme proves "
                "popular."
            ),
        ),
    ),
]
