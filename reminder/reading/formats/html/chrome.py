"""Preparing an HTML page before it is read: page chrome out, marks made into text.

`prepare(soup)` changes the parsed page in place so that `html` reads only the content:

* page chrome is removed: `<nav>`, a site `<header>`/`<footer>` (one outside the
  `<main>`/`<article>` content, or holding navigation), elements whose role is
  navigation, banner, contentinfo or search, breadcrumbs, skip links, cookie and
  consent banners (by class or id);
* a checkbox (`<input type=checkbox>`, a Notion `checkbox-on/off`, a Confluence task
  list item) becomes a `[x] ` / `[ ] ` mark at the start of its text;
* struck-through text (`<s>`, `<del>`, `<strike>`, `text-decoration: line-through` in a
  style attribute or a `<style>` class) is wrapped in `STRIKE_OPEN`/`STRIKE_CLOSE`
  marks, which `struck_text` removes, telling whether the whole text was struck; a
  ticked to-do that its page strikes through (Notion does) is done, not struck;
* text made bold by a `<style>` class or a `font-weight` style gets `BOLD_MARK`, so
  that a bold-only line reads as a heading as `<b>` does;
* `title_level` and `bold_only` tell the heading paragraphs: a Title / Subtitle
  class, or a short line whose only content is bold;
* Word's list paragraphs (`class=MsoListParagraph...`, or any paragraph styled
  `mso-list:l0 levelN`) lose their typed bullet
  (the `mso-list:Ignore` span: "·", "o", "§", "1.") and are marked as list items with
  their depth (`list_depth`), from `mso-list:l0 levelN` or the margin.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup
from bs4.element import NavigableString, Tag

from reminder.reading.formats.markdown.inline import struck_whole

STRIKE_OPEN = "\x01"
STRIKE_CLOSE = "\x02"
_STRUCK_SPAN = re.compile(f"{STRIKE_OPEN}([^{STRIKE_CLOSE}]*){STRIKE_CLOSE}")
_CHROME_WORDS = re.compile(r"breadcrumb|cookie|consent|skip-?link|skip-?nav|site-?nav", re.I)
_CHROME_ROLES = {"navigation", "banner", "contentinfo", "search"}
_LINE_THROUGH = re.compile(r"text-decoration[^;]*line-through", re.I)
_CSS_RULE = re.compile(r"([^{}]+)\{([^}]*)\}")
_LAST_CLASS = re.compile(r"\.([\w-]+)$")  # ".c4" in "p .c4": the class a rule styles
_MSO_LEVEL = re.compile(r"mso-list:\s*l\d+\s+level(\d+)", re.I)
_MARGIN = re.compile(r"margin-left:\s*(\d+(?:\.\d+)?)\s*(pt|cm|in|px)", re.I)
_KIX_LEVEL = re.compile(r"lst-kix_\S*?-(\d+)$")
_MARKER = re.compile(
    r"^[\s\u00a0]*(?:[·•o§▪\uf0b7\uf0a7\uf0d8\uf076-]|\d{1,2}[.)]|[a-z][.)])[\s\u00a0]*$"
)
_POINTS = {"pt": 1.0, "cm": 28.35, "in": 72.0, "px": 0.75}
LIST_MARK = "data-list-depth"  # attribute set on Word list paragraphs
BOLD_MARK = "data-bold"  # attribute set on elements bold by a class or a style
_BOLD = re.compile(r"font-weight:\s*(?:bold|[6-9]00)", re.I)


def prepare(soup: BeautifulSoup) -> None:
    """Remove chrome and turn checkboxes, strikes and Word list bullets into marks."""
    _drop_chrome(soup)
    _mark(soup)


def struck_text(text: str) -> tuple[str, bool]:
    """(text without strike marks, whether it was struck as a whole)."""
    struck = struck_whole(text, _STRUCK_SPAN)
    plain = text.replace(STRIKE_OPEN, "").replace(STRIKE_CLOSE, "")
    return plain, struck and not plain.lstrip().lower().startswith("[x]")


def list_depth(node: Tag) -> int:
    """Depth of the list item holding `node`: a Google Docs `lst-kix_...-N` class, a Word
    list paragraph's mark, else the number of enclosing lists."""
    lists = [a for a in [node, *node.parents] if isinstance(a, Tag) and a.name in {"ul", "ol"}]
    marked = (a for a in [node, *node.parents] if isinstance(a, Tag) and a.has_attr(LIST_MARK))
    word = next(marked, None)
    if word is not None:
        return int(str(word[LIST_MARK]))
    for name in _attr(lists[0], "class").split() if lists else []:
        kix = _KIX_LEVEL.search(name)
        if kix:
            return int(kix.group(1))
    return max(len(lists) - 1, 0)


def title_level(tag: Tag) -> int:
    """1 for a Title paragraph, 2 for a Subtitle (Word `MsoTitle`, Google Docs `title`)."""
    classes = {str(name).lower() for name in tag.get("class") or []}
    if classes & {"msotitle", "title"}:
        return 1
    return 2 if classes & {"msosubtitle", "subtitle"} else 0


