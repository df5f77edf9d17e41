"""The offline planner on language it must read in any domain: causes, passives, lists."""

from __future__ import annotations

from diagrams.core.graph import Graph
from diagrams.core.planners.rule_based import RuleBasedPlanner


def plan(prompt: str) -> Graph:
    return RuleBasedPlanner().plan(prompt).graph


def names(graph: Graph) -> dict[str, str]:
    return {c.id: c.name for c in graph.components}


def routes(graph: Graph) -> set[tuple[str, str, str]]:
    n = names(graph)
    return {(e.name, n[e.producer], n[c]) for e in graph.events for c in e.consumers}


def flows(graph: Graph) -> set[tuple[str, str]]:
    n = names(graph)
    return {(n[f.source], n[f.target]) for f in graph.flows}


def test_a_trailing_cause_consumes_the_event_the_text_already_has() -> None:
    graph = plan(
        "The booking service publishes BookingConfirmed to Kafka. The email service sends a "
        "confirmation email when a booking is confirmed."
    )
    assert routes(graph) == {("BookingConfirmed", "Booking Service", "Email Service")}
    assert {e.name for e in graph.events} == {"BookingConfirmed"}


def test_a_leading_cause_with_no_acting_subject_still_finds_the_service() -> None:
    graph = plan(
        "The claims service emits ClaimApproved on SNS. When a claim is approved, the member "
        "gets a letter from the letters service."
    )
    assert ("ClaimApproved", "Claims Service", "Letters Service") in routes(graph)


def test_a_cause_the_main_clause_publishes_itself_is_only_a_condition() -> None:
    graph = plan(
        "When the kitchen marks an order as ready, the kitchen service publishes OrderReady to "
        "RabbitMQ and the courier service picks it up."
    )
    assert routes(graph) == {("OrderReady", "Kitchen Service", "Courier Service")}


def test_a_cause_nobody_reacts_to_invents_no_event() -> None:
    graph = plan("When the loan API receives an application it calls the scoring service.")
    assert not graph.events


def test_passive_storage_attaches_each_store_to_the_owner_of_the_noun() -> None:
    graph = plan(
        "The parcel service publishes ParcelScanned to Kafka; the routing service consumes it "
        "and emits VanAssigned. Parcels are kept in Postgres and van positions in Redis."
    )
    assert ("Parcel Service", "PostgreSQL") in flows(graph)
    assert ("Routing Service", "Redis") in flows(graph)


def test_a_passive_store_after_a_semicolon_belongs_to_the_sentence_subject() -> None:
    graph = plan(
        "The booking service calls the rota service and the billing service; visits are "
        "recorded in MySQL."
    )
    assert ("Booking Service", "MySQL") in flows(graph)
    assert ("Billing Service", "MySQL") not in flows(graph)


def test_plus_ampersand_and_slash_coordinate_subjects() -> None:
    graph = plan(
        "- orders svc publishes OrderPlaced to Kafka\n"
        "- loyalty svc + fraud svc consume OrderPlaced\n"
        "- audit svc & search svc consume OrderPlaced\n"
        "- mail svc/push svc consume OrderPlaced"
    )
    consumers = {c for _, p, c in routes(graph)}
    assert consumers == {
        "Loyalty Service",
        "Fraud Service",
        "Audit Service",
        "Search Service",
        "Mail Service",
        "Push Service",
    }


def test_both_takes_the_subjects_before_it_not_the_last_objects() -> None:
    graph = plan(
        "- matcher reads drivers from Redis and riders from Postgres, emits TripMatched\n"
        "- pricing svc and receipts svc both consume TripMatched"
    )
    assert {c for _, _, c in routes(graph)} == {"Pricing Service", "Receipts Service"}


def test_push_notifications_are_a_duty_not_an_event() -> None:
    graph = plan("The alerts service sends push notifications and SMS texts via Twilio.")
    assert not graph.events


def test_a_call_through_a_gateway_passes_the_gateway() -> None:
    graph = plan("The customer website talks to the ordering service through an API gateway.")
    assert flows(graph) == {
        ("Customer Website", "API Gateway"),
        ("API Gateway", "Ordering Service"),
    }


def test_a_word_after_a_modal_is_a_verb_and_keeps_the_subject() -> None:
    graph = plan(
        "The Account Service shall publish AccountOpened to Kafka. Upon AccountOpened, the Card "
        "Service shall issue a virtual card and emit CardIssued."
    )
    events = {e.name: names(graph)[e.producer] for e in graph.events}
    assert events["CardIssued"] == "Card Service"
    assert ("AccountOpened", "Account Service", "Card Service") in routes(graph)


