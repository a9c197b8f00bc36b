"""News pages: the front page, sections, articles, topics and authors."""

from .article import ArticleByline, ArticleCorrection, ArticlePage
from .home import HomePage
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
    "SectionPage",
    "TopicIndexPage",
    "TopicPage",
]
