"""The offline planner finding who does what: subjects across asides, relative clauses and
lists of subscribers, and objects a clause rules out."""

from __future__ import annotations

import pytest

from diagrams.core.graph import Graph
from diagrams.core.planners.rule_based import RuleBasedPlanner


def plan(prompt: str) -> Graph:
    return RuleBasedPlanner().plan(prompt).graph


def names(graph: Graph) -> set[str]:
    return {c.name for c in graph.components}


def routes(graph: Graph) -> set[tuple[str, str]]:
    n = {c.id: c.name for c in graph.components}
    return {(n[e.producer], n[c]) for e in graph.events for c in e.consumers}


def flows(graph: Graph) -> set[tuple[str, str]]:
    n = {c.id: c.name for c in graph.components}
    return {(n[f.source], n[f.target]) for f in graph.flows}


def test_a_capitalised_agent_noun_inside_a_longer_name_does_not_split_it() -> None:
    graph = plan("The Trailer Yard Service calls the Gate Service.")
    assert "Trailer Yard Service" in names(graph)
    assert "Trailer" not in names(graph)


def test_things_hanging_off_a_topic_each_subscribe_to_it_not_to_their_own_queue() -> None:
    graph = plan(
        "The Kennel Service publishes StayBooked to an SNS topic. Several things hang off that "
        "topic, each with its own SQS queue: the Feeding Planner sorts Tuesday meals and keeps "
        "its plan in DynamoDB, the Walk Rota Service assigns walkers, and the Billing Service "
        "charges a deposit through Adyen."
    )
    consumers = {c for p, c in routes(graph) if p == "Kennel Service"}
    assert consumers == {"Feeding Planner", "Walk Rota Service", "Billing Service"}
    assert ("Feeding Planner", "DynamoDB") in flows(graph)  # "sorts Tuesday meals": a verb


def test_a_plain_noun_subject_after_when_is_not_the_component_before_it() -> None:
    graph = plan(
        "The Kennel Service drops a message on an SNS topic. Two things hang off that topic, "
        "each with its own SQS queue: the Billing Service charges a deposit through Adyen when "
        "a member cancels late. Anything that fails three times ends up in a DLQ."
    )
    adyen = next(c.id for c in graph.components if c.name == "Adyen")
    assert not [e for e in graph.events if e.producer == adyen]


def test_a_verbless_aside_between_subject_and_verb_keeps_the_subject() -> None:
    graph = plan(
        "The Intake Service publishes ReadingTaken to Pub/Sub. The Grading Service, on Cloud "
        "Run, subscribes to that and publishes ReadingGraded."
    )
    assert ("Intake Service", "Grading Service") in routes(graph)
    assert not [c for p, c in routes(graph) if p == "Intake Service" and c != "Grading Service"]


def test_a_passive_after_a_comma_and_has_its_own_subject_and_never_rules_out_an_object() -> None:
    graph = plan(
        "The web app goes through Kong for everything, and score lookups are answered by the "
        "Standings API straight from Redis, never from Postgres. The Match Service writes "
        "results to Postgres."
    )
    assert ("Standings API", "Redis") in flows(graph)
    assert ("Standings API", "Postgres") not in flows(graph)
    assert ("Standings API", "Kong") not in flows(graph)


def test_a_note_names_a_compute_unit_before_its_technology_in_parentheses() -> None:
    graph = plan(
        "- occupancy calc (Lambda) reads the Kinesis stream, keeps counts in DynamoDB\n"
        "- work-order func (Azure Functions) subscribed to AnomalyDetected\n"
        "- headcount projector = separate consumer on the same stream"
    )
    kinds = {c.name: c.kind.value for c in graph.components}
    assert kinds["Occupancy Calc"] == "function"
    assert kinds["Work-Order Function"] == "function"
    assert "Headcount Projector" in kinds
    assert not [n for n in kinds if "Consumer" in n]


def events_of(graph: Graph) -> dict[str, tuple[str, list[str], str | None]]:
    n = {c.id: c.name for c in graph.components}
    return {
        e.name: (n[e.producer], sorted(n[c] for c in e.consumers), e.channel) for e in graph.events
    }


