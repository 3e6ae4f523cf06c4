/// Services that run once and exit: migrations, bucket creation, seeding.
enum OneShotParts {
    static func add(_ d: inout ProjectDraft) {
        let stores = d.datastoreNames
        let buckets = d.services.filter { s in
            stores.contains(s.name) && ["minio", "localstack"].contains { (s.image ?? "").contains($0) }
        }
        var options = ["migrate"]
        if !buckets.isEmpty { options += ["buckets", "buckets"] }
        switch d.rng.pick(options) {
        case "buckets": createBuckets(&d, store: buckets[0])
        default: migrate(&d, stores: stores)
        }
    }

    private static func oneShot(_ s: inout ServiceSpec, _ d: inout ProjectDraft) {
        s.isOneShot = true
        s.restart = d.rng.pick([nil, "no", "on-failure"])
    }

    private static func migrate(_ d: inout ProjectDraft, stores: [String]) {
        let name = d.freshName(d.rng.pick(["migrate", "migrations", "db-migrate", "seed"]))
        var s: ServiceSpec
        if d.rng.chance(0.2) {
            s = ServiceSpec(name, image: "flyway/flyway:10")
            s.command = .text("-url=jdbc:postgresql://db:5432/app -user=app migrate")
            s.volumes = [.text("./migrations:/flyway/sql:ro")]
            d.files["migrations/V1__init.sql"] = "create table t (id int);\n"
        } else {
            // Migrations usually reuse the API's build.
            let api = d.services.first { $0.build != nil && !$0.isOneShot }
            s = api.map { a in var c = ServiceSpec(name, image: a.image); c.build = a.build; c.environment = a.environment; return c }
                ?? AppParts.source(name, &d)
            s.command = .text(d.rng.pick(["alembic upgrade head", "npm run migrate", "python manage.py migrate --noinput",
                                          "bundle exec rails db:migrate", "npx prisma migrate deploy"]))
        }
        if let store = stores.first {
            let healthy = d.services.first { $0.name == store }?.hasHealthcheck == true
            s.dependsOn = [(store, healthy ? "service_healthy" : "service_started")]
            for (k, v) in d.clientEnvironment[store] ?? [] where !s.environment.contains(where: { $0.0 == k }) { s.environment.append((k, v)) }
        }
        oneShot(&s, &d)
        d.services.append(s)
        // The apps wait for it.
        for i in d.services.indices where d.services[i].servedPort != nil && d.services[i].build != nil && !d.services[i].isOneShot
            && d.clientEnvironment[d.services[i].name] == nil && d.rng.chance(0.7) {
            d.services[i].dependsOn.append((name, "service_completed_successfully"))
        }
    }

    private static func createBuckets(_ d: inout ProjectDraft, store: ServiceSpec) {
        let name = d.freshName(d.rng.pick(["createbuckets", "minio-init", "init-s3"]))
        var s: ServiceSpec
        let endpoint = "http://\(store.name):\(store.servedPort ?? 9000)"
        if d.rng.chance(0.6) {
            s = ServiceSpec(name, image: d.rng.pick(["minio/mc", "minio/mc:latest", "bitnami/minio-client"]))
            s.entrypoint = .texts(["/bin/sh", "-c"])
            s.command = .texts(["mc alias set local \(endpoint) minioadmin $${MINIO_ROOT_PASSWORD} && mc mb -p local/uploads && mc anonymous set download local/uploads"])
            s.environment = [("MINIO_ROOT_PASSWORD", d.secretReference("MINIO_ROOT_PASSWORD"))]
        } else {
            s = ServiceSpec(name, image: "amazon/aws-cli:2.15.0")
            s.command = .text("--endpoint-url \(endpoint) s3 mb s3://uploads")
            s.environment = [("AWS_ACCESS_KEY_ID", "test"), ("AWS_SECRET_ACCESS_KEY", "test"), ("AWS_DEFAULT_REGION", "us-east-1")]
        }
        s.dependsOn = [(store.name, store.hasHealthcheck ? "service_healthy" : nil)]
        oneShot(&s, &d)
        d.services.append(s)
    }
}
