"""News pages: the front page, sections, articles, topics, authors and plain pages."""

from .article import ArticleByline, ArticleCorrection, ArticlePage
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
    "HomePage",
    "InfoPage",
    "KilledStory",
    "SectionPage",
    "TopicIndexPage",
    "TopicPage",
]
