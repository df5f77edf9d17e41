"""The offline planner on words no table lists: product names, agent nouns, unknown verbs."""

from __future__ import annotations

from diagrams.core.edits import apply_edits
from diagrams.core.graph import Graph
from diagrams.core.planners.rule_based import RuleBasedPlanner


def plan(prompt: str) -> Graph:
    return RuleBasedPlanner().plan(prompt).graph


def kinds(graph: Graph) -> dict[str, str]:
    return {c.name: c.kind.value for c in graph.components}


def routes(graph: Graph) -> set[tuple[str, str, str]]:
    n = {c.id: c.name for c in graph.components}
    return {(e.name, n[e.producer], n[c]) for e in graph.events for c in e.consumers}


def flows(graph: Graph) -> set[tuple[str, str]]:
    n = {c.id: c.name for c in graph.components}
    return {(n[f.source], n[f.target]) for f in graph.flows}


def test_an_unknown_product_is_a_store_after_a_data_verb_and_a_third_party_after_a_call() -> None:
    graph = plan(
        "The station service reads charger locations from Geobase and calls Zylo for live "
        "connector status."
    )
    assert kinds(graph)["Geobase"] == "database"
    assert kinds(graph)["Zylo"] == "external"
    assert {("Station Service", "Geobase"), ("Station Service", "Zylo")} <= flows(graph)


def test_an_unknown_product_after_via_or_through_is_a_third_party() -> None:
    graph = plan("The billing service charges each member through Quillpay.")
    assert kinds(graph)["Quillpay"] == "external"


def test_capitalised_words_elsewhere_stay_words() -> None:
    graph = plan(
        "The order service publishes OrderPlaced to Kafka using Avro schemas; the billing "
        "service consumes it and notifies the customer via SMS."
    )
    assert not {"Avro", "SMS", "OrderPlaced"} & set(kinds(graph))


def test_a_name_the_user_gives_a_component_is_kept_and_recognised_later() -> None:
    graph = plan(
        "Our platform is a Django monolith we call Billing Core, backed by PostgreSQL. Billing "
        "Core publishes InvoiceIssued to RabbitMQ and the PDF renderer consumes it."
    )
    assert kinds(graph)["Billing Core"] == "service"
    assert ("InvoiceIssued", "Billing Core", "PDF Renderer") in routes(graph)
    assert "Django Monolith" not in kinds(graph)


def test_an_agent_noun_of_system_work_names_a_service() -> None:
    graph = plan(
        "The Floor Planner consumes TableRequested and publishes TableAssigned; the payout "
        "reconciler consumes TableAssigned."
    )
    assert kinds(graph)["Floor Planner"] == "service"
    assert kinds(graph)["Payout Reconciler"] == "service"
    assert ("TableAssigned", "Floor Planner", "Payout Reconciler") in routes(graph)


def test_people_are_not_agent_components() -> None:
    graph = plan(
        "The dispatch service assigns a picker in the store and notifies the driver; the "
        "customer gets an SMS from the notification service."
    )
    assert not {"Picker", "Driver", "Customer"} & set(kinds(graph))


def test_an_unknown_verb_between_a_component_and_its_object_is_a_verb() -> None:
    graph = plan(
        "If the card is declined, the deposit service publishes DepositFailed, the Floor "
        "Planner frees the table and publishes TableReleased to Kafka."
    )
    assert any(e.name == "TableReleased" and e.producer == "floor-planner" for e in graph.events)


def test_events_named_before_a_passive_publication_are_published() -> None:
    graph = plan(
        "The order service shall own the order aggregate. Each state change (OrderPlaced, "
        "OrderCancelled) shall be published to Kafka. The billing service shall consume "
        "OrderPlaced."
    )
    assert ("OrderPlaced", "Order Service", "Billing Service") in routes(graph)
    assert {e.name for e in graph.events} == {"OrderPlaced", "OrderCancelled"}


def test_it_after_a_trigger_is_the_component_triggered() -> None:
    graph = plan(
        "Every night a Kubernetes CronJob triggers the renewal service: it charges each "
        "subscriber through Stripe, and for every successful charge it publishes BoxOrdered "
        "to SNS."
    )
    assert any(e.name == "BoxOrdered" and e.producer == "renewal-service" for e in graph.events)


