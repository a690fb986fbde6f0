import ipaddress

import pytest

from refleum.llm.ssrf import (
    UnsafeApiBase,
    address_refusal,
    check_api_base,
    check_api_base_async,
    check_url_form,
    vetted_addresses,
)


def public(_host, _port):
    return ["93.184.216.34"]


def resolves_to(*addresses):
    return lambda _host, _port: list(addresses)


# (url, allow_private, why it is refused) -- literals need no resolver.
REFUSED_LITERALS = [
    ("http://api.example.com/v1", False, "https"),
    ("ftp://api.example.com/", True, "http"),
    ("file:///etc/passwd", True, "http"),
    ("https://user:pw@api.example.com/", False, "credentials"),
    ("https://user@api.example.com/", False, "credentials"),
    ("https://api.example.com/v1?x=1", False, "query"),
    ("https://api.example.com/v1#frag", False, "fragment"),
    ("https:///v1", False, "no host"),
    ("https://api.example.com:99999/", False, "valid URL"),
    ("", False, "empty"),
    ("https://api.exa mple.com/", False, "whitespace"),
    ("https://127.0.0.1/", False, "loopback"),
    ("https://127.1/", False, "loopback"),
    ("https://2130706433/", False, "loopback"),
    ("https://0x7f000001/", False, "loopback"),
    ("https://0x7f.1/", False, "loopback"),
    ("https://0177.0.0.1/", False, "loopback"),
    ("https://017700000001/", False, "loopback"),
    ("https://10.0.0.5/", False, "private"),
    ("https://172.16.3.4/", False, "private"),
    ("https://192.168.1.1/", False, "private"),
    ("https://100.64.0.1/", False, "non-public"),
    ("https://169.254.10.10/", False, "link-local"),
    ("https://169.254.169.254/latest/meta-data", False, "metadata"),
    ("https://169.254.169.254/", True, "metadata"),
    ("https://100.100.100.200/", True, "metadata"),
    ("https://[fd00:ec2::254]/", True, "metadata"),
    ("https://168.63.129.16/", True, "metadata"),
    ("https://0.0.0.0/", True, "unspecified"),
    ("https://0/", True, "unspecified"),
    ("https://[::]/", True, "unspecified"),
    ("https://224.0.0.1/", True, "multicast"),
    ("https://[ff02::1]/", True, "multicast"),
    ("https://240.0.0.1/", False, "reserved"),
    ("https://255.255.255.255/", False, "reserved"),
    ("https://[::1]/", False, "loopback"),
    ("https://[fe80::1]/", False, "link-local"),
    ("https://[fc00::1]/", False, "private"),
    ("https://[::ffff:127.0.0.1]/", False, "loopback"),
    ("https://[::ffff:7f00:1]/", False, "loopback"),
    ("https://[::ffff:169.254.169.254]/", True, "metadata"),
    ("https://[::ffff:10.1.2.3]/", False, "private"),
    ("https://[2002:7f00:1::]/", False, "loopback"),  # 6to4 of 127.0.0.1
    ("https://[2002:a9fe:a9fe::]/", True, "metadata"),  # 6to4 of 169.254.169.254
    ("https://[64:ff9b::7f00:1]/", False, "loopback"),  # NAT64 of 127.0.0.1
    ("https://[64:ff9b::a9fe:a9fe]/", True, "metadata"),  # NAT64 of metadata
    ("https://[64:ff9b:1::a00:1]/", False, "address"),  # local-use NAT64
    ("https://[::127.0.0.1]/", False, "loopback"),  # IPv4-compatible
    ("https://[2001:0:4136:e378:8000:63bf:80ff:fffe]/", False, "loopback"),  # Teredo
    ("https://[fe80::1%25eth0]/", True, "zone"),
    ("https://localhost/", False, "local"),
    ("https://api.localhost/", False, "local"),
    ("https://256.1.1.1/", False, "malformed"),
]


@pytest.mark.parametrize(("url", "allow_private", "reason"), REFUSED_LITERALS)
def test_refused(url, allow_private, reason):
    with pytest.raises(UnsafeApiBase) as info:
        check_api_base(url, allow_private=allow_private, resolver=public)
    assert reason in info.value.reason


