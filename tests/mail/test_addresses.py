"""mail.addresses: the fast path for plain addresses gives what the addr-spec parser gives."""

from __future__ import annotations

from email.headerregistry import Address

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reminder.mail.addresses import address_of

_LOCAL = st.text(alphabet="ab.+-_'!~\"\\ @(", min_size=1, max_size=12)
_DOMAIN = st.text(alphabet="ab-.", min_size=1, max_size=12) | st.sampled_from(["bücher.de"])


def _parsed(name: str, local: str, domain: str) -> tuple[str, str, str, str] | None:
    try:
        address = Address(display_name=name, addr_spec=f"{local}@{domain}")
    except Exception:
        return None
    return address.display_name, address.username, address.domain, str(address)


@settings(max_examples=1500, deadline=None)
@given(local=_LOCAL, domain=_DOMAIN, name=st.sampled_from(["", "Amina Rahman", 'O"Brien']))
def test_an_address_is_what_the_parser_makes_of_it(name: str, local: str, domain: str) -> None:
    try:
        fast = address_of(name, f"{local}@{domain}", what="recipient")
    except ValueError:
        return  # refused: the parser's verdict is checked by the other tests
    ascii_domain = domain.encode("idna").decode("ascii")
    found = (fast.display_name, fast.username, fast.domain, str(fast))
    assert found == _parsed(name, local, ascii_domain)


@pytest.mark.parametrize("email", ["a@b@", "@example.org", "a..b@example.org", "a b@x.org"])
def test_malformed_addresses_are_refused(email: str) -> None:
    with pytest.raises(ValueError, match="invalid recipient address"):
        address_of("X", email, what="recipient")
