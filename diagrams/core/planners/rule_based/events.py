"""Events from wiring: each publication becomes an event with a producer, consumers and channel.

Unnamed messages get a name from the producer's domain; subscriptions without a name take the
events on their channel (or "it": the event published just before).
"""

from __future__ import annotations

import re

from diagrams.core.planners.rule_based.draft import MESSAGING, DComponent, DEvent, Draft
from diagrams.core.planners.rule_based.lexicon import imperative
from diagrams.core.planners.rule_based.naming import default_event, schema_for
from diagrams.core.planners.rule_based.negation import affirmed
from diagrams.core.planners.rule_based.registry import Registry
from diagrams.core.planners.rule_based.tech import TECH_KIND
from diagrams.core.planners.rule_based.text import pascal, singular
from diagrams.core.planners.rule_based.wiring import Pub, Sub, Wiring

_ASYNC = re.compile(
    r"\b(?:publish|emit|subscri|consum|listen|broadcast|async|event|messag|"
    r"queue|topic|fan)",
    re.IGNORECASE,
)
_REFERENCE = re.compile(
    r"\b(?:the|these|those|such) (?:events|messages)\b|\bthem\b|"
    r"\b(?:every|each|all|all the)(?: \w+)? (?:events?|messages?)\b",
    re.IGNORECASE,
)
_BY_KIND = {
    "storage": "Uploaded",
    "database": "Changed",
    "client": "Reported",
    "scheduler": "Triggered",
    "external": "Received",
}


_DEVICE_BROKERS = frozenset(
    {"EMQX", "Mosquitto", "HiveMQ", "VerneMQ", "AWS IoT Core", "Azure IoT Hub", "MQTT"}
)
_VENDORS = frozenset({"azure", "aws", "amazon", "google", "gcp", "apache", "confluent", "cloud"})
_NOT_CONSUMERS = frozenset(
    {
        "database",
        "cache",
        "storage",
        "read_model",
        "event_store",
        "schema_registry",
        "load_balancer",
        "cdn",
    }
)


def _merged(pubs: list[Pub]) -> list[Pub]:
    """ "sends a ChargeSubscription command ... to a RabbitMQ queue": the named message and the
    channel are one publication, not two."""
    out: list[Pub] = []
    for pub in pubs:
        twin = next(
            (
                p
                for p in out
                if p.sentence == pub.sentence >= 0
                and p.producer == pub.producer
                and bool(p.events) != bool(pub.events)
                and (p.channel is None) != (pub.channel is None)
                and (p.consumer is None or pub.consumer is None)
            ),
            None,
        )
        if twin is None:
            out.append(pub)
            continue
        twin.events = twin.events or pub.events
        twin.channel = twin.channel or pub.channel
        twin.consumer = twin.consumer or pub.consumer
    return out


# "all events go on one SNS topic", "every message flows through Kafka"
_ALL_EVENTS = re.compile(
    r"\b(?:all|every)\b[^.;]{0,25}\b(?:events?|messages?)\b[^.;]{0,20}\b(?:go|goes|flow|flows|"
    r"travel|travels|pass|passes|run|runs|are published|is published|land|lands)\b",
    re.IGNORECASE,
)


_LABEL = re.compile(
    r"^(?:compensations?|on failure|failures?|errors?|rollback|undo|unhappy path|happy path|"
    r"then|finally|next|note|step \d+)\s*:\s*",
    re.IGNORECASE,
)
_APP_WORDS = frozenset(
    {"app", "portal", "site", "website", "spa", "frontend", "ui", "dashboard", "page", "console"}
)


def _routes_requests(component: DComponent) -> bool:
    """An API gateway product (Kong, Apigee, "API Gateway"): it routes calls, hears no event."""
    return component.kind == "gateway" and (
        TECH_KIND.get(component.technology) == "gateway" or "api" in component.name.lower().split()
    )


