"""The design document: golden output, completeness for any graph, valid schemas and examples,
and Markdown escaping of every user-provided string."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker

from diagrams.core.designdoc import design_document, designdoc_html
from diagrams.core.graph import parse_graph
from tests.core.golden.doc_blocks import SECTIONS, json_blocks
from tests.core.golden.graphs import build, order_saga

GOLDEN = Path(__file__).parent / "golden" / "order_saga.md"


def catalog_blocks(markdown_text: str) -> list[tuple[Any, Any, Any]]:
    """(envelope, schema, example) per catalog entry, in order."""
    blocks = json_blocks(markdown_text)
    assert len(blocks) % 3 == 0
    return [(blocks[i], blocks[i + 1], blocks[i + 2]) for i in range(0, len(blocks), 3)]


def test_it_matches_the_golden_document_for_the_order_saga():
    text = design_document(order_saga())
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(text, "utf-8")
    assert text == GOLDEN.read_text("utf-8")


def test_it_is_deterministic():
    assert design_document(order_saga()) == design_document(order_saga())


def test_it_has_every_section_in_order_for_an_empty_graph():
    text = design_document(parse_graph({}))
    positions = [text.index(s) for s in SECTIONS]
    assert positions == sorted(positions)
    assert "What does the system do?" in text
    assert "$" not in text.replace("$schema", "")


def test_it_describes_a_synchronous_system_without_inventing_events():
    graph = build(
        [("web", "client"), ("api", "gateway"), ("users", "service"), ("users-db", "database")],
        flows=[
            {"source": "web", "target": "api", "kind": "call"},
            {"source": "api", "target": "users", "kind": "call"},
            {"source": "users", "target": "users-db", "kind": "write"},
        ],
    )
    text = design_document(graph)
    assert all(s in text for s in SECTIONS)
    assert "No events are described: the components talk synchronously." in text
    assert "| Api | Users | request/response |" in text
    assert "No saga is described" in text


def test_every_catalog_schema_is_valid_and_its_example_validates():
    entries = catalog_blocks(design_document(order_saga()))
    assert len(entries) == len(order_saga().events)
    for envelope, schema, example in entries:
        Draft202012Validator.check_schema(schema)
        Draft202012Validator(schema, format_checker=FormatChecker()).validate(example)
        assert envelope["data"] == example


def test_the_catalog_falls_back_to_a_schema_naming_the_aggregate_id():
    graph = build(
        [("shop", "service"), ("mail", "service")],
        events=[{"name": "BasketCleared", "producer": "shop", "consumers": ["mail"]}],
    )
    [(_, schema, example)] = catalog_blocks(design_document(graph))
    assert schema["required"] == ["basketId"]
    assert example == {"basketId": "basket-1001"}


def test_each_envelope_is_a_cloudevent_with_correlation_and_partition_key():
    entries = catalog_blocks(design_document(order_saga()))
    for envelope, _, _ in entries:
        assert {"id", "source", "specversion", "type", "time", "subject", "correlationid"} <= set(
            envelope
        )
        assert envelope["specversion"] == "1.0"
    first = entries[0][0]
    assert first["partitionkey"] == "orderId"
    assert first["subject"] == f"order/{first['data']['orderId']}"
    assert len({e["correlationid"] for e, _, _ in entries}) == 1
    assert len({e["id"] for e, _, _ in entries}) == len(entries)


def test_the_saga_table_lists_each_step_with_its_compensation():
    text = design_document(order_saga())
    saga = text[text.index("### Saga: Order fulfilment") : text.index("## 6.")]
    rows = [line for line in saga.splitlines() if re.match(r"^\| \d+ \|", line)]
    assert [r.split("|")[3].strip() for r in rows] == [
        "`OrderCreated` (event)",
        "`PaymentProcessed` (event)",
        "`InventoryReserved` (event)",
        "`OrderShipped` (event)",
    ]
    assert "`PaymentRefunded` (event) by Payment Service" in rows[1]
    assert "**missing**" in rows[0]


def test_failure_handling_has_a_row_per_consumer_and_event():
    graph = order_saga()
    text = design_document(graph)
    section = text[text.index("### Consumers and events") : text.index("### Retries")]
    rows = [line for line in section.splitlines() if line.startswith("| ") and "`" in line]
    assert len(rows) == sum(len(e.consumers) for e in graph.events)
    assert all("Failed events DLQ" in r for r in rows)


def test_the_findings_section_lists_each_fix_as_a_chat_instruction():
    text = design_document(order_saga())
    assert "“Add a compensating event for OrderCreated”" in text
    assert "“Remove event NotifyCustomer”" in text


def test_without_an_image_url_the_diagram_is_a_mermaid_block():
    text = design_document(order_saga())
    assert "```mermaid\nflowchart LR" in text


def test_an_image_url_embeds_the_image_escaped():
    text = design_document(order_saga(), image_url="/diagrams/ab c/order-processing-r3.svg?x=(1)")
    assert (
        "![Architecture diagram of Order processing](/diagrams/ab%20c/order-processing-r3.svg?x=%281%29)"
        in text
    )
    assert "```mermaid" not in text


def test_html_keeps_tables_and_code_blocks():
    html = designdoc_html(design_document(order_saga()))
    assert "<table>" in html and "<pre><code" in html
    assert "<h2>3. Event catalog</h2>" in html


def test_an_orchestrated_saga_lists_commands_with_their_replies():
    graph = build(
        [("saga", "orchestrator"), ("payments", "service"), ("stock", "service")],
        events=[
            {
                "name": "TakePayment",
                "kind": "command",
                "producer": "saga",
                "consumers": ["payments"],
            },
            {"name": "PaymentTaken", "producer": "payments", "consumers": ["saga"]},
            {"name": "ReserveStock", "kind": "command", "producer": "saga", "consumers": ["stock"]},
        ],
        patterns=[
            {"kind": "saga", "name": "Checkout", "components": ["saga", "payments", "stock"]}
        ],
    )
    text = design_document(graph)
    assert "- **Coordination:** orchestration by Saga:" in text
    assert "| 1 | Saga | `TakePayment` (command); replies `PaymentTaken` | Payments |" in text
    assert "| 2 | Saga | `ReserveStock` (command) | Stock | none needed" in text


def test_a_huge_fan_out_is_summarised_rather_than_listed_in_full():
    services = [f"s{i}" for i in range(60)]
    graph = build(
        [(s, "service") for s in services] + [("bus", "broker")],
        events=[
            {
                "name": f"Thing{i}Happened",
                "producer": s,
                "consumers": [c for c in services if c != s],
                "channel": "bus",
            }
            for i, s in enumerate(services)
        ],
    )
    text = design_document(graph)
    pairs = 60 * 59
    assert f"_{pairs - 400} more rows like these are left out._" in text
    assert "and 19 more" in text  # each event's 59 consumers: 40 named
    assert len(text) < 600_000
