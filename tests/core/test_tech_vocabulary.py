"""The technology vocabulary: names engineers type become components of the right kind, common
English words that are also product names stay English, and the table itself stays consistent."""

from __future__ import annotations

import pytest

from diagrams.core.graph import ComponentKind, Graph
from diagrams.core.planners.rule_based import RuleBasedPlanner
from diagrams.core.planners.rule_based.tech import (
    CASE_SENSITIVE,
    TECH_INDEX,
    TECHNOLOGIES,
    alias_keys,
)
from diagrams.core.planners.rule_based.words import HEADS


def plan(prompt: str) -> Graph:
    return RuleBasedPlanner().plan(prompt).graph


def kinds_by_technology(graph: Graph) -> dict[str, str]:
    return {c.technology: c.kind.value for c in graph.components if c.technology}


# --- the table --------------------------------------------------------------------------------


def test_no_name_or_alias_belongs_to_two_rows() -> None:
    owner: dict[tuple[str, ...], str] = {}
    clashes = []
    for canonical, _, aliases in TECHNOLOGIES:
        for name in (canonical, *aliases):
            for key in alias_keys(name):
                if owner.setdefault(key, canonical) != canonical:
                    clashes.append((" ".join(key), owner[key], canonical))
    assert clashes == []


def test_canonical_names_are_unique() -> None:
    names = [canonical for canonical, _, _ in TECHNOLOGIES]
    assert len(names) == len(set(names))


def test_every_kind_is_a_component_kind_or_language_or_protocol() -> None:
    allowed = {k.value for k in ComponentKind} | {"language", "protocol"}
    assert {kind for _, kind, _ in TECHNOLOGIES} <= allowed


def test_every_case_sensitive_entry_names_something() -> None:
    names = {name.lower() for c, _, aliases in TECHNOLOGIES for name in (c, *aliases)}
    assert CASE_SENSITIVE - names == set()


def test_no_alias_is_a_bare_component_word() -> None:
    """ "store", "gateway", "app" are head nouns: an alias equal to one would hide them."""
    bare_heads = [
        alias
        for _, _, aliases in TECHNOLOGIES
        for alias in aliases
        for key in alias_keys(alias)
        if key in HEADS
    ]
    assert bare_heads == []


def test_a_hyphenated_name_matches_written_with_a_hyphen_or_a_space() -> None:
    assert TECH_INDEX[("node-red",)][0] == "Node-RED"
    assert TECH_INDEX[("node", "red")][0] == "Node-RED"
    graph = plan("Sensors send readings to Node-RED, which writes them to InfluxDB.")
    assert kinds_by_technology(graph).get("Node-RED") == "stream_processor"


# --- names become components of the right kind --------------------------------------------------


@pytest.mark.parametrize(
    ("prompt", "technology", "kind"),
    [
        (
            "The checkout service stores carts in Aerospike and calls Recurly to bill the "
            "customer.",
            "Aerospike",
            "database",
        ),
        (
            "The checkout service stores carts in Aerospike and calls Recurly to bill the "
            "customer.",
            "Recurly",
            "external",
        ),
        ("The station API reads charger locations from PostGIS.", "PostGIS", "database"),
        ("The search service indexes products in Meilisearch.", "Meilisearch", "database"),
        ("The rag service keeps embeddings in Qdrant.", "Qdrant", "database"),
        ("The metrics service writes samples to VictoriaMetrics.", "VictoriaMetrics", "database"),
        ("Analysts query the lake through Amazon Athena.", "Amazon Athena", "database"),
        ("The profile service stores profiles in Neon.", "Neon", "database"),
        ("The session service caches tokens in Dragonfly.", "Dragonfly", "cache"),
        ("The export service writes files to Cloudflare R2.", "Cloudflare R2", "storage"),
        ("The archive service moves old invoices to S3 Glacier.", "S3 Glacier", "storage"),
        (
            "The order service publishes OrderPlaced to RocketMQ and the billing service "
            "consumes it.",
            "RocketMQ",
            "broker",
        ),
        (
            "The signup service enqueues welcome jobs in Sidekiq and the mailer worker "
            "consumes them.",
            "Sidekiq",
            "queue",
        ),
        ("The ledger service appends events to Marten.", "Marten", "event_store"),
        ("The upload service invokes OpenFaaS to resize images.", "OpenFaaS", "function"),
        (
            "The checkout service starts a workflow in Restate, which calls the payment service.",
            "Restate",
            "orchestrator",
        ),
        (
            "The orders service publishes OrderPlaced to Kafka and Apache NiFi writes totals "
            "to ClickHouse.",
            "Apache NiFi",
            "stream_processor",
        ),
        ("Logs are shipped by Fluent Bit to the log store.", "Fluent Bit", "stream_processor"),
        ("The web app calls the order service through KrakenD.", "KrakenD", "gateway"),
        (
            "The POS app calls the activation API through Azure Application Gateway.",
            "Azure Application Gateway",
            "gateway",
        ),
        ("The web app calls the order service through Route 53.", "Route 53", "load_balancer"),
        ("The web app loads images through Bunny CDN.", "Bunny CDN", "cdn"),
        ("Quartz triggers the billing service every night.", "Quartz", "scheduler"),
        ("Analysts open Superset, which reads sales from ClickHouse.", "Superset", "client"),
        ("The scheduling service creates the encounter in Epic.", "Epic", "external"),
        ("The onboarding service verifies identities with Persona.", "Persona", "external"),
        ("The payout service sends money through Wise.", "Wise", "external"),
        ("The label service buys postage from UPS.", "UPS", "external"),
        ("The meeting service books a call in Zoom.", "Zoom", "external"),
        ("The rides service geocodes addresses with HERE Maps.", "HERE Maps", "external"),
        ("The claims service extracts fields with Amazon Textract.", "Amazon Textract", "external"),
        ("The roaming service calls Hubject for partner tariffs.", "Hubject", "external"),
        ("The billing adapter creates the account in Amdocs.", "Amdocs", "external"),
        (
            "Bay sensors send uplinks to The Things Network, which forwards them to the ingest "
            "service.",
            "The Things Network",
            "external",
        ),
    ],
)
def test_a_named_technology_becomes_a_component_of_its_kind(
    prompt: str, technology: str, kind: str
) -> None:
    assert kinds_by_technology(plan(prompt)).get(technology) == kind


