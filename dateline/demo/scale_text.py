"""Filler copy for scale data sets: plausible-looking, obviously generic, and deterministic.

Scale articles exist to load the system (listings, archives, feeds, search), not to be read,
so their text is assembled from small phrase lists by a seeded random generator.
"""

from __future__ import annotations

import random

PLACES = [
    "Bergen",
    "Niamey",
    "Lyon",
    "Osaka",
    "Recife",
    "Halifax",
    "Nairobi",
    "Tromsø",
    "Kyoto",
    "Marseille",
    "Montreal",
    "Manaus",
    "Kitui",
    "Stavanger",
    "Toulouse",
    "Garissa",
    "Sendai",
    "Salvador",
    "Rennes",
    "Curitiba",
]
SUBJECTS = [
    "council",
    "port authority",
    "university",
    "cooperative",
    "museum",
    "hospital board",
    "transport agency",
    "farmers' union",
    "water utility",
    "school board",
    "library service",
    "fishing fleet",
    "energy company",
    "research institute",
    "festival",
]
VERBS = [
    "approves",
    "delays",
    "expands",
    "reviews",
    "opens",
    "funds",
    "cuts",
    "tests",
    "unveils",
    "debates",
    "extends",
    "doubles",
]
OBJECTS = [
    "new ferry timetable",
    "budget for street lighting",
    "plan for cycle lanes",
    "grant scheme",
    "flood defences",
    "night bus service",
    "solar power project",
    "harbour clean-up",
    "reading programme",
    "water pipeline",
    "housing plan",
    "sports centre",
    "market renovation",
    "tram extension",
    "exhibition of local artists",
]
OPENERS = [
    "Officials in {place} said the {subject} had agreed to the proposal after a long debate.",
    "The decision by the {subject} in {place} follows months of consultation with residents.",
    "Residents of {place} have been asked for their views before the {subject} decides.",
    "The {subject} in {place} said the change would take effect within the year.",
]
MIDDLES = [
    "Supporters said the plan would save money over time, while critics questioned the cost.",
    "A spokesperson said details would be published on the {subject}'s website.",
    "Similar schemes elsewhere have had mixed results, according to a recent review.",
    "The first phase is expected to be completed before the end of next year.",
    "Local businesses said they welcomed the decision but wanted more time to prepare.",
    "Figures published by the {subject} show demand has risen steadily for several years.",
]
CLOSERS = [
    "A further vote is expected later in the year.",
    "The {subject} will report on progress in the spring.",
    "Opposition members said they would continue to press for changes.",
    "Residents can attend a public meeting on the plans next month.",
]
SPEAKERS = [
    ("Anna Berg", "council spokesperson"),
    ("Idrissa Kane", "project manager"),
    ("Marie Dubois", "local resident"),
    ("Kenji Sato", "committee chair"),
    ("Lucas Silva", "union representative"),
    ("Grace Njeri", "director"),
]
ROLES = ["reporting", "reporting", "reporting", "additional reporting", "photographs"]


class FillerWriter:
    """Writes one generic story at a time; the same seed writes the same stories."""

    def __init__(self, seed: int = 2014):
        self.rng = random.Random(seed)

    def headline(self, place: str) -> str:
        r = self.rng
        return f"{place} {r.choice(SUBJECTS)} {r.choice(VERBS)} {r.choice(OBJECTS)}"

    def standfirst(self, place: str) -> str:
        r = self.rng
        return (
            f"The {r.choice(SUBJECTS)} in {place} {r.choice(VERBS)} its {r.choice(OBJECTS)}, "
            "a decision that will be watched closely by neighbouring towns."
        )

    def body(self, place: str, new_id) -> list[dict]:
        """Raw StreamField data: three to five paragraphs and, now and then, a quote."""
        r = self.rng
        subject = r.choice(SUBJECTS)
        sentences = [r.choice(OPENERS), *r.sample(MIDDLES, r.randint(2, 3)), r.choice(CLOSERS)]
        blocks = [
            {
                "type": "paragraph",
                "value": f"<p>{s.format(place=place, subject=subject)}</p>",
                "id": new_id(),
            }
            for s in sentences
        ]
        if r.random() < 0.4:
            speaker, role = r.choice(SPEAKERS)
            blocks.insert(
                2,
                {
                    "type": "quote",
                    "value": {
                        "text": "We listened to people and this is the result.",
                        "speaker": speaker,
                        "role": role,
                    },
                    "id": new_id(),
                },
            )
        return blocks

    def place(self) -> str:
        return self.rng.choice(PLACES)

    def random(self) -> float:
        return self.rng.random()

    def pick(self, seq):
        return self.rng.choice(seq)

    def sample(self, seq, k: int):
        return self.rng.sample(seq, k)