def test_a_queue_each_consumer_owns_does_not_subscribe_it_to_everything() -> None:
    graph = plan(
        "The order service publishes OrderPlaced and OrderShipped to SNS. Each consumer has its "
        "own SQS queue subscribed to that topic: the packing service consumes OrderPlaced and "
        "the email service consumes OrderShipped."
    )
    assert routes(graph) == {
        ("OrderPlaced", "Order Service", "Packing Service"),
        ("OrderShipped", "Order Service", "Email Service"),
    }


def test_a_system_that_says_it_has_no_brokers_gets_no_event_bus() -> None:
    graph = plan(
        "- driver app -> gateway -> session api\n"
        "- session api calls the charge point service and writes sessions to Postgres\n"
        "- everything is plain request/response, no queues or brokers anywhere"
    )
    assert not {"broker", "queue", "topic"} & set(kinds(graph).values())


def test_a_list_of_subscribers_after_a_colon_subscribes_each_of_them() -> None:
    graph = plan(
        "The membership API publishes WashRecorded to an Azure Service Bus topic. Three "
        "subscribers hang off that topic: the loyalty function stamps the card; the usage "
        "function updates consumption in Azure SQL; and the health service pages the on-call "
        "tech through PagerDuty."
    )
    consumers = {c for _, p, c in routes(graph) if p == "Membership API"}
    assert consumers == {"Loyalty Function", "Usage Function", "Health Service"}


def test_all_three_events_are_the_ones_just_published() -> None:
    graph = plan(
        "The listings service publishes ListingPublished, ListingPriceChanged and "
        "ListingWithdrawn to Kafka. The search indexer consumes all three events."
    )
    assert {e for e, _, c in routes(graph) if c == "Search Indexer"} == {
        "ListingPublished",
        "ListingPriceChanged",
        "ListingWithdrawn",
    }


def test_the_subject_is_not_the_noun_of_a_phrase_after_it() -> None:
    graph = plan(
        "The indexer keeps an Elasticsearch index. The search API in front of that index "
        "serves the buyer website."
    )
    assert ("Buyer Website", "Search API") in flows(graph)
    assert not graph.events


def test_an_orchestrator_that_invokes_its_steps_calls_them_and_invents_no_replies() -> None:
    graph = plan(
        "The permit API starts a state machine in AWS Step Functions, which coordinates the "
        "review as a saga. The state machine invokes the payment service to charge the fee and "
        "then invokes the zoning service. If the zoning check fails, the state machine invokes "
        "the payment service to refund the fee."
    )
    saga = next(p for p in graph.patterns if p.kind.value == "saga")
    assert saga.style is not None and saga.style.value == "orchestration"
    commands = {e.name for e in graph.events if e.kind.value == "command"}
    assert {"ProcessPayment", "RefundPayment"} <= commands
    assert any(e.compensates == "ProcessPayment" for e in graph.events)
    assert not {"PaymentProcessed", "PaymentFailed"} & {e.name for e in graph.events}
    assert not [c for c in graph.components if c.kind.value == "broker"]


def test_a_failure_event_and_an_undoing_reaction_make_a_saga() -> None:
    graph = plan(
        "The load service publishes LoadPosted to RabbitMQ. The matching service consumes it "
        "and publishes CarrierBooked. The credit service consumes CarrierBooked; if the shipper "
        "is over their limit it publishes CreditRejected, and the matching service undoes the "
        "booking and publishes CarrierReleased."
    )
    assert any(p.kind.value == "saga" for p in graph.patterns)
    assert "Shipper" not in {c.name for c in graph.components}


def test_an_event_sourced_service_publishes_through_its_event_store() -> None:
    graph = plan(
        "The ledger service shall be event-sourced: every change (PointsEarned, PointsRedeemed) "
        "shall be appended to a per-member stream in EventStoreDB, and the balance shall be "
        "derived by replaying that stream. The tier evaluator shall consume PointsEarned. The "
        "Partner Settlement Service shall consume PointsRedeemed."
    )
    assert ("PointsEarned", "Ledger Service", "Tier Evaluator") in routes(graph)
    assert ("PointsRedeemed", "Ledger Service", "Partner Settlement Service") in routes(graph)
    assert kinds(graph)["Partner Settlement Service"] == "service"
    assert not {"broker", "topic"} & set(kinds(graph).values())


def test_a_condition_the_actor_checks_itself_invents_no_event() -> None:
    graph = plan(
        "The ledger service publishes PointsEarned to Kafka. The tier evaluator consumes "
        "PointsEarned and, when a member crosses a tier threshold, calls the ledger service."
    )
    assert {e.name for e in graph.events} == {"PointsEarned"}


