/// Datastores and brokers from ferry's image catalog, each with the variables its clients set.
enum DatastoreParts {
    static let kinds = ["postgres", "postgres", "mysql", "mariadb", "redis", "redis", "memcached", "mongo", "rabbitmq",
                        "kafka", "elasticsearch", "minio", "dynamodb", "mosquitto", "localstack"]

    static func add(_ kind: String, to d: inout ProjectDraft) {
        switch kind {
        case "postgres": postgres(&d)
        case "mysql", "mariadb": mysql(&d, maria: kind == "mariadb")
        case "redis": redis(&d)
        case "memcached": simple(&d, names: ["memcached", "memcache"], image: "memcached:1.6-alpine", port: 11211,
                                 client: { [("MEMCACHED_HOST", $0), ("MEMCACHED_PORT", "11211")] })
        case "mongo": mongo(&d)
        case "rabbitmq": rabbitmq(&d)
        case "kafka": kafka(&d)
        case "elasticsearch": elasticsearch(&d)
        case "minio": minio(&d)
        case "dynamodb": simple(&d, names: ["dynamodb", "dynamodb-local", "ddb"], image: "amazon/dynamodb-local:latest", port: 8000,
                                command: .texts(["-jar", "DynamoDBLocal.jar", "-sharedDb", "-inMemory"]),
                                client: { [("DYNAMODB_ENDPOINT", "http://\($0):8000"), ("AWS_REGION", "us-east-1")] })
        case "mosquitto": mosquitto(&d)
        default: simple(&d, names: ["localstack"], image: "localstack/localstack:3", port: 4566,
                        client: { [("AWS_ENDPOINT_URL", "http://\($0):4566")] })
        }
    }

    private static func finish(_ s: inout ServiceSpec, _ d: inout ProjectDraft, port: Int, dataPath: String?, client: [(String, String)]) {
        s.servedPort = port
        let p = d.ports(for: port, publishChance: 0.35)
        s.ports = p.ports
        s.expose = p.expose
        s.restart = d.restartPolicy()
        if let dataPath, d.rng.chance(0.75) {
            if d.rng.chance(0.8) {
                s.volumes.append(.text("\(d.namedVolume(s.name + "-data")):\(dataPath)"))
            } else {
                s.volumes.append(.text("./data/\(s.name):\(dataPath)"))
            }
        }
        d.clientEnvironment[s.name] = client
        d.services.append(s)
    }

    private static func health(_ test: [String]) -> YAMLNode {
        .map([("test", .texts(test)), ("interval", .text("10s")), ("timeout", .text("5s")), ("retries", .number(5))])
    }

    private static func postgres(_ d: inout ProjectDraft) {
        let name = d.freshName(d.rng.pick(["db", "postgres", "database", "pg"]))
        var s = ServiceSpec(name, image: d.rng.pick(["postgres:16", "postgres:15-alpine", "postgis/postgis:16-3.4", "pgvector/pgvector:pg16"]))
        let password = d.secretReference("POSTGRES_PASSWORD")
        s.environment = [("POSTGRES_USER", "app"), ("POSTGRES_PASSWORD", password), ("POSTGRES_DB", "app")]
        if d.rng.chance(0.7) {
            s.healthcheck = d.rng.chance(0.5) ? health(["CMD-SHELL", "pg_isready -U app -d app"]) : health(["CMD", "pg_isready", "-U", "app"])
        }
        let client: [(String, String)] = d.rng.chance(0.5)
            ? [("DATABASE_URL", "postgres://app:\(password)@\(name):5432/app")]
            : [("DB_HOST", name), ("DB_PORT", "5432"), ("DB_USER", "app"), ("DB_PASSWORD", password), ("DB_NAME", "app")]
        finish(&s, &d, port: 5432, dataPath: "/var/lib/postgresql/data", client: client)
    }

    private static func mysql(_ d: inout ProjectDraft, maria: Bool) {
        let name = d.freshName(maria ? "mariadb" : d.rng.pick(["mysql", "db"]))
        var s = ServiceSpec(name, image: maria ? "mariadb:11" : d.rng.pick(["mysql:8.0", "mysql:8.4"]))
        let password = d.secretReference("MYSQL_PASSWORD")
        s.environment = [("MYSQL_DATABASE", "app"), ("MYSQL_USER", "app"), ("MYSQL_PASSWORD", password),
                         ("MYSQL_ROOT_PASSWORD", d.secretReference("MYSQL_ROOT_PASSWORD"))]
        if d.rng.chance(0.6) { s.healthcheck = health(["CMD", "mysqladmin", "ping", "-h", "localhost"]) }
        finish(&s, &d, port: 3306, dataPath: "/var/lib/mysql",
               client: [("DATABASE_URL", "mysql://app:\(password)@\(name):3306/app")])
    }

    private static func redis(_ d: inout ProjectDraft) {
        let name = d.freshName(d.rng.pick(["redis", "cache"]))
        var s = ServiceSpec(name, image: d.rng.pick(["redis:7-alpine", "redis:7.2", "valkey/valkey:8"]))
        if d.rng.chance(0.3) { s.command = .text("redis-server --appendonly yes") }
        if d.rng.chance(0.5) { s.healthcheck = health(["CMD", "redis-cli", "ping"]) }
        let client: [(String, String)] = d.rng.chance(0.6) ? [("REDIS_URL", "redis://\(name):6379/0")] : [("REDIS_HOST", name), ("REDIS_PORT", "6379")]
        finish(&s, &d, port: 6379, dataPath: d.rng.chance(0.5) ? "/data" : nil, client: client)
    }