class EventBuilder:
    """Builds the draft's events from ``wiring``; ``ids`` maps registry keys to component ids."""

    def __init__(
        self,
        draft: Draft,
        registry: Registry,
        ids: dict[str, str],
        sentences: list[str],
        synchronous: bool = False,
    ) -> None:
        self.draft, self.registry, self.ids, self.sentences = draft, registry, ids, sentences
        self.synchronous = synchronous  # the text rules out messaging: never invent a bus
        self.order: list[tuple[int, int, str]] = []
        self.subs: list[Sub] = []

    def build(self, wiring: Wiring) -> None:
        """Add every event (and its flows) that ``wiring`` implies."""
        self.subs = wiring.subs
        feeds = self._fans(wiring)
        for pub in _merged(wiring.pubs):
            self._publish(pub, wiring)
        for sub in wiring.subs:
            if sub.events:
                self._named_sub(sub)
        self._resolve_channels(wiring)
        named = {(s.consumer, s.sentence) for s in wiring.subs if s.events}
        choosy = {s.consumer for s in wiring.subs if s.events}
        choosy |= {p.producer for p in wiring.pubs if p.events}
        for sub in wiring.subs:
            if sub.fallback:
                continue
            if not sub.events and (sub.consumer, sub.sentence) in named and sub.sentence >= 0:
                continue  # "when a listing is created, X picks it up from the bus": that event
            if (sub.owned and sub.consumer in choosy) or sub.anyone:
                continue  # "has its own queue ... consumes BoxOrdered": only what it names
            if not sub.events:
                self._unnamed_sub(sub, feeds)
                if sub.channel and not any(
                    self.ids[sub.consumer] in e.consumers for e in self.draft.events.values()
                ):
                    self.draft.add_flow(self.ids[sub.channel], self.ids[sub.consumer], "subscribe")
        for sub in wiring.subs:
            if sub.fallback:
                self._reacts(sub, wiring, feeds)
        for source, target, names in wiring.triggers:
            self._trigger(source, target, names)
        if self.synchronous:  # a capitalised word nobody hears is no event in such a system
            for name, event in list(self.draft.events.items()):
                if not event.consumers and event.channel is None:
                    del self.draft.events[name]
        self._fanned_out()
        said = " ".join(self.sentences)
        for name, event in list(self.draft.events.items()):
            producer = self.draft.components.get(event.producer)
            app = (
                producer is not None
                and producer.kind == "client"
                and _APP_WORDS & set(producer.name.lower().split())
            )  # not a device: thermostats do publish readings
            if not event.consumers and app and name not in said:
                self.draft.remove_event(name)  # "when a rider requests a ride in the app"
        for event in self.draft.events.values():
            self.draft.route_event(event)

    def _fanned_out(self) -> None:
        """ "routes PartsOrderShipped to an SNS topic, which fans it out to two SQS queues: one
        consumed by X, and one by Y": an event nobody is said to hear goes to the consumers of
        the queues its channel feeds, when those consumers hear nothing else."""
        hearing = {c for e in self.draft.events.values() for c in e.consumers}
        on: dict[str, int] = {}
        for event in self.draft.events.values():
            on[event.channel or ""] = on.get(event.channel or "", 0) + 1
        for event in self.draft.events.values():
            if event.channel is None or (event.consumers and on[event.channel] > 1):
                continue  # with one event on the channel, it is what the queues carry
            reach, todo = set(), [event.channel]
            while todo:
                node = todo.pop()
                for src, dst, kind in self.draft.flows:
                    downstream = src == node and kind == "publish" and dst not in reach
                    if downstream and self.draft.components[dst].kind in MESSAGING:
                        reach.add(dst)
                        todo.append(dst)
            event.consumers += [
                dst
                for src, dst, kind in self.draft.flows
                if src in reach
                and kind == "subscribe"
                and dst not in hearing
                and dst != event.producer
                and self.draft.components[dst].kind not in MESSAGING
            ]

    def _fans(self, wiring: Wiring) -> dict[str, set[str]]:
        feeds: dict[str, set[str]] = {}
        published = {p.channel for p in wiring.pubs}
        for key, comp in self.registry.comps.items():
            if comp.fed and comp.parent in self.ids and key not in published:
                wiring.fans.append((comp.parent, key))
        for broker, queue in wiring.fans:
            b, q = self.ids[broker], self.ids[queue]
            self.draft.add_flow(b, q, "publish")
            feeds.setdefault(b, set()).add(q)
        for key, comp in self.registry.comps.items():
            parent = self.ids.get(comp.parent)
            if comp.fed and parent and key in published and not self._used(parent, wiring):
                self.draft.add_flow(parent, self.ids[key], "publish")  # "Redis Streams, stream X"
        for source, target, _ in wiring.hints:
            if (
                self.registry.kind(source) in MESSAGING
                and self.registry.kind(target) not in MESSAGING
            ):
                wiring.subs.append(Sub(target, source, [], -1))
        for sub in wiring.subs:
            channel = self.ids.get(sub.channel or "")
            listens = not sub.anyone or any(
                not s.anyone and s.consumer == sub.consumer for s in wiring.subs
            )  # "each consumer has its own queue": the queues of those that consume
            if channel and listens and any(channel in qs for qs in feeds.values()):
                self.draft.add_flow(channel, self.ids[sub.consumer], "subscribe")
        return feeds

    def _used(self, cid: str, wiring: Wiring) -> bool:
        """Whether the text sends anything through component ``cid``."""
        ends = {p.channel for p in wiring.pubs} | {s.channel for s in wiring.subs}
        ends |= {b for b, _ in wiring.fans} | {q for _, q in wiring.fans}
        return any(self.ids.get(k or "") == cid for k in ends)

    def _publish(self, pub: Pub, wiring: Wiring) -> None:
        producer = self.ids[pub.producer]
        names = (
            pub.events
            or self._referred(pub)
            or self._named_earlier(pub, wiring)
            or [self._default_name(pub.producer)]
        )
        for name in names:
            earlier = self.draft.events.get(name)
            text = self.sentences[pub.sentence] if pub.sentence >= 0 else ""
            line = _LABEL.sub("", text.lstrip("-*• "))  # "compensation: PaymentFailed -> ..."
            leads = line.startswith(name)  # "WaveFull -> registration api ...": it hears it
            arrow = re.search(rf"\b{re.escape(name)}\s*->", text)  # "E -> does something"
            if earlier is not None and earlier.producer != producer and arrow and not leads:
                # "billing svc: DeliverySkipped -> no charge in Stripe": the note's service hears
                # an event another publishes; the arrow is what it does then
                self._consume(earlier, producer)
                continue
            event = self._event(name, producer, pub.sentence, pub.command, pub.pos)
            if pub.channel and event.channel is None:
                event.channel = self.ids[pub.channel]
            consumers = [pub.consumer] if pub.consumer else []
            consumers += [t for s, t, n in wiring.hints if s == pub.producer and n == pub.sentence]
            for consumer in consumers:
                if self.registry.kind(consumer) in _NOT_CONSUMERS:
                    continue
                self._consume(event, self.ids[consumer])

    def _named_earlier(self, pub: Pub, wiring: Wiring) -> list[str]:
        """ "both svcs publish every ledger entry to Redis Streams": what the producer was
        already said to publish (TopUpCompleted), not an invented TopupCompleted."""
        return list(
            dict.fromkeys(
                n
                for p in wiring.pubs
                if p.producer == pub.producer and p.sentence < pub.sentence
                for n in p.events
            )
        )

    def _referred(self, pub: Pub) -> list[str]:
        """ "... and publish the events to Kafka": the events published just before."""
        text = self.sentences[pub.sentence] if pub.sentence >= 0 else ""
        if not _REFERENCE.search(text):
            return []
        before = [(s, p, n) for s, p, n in self.order if (s, p) < (pub.sentence, pub.pos)]
        last = max(b[:2] for b in before) if before else None  # every event of that publication
        return list(dict.fromkeys(n for s, p, n in before if (s, p) == last))

    def _event(
        self, name: str, producer: str, sentence: int, command: bool, pos: int = 0
    ) -> DEvent:
        event = self.draft.events.get(name)
        if event is None:
            words = _entities(self.sentences[sentence] if sentence >= 0 else "")
            kind = "command" if command and imperative(name) else "event"
            event = DEvent(name, producer, kind=kind, schema=schema_for(name, words))
            event.description = _describe(self.draft, event)
            self.draft.events[name] = event
        self.order.append((sentence, pos, name))
        return event

    def _consume(self, event: DEvent, consumer: str) -> None:
        component = self.draft.components.get(consumer)
        if component is not None and component.kind in _NOT_CONSUMERS:
            return
        if component is not None and _routes_requests(component):
            return  # Apigee or "the API gateway" routes requests; a "Websocket Gateway" may push
        if consumer != event.producer and consumer not in event.consumers:
            event.consumers.append(consumer)

    def _named_sub(self, sub: Sub) -> None:
        consumer = self.ids[sub.consumer]
        for name in sub.events:
            event = self.draft.events.get(name)
            if event is None:
                owner = self._owner_of(name, sub)
                if owner is None:
                    continue
                event = self._event(name, owner, sub.sentence, False, sub.pos)
            self._consume(event, consumer)
            if sub.channel and event.channel is None:
                event.channel = self.ids[sub.channel]

    def _owner_of(self, name: str, sub: Sub) -> str | None:
        if sub.producer:
            return self.ids[sub.producer]
        for word in re.findall(r"[A-Z][a-z0-9]*", name)[:2]:
            key = self.registry.owner(word.lower())
            if key and key != sub.consumer:
                return self.ids[key]
        return None

    def _resolve_channels(self, wiring: Wiring) -> None:
        usual: dict[str, str] = {}
        for event in self.draft.events.values():
            if event.channel:
                usual.setdefault(event.producer, event.channel)
        default = self.default_channel(wiring) if self.draft.events else None
        for event in self.draft.events.values():
            if event.channel is None and (event.consumers or default):
                event.channel = usual.get(event.producer) or default or self._store_of(event)
                speaks = _ASYNC.search(affirmed(" ".join(self.sentences)))
                if event.channel is None and speaks and not self.synchronous:
                    event.channel = self._event_bus()

    def _store_of(self, event: DEvent) -> str | None:
        """An event-sourced producer's event store: its events are read from there."""
        for s, t, k in self.draft.flows:
            store = self.draft.components.get(t)
            if s == event.producer and k == "write" and store and store.kind == "event_store":
                return t
        return None

    def default_channel(self, wiring: Wiring) -> str | None:
        """The broker most messages go through (None when the text names none)."""
        stated = self._stated_backbone()
        if stated:
            return stated
        counts: dict[str, int] = {}
        for ref in [p.channel for p in wiring.pubs] + [s.channel for s in wiring.subs]:
            if ref and self.registry.kind(ref) == "broker":
                counts[self.ids[ref]] = counts.get(self.ids[ref], 0) + 1
        backbone = {k: n for k, n in counts.items() if not self._device_broker(k)}
        if backbone:  # devices speak MQTT to EMQX; services speak to each other on NATS
            return max(backbone, key=lambda k: backbone[k])
        brokers = [b for b in self.draft.of_kind("broker") if not self._device_broker(b.id)]
        if counts and not brokers:
            return max(counts, key=lambda k: counts[k])
        brokers = brokers or self.draft.of_kind("broker")
        return brokers[0].id if brokers else None

    def _stated_backbone(self) -> str | None:
        """ "all events go on one SNS topic": the broker the text says carries everything."""
        brokers = self.draft.of_kind("broker")
        for sentence in self.sentences:
            if not _ALL_EVENTS.search(sentence):
                continue
            low = sentence.lower()
            named = [b for b in brokers if (b.technology or b.name).lower() in low]
            if len(named) == 1:
                return named[0].id
        return None

    def _device_broker(self, cid: str) -> bool:
        component = self.draft.components.get(cid)
        return component is not None and component.technology in _DEVICE_BROKERS

    def _event_bus(self) -> str:
        return self.draft.ensure_component("Event Bus", "broker").id

    def _unnamed_sub(self, sub: Sub, feeds: dict[str, set[str]]) -> None:
        consumer = self.ids[sub.consumer]
        events = list(self.draft.events.values())
        if sub.channel:
            channel = self.ids[sub.channel]
            sources = {channel} | {b for b, qs in feeds.items() if channel in qs}
            events = [e for e in events if e.channel in sources]
        elif sub.producer:
            events = [e for e in events if e.producer == self.ids[sub.producer]]
        elif self._named_before(sub) and not self._published_since(sub):
            events = [self.draft.events[n] for n in self._named_before(sub)]
        elif sub.also and self._heard_before(sub):
            events = [self.draft.events[n] for n in self._heard_before(sub)]
        else:
            before = [(s, p, n) for s, p, n in self.order if (s, p) <= (sub.sentence, sub.pos)]
            last = max(b[:2] for b in before) if before else None  # the latest publication
            events = [self.draft.events[n] for s, p, n in before if (s, p) == last]
            events = list({e.name: e for e in events}.values())
        for event in events:
            if event.producer != consumer:
                self._consume(event, consumer)

    def _reacts(self, sub: Sub, wiring: Wiring, feeds: dict[str, set[str]]) -> None:
        """ "each service just reacts to what it sees": a service the text gives nothing to
        consume reacts to the publication just before it first acts."""
        pubs = [(p.sentence, p.pos) for p in wiring.pubs if p.producer == sub.consumer]
        heard = [
            (s.sentence, s.pos)
            for s in wiring.subs
            if s.consumer == sub.consumer
            and s.sentence >= 0
            and not (s.fallback or s.owned or s.anyone)  # "every service has its own queue"
        ]
        acts = [a for a in pubs + heard if a[0] >= 0 and a < (sub.sentence, sub.pos)]
        first = min(acts) if acts else None
        if first is None or any(h <= first for h in heard):
            return  # it says what it consumes before it acts, or never acts
        self._unnamed_sub(Sub(sub.consumer, None, [], first[0], pos=first[1] - 1), feeds)

    def _heard_before(self, sub: Sub) -> list[str]:
        """ "X subscribes to ClimateOutOfRange ... alerting svc also subscribes": that event."""
        named = [
            s
            for s in self.subs
            if s.events and s.sentence >= 0 and (s.sentence, s.pos) < (sub.sentence, sub.pos)
        ]
        named = [s for s in named if all(n in self.draft.events for n in s.events)]
        return named[-1].events if named else []

    def _published_since(self, sub: Sub) -> bool:
        """ "Y reacts to E, ... X publishes F, and Z picks that up": F, published after E was
        heard and before "that"."""
        heard = [
            s.pos
            for s in self.subs
            if s.events and s.sentence == sub.sentence >= 0 and s.pos < sub.pos
        ]
        return bool(heard) and any(
            s == sub.sentence and max(heard) < p < sub.pos for s, p, _ in self.order
        )

    def _named_before(self, sub: Sub) -> list[str]:
        """ "X consumes BoxOrdered ..., and Y consumes it": the event named just before in the
        same sentence."""
        named = [
            s for s in self.subs if s.events and s.sentence == sub.sentence >= 0 and s.pos < sub.pos
        ]
        named = [s for s in named if all(n in self.draft.events for n in s.events)]
        return named[-1].events if named else []

    def _trigger(self, source: str, target: str, names: list[str]) -> None:
        producer = self.ids[source]
        for name in names or [self._default_name(source)]:
            event = self._event(name, producer, -1, False)
            self._consume(event, self.ids[target])

    def _default_name(self, key: str) -> str:
        comp = self.registry.comps[key]
        if comp.kind in _BY_KIND:
            entity = [singular(w) for w in comp.domain[-1:]] or [
                "File" if comp.kind == "storage" else comp.name.split()[0]
            ]
            return pascal([*entity, _BY_KIND[comp.kind]])
        words = [w for w in comp.name.lower().split() if w not in _VENDORS]
        return default_event(comp.domain or tuple(words[:1] or ["work"]))


def _entities(sentence: str) -> list[str]:
    return [singular(w) for w in re.findall(r"[a-z]+", sentence.lower())]


def _describe(draft: Draft, event: DEvent) -> str:
    producer = draft.components.get(event.producer)
    who = producer.name if producer else event.producer
    what = "Command sent" if event.kind == "command" else "Published"
    return f"{what} by {who}."
