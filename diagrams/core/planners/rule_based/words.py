"""Word tables: head nouns that name a component and its kind, and the function words around them.

A component mention is a run of modifier words ending in a head noun ("the basket service",
"a background order processor", "ledger db"). The head decides the kind; modifiers name it.
"""

from __future__ import annotations

# Head noun (lowercase word tuple, singular) -> (kind, display form). Longest match wins.
# head words | kind | display name (one head per line; the longest match wins)
_HEAD_TABLE = """
service | service | Service
svc | service | Service
microservice | service | Service
api | service | API
backend | service | Backend
server | service | Server
worker | service | Worker
processor | service | Processor
handler | service | Handler
consumer | service | Consumer
engine | service | Engine
controller | service | Controller
monolith | service | Monolith
detector | service | Detector
notifier | service | Notifier
matcher | service | Matcher
dispatcher | service | Dispatcher
router | service | Router
aggregator | service | Aggregator
enricher | service | Enricher
validator | service | Validator
renderer | service | Renderer
matchmaker | service | Matchmaker
allocator | service | Allocator
mailer | service | Mailer
relay | service | Relay
reconciler | service | Reconciler
monitor | service | Monitor
agent | service | Agent
watcher | service | Watcher
collector | service | Collector
forwarder | service | Forwarder
transcoder | service | Transcoder
tracker | service | Tracker
bridge | service | Bridge
daemon | service | Daemon
sidecar | service | Sidecar
bot | service | Bot
poller | service | Poller
ingestor | service | Ingestor
ingester | service | Ingester
scheduler service | scheduler | Scheduler
adapter | service | Adapter
connector | service | Connector
job | service | Job
system | service | System
app | client | App
console | client | Console
panel | client | Panel
widget | client | Widget
application | client | Application
gateway | gateway | Gateway
api gateway | gateway | API Gateway
gw | gateway | Gateway
api gw | gateway | API Gateway
bff | gateway | BFF
backend for frontend | gateway | BFF
ingress | gateway | Ingress
load balancer | load_balancer | Load Balancer
reverse proxy | load_balancer | Reverse Proxy
proxy | load_balancer | Proxy
cdn | cdn | CDN
database | database | Database
db | database | DB
datastore | database | Datastore
data store | database | Data Store
store | database | Store
table | database | Table
ledger | database | Ledger
data warehouse | database | Data Warehouse
warehouse db | database | Warehouse DB
index | database | Index
search index | database | Search Index
cache | cache | Cache
sorted set | cache | Sorted Set
bucket | storage | Bucket
data lake | storage | Data Lake
storage | storage | Storage
object storage | storage | Object Storage
file storage | storage | File Storage
queue | queue | Queue
dead letter queue | dead_letter_queue | Dead Letter Queue
dead letter topic | dead_letter_queue | Dead Letter Topic
dlq | dead_letter_queue | DLQ
parking lot queue | dead_letter_queue | Parking Lot Queue
topic | topic | Topic
exchange | topic | Exchange
topic exchange | topic | Exchange
fanout exchange | topic | Exchange
direct exchange | topic | Exchange
headers exchange | topic | Exchange
dead letter exchange | dead_letter_queue | Dead Letter Exchange
stream | topic | Stream
broker | broker | Broker
message broker | broker | Message Broker
event broker | broker | Event Broker
bus | broker | Bus
event bus | broker | Event Bus
message bus | broker | Message Bus
event backbone | broker | Event Backbone
function | function | Function
lambda | function | Lambda
func | function | Function
fn | function | Function
serverless function | function | Function
orchestrator | orchestrator | Orchestrator
saga orchestrator | orchestrator | Saga Orchestrator
workflow engine | orchestrator | Workflow Engine
coordinator | orchestrator | Coordinator
process manager | orchestrator | Process Manager
state machine | orchestrator | State Machine
stream processor | stream_processor | Stream Processor
pipeline | stream_processor | Pipeline
projector | stream_processor | Projector
projection | stream_processor | Projection
indexer | function | Indexer
event store | event_store | Event Store
event log | event_store | Event Log
read model | read_model | Read Model
read store | read_model | Read Store
read replica | read_model | Read Replica
read database | read_model | Read Database
query model | read_model | Query Model
materialized view | read_model | Materialized View
view | read_model | View
replica | read_model | Replica
worklist | read_model | Worklist
write model | database | Write Model
schema registry | schema_registry | Schema Registry
scheduler | scheduler | Scheduler
cron job | scheduler | Cron Job
timer | scheduler | Timer
client | client | Client
frontend | client | Frontend
front end | client | Frontend
webapp | client | Web App
website | client | Website
site | client | Site
web site | client | Website
spa | client | SPA
portal | client | Portal
page | client | Page
storefront | client | Storefront
web shop | client | Web Shop
webshop | client | Webshop
web store | client | Web Store
online shop | client | Online Shop
online store | client | Online Store
web checkout | client | Web Checkout
dashboard | client | Dashboard
ui | client | UI
studio | client | Studio
browser | client | Browser
sdk | client | SDK
kiosk | client | Kiosk
machine | client | Machines
terminal | client | Terminals
tablet | client | Tablet
wearable | client | Wearables
scanner | client | Scanners
camera | client | Cameras
robot | client | Robots
drone | client | Drones
beacon | client | Beacons
device | client | Devices
sensor | client | Sensors
meter | client | Meters
thermostat | client | Thermostats
vehicle | client | Vehicles
scooter | client | Scooters
phone | client | Phones
provider | external | Provider
vendor | external | Vendor
psp | external | PSP
erp | external | ERP
crm | external | CRM
mes | external | MES
registry | service | Registry
"""
HEADS: dict[tuple[str, ...], tuple[str, str]] = {
    tuple(words.split()): (kind, display)
    for words, kind, display in (
        (part.strip() for part in row.split("|")) for row in _HEAD_TABLE.strip().splitlines()
    )
}
HEAD_MAX_WORDS = max(len(k) for k in HEADS)

