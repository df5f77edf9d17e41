"""Event naming: PascalCase, past tense for events, imperative for commands; and event schemas.

Names the user wrote are kept (``OrderCreated`` as is; ``order.paid`` becomes ``OrderPaid``).
Otherwise a name is made from an entity and a verb in the sentence, or from the producer's
domain with a default verb from the tables below.
"""

from __future__ import annotations

import re
from typing import Any

from diagrams.core.planners.rule_based.lexicon import participle
from diagrams.core.planners.rule_based.text import camel, pascal, singular, stem

# Domain stem -> (entity, default past-tense verb, imperative command, compensating verb)
DOMAIN_EVENTS: dict[str, tuple[str, str, str, str]] = {
    "order": ("Order", "Created", "CreateOrder", "Cancelled"),
    "payment": ("Payment", "Processed", "ProcessPayment", "Refunded"),
    "inventory": ("Inventory", "Reserved", "ReserveInventory", "Released"),
    "ship": ("Order", "Shipped", "ShipOrder", "ShipmentCancelled"),
    "delivery": ("Delivery", "Scheduled", "ScheduleDelivery", "Cancelled"),
    "user": ("User", "Registered", "RegisterUser", "Deactivated"),
    "account": ("Account", "Updated", "UpdateAccount", "Reverted"),
    "notific": ("Notification", "Sent", "SendNotification", "Retracted"),
    "bill": ("Invoice", "Issued", "IssueInvoice", "Voided"),
    "invoice": ("Invoice", "Issued", "IssueInvoice", "Voided"),
    "ride": ("Ride", "Requested", "RequestRide", "Cancelled"),
    "flight": ("Flight", "Booked", "BookFlight", "Cancelled"),
    "hotel": ("Hotel", "Booked", "BookHotel", "Cancelled"),
    "car": ("Car", "Reserved", "ReserveCar", "Released"),
    "car rental": ("CarRental", "Booked", "BookCarRental", "Cancelled"),
    "reserv": ("Reservation", "Created", "CreateReservation", "Cancelled"),
    "booking": ("Booking", "Confirmed", "ConfirmBooking", "Cancelled"),
    "book": ("Booking", "Confirmed", "ConfirmBooking", "Cancelled"),
    "catalog": ("Product", "Updated", "UpdateProduct", "Reverted"),
    "pric": ("Price", "Changed", "ChangePrice", "Reverted"),
    "basket": ("Basket", "CheckedOut", "CheckoutBasket", "Restored"),
    "checkout": ("Checkout", "Completed", "CompleteCheckout", "Reversed"),
    "fraud": ("FraudCheck", "Completed", "CheckFraud", "Reverted"),
    "loyalty": ("Points", "Awarded", "AwardPoints", "Revoked"),
    "locat": ("Location", "Updated", "UpdateLocation", "Reverted"),
    "telemetry": ("Telemetry", "Received", "RecordTelemetry", "Discarded"),
    "transfer": ("Transfer", "Initiated", "InitiateTransfer", "Reversed"),
    "ledger": ("Ledger", "Updated", "PostLedgerEntry", "Reversed"),
    "claim": ("Claim", "Submitted", "SubmitClaim", "Withdrawn"),
    "dispatch": ("Courier", "Assigned", "AssignCourier", "Unassigned"),
    "match": ("Driver", "Assigned", "AssignDriver", "Unassigned"),
    "trip": ("Trip", "Requested", "RequestTrip", "Cancelled"),
    "ticket": ("Ticket", "Issued", "IssueTicket", "Voided"),
    "provision": ("Accounts", "Provisioned", "ProvisionAccounts", "Deprovisioned"),
    "payroll": ("SalaryRecord", "Created", "CreateSalaryRecord", "Deleted"),
    "facilit": ("Equipment", "Ordered", "OrderEquipment", "OrderCancelled"),
    "pick": ("Order", "Picked", "PickOrder", "Unpicked"),
    "pack": ("Order", "Packed", "PackOrder", "Unpacked"),
    "carrier": ("Shipment", "Booked", "BookShipment", "Cancelled"),
    "fulfil": ("Order", "Fulfilled", "FulfilOrder", "Cancelled"),
    "room": ("Room", "Locked", "LockRoom", "Released"),
    "seat": ("Seats", "Reserved", "ReserveSeats", "Released"),
    "stock": ("Stock", "Reserved", "ReserveStock", "Released"),
    "warehouse": ("Stock", "Reserved", "ReserveStock", "Released"),
    "restaurant": ("Order", "Accepted", "AcceptOrder", "Rejected"),
    "kitchen": ("Order", "Prepared", "PrepareOrder", "Discarded"),
    "review": ("Review", "Submitted", "SubmitReview", "Withdrawn"),
    "report": ("Report", "Generated", "GenerateReport", "Discarded"),
    "analytic": ("Metrics", "Recorded", "RecordMetrics", "Discarded"),
}
# Past-tense verb -> what undoes it, for compensating events.
UNDO: dict[str, str] = {
    "Reserved": "Released",
    "Processed": "Refunded",
    "Charged": "Refunded",
    "Captured": "Refunded",
    "Paid": "Refunded",
    "Authorized": "Voided",
    "Authorised": "Voided",
    "Created": "Cancelled",
    "Placed": "Cancelled",
    "Booked": "Cancelled",
    "Scheduled": "Cancelled",
    "Shipped": "Recalled",
    "Debited": "Credited",
    "Credited": "Debited",
    "Allocated": "Deallocated",
    "Assigned": "Unassigned",
    "Approved": "Revoked",
    "Locked": "Released",
    "Issued": "Voided",
    "Provisioned": "Deprovisioned",
    "Ordered": "OrderCancelled",
    "Confirmed": "Cancelled",
    "Requested": "Cancelled",
    "Registered": "Deactivated",
    "Opened": "Closed",
    "Started": "Cancelled",
    "Submitted": "Withdrawn",
    "Picked": "Restocked",
    "Packed": "Unpacked",
}
# Entities whose ids an event schema should carry when the sentence mentions them.
ID_ENTITIES = frozenset(
    {
        "order",
        "customer",
        "user",
        "account",
        "payment",
        "product",
        "item",
        "basket",
        "cart",
        "driver",
        "rider",
        "trip",
        "ride",
        "device",
        "sensor",
        "meter",
        "vehicle",
        "shipment",
        "invoice",
        "claim",
        "policy",
        "booking",
        "reservation",
        "seat",
        "ticket",
        "room",
        "guest",
        "flight",
        "hotel",
        "employee",
        "seller",
        "listing",
        "report",
        "subscription",
        "courier",
        "restaurant",
        "patient",
        "appointment",
        "prescription",
        "transaction",
        "card",
        "loan",
        "application",
        "case",
        "video",
        "image",
        "photo",
        "match",
        "player",
        "post",
        "return",
        "refund",
        "transfer",
        "merchant",
        "store",
        "warehouse",
        "parcel",
        "session",
        "tenant",
    }
)
# Fields an event about this entity usually carries.
FIELDS: dict[str, dict[str, dict[str, str]]] = {
    "payment": {"amount": {"type": "number"}, "currency": {"type": "string"}},
    "order": {"customerId": {"type": "string"}, "total": {"type": "number"}},
    "location": {"latitude": {"type": "number"}, "longitude": {"type": "number"}},
    "reading": {"value": {"type": "number"}, "recordedAt": {"type": "string"}},
    "telemetry": {"value": {"type": "number"}, "recordedAt": {"type": "string"}},
    "money": {"amount": {"type": "number"}, "currency": {"type": "string"}},
    "price": {"price": {"type": "number"}, "currency": {"type": "string"}},
    "shipment": {"trackingNumber": {"type": "string"}},
}