@pytest.mark.parametrize(
    "prompt",
    [
        "The order service is written in Quarkus, runs on AWS Fargate and stores orders in MySQL.",
        "The order service runs on Azure Container Apps behind Istio and stores orders in MySQL.",
        "The chat service pushes messages to browsers over SignalR and stores them in MySQL.",
        "The meter service receives readings over LoRaWAN and stores them in MySQL.",
        "The web app is built with SvelteKit and calls the order service, which uses MySQL.",
    ],
)
def test_languages_runtimes_and_protocols_are_never_components(prompt: str) -> None:
    graph = plan(prompt)
    techs = {c.technology for c in graph.components}
    assert "MySQL" in techs
    stacks = {"Quarkus", "AWS Fargate", "Azure Container Apps", "Istio", "SignalR", "SvelteKit"}
    assert not (techs | {c.name for c in graph.components}) & (stacks | {"LoRaWAN"})


# --- English stays English ----------------------------------------------------------------------

_ENGLISH = (
    "Here the order service sends a vector of ids to the pricing service.",
    "Vector clocks order the events in the ledger service.",
    "Echo the request back from the gateway service to the web app.",
    "Bandwidth is limited, so the edge collector batches readings for the ingest API.",
    "Fiber links connect the exchange to the provisioning service.",
    "Storm alerts are pushed by the weather service to the notification service.",
    "Materialize the view in the projection service when orders change.",
    "The release is an epic effort; the order service writes orders to MySQL.",
    "A wise team keeps the booking service small and stores bookings in MySQL.",
    "The neon signs are tracked by the signage service, which stores them in MySQL.",
    "The zoom level is cached by the map tile service in Redis.",
    "Teams own their services; the order service writes orders to MySQL.",
    "The clerk scans items and the till app calls the basket service.",
    "The first data point is kept by the telemetry service in MySQL.",
    "This would imply that the order service calls the billing service.",
    "Particle counts are sent by the air quality sensors to the ingest service.",
    "The glue code in the adapter service maps fields for the billing service.",
    "The iterable result set is streamed from the report service to the browser.",
    "The sage advice is to keep the payments service stateless and call the ledger service.",
)
_VENDORS = frozenset(
    {
        "HERE Maps",
        "Datadog Vector",
        "Bandwidth.com",
        "Go Fiber",
        "Apache Storm",
        "Epic",
        "Wise",
        "Neon",
        "Zoom",
        "Microsoft Teams",
        "Clerk",
        "Fiserv",
        "Apache Druid",
        "Particle Cloud",
        "AWS Glue",
        "Iterable",
        "Sage",
    }
)


@pytest.mark.parametrize("prompt", _ENGLISH)
def test_an_english_word_that_is_also_a_product_stays_english(prompt: str) -> None:
    graph = plan(prompt)
    assert not {c.technology for c in graph.components} & _VENDORS
    assert not {c.name for c in graph.components} & _VENDORS