# Heads that only name a component with a modifier ("the order store", not "the store").
NEEDS_MODIFIER = frozenset(
    (word,)
    for word in (  # noqa: SIM905
        "store table index view system job engine stream exchange replica consumer handler "
        "server pipeline registry device phone vehicle client provider vendor adapter "
        "connector studio sdk processor worker application backend timer storage site page "
        "machine terminal allocator relay reconciler"
    ).split()
)
# Modifiers under which "gateway" is a third party, not an API gateway.
EXTERNAL_GATEWAY_WORDS = frozenset({"payment", "payments", "sms", "email", "card", "bank"})
# Modifiers that make "app"/"application" a server-side service rather than a client.
SERVER_APP_WORDS = frozenset(
    {"django", "rails", "spring", "server", "backend", "flask", "monolith"}
)
# Modifiers that make an unnamed component external.
EXTERNAL_WORDS = frozenset({"external", "third-party", "third", "partner", "bank's", "legacy"})
# Plural heads that refer to the components in general ("all services"), not to a new one.
COLLECTIVE_WORDS = frozenset(
    (  # noqa: SIM905
        "all each every both other these those our its their your multiple several many some "
        "any the two three four five"
    ).split()
)

DETERMINERS = frozenset(
    (  # noqa: SIM905
        "a an the this that these those its their our my your his her each every all both "
        "another any some no one two three four five same second first third whose which"
    ).split()
)
# Adjectives that describe a component without naming it ("a background order processor").
DESCRIPTIVE = frozenset(
    (  # noqa: SIM905
        "own separate dedicated central centralized single shared new existing small little "
        "simple main background internal standalone independent lightweight stateless "
        "stateful downstream upstream various different tiny big large managed generic dumb "
        "fancy local remote hosted cloud serverless async asynchronous synchronous "
        "event-driven distributed global regional primary companion pool straight whole full "
        "hot current nightly daily field"
    ).split()
)
STOP = frozenset(
    {
        "and",
        "or",
        "but",
        "to",
        "from",
        "in",
        "into",
        "on",
        "onto",
        "of",
        "for",
        "with",
        "by",
        "via",
        "over",
        "through",
        "at",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "it",
        "they",
        "them",
        "we",
        "us",
        "i",
        "you",
        "he",
        "she",
        "then",
        "also",
        "when",
        "once",
        "after",
        "before",
        "if",
        "while",
        "whenever",
        "where",
        "who",
        "what",
        "so",
        "not",
        "no",
        "can",
        "could",
        "should",
        "shall",
        "must",
        "will",
        "would",
        "may",
        "might",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "there",
        "here",
        "than",
        "about",
        "up",
        "out",
        "off",
        "down",
        "just",
        "only",
        "still",
        "too",
        "very",
        "really",
        "basically",
        "every",
        "per",
        "each",
        "named",
        "called",
        "using",
        "like",
        "such",
        "e.g",
        "i.e",
        "etc",
        "instead",
        "behind",
        "front",
        "inside",
        "within",
        "without",
        "between",
        "against",
        "under",
        "across",
        "around",
    }
    | DETERMINERS
)
# Client words: an "app" with one of these modifiers is a client.
CLIENT_WORDS = frozenset(
    (  # noqa: SIM905
        "web mobile ios android desktop customer rider driver react frontend admin browser "
        "spa tablet companion user passenger courier restaurant merchant patient clinician "
        "player storefront grocery single-page spa progressive pwa native hybrid browser-based "
        "web-based kiosk point-of-sale pos"
    ).split()
)
# Domain words that never name a component on their own.
NOT_DOMAIN = frozenset({"event", "events", "message", "messages", "data", "request", "requests"})