def test_slashes_between_events_or_verbs_are_lists() -> None:
    graph = plan(
        "- ingest svc publishes BayOccupied/BayVacated to Redis Streams\n"
        "- session svc consumes both, opens/closes parking sessions in Postgres"
    )
    assert {e.name for e in graph.events} == {"BayOccupied", "BayVacated"}
    assert ("BayVacated", "Ingest Service", "Session Service") in routes(graph)
    assert ("Session Service", "PostgreSQL") in flows(graph)


def test_a_webhook_hop_in_an_arrow_chain_is_a_call_not_an_event() -> None:
    graph = plan("- bay sensors -> The Things Network -> HTTP webhook -> ingest svc")
    assert not graph.events
    assert ("The Things Network", "Ingest Service") in flows(graph)


def test_a_background_worker_is_a_component_and_each_morning_is_not_a_name() -> None:
    graph = plan(
        "- a background worker polls the PMS every 2 min and updates room status in MySQL\n"
        "- each morning housekeeping api calls the assignment engine"
    )
    assert kinds(graph)["Background Worker"] == "service"
    assert ("Housekeeping API", "Assignment Engine") in flows(graph)


def test_a_colon_after_a_component_keeps_it_as_the_subject_of_its_event_list() -> None:
    graph = plan(
        "- intake api calls incident svc (sync)\n"
        "- incident svc is event-sourced: OutageReported, CrewDispatched appended to "
        "EventStoreDB\n"
        "- incident svc forwards every appended event -> SNS topic\n"
        "- status projector consumes all three -> outage map read model in PostGIS\n"
        "- crew dispatcher consumes OutageReported\n"
        "- 5 failed receives -> per-queue DLQ"
    )
    producers = {e.name: e.producer for e in graph.events}
    assert producers == {"OutageReported": "incident-service", "CrewDispatched": "incident-service"}
    assert ("OutageReported", "Incident Service", "Crew Dispatcher") in routes(graph)
    assert ("CrewDispatched", "Incident Service", "Status Projector") in routes(graph)


def test_an_event_a_component_uses_in_a_relative_clause_is_consumed() -> None:
    graph = plan(
        "The booking service publishes ReservationConfirmed to Kafka, which the notifier uses "
        "to text the diner through Twilio."
    )
    assert routes(graph) == {("ReservationConfirmed", "Booking Service", "Notifier")}


def test_a_saga_whose_failures_and_compensations_are_named_invents_no_events() -> None:
    graph = plan(
        "The booking service publishes TableRequested to Pub/Sub. The floor planner consumes "
        "it and publishes TableAssigned. The deposit service listens for TableAssigned, charges "
        "the deposit through Stripe and publishes DepositTaken, which the booking service "
        "consumes. If Stripe declines the card, the deposit service publishes DepositFailed, the "
        "floor planner frees the table and publishes TableReleased, and the booking service "
        "cancels the reservation when it sees TableReleased."
    )
    assert {e.name for e in graph.events} == {
        "TableRequested",
        "TableAssigned",
        "DepositTaken",
        "DepositFailed",
        "TableReleased",
    }
    saga = next(p for p in graph.patterns if p.kind.value == "saga")
    assert saga.style is not None and saga.style.value == "choreography"
    released = next(e for e in graph.events if e.name == "TableReleased")
    assert released.compensates == "TableAssigned"
    assert ("DepositFailed", "Deposit Service", "Floor Planner") in routes(graph)


def test_a_pronoun_object_ends_the_verb_phrase() -> None:
    graph = plan(
        "The reservation service publishes ReservationRequested to Pub/Sub. The fleet service "
        "subscribes to it, holds a specific vehicle and publishes VehicleHeld."
    )
    assert ("ReservationRequested", "Reservation Service", "Fleet Service") in routes(graph)
    assert "Specific Vehicles" not in kinds(graph)


def test_unknown_vendors_after_with_or_a_network_name_are_third_parties() -> None:
    graph = plan(
        "The credit service listens for CarrierBooked on RabbitMQ and checks the shipper's "
        "credit with Ansonia. The e-invoicing service submits the invoice to the Peppol network."
    )
    assert kinds(graph)["Ansonia"] == "external"
    assert kinds(graph)["Peppol Network"] == "external"
    assert ("Credit Service", "Ansonia") in flows(graph)


