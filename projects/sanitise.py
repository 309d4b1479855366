"""Make text from front-end forms safe to store as rich text."""

import html
import re

import nh3

ALLOWED_TAGS = {"p", "br", "ul", "ol", "li", "a", "b", "strong", "i", "em"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
TAG = re.compile(r"<[a-zA-Z/!]")


def paragraphs(text: str) -> str:
    """Plain text with blank lines between paragraphs, as escaped HTML paragraphs."""
    blocks = [block.strip() for block in re.split(r"\n\s*\n", text.strip()) if block.strip()]
    return "".join("<p>{}</p>".format(html.escape(block).replace("\n", "<br>")) for block in blocks)


def clean_rich_text(text: str) -> str:
    """Keep paragraphs, lists and links only; links get rel="nofollow ugc".

    Plain text (no tags) becomes paragraphs, so people need not know any HTML.
    """
    if not TAG.search(text):
        text = paragraphs(text)
    return nh3.clean(
        text,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow ugc",
    ).strip()
