"""The demo newsroom's desks, staff and the topics it follows.

Every person here is invented. Places and the intergovernmental organisations are real, and so
are the two French military operations in the Sahel; the companies, institutes and named relief
operations are made up for the demo.
"""

from .model import Author, Section, Topic

SECTIONS = [
    Section("world", "World", "Reporting from our correspondents around the globe.", 10),
    Section("politics", "Politics", "Councils, parliaments and the people who run them.", 20),
    Section("business", "Business", "Companies, markets and the work behind them.", 30),
    Section("science", "Science", "Research, discovery and the scientists behind it.", 40),
    Section("culture", "Culture", "Books, music, film, museums and the arts.", 50),
]

AUTHORS = [
    Author(
        "marchand",
        "Sophie Marchand",
        "Sahel correspondent",
        "Sophie Marchand has reported from West Africa since 2015 and is based in Niamey. "
        "She covers security, migration and the region's fast-growing cities.",
        portrait=True,
    ),
    Author(
        "osei",
        "Daniel Osei",
        "Foreign editor",
        "Daniel Osei runs the World desk from Paris. Before that he was a correspondent in "
        "Nairobi and Brussels.",
        portrait=True,
    ),
    Author(
        "solberg",
        "Ingrid Solberg",
        "Political correspondent",
        "Ingrid Solberg covers local and national politics, with a soft spot for transport "
        "budgets and ferry timetables. She is based in Bergen.",
    ),
    Author(
        "monteiro",
        "Rafael Monteiro",
        "Business reporter",
        "Rafael Monteiro writes about energy, trade and commodities from São Paulo. He trained "
        "as an economist.",
    ),
    Author(
        "tanabe",
        "Keiko Tanabe",
        "Science and culture correspondent",
        "Keiko Tanabe reports on research and the arts from Osaka and Paris. She studied "
        "physics before turning to journalism.",
        portrait=True,
    ),
    Author(
        "traore",
        "Moussa Traoré",
        "Photographer",
        "Moussa Traoré is a staff photographer who works across West Africa and Europe.",
    ),
]

TOPICS = [
    Topic("Mali", "place", "The West African republic and its capital, Bamako."),
    Topic("Niger", "place", "The Sahel republic and its capital, Niamey."),
    Topic("France", "place", "News from and about France."),
    Topic("Kenya", "place", "News from and about Kenya."),
    Topic("Brazil", "place", "News from and about Brazil."),
    Topic("Japan", "place", "News from and about Japan."),
    Topic("Norway", "place", "News from and about Norway."),
    Topic("Canada", "place", "News from and about Canada."),
    Topic("United Nations", "organisation", "The United Nations and its agencies."),
    Topic("European Union", "organisation", "The EU's institutions and member states."),
    Topic("African Union", "organisation", "The continental body based in Addis Ababa."),
    Topic("Halvorsen Energy", "organisation", "Norwegian offshore wind developer (invented)."),
    Topic("Northbridge Observatory", "organisation", "Radio astronomy observatory (invented)."),
    Topic(
        "Operation Barkhane",
        "operation",
        "France's counter-terrorism operation across the Sahel, launched in 2014.",
    ),
    Topic(
        "Operation Serval",
        "operation",
        "The French military intervention in Mali launched in January 2013.",
    ),
    Topic("Operation Tidewater", "operation", "Flood relief operation in Kenya (invented)."),
    Topic(
        "Operation Clean Harbour",
        "operation",
        "Clean-up of abandoned boats in Halifax harbour (invented).",
    ),
    Topic("Mara Lindqvist", "person", "Chief executive of Halvorsen Energy (invented)."),
    Topic("Hélène Rocher", "person", "French novelist (invented)."),
    Topic("Tomas Adeyemi", "person", "Astronomer at Northbridge Observatory (invented)."),
]
