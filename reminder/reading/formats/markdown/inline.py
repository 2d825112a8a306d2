"""Markdown inline markup -> plain text, shared by the markdown blocks and tables.

`plain(text)` gives (text, struck) for one paragraph, list item or cell line:

* emphasis markers (`**b**`, `__b__`, `*i*`, `_i_`), inline code, links
  (`[text](url)` -> text), images (their alt text) and inline HTML tags are removed,
  entities decoded, backslash escapes (`\\|`, `\\#`, `\\*`) made literal;
* pandoc superscripts join their word (`5^th^` -> "5th"), and pandoc's ` -- ` / ` --- `
  become the en and em dashes they stand for;
* `~~...~~` is removed; `struck` is True when the struck words open the text (after a
  checkbox mark) and make up most of it ("~~Do X~~ (dropped)"), since minutes strike
  an action as a whole to drop it, and a remark after a separator may follow; a struck
  word inside a sentence is only unmarked;
* a checkbox mark (`[ ]`, `[x]`) and a leading status glyph stay at the start.

`split_breaks(text)` cuts a cell or line at `<br>` tags: each part is one item.
"""

from __future__ import annotations

import html
import re

_BR = re.compile(r"<br\s*/?>", re.I)
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_CHECKBOX = re.compile(r"^\s*\[[ xX]\]\s*")
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EM_STAR = re.compile(r"(?<![\w*])\*(?=[^\s*])([^*]*?[^\s*])?\*(?![\w*])")
_EM_UNDER = re.compile(r"(?<![\w_])_(?=[^\s_])([^_]*?[^\s_])?_(?![\w_])")
_CODE = re.compile(r"`+([^`]*)`+")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\[[^\]]*\]|\{[^}]*\})")  # {.underline}: pandoc
_AUTOLINK = re.compile(r"<((?:https?|mailto|ftp):[^>\s]+)>", re.I)
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?/?>")
_SUPERSCRIPT = re.compile(r"\^([^\s^]{1,12})\^")
_DASHES = ((re.compile(r"(?<=\s)---(?=\s)"), "—"), (re.compile(r"(?<=\s)--(?=\s)"), "–"))
# Escaped characters are parked in the private-use area while the markup is removed.
_PARK = 0xE000


def split_breaks(text: str) -> list[str]:
    """The parts of `text` between `<br>` tags (one part when there is none)."""
    return _BR.split(text)


def plain(text: str) -> tuple[str, bool]:
    """(text without inline markup, struck as a whole); see the module docstring."""
    text = _ESCAPE.sub(lambda m: chr(_PARK + ord(m.group(1))), text)
    box = _CHECKBOX.match(text)
    mark = box.group().strip() + " " if box else ""
    body = text[box.end() :] if box else text
    struck = struck_whole(body, _STRIKE)
    body = _STRIKE.sub(r"\1", body)
    body = _IMAGE.sub(r"\1", body)
    body = _LINK.sub(r"\1", body)
    body = _AUTOLINK.sub(r"\1", body)
    body = _CODE.sub(r"\1", body)
    for _ in range(2):  # nested emphasis: ***x*** or **_x_**
        body = _STRONG.sub(r"\2", body)
        body = _EM_STAR.sub(lambda m: m.group(1) or "", body)
        body = _EM_UNDER.sub(lambda m: m.group(1) or "", body)
    body = _TAG.sub(" ", body)
    body = _SUPERSCRIPT.sub(r"\1", body)
    for pattern, dash in _DASHES:
        body = pattern.sub(dash, body)
    body = html.unescape(body)
    out = (mark + body).strip()
    out = "".join(chr(ord(c) - _PARK) if _PARK <= ord(c) < _PARK + 128 else c for c in out)
    return out, struck


def struck_whole(body: str, span: re.Pattern[str]) -> bool:
    """True when a struck `span` (group 1: the struck words) opens `body` and what follows
    is a remark after a separator ("~~Do X~~ (dropped)", "~~Do X~~ – dropped") or
    shorter than the struck words. Shared with the HTML reader's strike marks."""
    stripped = body.strip()
    first = span.match(stripped)
    if first is None:
        return False
    after = stripped[first.end() :].strip()
    if not after or after[0] in "-–—(,;:.[":
        return True
    inside = sum(len(m.group(1)) for m in span.finditer(stripped))
    return inside >= len(span.sub("", stripped).strip())
