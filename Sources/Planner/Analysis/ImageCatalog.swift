/// What a container is, recognized from its image (registry, namespace and tag variants),
/// and failing that from its healthcheck tool, build context or service name plus its port.
/// Data only: rules decide what each technology becomes.
enum Technology: String, CaseIterable, Sendable {
    case postgres, mysql, mariadb, redis, valkey, memcached
    case minio, minioClient, dynamodbLocal, mqttBroker, mongo, rabbitmq, activemq, kafka, zookeeper
    case elasticsearch, opensearch
    /// A database or stateful server with no managed target ferry maps (SQL Server, Cassandra,
    /// Neo4j, ClickHouse, vector stores…): a private container whose data lives on EFS.
    case statefulServer
    case localstack, duckdbCLI
    case proxy
    case devtool
    case observability
    case migrationTool
    case awsCLI
}

struct CatalogEntry: Sendable {
    var technology: Technology
    /// A name people know it by (`pgAdmin`, `Mailpit`).
    var product: String
    /// Image patterns (see `ImageReference.matches`).
    var images: [String]
    /// Executables in a healthcheck that identify it (`pg_isready`).
    var healthTools: [String] = []
    /// Service or build-context names that identify it when the port also matches.
    var names: [String] = []
    var ports: [Int] = []
    /// For dev tools and observability: what replaces it on AWS or why it is not deployed.
    var note: String? = nil
}

