"""The render context of mail templates: Jinja's, with a quicker call of plain functions.

Every call in a template goes through `Context.call`, which looks for pass-arg markers on
the callable and on its `__call__` each time, then pops the loop and block variables it
was handed. A digest makes about fifty such calls (`_`, `heading`, `render_item`...),
nearly all to plain functions, whose marker is an attribute of the function itself. For
those this does the same work directly; any other callable takes Jinja's own path.
"""

from __future__ import annotations

from types import FunctionType
from typing import Any

from jinja2.runtime import Context
from jinja2.utils import _PassArg


class MailContext(Context):
    """Jinja's context; plain functions are called without Jinja's marker lookups."""

    def call(__self, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        if type(__obj) is not FunctionType:
            return super().call(__obj, *args, **kwargs)
        loop_vars = kwargs.pop("_loop_vars", None)
        block_vars = kwargs.pop("_block_vars", None)
        pass_arg = getattr(__obj, "jinja_pass_arg", None)
        if pass_arg is _PassArg.context:
            # As Jinja: the callee sees variables set in loops and blocks, without them
            # being written into this context.
            context: Context = __self
            if loop_vars:
                context = context.derived(loop_vars)
            if block_vars:
                context = context.derived(block_vars)
            args = (context, *args)
        elif pass_arg is _PassArg.eval_context:
            args = (__self.eval_ctx, *args)
        elif pass_arg is _PassArg.environment:
            args = (__self.environment, *args)
        try:
            return __obj(*args, **kwargs)
        except StopIteration:
            return __self.environment.undefined(
                "value was undefined because a callable raised a StopIteration exception"
            )
