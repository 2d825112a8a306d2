"""CSS inlined into the HTML mail templates once, when each template is loaded.

Many mail clients drop `<style>`, so every rule that can be is written into `style=""`
attributes. Doing that on every rendered mail cost a third of the render time of a long
digest; the styles an element gets depend only on its tag, its attributes and its
ancestors, which the template source already shows. So `InliningLoader` hands Jinja each
`.html` template with the styles already in its tags, and mails are rendered as is.

How a template is inlined (the contract for user templates):
- The stylesheet is the template's own `<style>` blocks, else those of `base.html`.
- Selectors are matched within one template file: an element's ancestors are the tags
  around it in the same file (a partial starting with `<tr>` or `<td>` sits in a bare
  table). A rule that needs an ancestor from another file (the layout around a block, the
  table around an included row) does not reach that element: give it a class instead.
- Both branches of an `{% if %}` count as present, so sibling selectors (`+`, `~`,
  `:first-child`) are unreliable; tag, class, id and descendant selectors are exact.
- `@media` (and other @-rules) cannot be inlined: they stay, alone, in the `<style>`
  block, as before. A tag whose `class` or `style` holds a Jinja expression is left as
  written (its styles cannot be known before rendering).
The work itself is css_inline's: each template's tags, without text and Jinja, make a
probe document whose inlined styles are copied back into the source.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import css_inline
from jinja2 import BaseLoader, Environment

_JINJA = r"\{\{.*?\}\}|\{%.*?%\}|\{\#.*?\#\}"
_TOKEN = re.compile(
    rf"""(?P<jinja>{_JINJA})
    |(?P<comment><!--.*?-->)
    |(?P<raw><(?P<rawtag>style|script)\b[^>]*>(?P<rawbody>.*?)</(?P=rawtag)\s*>)
    |(?P<start><(?P<tag>[a-zA-Z][\w-]*)
        (?P<attrs>(?:{_JINJA}|"[^"]*"|'[^']*'|[^>"'])*?)(?P<close>/?)>)
    |(?P<end></[a-zA-Z][\w-]*\s*>)""",
    re.S | re.X | re.I,
)
_JINJA_RE = re.compile(_JINJA, re.S)
_STYLE_ATTR = re.compile(r"""\sstyle\s*=\s*("[^"]*"|'[^']*')""", re.I)
_PROBED = re.compile(r"""<[a-zA-Z][\w-]*\b[^>]*?\bdata-p="(\d+)"[^>]*>""")
_STYLE_OUT = re.compile(r'\bstyle="([^"]*)"')
_HEAD = re.compile(r"<head\b[^>]*>", re.I)
_STYLE_BLOCK = re.compile(r"<style\b[^>]*>(.*?)</style\s*>", re.S | re.I)
# What a fragment's first tag needs around it for an HTML parser to keep it.
_CONTEXT = {"tr": "<table>", "td": "<table><tr>", "th": "<table><tr>", "li": "<ul>"}
_CONTEXT.update(tbody="<table>", thead="<table>", option="<select>")

_INLINER = css_inline.CSSInliner(
    keep_style_tags=False, keep_at_rules=True, keep_link_tags=True, load_remote_stylesheets=False
)


def stylesheet(source: str) -> str:
    """The CSS of the `<style>` blocks in a template's source ("" when there are none);
    a `<style>` in a Jinja comment or string does not count."""
    return "\n".join(
        token.group("rawbody")
        for token in _TOKEN.finditer(source)
        if token.group("raw") and token.group("rawtag").lower() == "style"
    )


def inline_template(source: str, *, css: str) -> str:
    """`source` (a Jinja HTML template) with `css` written into its tags' style attributes.

    A template with `<style>` blocks of its own uses them instead of `css`, and keeps only
    their @-rules. Jinja code, text and comments are left exactly as they are.
    """
    own = stylesheet(source)
    css = own or css
    if not css.strip():
        return source
    tokens = list(_TOKEN.finditer(source))
    skeleton: list[str] = []
    first_tag = ""
    for number, token in enumerate(tokens):
        if token.group("start"):
            tag = token.group("tag").lower()
            first_tag = first_tag or tag
            attrs = _JINJA_RE.sub("", token.group("attrs"))
            skeleton.append(f'<{tag}{attrs} data-p="{number}"{token.group("close")}>')
        elif token.group("end"):
            skeleton.append(token.group("end"))
    body = "".join(skeleton)
    if first_tag != "html":
        body = f"<html><head></head><body>{_CONTEXT.get(first_tag, '')}{body}</body></html>"
    head = _HEAD.search(body)
    at = head.end() if head else 0
    probe = f"{body[:at]}<style>{css}</style>{body[at:]}"
    inlined = _INLINER.inline(probe)
    styles = {
        int(found.group(1)): style.group(1)
        for found in _PROBED.finditer(inlined)
        if (style := _STYLE_OUT.search(found.group(0)))
    }
    kept = _STYLE_BLOCK.findall(inlined)
    return _rewrite(source, tokens, styles, at_rules="\n".join(kept).strip() if own else None)


def _rewrite(
    source: str, tokens: list[re.Match[str]], styles: dict[int, str], *, at_rules: str | None
) -> str:
    out: list[str] = []
    last, placed = 0, False
    for number, token in enumerate(tokens):
        if token.group("raw") and token.group("rawtag").lower() == "style" and at_rules is not None:
            out.append(source[last : token.start()])
            if at_rules and not placed:  # the @-rules, once, where the first block was
                out.append(f"<style>\n{at_rules}\n</style>")
                placed = True
            last = token.end()
        elif token.group("start") and number in styles:
            attrs = token.group("attrs")
            if _JINJA_RE.search(_attribute(attrs, "class") + _attribute(attrs, "style")):
                continue  # its styles depend on what is rendered: left as written
            out.append(source[last : token.start()])
            attrs = _STYLE_ATTR.sub("", attrs)
            style = styles[number]
            out.append(f'<{token.group("tag")}{attrs} style="{style}"{token.group("close")}>')
            last = token.end()
    out.append(source[last:])
    return "".join(out)


def _attribute(attrs: str, name: str) -> str:
    found = re.search(rf"""\s{name}\s*=\s*("[^"]*"|'[^']*'|\S+)""", attrs, re.I)
    return found.group(1) if found else ""


def style_of(tag: str, *, css: str) -> str:
    """The inline style a bare `<tag>` gets from `css` (for markup that filters write,
    such as the links `linkify` makes in user text); "" when no rule applies."""
    probe = f'<html><head><style>{css}</style></head><body><{tag} data-p="0"></{tag}></body></html>'
    found = _STYLE_OUT.search(_PROBED.search(_INLINER.inline(probe)).group(0))  # type: ignore[union-attr]
    return found.group(1) if found else ""


class InliningLoader(BaseLoader):
    """A loader whose `.html`/`.htm` templates come with their CSS inlined (see above).

    Wraps `inner` (the user's templates over the built-in ones); the stylesheet of
    templates without their own is `base.html`'s, as `inner` finds it. Sources are
    inlined once per name and kept: templates do not change during a run.
    """

    def __init__(self, inner: BaseLoader) -> None:
        self.inner = inner
        self._done: dict[str, tuple[str, str | None, Callable[[], bool] | None]] = {}
        self._css: str | None = None

    def base_css(self, environment: Environment) -> str:
        if self._css is None:
            source, _filename, _uptodate = self.inner.get_source(environment, "base.html")
            self._css = stylesheet(source)
        return self._css

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        if template in self._done:
            return self._done[template]
        source, filename, uptodate = self.inner.get_source(environment, template)
        if template.endswith((".html", ".htm")):
            source = inline_template(source, css=self.base_css(environment))
        self._done[template] = (source, filename, uptodate)
        return self._done[template]


def link_style(environment: Environment) -> str:
    """The style attribute value (escaped, as css_inline writes it) for the `<a>` that
    `linkify` makes, from the mail stylesheet; "" when templates are not inlined."""
    loader = environment.loader
    css = loader.base_css(environment) if isinstance(loader, InliningLoader) else ""
    return style_of("a", css=css) if css else ""