    private static func mongo(_ d: inout ProjectDraft) {
        let name = d.freshName(d.rng.pick(["mongo", "mongodb"]))
        var s = ServiceSpec(name, image: d.rng.pick(["mongo:7", "mongo:6.0"]))
        let password = d.secretReference("MONGO_PASSWORD")
        s.environment = [("MONGO_INITDB_ROOT_USERNAME", "root"), ("MONGO_INITDB_ROOT_PASSWORD", password)]
        if d.rng.chance(0.4) { s.healthcheck = health(["CMD", "mongosh", "--eval", "db.adminCommand('ping')"]) }
        finish(&s, &d, port: 27017, dataPath: "/data/db", client: [("MONGO_URL", "mongodb://root:\(password)@\(name):27017/app?authSource=admin")])
    }

    private static func rabbitmq(_ d: inout ProjectDraft) {
        let name = d.freshName(d.rng.pick(["rabbitmq", "rabbit", "mq"]))
        var s = ServiceSpec(name, image: d.rng.pick(["rabbitmq:3-management", "rabbitmq:3.13"]))
        let password = d.secretReference("RABBITMQ_PASSWORD")
        s.environment = [("RABBITMQ_DEFAULT_USER", "app"), ("RABBITMQ_DEFAULT_PASS", password)]
        if d.rng.chance(0.4) { s.healthcheck = health(["CMD", "rabbitmq-diagnostics", "-q", "ping"]) }
        finish(&s, &d, port: 5672, dataPath: "/var/lib/rabbitmq", client: [("AMQP_URL", "amqp://app:\(password)@\(name):5672/")])
    }

    private static func kafka(_ d: inout ProjectDraft) {
        let zk = d.freshName("zookeeper")
        var z = ServiceSpec(zk, image: "confluentinc/cp-zookeeper:7.6.0")
        z.environment = [("ZOOKEEPER_CLIENT_PORT", "2181"), ("ZOOKEEPER_TICK_TIME", "2000")]
        finish(&z, &d, port: 2181, dataPath: nil, client: [("ZOOKEEPER_CONNECT", "\(zk):2181")])
        let name = d.freshName("kafka")
        var s = ServiceSpec(name, image: d.rng.pick(["confluentinc/cp-kafka:7.6.0", "bitnami/kafka:3.7"]))
        s.dependsOn = [(zk, nil)]
        s.environment = [("KAFKA_BROKER_ID", "1"), ("KAFKA_ZOOKEEPER_CONNECT", "\(zk):2181"),
                         ("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://\(name):9092"), ("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")]
        finish(&s, &d, port: 9092, dataPath: nil, client: [("KAFKA_BROKERS", "\(name):9092")])
    }

    private static func elasticsearch(_ d: inout ProjectDraft) {
        let name = d.freshName(d.rng.pick(["elasticsearch", "es", "search"]))
        var s = ServiceSpec(name, image: "elasticsearch:8.13.0")
        s.environment = [("discovery.type", "single-node"), ("xpack.security.enabled", "false"), ("ES_JAVA_OPTS", "-Xms512m -Xmx512m")]
        if d.rng.chance(0.4) { s.healthcheck = health(["CMD-SHELL", "curl -fs http://localhost:9200/_cluster/health || exit 1"]) }
        finish(&s, &d, port: 9200, dataPath: "/usr/share/elasticsearch/data", client: [("ELASTICSEARCH_URL", "http://\(name):9200")])
    }

    private static func minio(_ d: inout ProjectDraft) {
        let name = d.freshName(d.rng.pick(["minio", "s3", "storage"]))
        var s = ServiceSpec(name, image: d.rng.pick(["minio/minio:latest", "quay.io/minio/minio", "bitnami/minio:2024"]))
        s.command = .text("server /data --console-address :9001")
        let password = d.secretReference("MINIO_ROOT_PASSWORD")
        s.environment = [("MINIO_ROOT_USER", "minioadmin"), ("MINIO_ROOT_PASSWORD", password)]
        if d.rng.chance(0.5) { s.healthcheck = health(["CMD", "curl", "-f", "http://localhost:9000/minio/health/live"]) }
        if d.rng.chance(0.4) { s.ports.append(.text("\(d.hostPort(preferring: 9001)):9001")) }
        let extra = s.ports
        finish(&s, &d, port: 9000, dataPath: "/data",
               client: [("S3_ENDPOINT", "http://\(name):9000"), ("S3_ACCESS_KEY", "minioadmin"), ("S3_SECRET_KEY", password),
                        ("S3_BUCKET", "uploads")])
        if !extra.isEmpty, let i = d.services.lastIndex(where: { $0.name == name }) { d.services[i].ports = extra + d.services[i].ports }
    }

    private static func mosquitto(_ d: inout ProjectDraft) {
        let name = d.freshName(d.rng.pick(["mosquitto", "mqtt", "broker-mqtt"]))
        var s = ServiceSpec(name, image: d.rng.pick(["eclipse-mosquitto:2", "eclipse-mosquitto:2.0.18"]))
        if d.rng.chance(0.5) { s.volumes.append(.text("./mosquitto/mosquitto.conf:/mosquitto/config/mosquitto.conf:ro")) }
        d.files["mosquitto/mosquitto.conf"] = "listener 1883\nallow_anonymous true\n"
        finish(&s, &d, port: 1883, dataPath: "/mosquitto/data", client: [("MQTT_URL", "mqtt://\(name):1883")])
    }

    private static func simple(_ d: inout ProjectDraft, names: [String], image: String, port: Int, command: YAMLNode? = nil,
                               client: (String) -> [(String, String)]) {
        let name = d.freshName(d.rng.pick(names))
        var s = ServiceSpec(name, image: image)
        s.command = command
        finish(&s, &d, port: port, dataPath: nil, client: client(name))
    }
}