def test_the_x_api_and_the_x_service_are_one_component() -> None:
    graph = plan(
        "The app calls the trip API. The trip service publishes TripRequested to Kafka and the "
        "matching service consumes it."
    )
    assert [c.name for c in graph.components if "Trip" in c.name] == ["Trip API"]


def test_relative_clauses_and_by_passives_do_not_steal_the_subject() -> None:
    graph = plan(
        "The Loan API shall call the Scoring Service, which queries Equifax, and shall persist "
        "loans in SQL Server. The Risk Engine shall be invoked by the Loan API and shall read "
        "rules from a Redis cache."
    )
    assert ("Loan API", "SQL Server") in flows(graph)
    assert ("Risk Engine", "Redis") in flows(graph)


def test_no_event_chain_is_invented_for_services_the_text_leaves_unwired() -> None:
    graph = plan(
        "The order service publishes OrderPlaced to Kafka and the stock service consumes it. "
        "There is also a reporting service and an admin service."
    )
    assert {e.name for e in graph.events} == {"OrderPlaced"}


def test_a_head_noun_serving_a_later_head_is_its_modifier() -> None:
    graph = plan("The CRM sync worker and the broker portal both call the quote service.")
    assert {"CRM Sync Worker", "Broker Portal"} <= set(names(graph).values())
    assert not [c for c in graph.components if c.kind in ("broker", "external")]


def test_an_event_a_relative_clause_listens_to() -> None:
    graph = plan(
        "The sync worker consumes customer-events from Kafka and emits CustomerSynced, which the "
        "analytics service listens to."
    )
    assert ("CustomerSynced", "Sync Worker", "Analytics Service") in routes(graph)


def test_an_arrow_to_a_list_reaches_every_target() -> None:
    graph = plan(
        "- orders api emits OrderCreated to EventBridge\n"
        "- EventBridge -> fulfilment lambda, analytics lambda"
    )
    assert {c for _, _, c in routes(graph)} == {"Fulfilment Lambda", "Analytics Lambda"}


def test_a_trailing_cause_ends_where_the_main_subject_acts_again() -> None:
    graph = plan(
        "The restaurant service emits OrderAccepted on Kafka. The dispatch service assigns a "
        "courier when an order is accepted and publishes CourierAssigned, which the tracking "
        "service and the notification service consume."
    )
    assert routes(graph) == {
        ("OrderAccepted", "Restaurant Service", "Dispatch Service"),
        ("CourierAssigned", "Dispatch Service", "Tracking Service"),
        ("CourierAssigned", "Dispatch Service", "Notification Service"),
    }


def test_the_system_itself_is_not_a_component() -> None:
    graph = plan("Our food delivery backend runs on Kafka. The order service emits OrderPaid.")
    assert "Food Delivery Backend" not in names(graph).values()


def test_every_store_of_a_sentence_gets_an_owner() -> None:
    graph = plan(
        "The dispatch service publishes CourierAssigned to Kafka. Courier positions live in "
        "Redis; dispatch logs are archived in S3."
    )
    assert {("Dispatch Service", "Redis"), ("Dispatch Service", "S3")} <= flows(graph)


def test_negated_parts_are_not_components() -> None:
    graph = plan("Plain request/response, no queues and no Kafka. The React SPA calls the BFF.")
    assert {c.kind for c in graph.components} == {"client", "gateway"}


def test_devices_are_clients() -> None:
    graph = plan("- vending machines -> IoT Hub (MQTT)\n- POS terminals call the sales API")
    kinds = {c.name: c.kind for c in graph.components}
    assert kinds["Vending Machines"] == "client" and kinds["POS Terminals"] == "client"


def test_starting_an_execution_calls_the_orchestrator() -> None:
    graph = plan(
        "Order handling shall be orchestrated by an AWS Step Functions state machine. The Orders "
        "API shall start an execution for each order. The state machine shall invoke the Stock "
        "Lambda and the Billing Lambda."
    )
    assert ("Orders API", "Step Functions") in flows(graph)
    assert "event_notification" not in {p.kind for p in graph.patterns}