def test_terse_arrows_to_events_are_published_by_the_acting_service() -> None:
    graph = plan(
        "- booking svc publishes SlotRequested -> Kafka\n"
        "- rules svc consumes SlotRequested, checks the member's tier (Postgres) -> SlotOk / "
        "SlotRefused\n"
        "- SlotRefused -> booking svc rejects the slot\n"
        "- pricing svc consumes SlotOk, gets ETAs from HERE Routing API -> SlotPriced\n"
        "- ledger job, nightly: reads totals from Cassandra -> pays clubs via Stripe"
    )
    events = events_of(graph)
    assert events["SlotOk"][0] == events["SlotRefused"][0] == "Rules Service"
    assert events["SlotRefused"][1] == ["Booking Service"]
    assert events["SlotPriced"][0] == "Pricing Service"
    assert {c.name: c.kind.value for c in graph.components}["HERE Routing API"] == "external"
    assert ("Ledger Job", "Stripe") in flows(graph)
    assert not [e for e in graph.events if e.producer == "cassandra"]


def test_a_bare_component_word_after_an_arrow_consumes_the_event() -> None:
    graph = plan(
        "- web app -> orders svc -> Firestore\n"
        "- orders publishes CakeOrdered -> Pub/Sub\n"
        "- oven planner consumes CakeOrdered -> SlotUnavailable -> orders cancels the preorder"
    )
    assert events_of(graph)["SlotUnavailable"][:2] == ("Oven Planner", ["Orders Service"])


def test_the_broker_the_text_says_carries_all_events_is_their_channel() -> None:
    graph = plan(
        "- rider app + call-centre console -> API GW -> trip svc\n"
        "- trip svc publishes TripRequested\n"
        "- all events go on one SNS topic; every consuming svc has its own SQS queue\n"
        "- dispatch svc consumes TripRequested\n"
        "- van tablets stream GPS pings -> Kinesis -> location svc"
    )
    kinds = {c.name: c.kind.value for c in graph.components}
    assert kinds["API Gateway"] == "gateway"
    assert kinds["Call-Centre Console"] == "client"
    assert not [n for n in kinds if "Consuming" in n]
    assert events_of(graph)["TripRequested"][2] == "sns"


def test_both_services_means_the_last_two_that_acted_and_reuses_their_events() -> None:
    graph = plan(
        "- kiosk -> topup svc; appends TopUpCompleted to the ledger in Cassandra\n"
        "- till -> spend svc; spend svc appends WristbandCharged\n"
        "- both svcs publish every ledger entry to Redis Streams, stream wallet-events\n"
        "- refund svc also consumes wallet-events"
    )
    events = events_of(graph)
    assert set(events) == {"TopUpCompleted", "WristbandCharged"}
    assert events["TopUpCompleted"][:2] == ("Topup Service", ["Refund Service"])
    assert ("Redis Streams", "wallet-events") in flows(graph)


def test_a_described_read_side_is_the_cqrs_read_model_not_an_invented_one() -> None:
    graph = plan(
        "- counter svc consumes DoorOpened from Kinesis, keeps live counts in DynamoDB and "
        "publishes RoomFull to EventBridge\n"
        "- room projector = separate consumer on the same stream, maintains per-room counts in "
        "Redis\n"
        "- visitor app -> visitor api -> Redis; CQRS, the app never touches DynamoDB"
    )
    cqrs = next(p for p in graph.patterns if p.kind == "cqrs")
    assert {"dynamodb", "room-projector", "redis", "visitor-api"} <= set(cqrs.components)
    assert not [c for c in graph.components if c.kind.value == "read_model"]
    assert ("Room Projector", "Redis") in flows(graph)


TRIP = (
    "The Booking API shall start a trip saga in the Trip Orchestrator, which shall be "
    "implemented as a Temporal workflow. The Trip Orchestrator shall send the command HoldSeat "
    "to the Seat Service, then IssueTicket to the Ticket Service, then BookHotel to the Lodging "
    "Service, which buys the room through the Expedia API. If the hotel cannot be booked, the "
    "Trip Orchestrator shall send ReleaseSeat to the Seat Service and VoidTicket to the Ticket "
    "Service as compensating commands."
)


