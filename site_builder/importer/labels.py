"""labels: a body line -> why it is page furniture (a media or link label, a stray caption), or None if it is text."""

from __future__ import annotations

import re

from site_builder.importer.captions import has_credit
from site_builder.importer.dates import find_full_dates
from site_builder.importer.text import ends_sentence, word_count

# Words that name a medium or a link, not a topic: a line led by one labels a video, photo or story.
_MEDIA = (r"WATCH|Watch|VIDEO|Video|LISTEN|Listen|AUDIO|Audio|PODCAST|Podcast|PHOTOS?|Photos?|PICTURES|Pictures|"
          r"IN PICTURES|In [Pp]ictures|GALLERY|Gallery|SLIDESHOW|Slideshow|GRAPHIC|Graphic|INFOGRAPHIC|Infographic|"
          r"MAP|Map|INTERVIEW|Interview|LIVE|Live|LIVE UPDATES|Live [Uu]pdates|CLIP|Clip|FOOTAGE|Footage|"
          r"RELATED|Related|RELATED COVERAGE|Related [Cc]overage|READ MORE|Read [Mm]ore|READ|Read|ALSO READ|"
          r"Also [Rr]ead|SEE ALSO|See [Aa]lso|SEE|See|MORE|More|MORE FROM \w+|More from \w+|EXPLAINER|Explainer|"
          r"OPINION|Opinion|LATEST|Latest|TRENDING|Trending|RECOMMENDED|Recommended|FACT CHECK|Fact [Cc]heck")
# "WATCH: ...", "Related | ...", "VIDEO — ...": a medium word and a separator.
_LABEL_PREFIX = re.compile(rf"^(?:\w+\s+)?(?:{_MEDIA})(?:\s*[:|»›]|\s+[–—-]\s)\s*")
# "Interview with ...", "Video of ...", "Watch the ...": a medium word leading a phrase that is no sentence.
_MEDIA_PHRASE = re.compile(
    r"^(?:(?:An?|The|Exclusive|Full|EXCLUSIVE|VOA|AP|AFP|Reuters)\s+)?(?:Interview|Video|Watch|Listen|Photos?|Pictures|"
    r"Gallery|Slideshow|Audio|Podcast|Footage|Clip|Click|Tap|Download|Live [Uu]pdates|More (?:on|from|about)|"
    r"Related (?:[Cc]overage|[Ss]tor(?:y|ies)|[Aa]rticles?|[Ll]inks?|[Vv]ideos?|[Cc]ontent)|"
    r"Read (?:more|the|our|about|also)|See (?:more|also|the|our|photos)|Also read|"
    r"Subscribe|Sign up)\b")
_MEDIA_SUFFIX = re.compile(r"[(\[](?:video|photos?|gallery|audio|watch|listen|interactive|graphic)[)\]]\s*$|"
                           r"\s[|–—-]\s*(?:Video|VIDEO|Photos|PHOTOS|Watch|Gallery|Audio|Podcast)\s*$", re.I)
_FURNITURE = re.compile(
    r"^(?:Advertisement|ADVERTISEMENT|Sponsored|Sponsored content|Read more|Read More|READ MORE|"
    r"Share|Share this|Share this article|Share this story|Share on \w+|Tweet|Email|Print|Copy link|"
    r"Click here\b.*|Subscribe(?: now| here| to .*)?|Sign up (?:for|to|here) .*|Sign up here|Follow us\b.*|"
    r"Listen to this article.*|Scroll to continue.*|Continue reading.*|Skip to .*|Story continues below.*|"
    r"Advertisement - .*|Recommended(?: for you| reading| stories)?|Most [Rr]ead|Trending|Top [Ss]tories|"
    r"Related [Aa]rticles|Related [Ss]tories|Comments|Slideshow \(\d+ [Ii]mages?\)|\d+ [Ii]mages?|"
    r"Enlarge this image|toggle caption|hide caption|Image|Photo|Video|Audio)\.?\s*$"
)
# Photo captions describe a scene in the present: "X is seen", "X poses", "X looks on".
_SCENE = re.compile(r"\b(?:is|are) (?:seen|pictured|shown|displayed)\b|\b(?:poses?|looks? on|gestures?|"
                    r"waves?|reacts?|attends?|arrives?|speaks?)\b(?: (?:during|at|as|for|in|with|after|before|to)\b)", re.I)
_MAX_LABEL_WORDS = 20


def label_kind(line: str) -> str | None:
    """What kind of non-text line this is ("page furniture", "media or link label", "photo caption"), or None."""
    if not line or word_count(line) > _MAX_LABEL_WORDS:
        return None
    if _FURNITURE.match(line):
        return "page furniture"
    if _LABEL_PREFIX.match(line) or _MEDIA_SUFFIX.search(line):
        return "media or link label"
    if _MEDIA_PHRASE.match(line) and not ends_sentence(line):
        return "media or link label"
    if has_credit(line):
        return "photo caption (it ends with a photo credit)"
    return None


def is_caption_like(line: str) -> bool:
    """True for a line that reads like a photo caption (a scene, a date) rather than a subheading."""
    return bool(_SCENE.search(line) or find_full_dates(line))