enum ImageCatalog {
    static let entries: [CatalogEntry] = [
        CatalogEntry(technology: .postgres, product: "PostgreSQL",
                     images: ["postgres", "postgis/postgis", "bitnami/postgresql", "bitnami/postgresql-repmgr",
                              "timescale/timescaledb*", "pgvector/pgvector", "ankane/pgvector", "supabase/postgres",
                              "cimg/postgres", "circleci/postgres", "postgresql", "crunchydata/crunchy-postgres*",
                              "paradedb/paradedb", "tensorchord/pgvecto-rs"],
                     healthTools: ["pg_isready"], names: ["postgres", "postgresql", "pg", "postgis"], ports: [5432]),
        CatalogEntry(technology: .mysql, product: "MySQL",
                     images: ["mysql", "bitnami/mysql", "mysql/mysql-server", "percona", "percona/percona-server",
                              "cimg/mysql", "circleci/mysql"],
                     healthTools: ["mysqladmin"], names: ["mysql"], ports: [3306]),
        CatalogEntry(technology: .mariadb, product: "MariaDB",
                     images: ["mariadb", "bitnami/mariadb", "linuxserver/mariadb", "yobasystems/alpine-mariadb"],
                     healthTools: ["healthcheck.sh"], names: ["mariadb"], ports: [3306]),
        CatalogEntry(technology: .redis, product: "Redis",
                     images: ["redis", "bitnami/redis", "redis/redis-stack", "redis/redis-stack-server", "redislabs/*",
                              "eqalpha/keydb", "dragonflydb/dragonfly", "cimg/redis", "circleci/redis"],
                     healthTools: ["redis-cli"], names: ["redis", "keydb", "dragonfly"], ports: [6379]),
        CatalogEntry(technology: .valkey, product: "Valkey",
                     images: ["valkey/valkey", "bitnami/valkey", "valkey"],
                     healthTools: ["valkey-cli"], names: ["valkey"], ports: [6379]),
        CatalogEntry(technology: .memcached, product: "Memcached",
                     images: ["memcached", "bitnami/memcached"], names: ["memcached", "memcache"], ports: [11211]),
        CatalogEntry(technology: .minio, product: "MinIO",
                     images: ["minio/minio", "bitnami/minio", "minio", "quay.io/minio/minio", "zenko/cloudserver",
                              "scality/s3server", "chrislusf/seaweedfs", "adobe/s3mock", "garage*"],
                     names: ["minio", "s3", "objectstore", "object-storage"], ports: [9000]),
        CatalogEntry(technology: .minioClient, product: "MinIO Client", images: ["minio/mc", "bitnami/minio-client", "mc"]),
        CatalogEntry(technology: .dynamodbLocal, product: "DynamoDB Local",
                     images: ["amazon/dynamodb-local", "dynamodb-local", "instructure/dynamo-local-admin"],
                     names: ["dynamodb", "dynamodb-local", "dynamo", "ddb"], ports: [8000]),
        CatalogEntry(technology: .mqttBroker, product: "MQTT broker",
                     images: ["eclipse-mosquitto", "mosquitto", "emqx/emqx", "emqx", "hivemq/hivemq4", "hivemq/hivemq-ce",
                              "vernemq/vernemq", "toke/mosquitto", "iegomez/mosquitto-go-auth"],
                     healthTools: ["mosquitto_sub", "mosquitto_pub", "emqx"], names: ["mosquitto", "mqtt", "emqx", "hivemq", "vernemq", "broker-mqtt"],
                     ports: [1883, 8883]),
        CatalogEntry(technology: .mongo, product: "MongoDB",
                     images: ["mongo", "mongodb/mongodb-community-server", "bitnami/mongodb", "mongodb/mongodb-enterprise-server", "percona/percona-server-mongodb"],
                     healthTools: ["mongosh", "mongo"], names: ["mongo", "mongodb"], ports: [27017]),
        CatalogEntry(technology: .rabbitmq, product: "RabbitMQ",
                     images: ["rabbitmq", "bitnami/rabbitmq"], healthTools: ["rabbitmq-diagnostics", "rabbitmqctl"],
                     names: ["rabbitmq", "rabbit", "amqp"], ports: [5672]),
        CatalogEntry(technology: .activemq, product: "ActiveMQ",
                     images: ["apache/activemq-classic", "apache/activemq-artemis", "rmohr/activemq", "webcenter/activemq", "symptoma/activemq"],
                     names: ["activemq", "artemis"], ports: [61616]),
        CatalogEntry(technology: .kafka, product: "Apache Kafka",
                     images: ["confluentinc/cp-kafka", "confluentinc/cp-server", "bitnami/kafka", "apache/kafka", "apache/kafka-native",
                              "wurstmeister/kafka", "redpandadata/redpanda", "vectorized/redpanda", "docker.redpanda.com/redpandadata/redpanda",
                              "ubuntu/kafka", "confluentinc/confluent-local"],
                     healthTools: ["kafka-topics", "kafka-broker-api-versions", "rpk"], names: ["kafka", "redpanda"], ports: [9092]),
        CatalogEntry(technology: .zookeeper, product: "ZooKeeper",
                     images: ["zookeeper", "confluentinc/cp-zookeeper", "bitnami/zookeeper", "wurstmeister/zookeeper"],
                     names: ["zookeeper", "zoo"], ports: [2181]),
        CatalogEntry(technology: .elasticsearch, product: "Elasticsearch",
                     images: ["elasticsearch", "elasticsearch/elasticsearch", "bitnami/elasticsearch", "elastic/elasticsearch"],
                     names: ["elasticsearch", "elastic", "es"], ports: [9200]),
        CatalogEntry(technology: .statefulServer, product: "SQL Server",
                     images: ["mcr.microsoft.com/mssql/server", "mssql/server", "azure-sql-edge", "microsoft/mssql-server-linux"],
                     names: ["mssql", "sqlserver", "sqldata"], ports: [1433]),
        CatalogEntry(technology: .statefulServer, product: "Cassandra", images: ["cassandra", "bitnami/cassandra", "scylladb/scylla"], ports: [9042]),
        CatalogEntry(technology: .statefulServer, product: "Neo4j", images: ["neo4j", "memgraph/memgraph*", "falkordb/falkordb"], ports: [7687]),
        CatalogEntry(technology: .statefulServer, product: "ClickHouse", images: ["clickhouse/clickhouse-server", "yandex/clickhouse-server", "altinity/clickhouse-server"],
                     names: ["clickhouse"], ports: [8123]),
        CatalogEntry(technology: .statefulServer, product: "InfluxDB", images: ["influxdb", "bitnami/influxdb"], ports: [8086]),
        CatalogEntry(technology: .statefulServer, product: "CouchDB", images: ["couchdb", "bitnami/couchdb", "couchbase", "couchbase/server"], ports: [5984]),
        CatalogEntry(technology: .statefulServer, product: "Qdrant", images: ["qdrant/qdrant"], ports: [6333]),
        CatalogEntry(technology: .statefulServer, product: "Weaviate", images: ["semitechnologies/weaviate", "cr.weaviate.io/semitechnologies/weaviate"], ports: [8080]),
        CatalogEntry(technology: .statefulServer, product: "Milvus", images: ["milvusdb/milvus"], ports: [19530]),
        CatalogEntry(technology: .statefulServer, product: "Chroma", images: ["chromadb/chroma", "ghcr.io/chroma-core/chroma"], ports: [8000]),
        CatalogEntry(technology: .statefulServer, product: "Meilisearch", images: ["getmeili/meilisearch"], ports: [7700]),
        CatalogEntry(technology: .statefulServer, product: "Typesense", images: ["typesense/typesense"], ports: [8108]),
        CatalogEntry(technology: .statefulServer, product: "etcd", images: ["quay.io/coreos/etcd", "bitnami/etcd", "gcr.io/etcd-development/etcd"], ports: [2379]),
        CatalogEntry(technology: .statefulServer, product: "Solr", images: ["solr", "bitnami/solr"], ports: [8983]),
        CatalogEntry(technology: .statefulServer, product: "ArangoDB", images: ["arangodb", "arangodb/arangodb"], ports: [8529]),
        CatalogEntry(technology: .statefulServer, product: "SurrealDB", images: ["surrealdb/surrealdb"], ports: [8000]),
        CatalogEntry(technology: .statefulServer, product: "NATS", images: ["nats", "bitnami/nats"], ports: [4222]),
        CatalogEntry(technology: .statefulServer, product: "Pulsar", images: ["apachepulsar/pulsar"], ports: [6650]),
        CatalogEntry(technology: .statefulServer, product: "Dgraph", images: ["dgraph/dgraph", "dgraph/standalone"], ports: [8080]),
        CatalogEntry(technology: .statefulServer, product: "TDengine", images: ["tdengine/tdengine"], ports: [6030]),
        CatalogEntry(technology: .statefulServer, product: "QuestDB", images: ["questdb/questdb"], ports: [9000]),
        CatalogEntry(technology: .opensearch, product: "OpenSearch",
                     images: ["opensearchproject/opensearch", "bitnami/opensearch"], names: ["opensearch"], ports: [9200]),
        CatalogEntry(technology: .localstack, product: "LocalStack", images: ["localstack/localstack", "localstack/localstack-pro"],
                     names: ["localstack"], ports: [4566],
                     note: "LocalStack emulates AWS locally; on AWS the real services replace it"),
        CatalogEntry(technology: .duckdbCLI, product: "DuckDB CLI", images: ["*duckdb*"],
                     note: "DuckDB is an embedded database file opened by a CLI, not a server: nothing to run on AWS; keep the file in S3 or query it with Athena"),
        CatalogEntry(technology: .proxy, product: "reverse proxy",
                     images: ["nginx", "nginxinc/nginx-unprivileged", "bitnami/nginx", "openresty/openresty", "traefik", "caddy",
                              "haproxy", "envoyproxy/envoy", "httpd", "jwilder/nginx-proxy", "nginxproxy/nginx-proxy",
                              "jc21/nginx-proxy-manager", "kong", "kong/kong-gateway", "h2non/imaginary-proxy"],
                     names: ["nginx", "proxy", "traefik", "caddy", "haproxy", "reverse-proxy", "lb", "loadbalancer", "envoy"]),
        CatalogEntry(technology: .migrationTool, product: "migration tool",
                     images: ["flyway/flyway", "flyway", "liquibase/liquibase", "liquibase", "migrate/migrate", "amacneil/dbmate",
                              "arigaio/atlas", "boxfuse/flyway", "sqitch/sqitch"]),
        CatalogEntry(technology: .awsCLI, product: "AWS CLI", images: ["amazon/aws-cli", "aws-cli", "garland/aws-cli-docker"]),
        // Development tools: useful locally, never deployed.
        devtool("pgAdmin", ["dpage/pgadmin4", "pgadmin4", "pgadmin"], "use RDS Query Editor or a bastion session"),
        devtool("Adminer", ["adminer", "michalhosna/adminer"], "use RDS Query Editor or a bastion session"),
        devtool("phpMyAdmin", ["phpmyadmin", "phpmyadmin/phpmyadmin"], "use RDS Query Editor or a bastion session"),
        devtool("Mongo Express", ["mongo-express"], "use the DocumentDB console or a bastion session"),
        devtool("MailHog", ["mailhog/mailhog", "mailhog"], "send mail through Amazon SES"),
        devtool("Mailpit", ["axllent/mailpit", "mailpit"], "send mail through Amazon SES"),
        devtool("MailDev", ["maildev/maildev", "djfarrelly/maildev", "maildev"], "send mail through Amazon SES"),
        devtool("smtp4dev", ["rnwood/smtp4dev"], "send mail through Amazon SES"),
        devtool("Redis Commander", ["rediscommander/redis-commander", "redis-commander"], "use the ElastiCache console"),
        devtool("RedisInsight", ["redislabs/redisinsight", "redis/redisinsight", "redisinsight"], "use the ElastiCache console"),
        devtool("DynamoDB Admin", ["aaronshaf/dynamodb-admin", "dynamodb-admin"], "use the DynamoDB console"),
        devtool("Swagger UI", ["swaggerapi/swagger-ui", "swagger-ui", "swaggerapi/swagger-editor"], "serve the API's own /docs or publish the OpenAPI file"),
        devtool("Jupyter", ["jupyter/*", "quay.io/jupyter/*", "jupyterhub/*", "jupyter"], "use SageMaker Studio or run notebooks locally"),
        devtool("File Browser", ["filebrowser/filebrowser", "filebrowser", "hurlenko/filebrowser"], "use the S3 console"),
        devtool("Kafka UI", ["provectuslabs/kafka-ui", "kafbat/kafka-ui", "obsidiandynamics/kafdrop", "kafdrop", "redpandadata/console"], "use the MSK console"),
        devtool("RabbitMQ management", ["rabbitmq-management"], "use the Amazon MQ console"),
        devtool("Portainer", ["portainer/portainer-ce", "portainer/portainer", "portainer/agent"], "use the ECS console"),
        devtool("Dozzle", ["amir20/dozzle"], "use CloudWatch Logs"),
        devtool("Kibana", ["kibana", "kibana/kibana", "opensearchproject/opensearch-dashboards"], "OpenSearch Dashboards comes with the managed domain"),
        devtool("Selenium", ["selenium/*"], "run browser tests in CI"),
        devtool("ngrok", ["ngrok/ngrok", "wernight/ngrok"], "the load balancer gives a public URL"),
        devtool("WireMock", ["wiremock/wiremock", "rodolpheche/wiremock"], "mocks are for local testing"),
        devtool("Mockserver", ["mockserver/mockserver"], "mocks are for local testing"),
        devtool("Firebase emulator", ["*firebase-emulator*", "andreysenov/firebase-tools"], "emulators are for local testing"),
        devtool("Google Cloud emulator", ["*cloudsdktool*", "google/cloud-sdk", "*firestore-emulator*", "*pubsub-emulator*",
                                          "*datastore-emulator*", "*gcs-emulator*", "fsouza/fake-gcs-server", "*firebase-tools*"],
                "emulators are for local testing: the app uses the AWS service that replaces the Google one"),
        devtool("Azurite", ["mcr.microsoft.com/azure-storage/azurite", "azure-storage/azurite"], "emulators are for local testing"),
        devtool("Watchtower", ["containrrr/watchtower"], "ECS deployments replace image auto-updates"),
        devtool("Autoheal", ["willfarrell/autoheal"], "ECS replaces unhealthy tasks itself"),
        // Observability stacks: CloudWatch (logs, metrics, alarms, dashboards) and X-Ray replace them.
        observability("Prometheus", ["prom/prometheus", "prometheus", "bitnami/prometheus"]),
        observability("Grafana", ["grafana/grafana", "grafana/grafana-oss", "grafana/grafana-enterprise", "grafana"]),
        observability("Loki", ["grafana/loki", "loki"]),
        observability("Promtail", ["grafana/promtail", "promtail"]),
        observability("Tempo", ["grafana/tempo"]),
        observability("Alertmanager", ["prom/alertmanager", "alertmanager"]),
        observability("Jaeger", ["jaegertracing/*"]),
        observability("Zipkin", ["openzipkin/zipkin"]),
        observability("OpenTelemetry Collector", ["otel/opentelemetry-collector*", "otel/opentelemetry-collector-contrib"]),
        observability("cAdvisor", ["gcr.io/cadvisor/cadvisor", "google/cadvisor", "cadvisor/cadvisor", "cadvisor"]),
        observability("Node exporter", ["prom/node-exporter", "node-exporter", "quay.io/prometheus/node-exporter"]),
        observability("Postgres exporter", ["prometheuscommunity/postgres-exporter", "wrouesnel/postgres_exporter"]),
        observability("Redis exporter", ["oliver006/redis_exporter"]),
        observability("Fluentd", ["fluent/fluentd", "fluentd", "fluent/fluent-bit"]),
        observability("Logstash", ["logstash", "logstash/logstash"]),
        observability("Filebeat", ["elastic/filebeat", "filebeat", "beats/filebeat"]),
        observability("Vector", ["timberio/vector"]),
        observability("Uptime Kuma", ["louislam/uptime-kuma"]),
    ]

