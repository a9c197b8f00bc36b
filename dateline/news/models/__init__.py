"""News pages: the front page, sections, articles, topics, authors and plain pages."""

from .article import ArticleByline, ArticleCorrection, ArticlePage, CommentPolicy
from .curation import HomePin, SectionPin
from .home import HomePage
from .info import InfoPage
from .kill import KilledStory
from .people import AuthorIndexPage, AuthorPage
from .section import SectionPage
from .topics import TopicIndexPage, TopicPage

__all__ = [
    "ArticleByline",
    "ArticleCorrection",
    "ArticlePage",
    "AuthorIndexPage",
    "AuthorPage",
    "CommentPolicy",
    "HomePage",
    "HomePin",
    "InfoPage",
    "KilledStory",
    "SectionPage",
    "SectionPin",
    "TopicIndexPage",
    "TopicPage",
]