_SEPARATED = re.compile(r"[._\-\s]+")


def normalise_event_name(raw: str) -> str:
    """A user's event name as a contract-valid name: ``order.paid`` -> ``OrderPaid``."""
    if re.fullmatch(r"[A-Z][A-Za-z0-9]*", raw):
        return raw[:80]
    return pascal(_SEPARATED.split(raw))[:80] or "Event"


def event_name(entity: list[str], verb_lemma: str = "", participle_word: str = "") -> str:
    """``OrderPlaced`` from (["order"], "place"); the participle may be given as written."""
    words = [singular(w) for w in entity][-2:]
    verb = participle_word or (participle(verb_lemma) if verb_lemma else "Updated")
    return pascal([*words, verb])[:80]


def command_name(verb_lemma: str, entity: list[str]) -> str:
    """``ReserveStock`` from ("reserve", ["stock"])."""
    return pascal([verb_lemma, *[singular(w) for w in entity][-2:]])[:80]


def domain_entry(domain: tuple[str, ...]) -> tuple[str, str, str, str]:
    """The DOMAIN_EVENTS row for a component's domain words (a generic one if unknown)."""
    joined = " ".join(domain)
    if joined in DOMAIN_EVENTS:
        return DOMAIN_EVENTS[joined]
    for word in reversed(domain):
        row = DOMAIN_EVENTS.get(stem(word))
        if row:
            return row
    entity = pascal([singular(w) for w in domain[-2:]]) or "Work"
    return (entity, "Completed", f"Process{entity}", "Cancelled")


