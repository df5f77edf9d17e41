"""Technology vocabulary as data: names a user types, mapped to a canonical name and a kind.

Each row is ``(canonical name, kind, aliases)``. Kinds are graph ``ComponentKind`` values, plus
two that never become components of their own: ``language`` (a service's stack, e.g. Go,
Django) and ``protocol`` (a flow label, e.g. gRPC). Aliases match case-insensitively on whole
words; names in ``CASE_SENSITIVE`` match only as written (they are also common English words).
"""

from __future__ import annotations

TECHNOLOGIES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    # Brokers, buses, streams
    ("Kafka", "broker", ("apache kafka", "amazon msk", "msk", "confluent", "confluent cloud")),
    ("Redpanda", "broker", ()),
    ("RabbitMQ", "broker", ("rabbit", "rabbit mq", "amqp broker")),
    ("SNS", "broker", ("amazon sns", "aws sns", "simple notification service")),
    ("SQS", "queue", ("amazon sqs", "aws sqs", "simple queue service")),
    ("EventBridge", "broker", ("amazon eventbridge", "aws eventbridge", "event bridge")),
    (
        "Kinesis",
        "broker",
        (
            "amazon kinesis",
            "aws kinesis",
            "kinesis data stream",
            "kinesis data streams",
            "amazon kinesis data stream",
            "amazon kinesis data streams",
        ),
    ),
    (
        "Kinesis Firehose",
        "stream_processor",
        ("firehose", "kinesis data firehose", "amazon kinesis firehose"),
    ),
    (
        "Pub/Sub",
        "broker",
        ("google pub/sub", "cloud pub/sub", "pubsub", "google pubsub", "gcp pub/sub", "pub sub"),
    ),
    ("NATS", "broker", ("nats jetstream", "jetstream")),
    ("Pulsar", "broker", ("apache pulsar",)),
    ("Redis Streams", "broker", ("redis stream",)),
    ("DynamoDB Streams", "broker", ("dynamodb stream",)),
    ("Azure Service Bus", "broker", ("service bus", "azure servicebus")),
    ("Event Grid", "broker", ("azure event grid", "eventgrid")),
    ("Event Hubs", "broker", ("azure event hubs", "event hub", "azure event hub", "eventhubs")),
    ("ActiveMQ", "broker", ("apache activemq", "activemq artemis", "artemis")),
    ("Amazon MQ", "broker", ()),
    ("VerneMQ", "broker", ()),
    ("EMQX", "broker", ()),
    ("Mosquitto", "broker", ("eclipse mosquitto",)),
    ("HiveMQ", "broker", ()),
    ("AWS IoT Core", "broker", ("iot core", "aws iot")),
    ("Azure IoT Hub", "broker", ("iot hub",)),
    ("IBM MQ", "broker", ("websphere mq",)),
    ("Solace", "broker", ()),
    ("Google Cloud Tasks", "queue", ("cloud tasks",)),
    ("Azure Storage Queue", "queue", ("storage queue", "azure queue storage")),
    ("Celery", "queue", ()),
    ("BullMQ", "queue", ("bull",)),
    # Event stores
    ("EventStoreDB", "event_store", ("eventstore", "event store db", "kurrentdb", "kurrent")),
    ("Axon Server", "event_store", ()),
    # Databases
    ("PostgreSQL", "database", ("postgres", "postgresql", "rds postgres", "pg")),
    ("Cloud SQL", "database", ()),
    ("MySQL", "database", ("rds mysql",)),
    ("Aurora MySQL", "database", ()),
    ("Aurora PostgreSQL", "database", ("aurora postgres",)),
    ("MariaDB", "database", ()),
    ("SQL Server", "database", ("mssql", "microsoft sql server")),
    ("Azure SQL Database", "database", ("azure sql",)),
    ("Oracle", "database", ("oracle db", "oracle database")),
    ("MongoDB", "database", ("mongo", "mongodb atlas")),
    ("DocumentDB", "database", ("amazon documentdb",)),
    ("DynamoDB", "database", ("dynamo", "amazon dynamodb", "aws dynamodb")),
    ("Cassandra", "database", ("apache cassandra", "keyspaces")),
    ("ScyllaDB", "database", ("scylla",)),
    ("Cosmos DB", "database", ("cosmosdb", "azure cosmos db", "cosmos")),
    ("Elasticsearch", "database", ("elastic search", "elastic")),
    ("OpenSearch", "database", ("amazon opensearch", "aws opensearch")),
    ("Firestore", "database", ("cloud firestore",)),
    ("Bigtable", "database", ("cloud bigtable",)),
    ("Spanner", "database", ("cloud spanner",)),
    ("CockroachDB", "database", ("cockroach",)),
    ("Neo4j", "database", ()),
    ("InfluxDB", "database", ("influx",)),
    ("TimescaleDB", "database", ("timescale",)),
    ("Timestream", "database", ("amazon timestream",)),
    ("ClickHouse", "database", ()),
    ("Snowflake", "database", ()),
    ("BigQuery", "database", ("google bigquery",)),
    ("Redshift", "database", ("amazon redshift",)),
    ("SQLite", "database", ()),
    ("Couchbase", "database", ()),
    ("HBase", "database", ()),
    ("Aurora", "database", ("amazon aurora",)),
    # Caches
    ("Redis", "cache", ("azure cache for redis",)),
    ("ElastiCache", "cache", ("amazon elasticache",)),
    ("Valkey", "cache", ()),
    ("Memorystore", "cache", ()),
    ("Memcached", "cache", ("memcache",)),
    ("Hazelcast", "cache", ()),
    # Object storage
    ("S3", "storage", ("amazon s3", "aws s3")),
    (
        "Blob Storage",
        "storage",
        ("azure blob storage", "azure blob", "azure storage", "blob store"),
    ),
    ("Google Cloud Storage", "storage", ("gcs", "cloud storage")),
    ("MinIO", "storage", ()),
    ("HDFS", "storage", ()),
    # Functions
    ("Lambda", "function", ("aws lambda", "amazon lambda")),
    ("Azure Functions", "function", ("azure function", "function app")),
    (
        "Cloud Functions",
        "function",
        ("google cloud functions", "gcp cloud functions", "cloud function"),
    ),
    ("Cloudflare Workers", "function", ()),
    # Workflow engines
    ("Temporal", "orchestrator", ("temporal.io", "temporal cloud")),
    ("Step Functions", "orchestrator", ("aws step functions", "step function")),
    ("Camunda", "orchestrator", ("zeebe", "camunda 8")),
    ("Airflow", "orchestrator", ("apache airflow",)),
    ("Durable Functions", "orchestrator", ("azure durable functions",)),
    ("Logic Apps", "orchestrator", ("azure logic apps",)),
    ("Conductor", "orchestrator", ("netflix conductor",)),
    ("Cadence", "orchestrator", ()),
    # Stream processing
    ("Flink", "stream_processor", ("apache flink",)),
    ("Kafka Streams", "stream_processor", ()),
    ("ksqlDB", "stream_processor", ("ksql",)),
    ("Spark Streaming", "stream_processor", ("spark structured streaming", "spark")),
    ("Kafka Connect", "stream_processor", ()),
    ("Node-RED", "stream_processor", ("node red", "nodered")),
    ("AWS Glue", "stream_processor", ("glue", "aws glue job", "glue job")),
    ("Azure Data Factory", "stream_processor", ("data factory", "adf")),
    ("Debezium", "stream_processor", ()),
    ("Dataflow", "stream_processor", ("google dataflow", "apache beam")),
    ("Kinesis Data Analytics", "stream_processor", ("managed flink",)),
    ("Azure Stream Analytics", "stream_processor", ("stream analytics",)),
    # Gateways, balancers, CDNs
    ("API Gateway", "gateway", ("amazon api gateway", "aws api gateway")),
    ("Kong", "gateway", ()),
    ("Apigee", "gateway", ()),
    ("Azure API Management", "gateway", ("apim", "api management")),
    ("AppSync", "gateway", ("aws appsync",)),
    ("Apollo Router", "gateway", ("apollo gateway", "apollo federation")),
    ("Nginx", "load_balancer", ("nginx ingress",)),
    ("Envoy", "load_balancer", ()),
    ("HAProxy", "load_balancer", ()),
    ("Traefik", "load_balancer", ()),
    ("ALB", "load_balancer", ("application load balancer", "elb", "nlb")),
    ("CloudFront", "cdn", ("amazon cloudfront",)),
    ("Cloudflare", "cdn", ()),
    ("Akamai", "cdn", ()),
    ("Fastly", "cdn", ()),
    ("Azure Front Door", "cdn", ("front door",)),
    # Registries and schedulers
    (
        "Schema Registry",
        "schema_registry",
        ("confluent schema registry", "glue schema registry", "apicurio"),
    ),
    (
        "Cron",
        "scheduler",
        ("cronjob", "kubernetes cronjob"),
    ),
    ("Cloud Scheduler", "scheduler", ("google cloud scheduler", "gcp cloud scheduler")),
    ("EventBridge Scheduler", "scheduler", ("amazon eventbridge scheduler",)),
    # Dashboards and BI tools: clients of the data
    ("Power BI", "client", ("powerbi",)),
    ("Grafana", "client", ()),
    ("Tableau", "client", ()),
    ("Looker", "client", ()),
    ("Metabase", "client", ()),
    ("Kibana", "client", ()),
    # External SaaS
    ("Stripe", "external", ()),
    ("PayPal", "external", ()),
    ("Adyen", "external", ()),
    ("Braintree", "external", ()),
    ("Twilio", "external", ()),
    ("Vonage", "external", ("nexmo",)),
    ("MessageBird", "external", ()),
    ("SendGrid", "external", ()),
    ("Mailgun", "external", ()),
    ("SES", "external", ("amazon ses", "aws ses")),
    ("Firebase Cloud Messaging", "external", ("fcm", "firebase", "firebase push")),
    ("APNs", "external", ("apple push notification service",)),
    ("OneSignal", "external", ()),
    ("Auth0", "external", ()),
    ("Okta", "external", ()),
    ("Cognito", "external", ("amazon cognito",)),
    ("Keycloak", "service", ()),
    ("Salesforce", "external", ()),
    ("HubSpot", "external", ()),
    ("Shopify", "external", ()),
    ("SAP", "external", ("sap erp", "sap s/4hana")),
    ("Google Maps", "external", ("maps api",)),
    ("Mapbox", "external", ()),
    ("PagerDuty", "external", ()),
    ("Slack", "external", ()),
    ("Plaid", "external", ()),
    ("Experian", "external", ()),
    ("Zendesk", "external", ()),
    ("Algolia", "external", ()),
    ("Rekognition", "external", ("amazon rekognition", "aws rekognition")),
    ("Form Recognizer", "external", ("azure form recognizer", "document intelligence")),
    ("OpenAI", "external", ()),
    ("Datadog", "external", ()),
    ("Google Calendar", "external", ()),
    ("Microsoft Graph", "external", ("outlook calendar", "graph api")),
    ("Apple Pay", "external", ()),
    ("Google Pay", "external", ()),
    ("Klarna", "external", ()),
    ("Square", "external", ()),
    ("Checkout.com", "external", ()),
    ("Mollie", "external", ()),
    ("Razorpay", "external", ()),
    ("Onfido", "external", ()),
    ("Jumio", "external", ()),
    ("Equifax", "external", ()),
    ("TransUnion", "external", ()),
    ("DocuSign", "external", ()),
    ("Postmark", "external", ()),
    ("Mailchimp", "external", ()),
    ("Pusher", "external", ()),
    ("Segment", "external", ()),
    ("Mixpanel", "external", ()),
    ("Sentry", "external", ()),
    ("Shippo", "external", ()),
    ("EasyPost", "external", ()),
    ("FedEx", "external", ()),
    ("DHL", "external", ()),
    ("Avalara", "external", ()),
    ("Xero", "external", ()),
    ("QuickBooks", "external", ()),
    ("NetSuite", "external", ()),
    ("ServiceNow", "external", ()),
    ("Intercom", "external", ()),
    ("Apple Wallet", "external", ()),
    ("Visa", "external", ("visanet",)),
    ("Mastercard", "external", ()),
    # Languages and frameworks: a service's technology, never a component of their own
    ("Go", "language", ("golang",)),
    ("Java", "language", ()),
    ("Spring Boot", "language", ("spring",)),
    ("Kotlin", "language", ()),
    ("Node.js", "language", ("node", "nodejs", "nestjs", "express")),
    ("Python", "language", ()),
    ("Django", "language", ()),
    ("FastAPI", "language", ()),
    ("Flask", "language", ()),
    (".NET", "language", ("dotnet", "asp.net", "c#")),
    ("Ruby on Rails", "language", ("rails", "ruby")),
    ("PHP", "language", ("laravel",)),
    ("Rust", "language", ()),
    ("Elixir", "language", ("phoenix",)),
    ("Scala", "language", ("akka",)),
    ("React", "language", ("react native",)),
    ("Next.js", "language", ("nextjs",)),
    ("Angular", "language", ()),
    ("Vue", "language", ("vue.js", "nuxt")),
    ("Swift", "language", ()),
    ("Flutter", "language", ()),
    ("Cloud Run", "language", ("google cloud run",)),
    ("Kubernetes", "language", ("k8s", "eks", "aks", "gke")),
    ("Gunicorn", "language", ()),
    # Protocols: flow labels
    ("gRPC", "protocol", ("grpc",)),
    ("REST", "protocol", ("rest api", "restful")),
    ("HTTP", "protocol", ("https", "http/2")),
    ("GraphQL", "protocol", ()),
    ("WebSocket", "protocol", ("websockets", "web socket", "web sockets")),
    ("SOAP", "protocol", ()),
    ("MQTT", "protocol", ()),
    ("AMQP", "protocol", ()),
)

