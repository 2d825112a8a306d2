"""mail.folding folds ASCII header values exactly as the email package's compat32 policy."""

from __future__ import annotations

from email.policy import compat32

from hypothesis import example, given, settings
from hypothesis import strategies as st

from reminder.mail.folding import fold_ascii

_TOKENS = st.sampled_from(
    ["a", "Forum", "12,", "due;", "[WASH", "]", ",", ";", " ", "  ", "\t", "x" * 40, "y" * 90]
)


@settings(max_examples=600, deadline=None)
@given(
    name=st.sampled_from(["Subject", "List-Id", "X-Reminder-Forum", "To"]),
    value=st.lists(_TOKENS, min_size=1, max_size=40).map("".join),
    width=st.sampled_from([78, 40, 0]),
)
@example(
    name="Subject",
    value="[Forum 13, Forum 15, Forum 17, Forum 20, Forum 7] 2 overdue, 3 due soon",
    width=78,
)
def test_folding_is_the_email_packages(name: str, value: str, width: int) -> None:
    policy = compat32.clone(linesep="\r\n", max_line_length=width or None)
    expected = policy.fold_binary(name, value).decode("ascii")
    assert (
        fold_ascii(name, value, max_line_length=policy.max_line_length, linesep="\r\n") == expected
    )


def test_values_it_does_not_handle_are_left_to_email() -> None:
    for value in ("", "caf\u00e9 " * 20, "two\nlines", "form\x0cfeed"):
        assert fold_ascii("Subject", value, max_line_length=78, linesep="\r\n") is None