def test_a_bare_word_names_a_component_only_at_the_start_of_a_clause() -> None:
    graph = plan(
        "A matcher Lambda polls the SQS queue, finds the nearest driver using ElastiCache. It "
        "also publishes RideMatched to SNS, and both the driver notifier and the ETA service "
        "subscribe."
    )
    assert ("Matcher Lambda", "Driver Notifier") not in flows(graph)
    assert {p for _, p, _ in routes(graph)} == {"Matcher Lambda"}


def test_a_client_that_gets_an_event_via_a_service_is_pushed_to_by_it() -> None:
    graph = plan("routing svc emits RoutePlanned on RabbitMQ; driver app gets it via push svc")
    assert routes(graph) == {("RoutePlanned", "Routing Service", "Push Service")}
    assert ("Push Service", "Driver App") in flows(graph)


def test_a_command_sent_to_a_queue_is_taken_by_the_next_service_that_acts() -> None:
    graph = plan(
        "The invoicing job sends a GenerateInvoice command to a RabbitMQ queue. The PDF worker "
        "renders the invoice and stores it in S3."
    )
    assert ("GenerateInvoice", "Invoicing Job", "PDF Worker") in routes(graph)


def test_it_after_a_trigger_is_the_component_that_was_started() -> None:
    graph = plan(
        "The nightly scheduler triggers the ledger Lambda. It reads balances from DynamoDB."
    )
    assert ("Ledger Lambda", "DynamoDB") in flows(graph)
    assert ("Scheduler", "DynamoDB") not in flows(graph)


def test_it_after_a_client_call_is_the_service_that_was_called() -> None:
    graph = plan("The tablet app calls the rota API. It writes shifts to Postgres.")
    assert ("Rota API", "PostgreSQL") in flows(graph)


def test_shops_checkouts_kiosks_and_tills_are_clients() -> None:
    graph = plan(
        "Buyers use the web shop and the web checkout. The web shop calls the basket API. "
        "The web checkout calls the billing API. The lobby kiosk and every point-of-sale "
        "terminal call the loyalty API. The storefront reads the menu API."
    )
    kinds = {c.name: c.kind for c in graph.components}
    clients = {name for name, kind in kinds.items() if kind == "client"}
    assert {"Web Shop", "Web Checkout", "Storefront"} <= clients
    assert any("Kiosk" in name for name in clients)
    assert any("Terminal" in name for name in clients)
    assert ("Web Checkout", "Billing API") in flows(graph)


def test_the_shop_we_run_is_the_system_not_a_client() -> None:
    graph = plan("We operate a tiny online shop. The tablet app calls the stock API.")
    assert "Online Shop" not in names(graph).values()
    assert ("Tablet App", "Stock API") in flows(graph)


def test_channels_named_with_plain_or_quoted_lowercase_words() -> None:
    graph = plan(
        "The till service puts each sale on the queue tallies. The audit worker consumes the "
        "queue tallies. The refund API publishes to the `chargebacks` topic, and the fraud "
        "service reads a queue called risk-alerts."
    )
    kinds = {c.name.lower(): c.kind for c in graph.components}
    assert kinds.get("tallies") == "queue"
    assert kinds.get("chargebacks") == "topic"
    assert kinds.get("risk-alerts") == "queue"
    assert "queue" not in kinds
    assert ("Tallies", "Audit Worker") in flows(graph)


def test_a_plain_queue_followed_by_a_verb_is_not_named_by_it() -> None:
    graph = plan("The intake API writes to the queue and the sorter drains the queue.")
    assert "Queue" in names(graph).values()


def test_an_aside_of_several_parts_is_how_the_component_is_built() -> None:
    graph = plan(
        "The kiosk sends scans to the intake API (API Gateway + Lambda), which stores them in "
        "S3. The intake API also calls the OCR service."
    )
    comps = {c.name: c for c in graph.components}
    assert "Lambda" not in comps and "API Gateway" not in comps
    assert "Lambda" in (comps["Intake API"].technology or "")
    assert ("Intake API", "S3") in flows(graph)
    assert ("Intake API", "OCR Service") in flows(graph)


def test_a_store_of_data_about_a_noun_goes_to_the_service_that_spoke_of_it() -> None:
    graph = plan(
        "The lending service approves loans. The notification service emails borrowers. "
        "Loan data lives in DynamoDB."
    )
    assert ("Lending Service", "DynamoDB") in flows(graph)
    assert ("Notification Service", "DynamoDB") not in flows(graph)