# Words that are technologies only when written with their capitals.
CASE_SENSITIVE = frozenset(
    "go|express|spring|elastic|spark|temporal|conductor|cadence|oracle|node|cosmos|aurora|rust|"  # noqa: SIM905
    "swift|slack|bull|pg|vue|react|rails|ruby|cron|dynamo|scala|akka|phoenix|flutter|front door|"
    "mongo|rabbit|solace|kong|firebase|envoy|dataflow|artemis|cloud storage|storage queue|"
    "service bus|event hub|function app|cloud function|kurrent|sap|ses|python|java|django|flask|"
    "elixir|kotlin|jetstream|square|segment|sentry|intercom|pusher|visa".split("|")
)

# Technology families, to pick a sensible companion (e.g. which schema registry suits a broker).
AWS_FAMILY = frozenset({"SNS", "SQS", "EventBridge", "Kinesis", "Lambda", "DynamoDB", "S3"})
AZURE_FAMILY = frozenset({"Azure Service Bus", "Event Grid", "Event Hubs", "Azure Functions"})


def build_index() -> dict[tuple[str, ...], tuple[str, str, bool]]:
    """Lowercased word tuple -> (canonical, kind, case_sensitive) for every name and alias."""
    index: dict[tuple[str, ...], tuple[str, str, bool]] = {}
    for canonical, kind, aliases in TECHNOLOGIES:
        for name in (canonical, *aliases):
            low = name.lower()
            words = tuple(low.replace("-", " ").split())
            index.setdefault(words, (canonical, kind, low in CASE_SENSITIVE))
    return index


TECH_INDEX = build_index()
TECH_MAX_WORDS = max(len(k) for k in TECH_INDEX)
TECH_KIND = {canonical: kind for canonical, kind, _ in TECHNOLOGIES}