def test_an_orchestrator_sends_the_commands_and_compensations_the_text_names_and_no_others() -> (
    None
):
    graph = plan(TRIP)
    kinds = {c.name: (c.kind.value, c.technology) for c in graph.components}
    assert kinds["Trip Orchestrator"] == ("orchestrator", "Temporal")
    assert "Temporal" not in kinds
    assert kinds["Expedia API"][0] == "external"
    events = {e.name: e for e in graph.events}
    assert set(events) == {"HoldSeat", "IssueTicket", "BookHotel", "ReleaseSeat", "VoidTicket"}
    steps = {n: e.consumers for n, e in events.items()}
    assert steps["BookHotel"] == ["lodging-service"]
    assert steps["VoidTicket"] == ["ticket-service"]
    assert events["ReleaseSeat"].compensates and events["VoidTicket"].compensates
    assert all(e.channel is None for e in graph.events)  # Temporal activities are calls


def test_commands_the_text_sends_over_a_broker_are_messages_even_on_a_workflow_engine() -> None:
    graph = plan(TRIP + " All commands and replies shall travel over RabbitMQ.")
    assert {e.channel for e in graph.events} == {"rabbitmq"}


def test_back_is_a_particle_and_a_dlq_is_not_the_queue_named_before_it() -> None:
    graph = plan(
        "A rule forwards uploads from EventBridge to an SQS queue that the OCR Lambda reads "
        "from. The OCR Lambda writes the totals to DynamoDB and publishes ReceiptRead back onto "
        "EventBridge; the Audit Lambda listens for ReceiptRead. SQS is at-least-once, so the OCR "
        "Lambda never processes a receipt twice, and after three failed receives a message gets "
        "moved to a DLQ."
    )
    assert events_of(graph) == {"ReceiptRead": ("OCR Lambda", ["Audit Lambda"], "eventbridge")}
    kinds = {c.name: c.kind.value for c in graph.components}
    assert "dead_letter_queue" in kinds.values() and kinds["SQS"] == "queue"


def test_an_admin_panel_is_a_client() -> None:
    graph = plan("The receptionist uses the Admin Panel, which calls the Booking API.")
    assert ("Admin Panel", "Booking API") in flows(graph)


def test_a_named_outbox_publisher_is_the_relay_and_publishes_no_event_of_its_own() -> None:
    graph = plan(
        "The Order Service saves the order in Azure SQL and, in the same transaction, drops a "
        "row into an outbox table; a background Outbox Publisher reads that table and pushes "
        "the messages onto an Azure Service Bus topic. When an order is placed, the Florist "
        "Service picks the nearest florist, and then the Courier Service books a bike courier "
        "through Stuart's delivery API."
    )
    names = {c.name: c.kind.value for c in graph.components}
    assert not [n for n in names if "Relay" in n]
    assert names["Stuart Delivery API"] == "external"
    assert ("Courier Service", "Stuart Delivery API") in flows(graph)
    assert not [e for e in graph.events if e.producer == "outbox-publisher"]
    outbox = next(p for p in graph.patterns if p.kind == "outbox")
    assert "outbox-publisher" in outbox.components


CHOREOGRAPHY = (
    "The Pass Service publishes PassStarted to Kafka. The Payment Service charges the card and "
    "publishes PaymentCaptured, or PaymentFailed if the card is declined, in which case the Pass "
    "Service voids the pass. The Gate Service waits for PaymentCaptured and publishes "
    "GateOpened, which the Pass Service uses to mark the pass active and the Mailer uses to send "
    "a receipt. The Pass Service listens for GateOpened to confirm, and for PaymentFailed and "
    "PaymentRefunded to cancel. The Payment Service refunds the charge and publishes "
    "PaymentRefunded, and the Pass Service consumes that to cancel the pass. There is no "
    "coordinator; every service simply reacts to what it sees."
)


def test_described_choreography_routes_follow_the_text_not_every_service() -> None:
    events = events_of(plan(CHOREOGRAPHY))
    assert events["PassStarted"][1] == ["Payment Service"]  # reacts: the one it first follows
    assert events["PaymentFailed"][1] == ["Pass Service"]
    assert events["PaymentCaptured"][1] == ["Gate Service"]
    assert events["GateOpened"][1] == ["Mailer", "Pass Service"]
    assert events["PaymentRefunded"][1] == ["Pass Service"]


def test_a_monitor_is_a_service_and_a_condition_on_a_named_publication_invents_nothing() -> None:
    graph = plan(
        "The Bin Level Monitor shall consume ContainerAccepted and shall publish BinNearlyFull "
        "to NATS when a kiosk's storage bin reaches 90 percent of capacity; the Collection "
        "Scheduler shall consume BinNearlyFull."
    )
    events = events_of(graph)
    assert set(events) <= {"ContainerAccepted", "BinNearlyFull"}  # no "PercentReached"
    assert events["BinNearlyFull"][:2] == ("Bin Level Monitor", ["Collection Scheduler"])