def test_a_passive_store_after_comma_and_still_gets_an_owner() -> None:
    graph = plan(
        "The survey API collects answers. The scoring service ranks teams, and score "
        "sheets are archived in S3."
    )
    assert ("Scoring Service", "S3") in flows(graph)


def test_a_store_nobody_wires_goes_to_the_last_service_named() -> None:
    graph = plan(
        "The menu API calls the kitchen service. The kitchen service prints tickets. "
        "There is also a Redis cache."
    )
    assert ("Kitchen Service", "Redis") in flows(graph)


def test_a_store_holding_a_noun_goes_to_the_service_that_spoke_of_it() -> None:
    graph = plan(
        "The enrolment service validates pupils and the timetable service schedules lessons. "
        "A Postgres database holds pupils."
    )
    assert ("Enrolment Service", "PostgreSQL") in flows(graph)
    assert ("Timetable Service", "PostgreSQL") not in flows(graph)


def test_an_invoked_it_is_the_last_worker_and_the_next_it_is_that_worker() -> None:
    graph = plan(
        "The clinic portal calls the visit service. A billing function also exists. "
        "The visit service invokes it. It writes charges to Postgres."
    )
    assert ("Visit Service", "Billing Function") in flows(graph)
    assert ("Billing Function", "PostgreSQL") in flows(graph)
    assert ("Visit Service", "PostgreSQL") not in flows(graph)


def test_a_self_service_kiosk_is_one_client_not_a_service() -> None:
    graph = plan("Guests check in at a self-service kiosk. The kiosk calls the room API.")
    kinds = {c.name: c.kind for c in graph.components}
    assert kinds.get("Self-Service Kiosk") == "client"
    assert "service" not in {k for n, k in kinds.items() if n != "Room API"}


def test_a_worker_that_drains_a_named_queue_consumes_it() -> None:
    graph = plan(
        "The claims API drops a message on a queue called triage. The nurse worker drains triage."
    )
    assert ("Triage", "Nurse Worker") in flows(graph)


def test_stores_listed_in_an_aside_are_used_by_the_component_not_called_by_the_caller() -> None:
    graph = plan(
        "The tablet app calls the survey service (Go, Postgres, Redis) and the map service."
    )
    assert {("Survey Service", "PostgreSQL"), ("Survey Service", "Redis")} <= flows(graph)
    assert ("Tablet App", "Map Service") in flows(graph)
    assert ("Tablet App", "PostgreSQL") not in flows(graph)
    assert ("Tablet App", "Redis") not in flows(graph)


def test_a_negated_list_of_brokers_creates_no_component() -> None:
    graph = plan(
        "The checkout API shall call the tax service and persist orders in MySQL. No message "
        "broker or queue shall be used."
    )
    assert {c.kind for c in graph.components} == {"service", "database"}
    assert not graph.events


def test_without_an_article_and_a_queue_is_still_negated() -> None:
    graph = plan(
        "The checkout API calls the tax service and stores orders in MySQL, without a queue."
    )
    assert "queue" not in {c.kind for c in graph.components}
    assert not graph.events


def test_a_negated_verb_of_using_negates_the_list_after_it() -> None:
    graph = plan(
        "The kiosk calls the booking API over HTTPS and the booking API writes to MySQL. "
        "The platform will not use any message broker, queue or stream."
    )
    assert not {"broker", "queue", "topic"} & {c.kind.value for c in graph.components}
    assert not graph.events


def test_a_plain_not_does_not_drop_a_component_the_text_uses() -> None:
    graph = plan(
        "The ledger service does not call the fraud service directly; it publishes "
        "PaymentRecorded to Kafka and the fraud service consumes it."
    )
    assert {"Ledger Service", "Fraud Service", "Kafka"} <= {c.name for c in graph.components}


def test_agent_nouns_name_components_as_written() -> None:
    graph = plan(
        "The Lobby Service publishes MatchRequested on NATS. The Matchmaker consumes "
        "MatchRequested and calls the Fleet Allocator; the Receipt Mailer sends the receipt."
    )
    assert {"Matchmaker", "Fleet Allocator", "Receipt Mailer"} <= set(names(graph).values())
    assert ("MatchRequested", "Lobby Service", "Matchmaker") in routes(graph)


def test_cloud_scheduler_keeps_its_product_name() -> None:
    graph = plan("Cloud Scheduler triggers the report service hourly.")
    assert ("Cloud Scheduler", "Report Service") in flows(graph)


