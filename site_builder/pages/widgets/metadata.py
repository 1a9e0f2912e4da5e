"""metadata: Article -> what search engines and social cards read (schema.org, Open Graph)."""

from __future__ import annotations

from typing import Any

from site_builder.config import Config
from site_builder.model import Article, Taxonomy, Term
from site_builder.newsroom import Image, Profile


def news_article(article: Article, config: Config, authors: Taxonomy | None = None) -> dict[str, Any]:
    """schema.org NewsArticle as JSON-LD; absolute URLs from base_url. `authors`: the bylines'
    taxonomy, whose pages are the authors' `url`."""
    url = config.base_url + article.url
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": article.title[:110],
        "description": article.summary,
        "datePublished": article.date.isoformat(),
        "dateModified": article.revised.isoformat(),
        "inLanguage": config.language,
        "publisher": {"@type": "Organization", "name": config.title, "url": config.base_url},
    }
    terms = authors.terms_of(article) if authors is not None else []
    if terms:
        data["author"] = [{"@type": "Person", "name": t.name, "url": config.base_url + t.url} for t in terms]
    elif article.authors:
        data["author"] = [{"@type": "Person", "name": name} for name in article.authors]
    elif article.agency:
        data["author"] = {"@type": "Organization", "name": article.agency}
    keywords = [*article.topics, *article.tags]
    if keywords:
        data["keywords"] = keywords
    if article.regions:
        data["contentLocation"] = [{"@type": "Country", "name": r} for r in article.regions]
    if article.agency:
        data["sourceOrganization"] = {"@type": "Organization", "name": article.agency}
    image = image_object(article.image, config)
    if image:
        data["image"] = image
    if article.corrections:
        data["correction"] = [{"@type": "CorrectionComment", "text": c.text, "datePublished": c.date.isoformat()}
                              for c in article.corrections]
    return data


def person(term: Term, profile: Profile | None, config: Config) -> dict[str, Any]:
    """schema.org Person for an author's page: its `url`, and `sameAs` the profile's links."""
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": "Person",
                            "name": profile.name if profile and profile.name else term.name,
                            "url": config.base_url + term.url}
    if profile is not None:
        if profile.role:
            data["jobTitle"] = profile.role
        if profile.links:
            data["sameAs"] = [link.url for link in profile.links if link.url.startswith("http")]
        picture = image_url(profile.photo, config)
        if picture:
            data["image"] = picture
        data["worksFor"] = {"@type": "Organization", "name": config.title, "url": config.base_url}
    return data


def image_object(image: Image | None, config: Config) -> dict[str, Any] | None:
    """An ImageObject with the photo's absolute URL and size; None without a photo (an
    ImageObject without a URL is no use to anyone)."""
    url = image_url(image, config)
    if url is None or image is None:
        return None
    data: dict[str, Any] = {"@type": "ImageObject", "url": url, "contentUrl": url}
    if image.photo is not None:
        data["width"], data["height"] = image.photo.largest.width, image.photo.largest.height
    if image.caption:
        data["caption"] = image.caption
    if image.credit:
        data["creditText"] = image.credit
    return data


def image_url(image: Image | None, config: Config) -> str | None:
    """The absolute URL of a photo as share cards and search engines take it: the largest
    variant in its own format, or the http(s) address given."""
    if image is None or not image.shown:
        return None
    if image.photo is not None:
        return config.base_url + image.photo.largest.path
    return image.src

