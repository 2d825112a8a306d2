"""The `render_item` template global: one item's fragment, rendered once and reused."""

from __future__ import annotations

import functools
from typing import Any

from jinja2 import Environment, Template, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from reminder.mail.filters import owned_by
from reminder.register.snapshot import Item


def item_renderer(env: Environment) -> Any:
    """The `render_item(name, item, show_org, group_meetings, show_owner)` template global.

    `show_owner` None means: unless the mail's recipient owns the item (`owned_by`). A
    text fragment (a name not ending in .html/.htm) comes without its trailing line ends.
    An action owned by an organisation appears in the digest of each of its people, and
    in the report: its fragment is rendered once per (template, item, flags, language,
    time zone) and then reused, bounded in memory. Items are frozen, so equal items
    render equally; the template must depend on nothing but what it is given.
    """
    templates: dict[str, Template] = {}  # auto_reload is off: a name is loaded once

    # Colleagues are planned and rendered together (snapshot.contact_chunks), so the items
    # they share come close together: a small cache serves them; a large one only grew
    # with the register (a render worker's memory, at 100,000 actions).
    @functools.lru_cache(maxsize=2_048)
    def cached(
        name: str, item: Item, flags: tuple[bool, bool, bool], language: str, timezone: str
    ) -> str:
        show_org, group, show_owner = flags
        template = templates.get(name) or templates.setdefault(name, env.get_template(name))
        text = template.render(
            item=item,
            show_org=show_org,
            group_meetings=group,
            show_owner=show_owner,
            language=language,
            timezone=timezone,
        )
        return Markup(text) if name.endswith((".html", ".htm")) else text.rstrip("\n")

    @pass_context
    def render_item(
        context: Context,
        name: str,
        item: Item,
        show_org: bool = False,
        group_meetings: bool = True,
        show_owner: bool | None = True,
    ) -> str:
        if show_owner is None:
            show_owner = not owned_by(context, item)
        return cached(
            name,
            item,
            (bool(show_org), bool(group_meetings), bool(show_owner)),
            str(context.get("language", "en")),
            str(context.get("timezone", "UTC")),
        )

    return render_item