# Agent nouns ("the payout reconciler", "the Floor Planner") name a service when they come from
# a verb of system work or are written as a name; these name people or things, never a service.
NOT_AGENTS = frozenset(
    (  # noqa: SIM905
        "user customer driver rider courier buyer seller shopper player trader owner renter "
        "lender borrower recruiter manager member partner subscriber passenger traveler "
        "traveller teacher learner reader viewer employer employee officer adjuster "
        "approver reviewer advertiser retailer supplier carrier farmer homeowner caller sender "
        "receiver recipient banker dealer volunteer donor visitor investor contractor inspector "
        "doctor operator administrator moderator editor author creator instructor supervisor "
        "auditor tutor mentor professor director actor order number letter other another error "
        "folder header footer layer paper offer container computer filter buffer cluster "
        "counter trigger center centre river power water weather matter answer corner border "
        "chapter character register calendar sticker voucher later never either neither "
        "whether together however rather further after under over ever sooner faster slower "
        "higher lower longer bigger smaller better cheaper easier harder newer older "
        "vendor sensor floor door color colour factor sector error mirror major minor behavior "
        "behaviour tenor anchor cursor motor donor juror tailor sailor doer diner winner "
        "organizer organiser attendee cashier waiter bartender baker butcher grocer jeweler "
        "gamer streamer creator uploader subscriber follower blogger developer engineer "
        "designer architect researcher scientist stakeholder shipper consignee consignor "
        "insurer payer payor debtor creditor wholesaler manufacturer exporter importer issuer "
        "acquirer holder policyholder cardholder leaseholder homebuyer landowner lawyer "
        "adviser advisor counselor counsellor caregiver provider sponsor investigator"
    ).split()
)
# Verbs of system work whose agent noun names a component ("optimizer", "planner").
AGENT_VERBS = frozenset(
    (  # noqa: SIM905
        "plan optimize optimise schedule allocate match dispatch route score rank price quote "
        "bill invoice render transcode encode decode compress resize crawl scrape parse index "
        "ingest export import sync reconcile aggregate enrich normalize normalise sanitize "
        "validate verify audit watch track scan detect classify tag label filter recommend "
        "predict forecast estimate calculate compute settle clear reserve assign balance "
        "throttle limit batch split merge join dedupe deduplicate archive purge expire clean "
        "rotate sign encrypt decrypt tokenize hash mask redact translate transcribe convert "
        "format print mail notify alert page ping poll fetch load extract transform publish "
        "emit relay forward handle process consume produce generate build compile deploy "
        "provision orchestrate coordinate supervise trigger launch execute run evaluate assess "
        "check inspect underwrite collect fulfil fulfill pick pack sort ship generate "
        "replicate project materialize materialise sweep prune poll pull push stream broadcast "
        "cache proxy resolve serialize calculate tally count meter rate charge refund pay "
        "write read log lock lease book broker store forward listen command"
    ).split()
)