def test_a_queue_group_is_replicas_not_a_queue() -> None:
    graph = plan(
        "The cart service publishes CartClosed to NATS. The audit service, which runs as two "
        "replicas in a queue group, consumes CartClosed."
    )
    assert "queue" not in {c.kind for c in graph.components}
    assert routes(graph) == {("CartClosed", "Cart Service", "Audit Service")}


def test_subscribing_to_that_means_the_event_just_published() -> None:
    graph = plan(
        "The audit service publishes AuditDone on NATS; the cart service subscribes to that and "
        "refreshes the basket."
    )
    assert routes(graph) == {("AuditDone", "Audit Service", "Cart Service")}


def test_a_comma_relative_clause_does_not_hide_the_subject() -> None:
    graph = plan(
        "The pricing service emits PriceChanged on NATS. The Quote Service, which we deploy as "
        "two pods, consumes PriceChanged and calls the tax service."
    )
    assert ("PriceChanged", "Pricing Service", "Quote Service") in routes(graph)
    assert ("Quote Service", "Tax Service") in flows(graph)


def test_an_arrow_after_a_consumed_event_is_a_call_by_the_consumer() -> None:
    graph = plan(
        "- shipping svc publishes ParcelLabelled -> SNS\n"
        "- label printer lambda consumes ParcelLabelled -> Twilio"
    )
    assert routes(graph) == {("ParcelLabelled", "Shipping Service", "Label Printer Lambda")}
    assert ("Label Printer Lambda", "Twilio") in flows(graph)


def test_a_base_form_verb_before_a_service_head_is_part_of_its_name() -> None:
    graph = plan("- parking sensors send counts over MQTT -> lot import api")
    assert "Lot Import API" in set(names(graph).values())
    assert ("Parking Sensors", "Lot Import API") in flows(graph)
    assert not any("Mqtt" in e.name for e in graph.events)


def test_a_measurement_of_a_queue_is_not_a_queue() -> None:
    graph = plan(
        "The pick service publishes PickDone on NATS. The metrics service listens for PickDone "
        "and stores queue depth and cache latency in InfluxDB."
    )
    assert {c.kind for c in graph.components} == {"service", "broker", "database"}
    assert ("PickDone", "Pick Service", "Metrics Service") in routes(graph)


def test_an_identifier_of_a_device_is_not_a_device() -> None:
    graph = plan(
        "- Beam pipeline groups readings by sensor id + hour, writes to Bigtable (raw) and "
        "BigQuery (reports)"
    )
    assert "client" not in {c.kind for c in graph.components}
    assert {("Beam Pipeline", "Bigtable"), ("Beam Pipeline", "BigQuery")} <= flows(graph)


def test_the_clause_after_an_arrow_chain_is_about_its_last_worker() -> None:
    graph = plan(
        "- payments api publishes RefundRequested to SNS\n"
        "- SNS -> SQS refunds queue -> ledger svc, calls Adyen"
    )
    assert ("Ledger Service", "Adyen") in flows(graph)
    assert ("RefundRequested", "Payments API", "Ledger Service") in routes(graph)
    assert all(c != "Adyen" for _, _, c in routes(graph))


def test_a_component_on_an_event_handles_it() -> None:
    graph = plan(
        "- stock svc emits StockLow -> EventBridge\n"
        "- reorder lambda on StockLow -> emails the buyer via SES"
    )
    assert routes(graph) == {("StockLow", "Stock Service", "Reorder Lambda")}


def test_an_appositive_after_the_subject_keeps_the_subject() -> None:
    graph = plan(
        "The quota service shall publish QuotaExceeded to Kafka. The Alert Function, an AWS "
        "Lambda, shall subscribe to QuotaExceeded and page the on-call engineer."
    )
    assert routes(graph) == {("QuotaExceeded", "Quota Service", "Alert Function")}


def test_both_refers_to_the_clients_a_person_sentence_named() -> None:
    graph = plan(
        "Drivers log trips in the Android app or the driver web portal. Both call the trips "
        "service through Traefik."
    )
    assert {("Android App", "Traefik"), ("Driver Web Portal", "Traefik")} <= flows(graph)


def test_a_head_noun_after_a_modal_is_a_verb() -> None:
    graph = plan(
        "The Rental API shall call the Pricing Service and shall store rental records in DynamoDB."
    )
    assert {c.name for c in graph.components} == {"Rental API", "Pricing Service", "DynamoDB"}
    assert ("Rental API", "DynamoDB") in flows(graph)
