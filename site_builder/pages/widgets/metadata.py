"""metadata: Article -> what search engines and social cards read (schema.org, Open Graph)."""

from __future__ import annotations

from typing import Any

from site_builder.config import Config
from site_builder.model import Article


def news_article(article: Article, config: Config) -> dict[str, Any]:
    """schema.org NewsArticle as JSON-LD; absolute URLs from base_url."""
    url = config.base_url + article.url
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": article.title[:110],
        "description": article.summary,
        "datePublished": article.date.isoformat(),
        "dateModified": article.modified.isoformat(),
        "inLanguage": config.language,
        "publisher": {"@type": "Organization", "name": config.title, "url": config.base_url},
    }
    if article.byline:
        name = article.byline.removeprefix("By ").removeprefix("by ")
        data["author"] = {"@type": "Person", "name": name}
    elif article.agency:
        data["author"] = {"@type": "Organization", "name": article.agency}
    keywords = [*article.topics, *article.tags]
    if keywords:
        data["keywords"] = keywords
    if article.regions:
        data["contentLocation"] = [{"@type": "Country", "name": r} for r in article.regions]
    if article.agency:
        data["sourceOrganization"] = {"@type": "Organization", "name": article.agency}
    if article.image:
        image = {"@type": "ImageObject"}
        if article.image.src:
            image["contentUrl"] = absolute(article.image.src, config)
        if article.image.caption:
            image["caption"] = article.image.caption
        if article.image.credit:
            image["creditText"] = article.image.credit
        data["image"] = image
    return data


def absolute(src: str, config: Config) -> str:
    """An image or link as written in front matter, made absolute against base_url."""
    return src if src.startswith(("http://", "https://")) else config.base_url + src.lstrip("/")
