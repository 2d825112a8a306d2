"""Static `{% include %}`s spliced into the including template when it is compiled.

An include costs a template lookup, a new render context (a copy of every variable) and a
generator at every use: a digest runs about twenty of them per mail, a fifth of its
rendering. Most includes name a fixed partial and pass the whole context, so the partial's
parsed body can stand in the including template's tree, inside a scope of its own, and
compile with it: the output is the same, with none of the per-use cost.

What is spliced, and why the output stays the same (the contract for user templates):
- only `{% include "literal name" %}` with the context (the default), not `ignore
  missing`, lists of names or names computed at render time;
- the partial is parsed on its own, from its own source (CSS inlined as for any template),
  so its whitespace control (trim_blocks, lstrip_blocks, `-`) is exactly as when included;
- its body runs in a scope (as `{% with %}` makes): a `{% set %}` in it stays in it;
- a partial whose autoescaping differs from the includer's (a .txt partial in an .html
  mail) keeps its own, as `{% autoescape %}` would;
- a partial that extends a layout, defines blocks or macros, imports, or includes itself
  (directly or not) stays a real include.
Templates are still loaded by name through the environment's loader, so a user's folder
overrides partials exactly as before. A runtime error inside a spliced partial is reported
by Jinja at the includer's file name; `plain_environment` rebuilds an environment without
splicing, to tell where (see mail.render.template_error).
"""

from __future__ import annotations

import threading
from typing import Any

from jinja2 import Environment, TemplateNotFound, nodes
from jinja2.visitor import NodeTransformer

# A partial with any of these needs its own template object (a layout, blocks, exported
# macros, imported modules): it stays a real include.
_OWN_TEMPLATE = (nodes.Extends, nodes.Block, nodes.Macro, nodes.Import, nodes.FromImport)
_parsing = threading.local()  # names being parsed on this thread, to stop at cycles


def _autoescapes(env: Environment, name: str | None) -> bool:
    setting = env.autoescape
    return bool(setting(name) if callable(setting) else setting)


class _Splicer(NodeTransformer):
    def __init__(self, env: Environment, name: str | None) -> None:
        self.env, self.name = env, name

    def visit_Include(self, node: nodes.Include) -> nodes.Node:
        target = node.template
        if (
            not isinstance(target, nodes.Const)
            or not isinstance(target.value, str)
            or not node.with_context
            or node.ignore_missing
            or self.env.loader is None
        ):
            return node
        child = self.env.join_path(target.value, self.name or "")
        if child in _stack():
            return node
        try:
            source, filename, _ = self.env.loader.get_source(self.env, child)
        except TemplateNotFound:
            return node  # fails when rendered, as the include would
        tree = spliced_parse(self.env, source=source, name=child, filename=filename)
        if any(True for _ in tree.find_all(_OWN_TEMPLATE)):
            return node
        body: list[nodes.Node] = tree.body
        if _autoescapes(self.env, child) != _autoescapes(self.env, self.name):
            flag = nodes.Keyword("autoescape", nodes.Const(_autoescapes(self.env, child)))
            body = [nodes.ScopedEvalContextModifier([flag], body)]
        scope = nodes.Scope(body, lineno=node.lineno)
        scope.set_environment(self.env)
        return scope


def _stack() -> list[str]:
    stack: list[str] | None = getattr(_parsing, "names", None)
    if stack is None:
        stack = _parsing.names = []
    return stack


def spliced_parse(
    env: Environment, *, source: str, name: str | None, filename: str | None
) -> nodes.Template:
    """The template's tree with its static includes spliced in (see the module's doc).

    Raises TemplateSyntaxError (naming the partial's own file) for a broken partial.
    """
    parse: Any = Environment._parse  # the plain parser, not a subclass's splicing one
    tree: nodes.Template = parse(env, source, name, filename)
    stack = _stack()
    stack.append(name or "")
    try:
        result = _Splicer(env, name).visit(tree)
    finally:
        stack.pop()
    assert isinstance(result, nodes.Template)
    return result