def test_a_note_lists_verbs_after_the_event_it_consumes() -> None:
    graph = plan(
        "- flink job emits BudgetExhausted -> Kafka\n"
        "- budget svc consumes BudgetExhausted, pauses the campaign in Aerospike"
    )
    assert events_of(graph)["BudgetExhausted"][1] == ["Budget Service"]


def test_an_agent_is_a_service_and_has_been_names_the_participle() -> None:
    graph = plan(
        "The Store Sync Agent forwards each completed order to Azure Event Hubs. The Order "
        "Router splits each order by station and publishes each part to Mosquitto. Once every "
        "item in an order has been bumped, the Expo Service lights the pickup board."
    )
    names = {c.name: c.kind.value for c in graph.components}
    assert names["Store Sync Agent"] == "service"
    assert not [e.name for e in graph.events if e.name.endswith("Had")]
    assert any(e.name.endswith("Bumped") for e in graph.events)


def test_a_notes_subject_carries_across_semicolons_and_also_subscribes_means_the_same_event() -> (
    None
):
    graph = plan(
        "- sensors -> IoT Hub -> Event Hubs\n"
        "- Stream Analytics job: 5-min windows -> Azure Data Explorer; raises FrostRisk -> "
        "Event Grid\n"
        "- heater control function subscribes to FrostRisk, sends commands back through IoT Hub\n"
        "- alerting svc also subscribes, posts to Teams via webhook"
    )
    producer, consumers, _ = events_of(graph)["FrostRisk"]
    assert producer == "Azure Stream Analytics"
    assert consumers == ["Alerting Service", "Heater Control Function"]


def test_steps_executed_by_named_workers_get_those_commands() -> None:
    graph = plan(
        "The Order API shall start a Claim process in Camunda 8. The Camunda process shall "
        "orchestrate each claim as a saga by creating jobs that workers execute: AssessClaim, "
        "executed by the Assessor Worker; and PayClaim, executed by the Payout Service."
    )
    steps = {e.name: e.consumers for e in graph.events}
    assert steps["AssessClaim"] == ["assessor-worker"]
    assert steps["PayClaim"] == ["payout-service"]
    assert not [c for c in graph.components if "Creating" in c.name]


def test_a_list_of_hyphenated_event_names_are_all_events() -> None:
    graph = plan(
        "Our Bag Gateway turns scanner reads into bag-tagged, bag-sorted and bag-loaded events "
        "on ActiveMQ. The Bag Tracking Service consumes all of them."
    )
    events = events_of(graph)
    assert {"BagTagged", "BagSorted", "BagLoaded"} <= set(events)
    for name in ("BagTagged", "BagSorted", "BagLoaded"):
        assert events[name][0] == "Bag Gateway" and "Bag Tracking Service" in events[name][1]


def test_a_broker_named_forwarder_is_a_service_and_an_event_name_is_no_agent_noun() -> None:
    graph = plan(
        "The Consignment Service appends RecordReturnedToSeller to EventStoreDB. A Pulsar "
        "Forwarder shall subscribe to EventStoreDB and publish each event to Apache Pulsar. The "
        "Lab Service calls the SampleManager LIMS."
    )
    kinds = {c.name: c.kind.value for c in graph.components}
    assert kinds["Pulsar Forwarder"] == "service"
    assert not [n for n in kinds if n.lower().startswith("recordreturned")]
    assert any("samplemanager" in n.lower() for n in kinds)


def test_registry_dlq_and_workflow_names_are_no_event_routes() -> None:
    graph = plan(
        "- pricing svc emits PriceChanged -> Kafka\n"
        "- all Kafka msgs Avro, schemas in Confluent Schema Registry\n"
        "- alert svc consumes PriceChanged; retry 3x w/ exponential backoff, then -> DLQ topic\n"
        "- the Scheduler shall start a PriceSweep workflow in Temporal"
    )
    events = events_of(graph)
    assert set(events) == {"PriceChanged"}
    assert events["PriceChanged"][1] == ["Alert Service"]


