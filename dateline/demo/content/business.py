"""Business desk stories (invented companies and figures)."""

from .model import Note, Picture, Story, ago, facts, figure, p, photos, picture, quote, reporting

STORIES = [
    Story(
        section="business",
        headline="Halvorsen Energy profit rises as new wind farm starts up",
        standfirst=(
            "The offshore wind developer reported higher quarterly earnings and said its "
            "newest farm was delivering power ahead of schedule."
        ),
        place="Stavanger",
        age=ago(hours=20),
        bylines=reporting("monteiro", "solberg"),
        topics=("Halvorsen Energy", "Mara Lindqvist", "Norway"),
        lead=Picture("Stavanger, Norway", "Turbines at Halvorsen Energy's newest wind farm."),
        body=(
            p(
                "Halvorsen Energy reported a rise in quarterly operating profit, helped by the "
                "first full months of output from its newest offshore wind farm."
            ),
            figure("NOK 1.2bn", "quarterly operating profit", "Halvorsen Energy quarterly report"),
            quote(
                "The new farm is running better than we planned, and the wind was kind to "
                "us this quarter.",
                "Mara Lindqvist",
                "chief executive, Halvorsen Energy",
            ),
            p(
                "The company kept its forecast for the year unchanged and said it would decide "
                "on its next project in the North Sea before the summer."
            ),
            p(
                "Analysts said the figures were in line with expectations but noted that costs "
                "for new turbines were still rising."
            ),
        ),
    ),
    Story(
        section="business",
        headline="Fish auction in Tromsø sets a record for skrei cod",
        standfirst=(
            "Buyers paid the highest price yet recorded at the auction for the migrating "
            "winter cod, as catches came in smaller than expected."
        ),
        place="Tromsø",
        age=ago(days=8, hours=3),
        bylines=reporting("solberg"),
        topics=("Norway",),
        lead=Picture("Tromsø, Norway", "Boxes of cod on the quay before the auction."),
        body=(
            p(
                "Prices for skrei, the cod that migrates to the Norwegian coast to spawn each "
                "winter, reached a record at the Tromsø auction, traders said."
            ),
            figure(
                "NOK 62", "price per kilo paid at the top of the auction", "Tromsø fish auction"
            ),
            p(
                "Smaller catches and strong demand from restaurants in southern Europe pushed "
                "prices up, according to the auction house."
            ),
            p(
                "Fishermen said the high prices only partly made up for the smaller catches, as "
                "fuel costs remained high."
            ),
            p(
                "The season runs until the spring, and traders expect prices to ease as more "
                "boats land their catch."
            ),
        ),
    ),
    Story(
        section="business",
        headline="Kenyan mobile-money firm cuts fees on small transfers",
        standfirst=(
            "Jenga Mobile will stop charging for transfers below 100 shillings, a move aimed "
            "at market traders and rivals' customers."
        ),
        place="Nairobi",
        age=ago(days=45, hours=2),
        bylines=reporting("monteiro"),
        topics=("Kenya",),
        lead=Picture("Nairobi, Kenya", "A market trader checks a payment on her phone."),
        body=(
            p(
                "Jenga Mobile said it would scrap fees on transfers of less than 100 shillings, "
                "betting that more small payments will bring in more customers."
            ),
            quote(
                "Most of our customers send small amounts many times a day. The fee was a "
                "tax on being small.",
                "Peter Otieno",
                "chief executive, Jenga Mobile",
            ),
            figure(
                "38%", "share of the firm's transfers that are below 100 shillings", "Jenga Mobile"
            ),
            p("Rivals did not immediately say whether they would follow."),
            p(
                "Market traders welcomed the move, saying fees on small sales had eaten into thin "
                "margins."
            ),
            p("The company said the change would take effect from the start of next month."),
        ),
    ),
    Story(
        section="business",
        headline="Coffee cooperative in Minas Gerais ships its first direct export",
        standfirst=(
            "Two hundred small farmers sold a container of coffee straight to a roaster in "
            "Europe, cutting out two middlemen."
        ),
        place="São Paulo",
        age=ago(days=150, hours=4),
        bylines=(*reporting("monteiro"), photos("traore")),
        topics=("Brazil",),
        lead=Picture(
            "Minas Gerais, Brazil",
            "Sacks of green coffee ready for shipping.",
            "Moussa Traoré / The Dateline",
        ),
        body=(
            p(
                "A cooperative of small coffee farmers shipped its first container directly to a "
                "European roaster, a deal its members say pays them about a fifth more."
            ),
            figure("200", "farming families in the cooperative", "Cooperative records"),
            picture(
                "Minas Gerais · Drying terraces",
                "Coffee drying on terraces before sorting.",
                "Moussa Traoré / The Dateline",
            ),
            quote(
                "We grew good coffee before. Now someone who knows it is good is paying for it.",
                "Rosângela Dias",
                "cooperative president",
            ),
            p("The cooperative hopes to sell a third of its harvest directly within five years."),
            p(
                "The roaster has agreed to visit the farms each year and to publish the price it "
                "pays."
            ),
        ),
    ),
    Story(
        section="business",
        headline="Osaka robotics start-up raises money for warehouse robots",
        standfirst=(
            "Kanō Robotics says its small robots can be added to existing warehouses "
            "without changing shelves or floors."
        ),
        place="Osaka",
        age=ago(days=260, hours=5),
        bylines=reporting("tanabe"),
        topics=("Japan",),
        lead=Picture("Osaka, Japan", "A prototype warehouse robot at Kanō Robotics."),
        body=(
            p(
                "Kanō Robotics, a start-up founded by three university engineers, said it had "
                "raised new funding to build its first production run of warehouse robots."
            ),
            figure("¥1.8bn", "raised in the funding round", "Kanō Robotics"),
            p(
                "The robots carry crates between shelves and packing stations and are designed "
                "to work in older warehouses with narrow aisles."
            ),
            quote(
                "Most warehouses in Japan were built before anyone thought about robots.",
                "Yuki Kanō",
                "co-founder",
            ),
            p(
                "The company plans to hire 40 engineers and to start delivering robots to its "
                "first customers next year."
            ),
        ),
    ),
    Story(
        section="business",
        headline="Halvorsen Energy wins contract for floating wind farm",
        standfirst=(
            "The developer will build turbines on floating foundations in deep water off the "
            "west coast, its largest project so far."
        ),
        place="Stavanger",
        age=ago(days=400, hours=2),
        bylines=reporting("monteiro"),
        topics=("Halvorsen Energy", "Mara Lindqvist", "Norway"),
        lead=Picture("Off Stavanger, Norway", "A floating turbine foundation under tow."),
        body=(
            p(
                "Halvorsen Energy won a licence to build a floating offshore wind farm in deep "
                "water off Norway's west coast, the company said."
            ),
            figure("500 MW", "planned capacity of the floating farm", "Halvorsen Energy statement"),
            quote(
                "Floating wind is where the deep water is, and Norway has a lot of deep water.",
                "Mara Lindqvist",
                "chief executive, Halvorsen Energy",
            ),
            p("Construction is due to start within three years, subject to final approval."),
            p(
                "Floating foundations allow turbines to be placed in water too deep for the fixed "
                "towers used closer to shore."
            ),
            p(
                "Fishing organisations said they would seek talks with the company on the layout "
                "of the farm."
            ),
        ),
        notes=(
            Note(
                "correction",
                ago(hours=6),
                "An earlier version gave the planned capacity as 50 MW. It is 500 MW.",
            ),
        ),
    ),
    Story(
        section="business",
        headline="Bordeaux winemakers switch to lighter bottles",
        standfirst=(
            "A group of estates says lighter glass will cut transport costs and emissions "
            "without changing what is in the bottle."
        ),
        place="Bordeaux",
        age=ago(days=560, hours=8),
        bylines=reporting("osei"),
        topics=("France",),
        lead=Picture("Bordeaux, France", "Bottles on a bottling line near Bordeaux."),
        body=(
            p(
                "Forty wine estates near Bordeaux agreed to move to lighter bottles from next "
                "year's vintage, saying heavy glass was an outdated sign of quality."
            ),
            figure("about 30%", "less glass per bottle", "Estates' joint statement"),
            quote("Nobody drinks the bottle.", "Isabelle Roux", "winemaker"),
            facts(
                "Why bottle weight matters",
                "Glass making uses a lot of energy.",
                "Heavier bottles cost more to ship.",
                "Some buyers still read weight as a sign of quality.",
            ),
            p(
                "Producers said the lighter glass would cut the weight of a case by several "
                "kilos, lowering the cost of shipping abroad."
            ),
            p("Glassmakers in the region said they were ready to supply the new bottles."),
            p("Some estates outside the group said they would wait to see how buyers react."),
        ),
    ),
    Story(
        section="business",
        headline="Container volumes at Atlantic Canada ports climb",
        standfirst=(
            "Shippers moved more containers through the region's ports as new rail links "
            "cut the time to inland markets."
        ),
        place="Halifax",
        age=ago(days=850, hours=3),
        bylines=reporting("monteiro"),
        topics=("Canada",),
        lead=Picture("Halifax, Canada", "Containers stacked at a terminal in Halifax."),
        body=(
            p(
                "Ports in Atlantic Canada handled more containers last year, according to an "
                "industry group, which credited faster rail connections to central Canada."
            ),
            figure("+11%", "rise in container volumes on the year", "Maritime Freight Council"),
            p(
                "Terminal operators warned that yard space was running short and that new "
                "investment would be needed to keep growing."
            ),
            p(
                "The industry group said most of the growth came from imports of consumer goods "
                "bound for Ontario and Quebec."
            ),
            p(
                "Port authorities are reviewing plans for new storage yards on land next to the "
                "main terminals."
            ),
        ),
    ),
]