def bold_only(tag: Tag) -> bool:
    parts = [c for c in tag.children if not (isinstance(c, NavigableString) and not c.strip())]
    return (
        len(parts) == 1
        and isinstance(parts[0], Tag)
        and (parts[0].name in {"b", "strong"} or parts[0].has_attr(BOLD_MARK))
        and len(tag.get_text().split()) <= 12
    )


def _attr(tag: Tag, name: str) -> str:
    if _gone(tag):
        return ""
    value = tag.get(name)
    return " ".join(value) if isinstance(value, list) else str(value or "")


def _drop_chrome(soup: BeautifulSoup) -> None:
    content = soup.find(["main", "article"]) or soup.select_one("[role=main]")
    for tag in list(soup.find_all(True)):
        if _gone(tag):
            continue
        name = tag.name
        words = f"{_attr(tag, 'class')} {_attr(tag, 'id')}"
        outside = _outside(tag, content) if content is not None else tag.parent is soup.body
        site_part = (name == "header" and tag.find("nav") is not None) or (
            name in {"header", "footer"} and outside and (name == "footer" or content is not None)
        )
        skip = name == "a" and _attr(tag, "href").startswith("#")
        skip = skip and "skip" in tag.get_text().lower()
        chrome = (
            name == "nav"
            or site_part
            or skip
            or _attr(tag, "role").lower() in _CHROME_ROLES
            or (bool(_CHROME_WORDS.search(words)) and name not in {"body", "html", "main"})
        )
        if chrome and tag is not content and (content is None or _outside(content, tag)):
            tag.decompose()


def _gone(tag: Tag) -> bool:
    """True for a tag decomposed earlier in the same pass (read from its own dict: bs4's
    attribute lookup would search the tree for a child tag of that name)."""
    return bool(tag.__dict__.get("_decomposed")) or "attrs" not in tag.__dict__


def _outside(tag: Tag, ancestor: Tag) -> bool:
    """True when `tag` is not inside `ancestor` (by identity: bs4's == compares trees)."""
    return not any(parent is ancestor for parent in tag.parents)


def _mark(soup: BeautifulSoup) -> None:
    """One pass over the page for checkboxes, bold and struck text, Word list paragraphs."""
    struck_classes = _styled_classes(soup, _LINE_THROUGH)
    bold_classes = _styled_classes(soup, _BOLD)
    for tag in list(soup.find_all(True)):
        if _gone(tag):
            continue  # removed with an element handled before it
        classes = set(tag.attrs.get("class") or [])
        style = str(tag.attrs.get("style") or "")
        if tag.name == "input":
            if str(tag.attrs.get("type", "")).lower() == "checkbox":
                tag.replace_with("[x] " if tag.has_attr("checked") else "[ ] ")
            continue
        if classes & {"checkbox-on", "checkbox-off"}:
            mark = "[x] " if "checkbox-on" in classes else "[ ] "
            if tag.get_text().strip():
                tag.insert(0, mark)
            else:
                tag.replace_with(mark)  # an empty box drawn beside its text
            continue
        if tag.name == "li" and _task(tag):
            done = "checked" in classes or tag.attrs.get("data-task-status") == "complete"
            tag.insert(0, "[x] " if done else "[ ] ")
        if bold_classes & classes or _BOLD.search(style):
            tag[BOLD_MARK] = "1"
        struck = tag.name in {"s", "del", "strike"} or bool(struck_classes & classes)
        struck = struck or bool(_LINE_THROUGH.search(style))
        if struck and tag.get_text().strip() and not _inside_struck(tag):
            tag["data-struck"] = "1"
            tag.insert(0, STRIKE_OPEN)
            tag.append(STRIKE_CLOSE)
        if tag.name == "p" and (
            any(str(c).lower().startswith("msolist") for c in classes) or _MSO_LEVEL.search(style)
        ):
            _word_list(tag, style)


def _inside_struck(tag: Tag) -> bool:
    return any(isinstance(a, Tag) and a.get("data-struck") for a in tag.parents)


def _task(li: Tag) -> bool:
    """A Confluence task: `data-inline-task-id`, or an item of an `inline-task-list`."""
    parent = li.parent
    in_list = isinstance(parent, Tag) and "inline-task-list" in (parent.attrs.get("class") or [])
    return in_list or li.has_attr("data-inline-task-id")


def _styled_classes(soup: BeautifulSoup, pattern: re.Pattern[str]) -> set[str]:
    """The classes that a `<style>` rule matching `pattern` applies to."""
    classes: set[str] = set()
    for style in soup.find_all("style"):
        for selectors, body in _CSS_RULE.findall(style.get_text()):
            if pattern.search(body):
                for selector in selectors.split(","):
                    last = _LAST_CLASS.search(selector.strip())
                    if last:
                        classes.add(last.group(1))
    return classes


def _word_list(para: Tag, style: str) -> None:
    """Mark a Word list paragraph with its depth and remove its typed bullet."""
    level = _MSO_LEVEL.search(style)
    margin = _MARGIN.search(style)
    if level:
        depth = int(level.group(1)) - 1
    elif margin:
        points = float(margin.group(1)) * _POINTS[margin.group(2).lower()]
        depth = max(round((points - 18) / 36), 0)  # Word indents each level by 0.5 in
    else:
        depth = 0
    para[LIST_MARK] = str(depth)
    first = para.find("span")
    if isinstance(first, Tag) and _MARKER.match(first.get_text()):
        first.decompose()