def test_no_events_slash_queues_slash_brokers_rules_out_every_one() -> None:
    graph = plan(
        "- checkout api -> rates svc: live shipping quotes\n"
        "- rates svc calls EasyPost for carrier rates\n"
        "- all synchronous REST, no events / queues / brokers"
    )
    kinds = {c.kind.value for c in graph.components}
    assert not kinds & {"broker", "queue", "topic"}
    assert not graph.events


def test_two_components_that_share_a_first_word_stay_two() -> None:
    graph = plan(
        "The Payment API stores payments in Postgres. The Payment Ledger Service records every "
        "transfer. The Mandate Registry Service lodges mandates with the bank."
    )
    kinds = {c.name: c.kind.value for c in graph.components}
    assert {"Payment API", "Payment Ledger Service"} <= set(kinds)
    assert kinds["Mandate Registry Service"] == "service"  # a registry of mandates, not schemas


def test_cache_after_a_modal_or_a_pronoun_is_a_verb() -> None:
    graph = plan(
        "The Eligibility Service shall cache register look-ups in Memcached. The Kitchen "
        "Dashboard calls the Orders API for prep counts, which we cache in Redis."
    )
    assert ("Eligibility Service", "Memcached") in flows(graph)
    assert not {"Cache"} & names(graph)


def test_events_written_to_an_outbox_are_published_and_rows_into_a_store_are_no_event() -> None:
    graph = plan(
        "The Registry Service writes ItemAdded and ItemPurchased into an outbox table in the same "
        "transaction, and a small Outbox Relay polls that table and pushes the rows to Pub/Sub. "
        "The Thank-You Service listens for ItemPurchased.\n"
        "- order api: rating + tip -> Postgres\n"
        "- Debezium tails the outbox table -> Pub/Sub"
    )
    events = {e.name: e for e in graph.events}
    assert ("Registry Service", "Thank-You Service") in routes(graph)
    assert {"ItemAdded", "ItemPurchased"} <= set(events)
    assert not {"AndTip", "RatingAndTip", "Outbox", "OutboxTable"} & set(events)


def test_a_component_we_call_by_a_name_is_one_component() -> None:
    graph = plan(
        "The Registry Service writes ItemPurchased into an outbox table, and a tiny Cloud "
        "Function we call the Outbox Relay polls that table and pushes the rows to Pub/Sub."
    )
    kinds = {c.name: (c.kind.value, c.technology) for c in graph.components}
    assert kinds["Outbox Relay"] == ("function", "Cloud Functions")
    assert not any(
        c.technology == "Cloud Functions" and c.name != "Outbox Relay" for c in graph.components
    )


def test_it_after_an_app_is_the_service_and_an_app_request_is_no_event() -> None:
    graph = plan(
        "The Driver App sends location pings to the Location Service, and when a ping lands "
        "inside the geofence it publishes DriverEnteredLot to Pub/Sub. The Queue Service and the "
        "API Gateway consume DriverEnteredLot. When a rider requests a ride in the Rider App, the "
        "request goes through Apigee to the Dispatch Service."
    )
    assert {e.name for e in graph.events} == {"DriverEnteredLot"}
    assert routes(graph) == {("Location Service", "Queue Service")}  # a gateway hears nothing


def test_a_condition_the_orchestrator_handles_invents_no_event() -> None:
    graph = plan(
        "The Order API starts the Fulfilment state machine in AWS Step Functions. The state "
        "machine invokes the Reserve Stock Lambda, then the Credit Check Lambda. If the credit "
        "check fails, the state machine invokes the Release Stock Lambda as a compensating step. "
        "On completion the state machine publishes OrderShipped to EventBridge, which the Email "
        "Service consumes."
    )
    assert not [
        e.name for e in graph.events if e.kind.value == "event" and e.name != "OrderShipped"
    ]


def test_a_compensating_component_receives_the_compensation_and_no_other_is_invented() -> None:
    graph = plan(
        "The Order API starts the Fulfilment state machine in AWS Step Functions. The state "
        "machine invokes the Reserve Stock Lambda, then the Credit Check Lambda, then the Book "
        "Courier Lambda. If the credit check fails, the state machine invokes the Release Stock "
        "Lambda as a compensating step, and the Cancel Courier Lambda where a courier was booked."
    )
    n = {c.id: c.name for c in graph.components}
    undo = {n[e.consumers[0]] for e in graph.events if e.compensates}
    assert undo == {"Release Stock Lambda", "Cancel Courier Lambda"}
    saga = next(p for p in graph.patterns if p.kind.value == "saga")
    assert {n[s] for s in saga.details["steps"]} == {
        "Reserve Stock Lambda",
        "Credit Check Lambda",
        "Book Courier Lambda",
    }


