"""World desk stories (invented, apart from the Mali withdrawal in mali.py)."""

from .model import (
    Note,
    Picture,
    Story,
    ago,
    also,
    facts,
    figure,
    p,
    photos,
    picture,
    quote,
    reporting,
)

STORIES = [
    Story(
        section="world",
        headline="Kenya launches Operation Tidewater as Tana River bursts its banks",
        standfirst=(
            "County authorities moved families to higher ground overnight after two days of "
            "heavy rain upstream sent the river over its banks in several places."
        ),
        place="Garissa",
        age=ago(hours=5),
        bylines=(*reporting("osei"), photos("traore")),
        topics=("Kenya", "Operation Tidewater"),
        lead=Picture(
            "Garissa, Kenya",
            "Volunteers load a boat with supplies on the flooded road outside Garissa.",
            "Moussa Traoré / The Dateline",
        ),
        body=(
            p(
                "Relief teams began moving families away from low-lying villages along the Tana "
                "River, county officials said, in what they called Operation Tidewater, a joint "
                "effort of county staff, volunteers and boat owners."
            ),
            p(
                "The river rose by more than a metre in a single night after heavy rain in the "
                "highlands, cutting the main road south of the town in two places."
            ),
            quote(
                "We would rather move people twice than rescue them once. The water is still "
                "rising and we expect the worst of it tomorrow.",
                "Halima Abdi",
                "county disaster coordinator",
            ),
            figure(
                "3,400",
                "people moved to higher ground in the first night",
                "Garissa county disaster office",
            ),
            picture(
                "Tana River · Garissa county",
                "Families wait for a boat on the edge of a flooded village.",
                "Moussa Traoré / The Dateline",
            ),
            p(
                "Schools on higher ground have been turned into shelters, and the county has "
                "asked traders not to raise the price of drinking water."
            ),
        ),
        notes=(
            Note(
                "update",
                ago(hours=2),
                "Adds the number of people moved overnight, given by the county after publication.",
            ),
        ),
    ),
    Story(
        section="world",
        headline="Arctic shipping season runs longer than ever, port data show",
        standfirst=(
            "Cargo ships used the northern route for more weeks this year than in any year "
            "since records at the port began, as sea ice formed later in the autumn."
        ),
        place="Tromsø",
        age=ago(hours=30),
        bylines=reporting("solberg"),
        topics=("Norway",),
        source=("Partner Wire", "https://partner-wire.example/stories/arctic-shipping-season"),
        lead=Picture("Tromsø, Norway", "A cargo ship leaves Tromsø in the last light of autumn."),
        body=(
            p(
                "Ships sailing between northern Norway and ports further east found open water "
                "for longer this year, according to figures compiled by the harbour office, "
                "which counted the first and last passages of the season."
            ),
            figure(
                "19 weeks",
                "length of this year's shipping season on the northern route",
                "Tromsø harbour office",
            ),
            p(
                "Shipping companies welcomed the longer season, but pilots warned that drifting "
                "ice still made the last weeks unpredictable and that insurance costs remained "
                "high."
            ),
            quote(
                "A longer season is not the same thing as an easier one. The ice is later, "
                "but it is also less predictable.",
                "Eirik Nygaard",
                "ice pilot",
            ),
            p(
                "The harbour office said most of the extra traffic was bulk cargo, with a smaller "
                "rise in fishing vessels heading for grounds further north."
            ),
            p(
                "Environmental groups called for stricter rules on fuel and speed for ships using "
                "the route, saying more traffic meant more risk in waters with few rescue "
                "services."
            ),
        ),
    ),
    Story(
        section="world",
        headline="Solar pumps bring water back to villages east of Niamey",
        standfirst=(
            "A programme run by a local cooperative has replaced diesel pumps in a dozen "
            "villages, cutting costs and the hours women spend fetching water."
        ),
        place="Niamey",
        age=ago(days=38, hours=4),
        bylines=(*reporting("marchand"), photos("traore")),
        topics=("Niger",),
        lead=Picture(
            "Near Niamey, Niger",
            "A solar array beside a village water tower east of Niamey.",
            "Moussa Traoré / The Dateline",
        ),
        body=(
            p(
                "For years the pumps in the villages east of the capital ran on diesel, and when "
                "fuel was short or expensive they did not run at all. Since the spring, a "
                "cooperative has swapped a dozen of them for solar-powered units."
            ),
            quote(
                "Before, we waited for the fuel truck. Now we wait for the sun, and the sun "
                "is always on time.",
                "Aïssata Moussa",
                "head of a village water committee",
            ),
            figure(
                "12",
                "village pumps converted to solar power since the spring",
                "Tillabéri water cooperative",
            ),
            p(
                "The cooperative says the savings on fuel are paying for maintenance, and it "
                "plans to train two technicians in each village before the next dry season."
            ),
            p(
                "Each pump is fitted with a small meter so that the village committee can see how "
                "much water is drawn and spot a fault early."
            ),
            p(
                "Health workers in the area said reliable water had already reduced the number of "
                "children brought to clinics with stomach illnesses."
            ),
        ),
    ),
    Story(
        section="world",
        headline="Marseille opens a floating swimming pool in its old port",
        standfirst=(
            "The pool, moored in the harbour and filled with filtered sea water, is free for "
            "children during the summer holidays."
        ),
        place="Marseille",
        age=ago(days=15, hours=6),
        bylines=reporting("osei"),
        topics=("France",),
        lead=Picture("Marseille, France", "The floating pool moored in the old port."),
        body=(
            p(
                "Swimmers queued along the quay for the opening of a 25-metre pool that floats in "
                "the harbour, a project the city says will give families without a car an easy "
                "way to cool off."
            ),
            p(
                "The water is drawn from the sea and filtered before it reaches the pool, and a "
                "lifeguard station sits at each end."
            ),
            quote(
                "The sea has always been here, but not everyone can get to a beach. Now the "
                "beach comes to the city centre.",
                "Claire Fabre",
                "deputy mayor for sport",
            ),
            p(
                "The pool will stay open until the end of September before being towed to a "
                "shipyard for winter maintenance."
            ),
        ),
    ),
    Story(
        section="world",
        headline="Halifax clears abandoned boats from harbour in Operation Clean Harbour",
        standfirst=(
            "Crews have lifted dozens of derelict vessels from the water since the start of "
            "the clean-up, the largest the harbour has seen."
        ),
        place="Halifax",
        age=ago(days=210, hours=2),
        bylines=reporting("osei"),
        topics=("Canada", "Operation Clean Harbour"),
        lead=Picture("Halifax, Canada", "A crane lifts a derelict fishing boat onto a barge."),
        body=(
            p(
                "Work crews in Halifax have removed dozens of abandoned boats from the harbour "
                "this year under Operation Clean Harbour, a programme paid for by the port and "
                "the city."
            ),
            figure(
                "74",
                "derelict vessels removed from the harbour since the spring",
                "Halifax harbour clean-up office",
            ),
            p(
                "Many of the boats had been left to rot for years, leaking fuel and drifting "
                "into moorings. Owners who can be traced are being sent the bill."
            ),
            quote(
                "Every one of these boats belonged to someone. Most of them simply ran out "
                "of money or interest.",
                "Mark Dunphy",
                "harbour master",
            ),
            p(
                "The clean-up is due to continue until the autumn, when crews will move to "
                "smaller coves outside the main harbour."
            ),
        ),
    ),
    Story(
        section="world",
        headline="Manaus river port reopens as water levels recover",
        standfirst=(
            "Passenger boats are running again on the Rio Negro after months of low water "
            "left the city's port partly stranded."
        ),
        place="Manaus",
        age=ago(days=420),
        bylines=reporting("monteiro"),
        topics=("Brazil",),
        lead=Picture("Manaus, Brazil", "Passenger boats moored at the river port in Manaus."),
        body=(
            p(
                "The river port in Manaus reopened fully after the water rose enough for large "
                "passenger boats to reach the main quay, port officials said."
            ),
            p(
                "During the dry months, boats had to moor far out in the river, and passengers "
                "and cargo were ferried to the bank in smaller craft."
            ),
            quote(
                "People here live by the river. When it falls, prices rise and trips take "
                "twice as long.",
                "Joana Prado",
                "boat operators' association",
            ),
            facts(
                "The river port in figures",
                "Passenger boats serve towns up to several days' journey away.",
                "Cargo includes food, fuel and building materials.",
                "The port's busiest months are at the end of the rainy season.",
            ),
            p(
                "Traders said the price of flour and cooking gas in riverside towns had started "
                "to fall as regular deliveries resumed."
            ),
        ),
    ),
    Story(
        section="world",
        headline="African Union launches a continental coding prize for students",
        standfirst=(
            "Teams of secondary school students will compete to build apps that solve a "
            "problem in their own town, with a final in Addis Ababa."
        ),
        place="Addis Ababa",
        age=ago(days=640, hours=3),
        bylines=reporting("osei"),
        topics=("African Union", "Kenya"),
        lead=Picture("Addis Ababa, Ethiopia", "Students at a coding workshop in Addis Ababa."),
        body=(
            p(
                "A new prize for school coding teams was launched at the African Union's "
                "headquarters, with organisers hoping to draw entries from every member state "
                "within three years."
            ),
            p(
                "Each team must build an app that addresses a problem in its own community, "
                "from bus timetables to market prices."
            ),
            quote(
                "The best ideas come from people who live with the problem every day.",
                "Nadia Bekele",
                "prize coordinator",
            ),
            figure("54", "countries invited to enter teams", "Prize organising committee"),
            p(
                "Winning teams will receive laptops for their schools and mentoring from software "
                "engineers for a year."
            ),
            p(
                "Entries open at the start of the next school year, and national rounds will be "
                "organised by ministries of education."
            ),
        ),
    ),
    Story(
        section="world",
        headline="Ferry service returns to storm-hit island in Japan's south",
        standfirst=(
            "The island was cut off for nine days after a typhoon damaged its only harbour; "
            "a temporary pier now lets the ferry dock again."
        ),
        place="Kagoshima",
        age=ago(days=900),
        bylines=(*reporting("tanabe"), also("osei")),
        topics=("Japan",),
        lead=Picture("Kagoshima, Japan", "The ferry approaches the temporary pier."),
        body=(
            p(
                "Ferry services to a small island south of Kagoshima resumed after engineers "
                "built a temporary pier beside the harbour wrecked by the typhoon."
            ),
            p(
                "Residents had relied on supplies dropped by helicopter and brought by fishing "
                "boats while the harbour was closed."
            ),
            quote(
                "We were never short of food, but we were short of news. The first ferry "
                "was a celebration.",
                "Hiroshi Mori",
                "island resident",
            ),
            figure("9 days", "the island went without a ferry", "Prefectural transport office"),
            p(
                "Work on a permanent harbour wall is expected to take at least two years, the "
                "prefecture said."
            ),
        ),
    ),
]