def default_event(domain: tuple[str, ...]) -> str:
    """The event a component of this domain most plausibly publishes."""
    entity, verb, _, _ = domain_entry(domain)
    return entity + verb


def default_command(domain: tuple[str, ...]) -> str:
    """The command that asks a component of this domain to do its step."""
    return domain_entry(domain)[2]


def compensation_name(event: str, domain: tuple[str, ...] = ()) -> str:
    """The compensating event that undoes ``event``: PaymentProcessed -> PaymentRefunded."""
    parts = re.findall(r"[A-Z][a-z0-9]*", event)
    if len(parts) >= 2 and parts[-1] in UNDO:
        return "".join(parts[:-1]) + UNDO[parts[-1]]
    entity, _, _, undo = domain_entry(domain) if domain else (event, "", "", "Cancelled")
    base = "".join(parts[:-1]) if len(parts) >= 2 else entity
    return (base or entity) + undo


def compensating_command(command: str) -> str:
    """The command that undoes a step: ReserveInventory -> ReleaseInventory."""
    parts = re.findall(r"[A-Z][a-z0-9]*", command)
    verbs = {
        "Reserve": "Release",
        "Process": "Refund",
        "Charge": "Refund",
        "Book": "Cancel",
        "Create": "Cancel",
        "Ship": "Cancel",
        "Debit": "Credit",
        "Lock": "Unlock",
        "Assign": "Unassign",
        "Provision": "Deprovision",
        "Schedule": "Cancel",
    }
    if parts and parts[0] in verbs:
        return verbs[parts[0]] + "".join(parts[1:])
    return "Undo" + command


def schema_for(name: str, entities: list[str], fields: tuple[str, ...] = ()) -> dict[str, Any]:
    """A JSON Schema (2020-12) for the data of event ``name`` with the ids it implies."""
    subject = re.findall(r"[A-Z][a-z0-9]*", name)
    props: dict[str, Any] = {}
    for word in [*entities, *(w.lower() for w in subject[:2])]:
        if singular(word) in ID_ENTITIES:
            props[camel([singular(word), "id"])] = {"type": "string"}
    for word in [*entities, *(w.lower() for w in subject[:2])]:
        props.update(FIELDS.get(singular(word), {}))
    for field in fields:
        props.setdefault(camel(field.split()), {"type": "string"})
    props["occurredAt"] = {"type": "string", "format": "date-time"}
    ids = [k for k in props if k.endswith("Id")]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": name,
        "type": "object",
        "properties": props,
        "required": [*ids[:3], "occurredAt"],
    }