def test_an_ampersand_inside_a_capitalised_name_keeps_one_component() -> None:
    graph = plan(
        "Parents pre-order lunches in the Lunch App, which calls our Menu & Orders API. That API "
        "keeps orders in MySQL and calls Stripe & Twilio."
    )
    assert names(graph) == {"Lunch App", "Menu & Orders API", "MySQL", "Stripe", "Twilio"}


# (what it shows, description, every producer -> consumer route the planner should draw)
ROUTES: list[tuple[str, str, set[tuple[str, str]]]] = [
    (  # and "a WebVTT file" is a format, not an event
        "things_hanging_off_an_event_hear_that_event_only",
        "The Transcode Function publishes LectureAudioReady to Pub/Sub. The Transcribe Function "
        "picks that up and publishes TranscriptReady. Two things hang off TranscriptReady: the "
        "Caption Builder turns the transcript into a WebVTT file, and the Accessibility Notifier "
        "emails the coordinator through SendGrid.",
        {
            ("Transcode Function", "Transcribe Function"),
            ("Transcribe Function", "Caption Builder"),
            ("Transcribe Function", "Accessibility Notifier"),
        },
    ),
    (
        "terse_choreography_with_reads_arrows_from_events_and_it",
        "- order api writes the order to Postgres, XADDs OrderPlaced -> Redis Streams\n"
        "- stock svc reads OrderPlaced, reserves stock, emits StockReserved\n"
        "- payment svc reads StockReserved, charges via Stripe, emits PaymentTaken or "
        "PaymentDeclined\n"
        "- PaymentDeclined -> stock svc releases the stock, emits StockReleased -> order api "
        "marks the order cancelled\n"
        "- PaymentTaken -> order api confirms; gift wrap svc also reads it",
        {
            ("Order API", "Stock Service"),
            ("Stock Service", "Payment Service"),
            ("Payment Service", "Stock Service"),
            ("Stock Service", "Order API"),
            ("Payment Service", "Order API"),
            ("Payment Service", "Gift Wrap Service"),
        },
    ),
    (  # and "one consumed by" names no event
        "an_event_fanned_out_to_queues_reaches_their_consumers",
        "The Order Service publishes OrderShipped to Amazon EventBridge. An EventBridge rule "
        "routes OrderShipped to an Amazon SNS topic, which fans it out to two Amazon SQS queues: "
        "one consumed by the Email Service, which emails the customer through SES, and one "
        "consumed by the Invoice Service, which raises the invoice in NetSuite.",
        {
            ("Order Service", "Email Service"),
            ("Order Service", "Invoice Service"),
        },
    ),
    (
        "it_after_a_third_party_and_that_after_a_later_publication",
        "The Trip Service publishes TripEnded to Kafka. The Fare Service listens for TripEnded, "
        "charges the card with Stripe and publishes FareCharged. If Stripe declines, it publishes "
        "ChargeFailed instead, the Trip Service reopens the trip and publishes TripReopened, and "
        "the Support Service picks that up and opens a ticket. The Ledger Service uses "
        "FareCharged to book revenue.",
        {
            ("Trip Service", "Fare Service"),
            ("Fare Service", "Ledger Service"),
            ("Fare Service", "Trip Service"),
            ("Trip Service", "Support Service"),
        },
    ),
    (
        "a_note_service_hears_the_events_its_arrows_start_from",
        "- order api publishes OrderPlaced / OrderCancelled -> SNS topic order-events\n"
        "- billing svc: OrderPlaced -> charges the card in Stripe; OrderCancelled -> refunds it\n"
        "- email lambda: OrderCancelled -> apology email via SendGrid\n"
        "- stock svc consumes OrderCancelled, releases the items",
        {
            ("Order API", "Billing Service"),
            ("Order API", "Email Lambda"),
            ("Order API", "Stock Service"),
        },
    ),
]


@pytest.mark.parametrize(("shows", "prompt", "expected"), ROUTES, ids=[r[0] for r in ROUTES])
def test_who_hears_what(shows: str, prompt: str, expected: set[tuple[str, str]]) -> None:
    assert routes(plan(prompt)) == expected
