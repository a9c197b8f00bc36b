"""The demo newsroom's editorial content, as plain data: desks, staff, topics and stories.

All of it was written for Dateline's demo. Apart from the Mali withdrawal of 15 August 2022
(mali.py), the news is invented; so are every person, company and institute.
"""

from . import business, culture, politics, science, world
from .desk import AUTHORS, SECTIONS, TOPICS
from .mali import MALI_PUBLISHED, MALI_WITHDRAWAL
from .model import Author, Note, Picture, Section, Story, Topic

STORIES: list[Story] = [
    MALI_WITHDRAWAL,
    *world.STORIES,
    *politics.STORIES,
    *business.STORIES,
    *science.STORIES,
    *culture.STORIES,
]

__all__ = [
    "AUTHORS",
    "MALI_PUBLISHED",
    "MALI_WITHDRAWAL",
    "SECTIONS",
    "STORIES",
    "TOPICS",
    "Author",
    "Note",
    "Picture",
    "Section",
    "Story",
    "Topic",
]