def test_a_plural_subject_and_verb_are_not_a_component_and_both_means_the_pair() -> None:
    graph = plan(
        "Diners book tables through our React web app or the iOS app, and both go through Kong "
        "to the booking service. The search API in front of the Elasticsearch index serves them."
    )
    assert not [n for n in kinds(graph) if "Table" in n]
    assert {("Web App", "Kong"), ("iOS App", "Kong"), ("Kong", "Booking Service")} <= flows(graph)
    assert ("Search API", "Elasticsearch") in flows(graph)


def test_partition_keys_in_several_phrasings_and_a_cache_of_something_for_someone() -> None:
    planner = RuleBasedPlanner()
    graph = plan("The Allocator consumes TaskCreated from Kafka and publishes TaskAssigned.")
    for say, field in (
        ("Set the partition key of TaskAssigned to robotId", "robotId"),
        ("Use taskId as the partition key for TaskAssigned", "taskId"),
        ("Partition TaskAssigned by siteId", "siteId"),
    ):
        edited = apply_edits(graph, planner.refine(graph, say).edits)
        assert next(e for e in edited.events if e.name == "TaskAssigned").partition_key == field
    say = "Add a Redis cache of robot positions for the Allocator"
    edited = apply_edits(graph, planner.refine(graph, say).edits)
    assert ("Allocator", "Redis") in flows(edited)
    assert "Robots" not in kinds(edited)


def test_an_orchestration_uses_the_commands_and_compensations_the_text_names() -> None:
    graph = plan(
        "- seller payouts = Temporal workflow, Temporal is the saga orchestrator\n"
        "- payout scheduler (cron) starts the workflows in Temporal\n"
        "- steps: ledger svc ReserveFunds -> fx svc ConvertCurrency -> payments svc "
        "SendTransfer\n"
        "- SendTransfer fails -> compensate in reverse: fx svc ReverseConversion, ledger svc "
        "ReleaseFunds\n"
        "- success -> workflow publishes PayoutCompleted to Kafka; notifications svc consumes it"
    )
    events = {e.name: e for e in graph.events}
    assert set(events) == {
        "ReserveFunds",
        "ConvertCurrency",
        "SendTransfer",
        "ReverseConversion",
        "ReleaseFunds",
        "PayoutCompleted",
    }
    assert all(events[n].kind.value == "command" for n in ("ReserveFunds", "ReleaseFunds"))
    assert ("PayoutCompleted", "Temporal", "Notifications Service") in routes(graph)
    assert ("Payout Scheduler", "Temporal") in flows(graph)
    assert ("Temporal", "Ledger Service") in flows(graph)  # an activity is a call


def test_no_orchestrator_is_invented_when_the_text_says_nobody_orchestrates() -> None:
    graph = plan(
        "The load service publishes LoadPosted on RabbitMQ. The matching service consumes that "
        "and publishes CarrierBooked. The credit service listens for CarrierBooked; if credit "
        "is fine it publishes CreditApproved and the load service sends the rate confirmation "
        "through DocuSign. Nobody orchestrates this; it's all events. Every service has its own "
        "queue bound to a topic exchange."
    )
    assert "orchestrator" not in kinds(graph).values()
    assert "topic" not in kinds(graph).values()  # the exchange is RabbitMQ's own
    assert ("CreditApproved", "Credit Service", "Load Service") in routes(graph)


def test_appositive_spa_hyphenated_event_names_and_a_state_machine_in_step_functions() -> None:
    graph = plan(
        "Applicants apply through the Citizen Portal, a React single-page application, which "
        "calls the Permit API. The Permit API starts a permit-review state machine in AWS Step "
        "Functions. When an application passes, the state machine publishes a permit-issued "
        "event to Amazon EventBridge, and the Notifier consumes the permit-issued event."
    )
    assert kinds(graph)["Citizen Portal"] == "client"
    assert [c for c in kinds(graph).values() if c == "orchestrator"] == ["orchestrator"]
    assert not [n for n in kinds(graph) if "Single-Page" in n]
    assert ("PermitIssued", "Permit-Review State Machine", "Notifier") in routes(graph)