    private static func devtool(_ product: String, _ images: [String], _ instead: String) -> CatalogEntry {
        CatalogEntry(technology: .devtool, product: product, images: images, note: instead)
    }

    private static func observability(_ product: String, _ images: [String]) -> CatalogEntry {
        CatalogEntry(technology: .observability, product: product, images: images,
                     note: "CloudWatch Logs, metrics, alarms and the dashboard ferry creates replace it")
    }

    /// The entry whose image patterns match.
    static func match(image: ImageReference) -> CatalogEntry? {
        // Longer (more specific) patterns first so `minio/mc` wins over `minio`.
        var best: (entry: CatalogEntry, score: Int)?
        for entry in entries {
            for pattern in entry.images where image.matches(pattern) {
                let score = pattern.count + (image.repository == pattern ? 100 : 0)
                if let current = best, current.score >= score { continue }
                best = (entry, score)
            }
        }
        return best?.entry
    }

    /// The entry whose healthcheck tool appears in the given command words.
    static func match(healthcheckWords words: [String]) -> CatalogEntry? {
        let names = Set(words.map { ($0.split(separator: "/").last.map(String.init) ?? $0).lowercased() })
        return entries.first { !$0.healthTools.isEmpty && !names.isDisjoint(with: $0.healthTools) }
    }

    /// The entry whose name (service or build context) and port both match.
    static func match(names: [String], ports: [Int]) -> CatalogEntry? {
        let lowered = Set(names.map { $0.lowercased() })
        return entries.first { e in
            !e.names.isEmpty && !lowered.isDisjoint(with: e.names) && (e.ports.isEmpty || !Set(ports).isDisjoint(with: e.ports))
        }
    }
}