@pytest.mark.parametrize(
    ("url", "allow_private", "normalised"),
    [
        ("https://api.openai.com/v1/", False, "https://api.openai.com/v1"),
        ("HTTPS://API.OpenAI.com/v1", False, "https://api.openai.com/v1"),
        ("https://api.example.com:8443/openai/v1", False, "https://api.example.com:8443/openai/v1"),
        ("https://8.8.8.8/v1", False, "https://8.8.8.8/v1"),
        ("https://134744072/v1", False, "https://8.8.8.8/v1"),  # decimal 8.8.8.8
        ("https://[2606:4700::1111]/", False, "https://[2606:4700::1111]"),
        ("https://[2002:808:808::]/", False, "https://[2002:808:808::]"),  # 6to4 of 8.8.8.8
        ("http://127.0.0.1:11434/v1", True, "http://127.0.0.1:11434/v1"),
        ("http://localhost:1234/v1", True, "http://localhost:1234/v1"),
        ("http://10.0.0.7:8000/v1", True, "http://10.0.0.7:8000/v1"),
        ("http://[::1]:8000/v1", True, "http://[::1]:8000/v1"),
        ("http://169.254.10.10/v1", True, "http://169.254.10.10/v1"),
    ],
)
def test_allowed(url, allow_private, normalised):
    assert check_api_base(url, allow_private=allow_private, resolver=public) == normalised


@pytest.mark.parametrize(
    "addresses",
    [
        ["127.0.0.1"],
        ["93.184.216.34", "10.0.0.1"],  # one bad address among good ones
        ["::1"],
        ["::ffff:192.168.0.1"],
        ["169.254.169.254"],
        ["fe80::1%eth0"],
    ],
)
def test_every_resolved_address_is_checked(addresses):
    with pytest.raises(UnsafeApiBase, match="resolves to"):
        check_api_base(
            "https://rebind.example.com/v1", allow_private=False, resolver=resolves_to(*addresses)
        )


def test_resolver_gets_host_and_default_port():
    seen = []

    def resolver(host, port):
        seen.append((host, port))
        return ["93.184.216.34"]

    check_api_base("https://Models.Example.com/v1", allow_private=False, resolver=resolver)
    check_api_base("http://models.example.com:8080/v1", allow_private=True, resolver=resolver)
    assert seen == [("models.example.com", 443), ("models.example.com", 8080)]


def test_unresolvable_host_is_refused():
    def resolver(_host, _port):
        raise OSError("Name or service not known")

    with pytest.raises(UnsafeApiBase, match="does not resolve"):
        check_api_base("https://nope.invalid/", allow_private=False, resolver=resolver)
    with pytest.raises(UnsafeApiBase, match="does not resolve"):
        check_api_base("https://empty.example/", allow_private=False, resolver=resolves_to())


def test_metadata_stays_refused_when_private_allowed():
    with pytest.raises(UnsafeApiBase, match="metadata"):
        check_api_base(
            "http://metadata.example/", allow_private=True, resolver=resolves_to("169.254.169.254")
        )


async def test_async_variant_uses_async_resolver():
    async def resolver(host, port):
        return ["10.1.1.1"] if host == "internal.example" else ["93.184.216.34"]

    ok = await check_api_base_async(
        "https://ok.example/v1/", allow_private=False, resolver=resolver
    )
    assert ok == "https://ok.example/v1"
    with pytest.raises(UnsafeApiBase, match="private"):
        await check_api_base_async(
            "https://internal.example/", allow_private=False, resolver=resolver
        )


def test_address_refusal_for_public_addresses_is_none():
    for raw in ["8.8.8.8", "1.1.1.1", "2606:4700:4700::1111"]:
        assert address_refusal(ipaddress.ip_address(raw), allow_private=False) is None


async def test_vetted_addresses_returns_every_checked_address():
    async def resolver(host, port):
        return ["93.184.216.34", "2606:2800:220:1::1"]

    found = await vetted_addresses(
        "Models.Example.com.", 443, allow_private=False, resolver=resolver
    )
    assert [str(a) for a in found] == ["93.184.216.34", "2606:2800:220:1::1"]


@pytest.mark.parametrize("host", ["127.0.0.1", "[::1]", "0x7f.1", "localhost", "10.2.3.4"])
async def test_vetted_addresses_refuses_local_hosts(host):
    async def resolver(_host, _port):
        return ["127.0.0.1"]

    with pytest.raises(UnsafeApiBase):
        await vetted_addresses(host, 443, allow_private=False, resolver=resolver)


def test_check_url_form_needs_no_dns():
    assert (
        check_url_form("https://Any.Example/v1/", allow_private=False) == "https://any.example/v1"
    )
    with pytest.raises(UnsafeApiBase, match="loopback"):
        check_url_form("https://2130706433/", allow_private=False)
    with pytest.raises(UnsafeApiBase, match="https"):
        check_url_form("http://any.example/", allow_private=False)