def test_a_scheduled_trigger_is_a_call_and_a_time_is_not_a_cause() -> None:
    graph = plan(
        "On the first of every month a Kubernetes CronJob triggers the renewal service, which "
        "publishes BoxOrdered to SNS."
    )
    assert kinds(graph)["Kubernetes CronJob"] == "scheduler"
    assert ("Kubernetes CronJob", "Renewal Service") in flows(graph)
    assert {e.name for e in graph.events} == {"BoxOrdered"}


def test_a_system_that_never_needed_a_queue_gets_no_broker_and_no_implied_events() -> None:
    for text in (
        "The applications API calls the sync service, which pushes the application into the "
        "shelter's PetPoint account. It's all request/response over HTTPS; we've never needed a "
        "queue or a message bus.",
        "On submission the return service shall call the submission service, which shall "
        "transmit the return to the IRS. All interactions shall be synchronous HTTPS requests; "
        "the system shall not use a message broker, queue, event bus or any other asynchronous "
        "messaging.",
    ):
        graph = plan(text)
        assert not {"broker", "queue", "topic"} & set(kinds(graph).values()), text
        assert not graph.events, text


def test_services_talk_on_the_backbone_not_on_the_device_broker() -> None:
    graph = plan(
        "- e-bikes talk MQTT to EMQX; EMQX forwards telemetry into NATS JetStream\n"
        "- ride svc publishes UnlockRequested\n"
        "- lock commander consumes UnlockRequested"
    )
    event = next(e for e in graph.events if e.name == "UnlockRequested")
    assert {c.id: c.technology for c in graph.components}[event.channel or ""] == "NATS"


def test_which_after_a_location_phrase_is_the_component_and_replaying_a_file_is_not_es() -> None:
    graph = plan(
        "The order is posted to the Order Router on the in-store server, which publishes each "
        "part to Mosquitto. Store Sync buffers completed orders in a local SQLite file and "
        "replays them when the link comes back."
    )
    assert any(e.producer == "order-router" for e in graph.events)
    assert not [p for p in graph.patterns if p.kind.value == "event_sourcing"]


def test_a_named_workflow_invoking_a_list_of_lambdas_with_then() -> None:
    graph = plan(
        "The Fixtures API shall start the Round Publication Workflow, an AWS Step Functions "
        "state machine. The workflow shall invoke the Venue Booking Lambda, which shall book "
        "pitches through Bookwhen, then the Referee Assignment Lambda, which shall record "
        "assignments in DynamoDB, then the Fixtures Publisher Lambda, which shall write the "
        "fixtures JSON to the S3 bucket behind the public fixtures site."
    )
    assert kinds(graph)["Round Publication Workflow"] == "orchestrator"
    assert list(kinds(graph).values()).count("orchestrator") == 1
    called = {t for s, t in flows(graph) if s == "Round Publication Workflow"}
    assert {"Venue Booking Lambda", "Referee Assignment Lambda", "Fixtures Publisher Lambda"} <= (
        called
    )
    assert not [s for s, t in flows(graph) if s == "Public Fixtures Site" and t != "S3"]


def test_an_adverb_between_a_component_and_its_verb_keeps_it_the_subject() -> None:
    graph = plan(
        "Brewers use a tablet app that calls the Batch Service, and the Batch Service never "
        "updates a row: it appends BatchMashed and BatchPackaged to EventStoreDB. The inventory "
        "service consumes BatchPackaged."
    )
    assert ("BatchPackaged", "Batch Service", "Inventory Service") in routes(graph)


def test_a_cause_starting_with_a_number_still_makes_a_valid_event_name() -> None:
    graph = plan(
        "The Kiosk Ingest Service shall publish ContainerAccepted to NATS JetStream. "
        "The Bin Level Monitor shall consume ContainerAccepted and shall publish BinNearlyFull "
        "to NATS JetStream when a kiosk's storage bin reaches 90 percent of capacity; the "
        "Collection Scheduler shall consume BinNearlyFull and create a job in ServiceNow."
    )
    assert all(e.name[:1].isalpha() for e in graph.events)


def test_retry_for_a_mention_that_made_no_component_is_skipped_not_a_crash() -> None:
    from diagrams.core.planners.rule_based.draft import Draft
    from diagrams.core.planners.rule_based.patterns import apply_retry

    draft = Draft(title="t")
    worker = draft.add_component("Worker", "service").id
    assert apply_retry(draft, ["postgresql", worker]) == [worker]  # the old planner raised
    assert apply_retry(draft, ["postgresql"]) == []  # KeyError('postgresql') on blind8
