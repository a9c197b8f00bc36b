"""The one story pinned to a real date: France's last troops leave Mali, 15 August 2022.

Written for the demo in our own words from the public record. Numbers that were only ever
reported approximately are given as such.
"""

from datetime import UTC, datetime, timedelta

from .model import Picture, Story, also, facts, figure, p, picture, quote, reporting

MALI_PUBLISHED = datetime(2022, 8, 15, 14, 10, tzinfo=UTC)

MALI_WITHDRAWAL = Story(
    section="world",
    headline="Last French troops leave Mali as Barkhane force completes move to Niger",
    standfirst=(
        "The final contingent of France's Barkhane force crossed into Niger, closing nine years "
        "of French military operations in Mali that began with Operation Serval in 2013."
    ),
    place="Niamey",
    published=MALI_PUBLISHED,
    filed_before=timedelta(minutes=50),
    bylines=(*reporting("marchand"), also("osei")),
    topics=("Mali", "Niger", "France", "Operation Barkhane", "Operation Serval"),
    lead=Picture(
        "Gao to Niamey · Illustration",
        "The road east from Gao towards the Niger border, the route of the last French convoy.",
    ),
    body=(
        p(
            "The last French soldiers deployed in Mali crossed the border into Niger on Monday, "
            "the French armed forces said, completing a withdrawal announced six months ago and "
            "ending nine years of French military operations in the country."
        ),
        p(
            "The final detachment left the base at Gao, in northern Mali, which was handed over "
            "to the Malian armed forces. Gao had been the largest base of the Barkhane force and "
            "its main logistics hub in the country."
        ),
        quote(
            "This morning the last detachment of the Barkhane force still on Malian soil crossed "
            "the border between Mali and Niger.",
            "French armed forces general staff",
            "statement, translated from French",
        ),
        p(
            "The general staff described the pull-out, which involved moving troops, vehicles "
            "and equipment across long desert roads, as a major logistical challenge that had "
            "been carried out in good order."
        ),
        p(
            "France first sent troops to Mali in January 2013 under Operation Serval, at the "
            "request of the Malian government of the time, to halt an advance by armed groups "
            "towards the south of the country. In August 2014 Serval gave way to Operation "
            "Barkhane, a wider counter-terrorism mission across several countries of the Sahel."
        ),
        figure(
            "about 5,100",
            "French troops deployed across the Sahel under Operation Barkhane at its peak",
            "French Ministry of the Armed Forces",
        ),
        p(
            "President Emmanuel Macron announced the withdrawal in February, after relations "
            "between Paris and the military authorities who took power in Bamako in 2020 and "
            "2021 broke down. France and its partners said at the time that the political, "
            "operational and legal conditions for staying were no longer met."
        ),
        p(
            "French forces are to keep operating in the region from Niger and Chad, working with "
            "countries that ask for their support. French officials have put the number of "
            "troops that will remain in the Sahel at roughly 2,500, well below the peak."
        ),
        picture(
            "Niamey · Illustration",
            "Niamey, where French forces in the Sahel are now to be based.",
        ),
        facts(
            "France in Mali, 2013-2022",
            "January 2013: Operation Serval begins at the request of the Malian government.",
            "August 2014: Serval gives way to Operation Barkhane, a regional Sahel mission.",
            "2020 and 2021: military officers take power in Bamako in two coups.",
            "February 2022: France announces it will withdraw its forces from Mali.",
            "15 August 2022: the last Barkhane troops leave Mali for Niger.",
        ),
        p(
            "More than 50 French soldiers were killed in Mali over the nine years of operations. "
            "A United Nations peacekeeping mission, MINUSMA, remains in the country."
        ),
    ),
)
