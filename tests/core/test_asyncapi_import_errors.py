"""Bad AsyncAPI documents get one typed error naming the document, the place and the problem;
no input, however odd, escapes as any other exception."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diagrams.core.importers import AsyncApiImportError, SourceDocument, import_asyncapi

FIXTURES = Path(__file__).parent / "fixtures" / "asyncapi"
ORDER = yaml.safe_load((FIXTURES / "order-service.yaml").read_text())


def problem(content: str | bytes, name: str = "orders.yaml") -> AsyncApiImportError:
    with pytest.raises(AsyncApiImportError) as caught:
        import_asyncapi([SourceDocument(name, content)])
    return caught.value


def with_change(path: list[str], value: object) -> str:
    data = json.loads(json.dumps(ORDER))
    node = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return yaml.safe_dump(data)


def test_invalid_yaml_names_the_line() -> None:
    error = problem("asyncapi: 3.0.0\ninfo: [unclosed\n")
    assert "invalid YAML" in str(error) and "line" in str(error)
    assert str(error).startswith("orders.yaml")


@pytest.mark.parametrize("version", ["2.6.0", "1.0.0", 3])
def test_a_version_other_than_3_is_rejected_by_name(version: object) -> None:
    error = problem(yaml.safe_dump({"asyncapi": version, "info": {"title": "x"}}))
    assert error.location == "asyncapi" and "not supported" in str(error)


def test_a_document_that_is_not_asyncapi_says_so() -> None:
    assert "does not look like an AsyncAPI document" in str(problem("openapi: 3.1.0\n"))
    assert "not a mapping" in str(problem("- just\n- a list\n"))
    assert "empty" in str(problem("   \n"))


def test_a_dangling_ref_names_the_ref_and_where_it_is() -> None:
    content = with_change(
        ["channels", "ordersCreated", "messages", "orderCreated"],
        {"$ref": "#/components/messages/OrderCreatd"},
    )
    error = problem(content)
    assert "dangling $ref '#/components/messages/OrderCreatd'" in str(error)
    assert error.location == "channels.ordersCreated.messages.orderCreated"


def test_an_external_ref_is_refused_with_a_reason() -> None:
    content = with_change(
        ["components", "messages", "PaymentCompleted", "payload"], {"$ref": "common.yaml#/Payment"}
    )
    assert "external $ref 'common.yaml#/Payment'" in str(problem(content))


def test_an_operation_using_another_channels_message_is_rejected() -> None:
    content = with_change(
        ["operations", "publishOrderCreated", "messages"],
        [{"$ref": "#/channels/paymentsCompleted/messages/paymentCompleted"}],
    )
    error = problem(content)
    assert error.location == "operations.publishOrderCreated.messages.0"
    assert "not one of channel 'ordersCreated''s messages" in str(error)


def test_an_address_parameter_must_be_declared() -> None:
    error = problem(
        with_change(["channels", "ordersCreated", "address"], "orders.{region}.created")
    )
    assert error.location == "channels.ordersCreated.address"
    assert "'{region}' in the address is not declared under parameters" in str(error)


def test_a_declared_address_parameter_is_fine() -> None:
    data = json.loads(json.dumps(ORDER))
    data["channels"]["ordersCreated"]["address"] = "orders.{region}.created"
    data["channels"]["ordersCreated"]["parameters"] = {"region": {"enum": ["eu", "us"]}}
    graph = import_asyncapi([SourceDocument("o.yaml", yaml.safe_dump(data))])
    topic = graph.component("orders-created")
    assert topic is not None and "orders.{region}.created" in topic.description


def test_an_operation_needs_a_known_action() -> None:
    error = problem(with_change(["operations", "checkStock", "action"], "publish"))
    assert error.location == "operations.checkStock.action" and "'send' or 'receive'" in str(error)


def test_five_megabytes_are_refused_before_parsing() -> None:
    nested = "asyncapi: 3.0.0\nx: " + "[" * 2_500_000 + "]" * 2_500_000
    started = time.perf_counter()
    error = problem(nested)
    assert "5.0 MB" in str(error) and "over 1 MB" in str(error)
    assert time.perf_counter() - started < 1.0


@pytest.mark.parametrize(
    "deep",
    [
        "asyncapi: 3.0.0\nx: " + "[" * 500 + "]" * 500,
        json.dumps({"asyncapi": "3.0.0", "x": json.loads("[" * 500 + "]" * 500)}),
        '{"asyncapi": "3.0.0", "x": ' + "[" * 200_000 + "]" * 200_000 + "}",
        "asyncapi: 3.0.0\n" + "".join("  " * i + f"k{i}:\n" for i in range(100)),
    ],
)
def test_deep_nesting_is_refused_by_name(deep: str) -> None:
    assert "nests deeper than 64 levels" in str(problem(deep))


def test_yaml_alias_bombs_are_refused() -> None:
    bomb = "asyncapi: 3.0.0\na: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n"
    assert "aliases" in str(problem(bomb))


def test_bytes_that_are_not_utf8_are_refused() -> None:
    assert "not UTF-8" in str(problem(b"asyncapi: \xff\xfe 3.0.0"))


def test_the_error_names_which_of_several_documents_is_bad() -> None:
    good = SourceDocument("order.yaml", (FIXTURES / "order-service.yaml").read_text())
    bad = SourceDocument("payment.yaml", "asyncapi: 2.6.0\n")
    with pytest.raises(AsyncApiImportError) as caught:
        import_asyncapi([good, bad])
    assert caught.value.document == "payment.yaml"


def test_no_documents_or_too_many_are_refused() -> None:
    with pytest.raises(AsyncApiImportError, match="no document"):
        import_asyncapi([])
    with pytest.raises(AsyncApiImportError, match="at most 20"):
        import_asyncapi([SourceDocument(str(i), "asyncapi: 3.0.0") for i in range(21)])


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "$ref",
                    "action",
                    "channel",
                    "messages",
                    "payload",
                    "address",
                    "name",
                    "servers",
                    "reply",
                    "bindings",
                    "x",
                ]
            ),
            children,
            max_size=4,
        )
    ),
    max_leaves=20,
)
_refs = st.sampled_from(
    ["#/channels/c", "#/channels/c/messages/m", "#/components/messages/M", "#/servers/s", "#", "#/"]
)
_sections = st.fixed_dictionaries(
    {"asyncapi": st.just("3.0.0")},
    optional={
        "info": st.dictionaries(st.sampled_from(["title", "description"]), _json, max_size=2),
        "servers": st.dictionaries(
            st.sampled_from(["s", "t"]), _json | st.builds(lambda r: {"$ref": r}, _refs), max_size=2
        ),
        "channels": st.dictionaries(st.sampled_from(["c", "d"]), _json, max_size=2),
        "operations": st.dictionaries(st.sampled_from(["o", "p"]), _json, max_size=2),
        "components": st.dictionaries(st.sampled_from(["messages", "schemas"]), _json, max_size=2),
    },
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_sections)
def test_any_document_either_imports_or_raises_the_typed_error(doc: dict[str, object]) -> None:
    try:
        graph = import_asyncapi([SourceDocument("fuzz.json", json.dumps(doc))])
    except AsyncApiImportError as exc:
        assert str(exc)
    else:
        assert graph.title


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_text_either_imports_or_raises_the_typed_error(text: str) -> None:
    try:
        import_asyncapi([SourceDocument("fuzz.yaml", "asyncapi: 3.0.0\n" + text)])
    except AsyncApiImportError as exc:
        assert str(exc)
