import XCTest
import ComposeKit
import Blueprint
import Planner

/// Google Cloud and Firebase use, read from the compose files and the build contexts' manifests and
/// imports, planned onto Cognito, DynamoDB, S3 and Secrets Manager with the code changes listed.
final class GoogleCloudPlanTests: XCTestCase {
    private func load(_ dir: URL) throws -> Project {
        try ComposeLoader.load(LoadOptions(files: [dir.appendingPathComponent("compose.yaml").path], projectDirectory: dir.path,
                                           environment: [:], currentDirectory: dir.path))
    }

    private func scratch(_ files: [String: String]) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-gcp-\(UUID().uuidString)")
        for (path, text) in files {
            let url = dir.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        return dir
    }

    func testClarityFullPlansFirebaseAuthOntoCognitoAndKeepsGemini() throws {
        guard let s = try StackLoading.seeds().first(where: { $0.name == "seed-clarity-backend-full" }) else {
            throw XCTSkip("clarity-backend-full not in stacks.tsv")
        }
        let b = try StackLoading.plan(s)
        let pool = try XCTUnwrap(b.userPools?.first)
        XCTAssertEqual(pool.clients, ["clarity-backend"])
        XCTAssertFalse(pool.deletionProtection, "mvp pools are disposable")
        XCTAssertTrue(try StackLoading.plan(s, tier: .prod).userPools?.first?.deletionProtection ?? false)
        XCTAssertEqual(b.env("clarity-backend", "COGNITO_USER_POOL_ID")?.value, .reference(ResourceReference(kind: .userPool, name: "users", attribute: "id")))
        XCTAssertNotNil(b.env("clarity-backend", "COGNITO_CLIENT_ID"))
        // DynamoDB Local and MinIO already stand in for Firestore and Cloud Storage.
        XCTAssertEqual(b.target("dynamodb-local"), .dynamodb)
        XCTAssertEqual(b.target("minio"), .s3)
        let changes = b.codeChanges ?? []
        XCTAssertEqual(changes.map(\.from), ["Firebase Authentication", "Gemini API"])
        let gemini = try XCTUnwrap(changes.first { $0.from == "Gemini API" })
        XCTAssertTrue(gemini.sites.contains { $0.position?.file == "pyproject.toml" && ($0.value ?? "").contains("google-generativeai") })
        XCTAssertTrue(b.findings.contains { $0.id == "FERRY-PLAN-GCP-CODE" && $0.message.contains("Firebase Authentication") })
        XCTAssertEqual(ResourceCounter.count(b)["AWS::Cognito::UserPool"], 1)
    }

    func testNodeFirebaseExampleMapsCollectionsBucketsAndAuth() throws {
        let dir = StackLoading.repoRoot.appendingPathComponent("examples/firebase")
        let b = Planner.plan(try load(dir))
        XCTAssertEqual(b.role("emulators"), .devtool)
        XCTAssertEqual(Set(b.tables.map(\.name)), ["notes", "users", "words"])
        XCTAssertTrue(b.tables.allSatisfy { $0.partitionKey.name == "id" && !$0.keysAreDefault })
        XCTAssertEqual(b.table(named: "notes")?.clients, ["api", "indexer"], "both services name the collection")
        XCTAssertEqual(b.table(named: "users")?.clients, ["api"])
        XCTAssertEqual(b.buckets.map(\.bucketNameHint), ["notes-attachments"])
        XCTAssertEqual(b.userPools?.map(\.name), ["users"])
        XCTAssertEqual(b.env("api", "FIRESTORE_EMULATOR_HOST")?.disposition, .removed)
        XCTAssertNotNil(b.env("api", "DYNAMODB_TABLE_NOTES"))
        let auth = try XCTUnwrap(b.codeChanges?.first { $0.from == "Firebase Authentication" })
        XCTAssertTrue(auth.sites.contains { $0.position?.file == "api/src/server.js" && $0.position?.line == 2 })
        XCTAssertTrue(b.roles.contains { $0.workload == "api" && $0.statements.contains { $0.sid == "ManageUsers" } })
        let markdown = PlanFormatter.markdown(b)
        XCTAssertTrue(markdown.contains("### api: Cloud Firestore → Amazon DynamoDB"))
        XCTAssertFalse(markdown.contains(dir.path), "paths are relative to the project")
    }

    func testGoPubSubAndPythonFirestoreAreGeneral() throws {
        let dir = try scratch([
            "compose.yaml": """
            services:
              worker:
                build: ./worker
                environment:
                  PUBSUB_EMULATOR_HOST: pubsub:8085
                  GOOGLE_APPLICATION_CREDENTIALS: /secrets/key.json
              api:
                build: ./api
                ports: ["8000:8000"]
                environment:
                  DATASTORE_EMULATOR_HOST: datastore:8081
              pubsub:
                image: messagebird/gcloud-pubsub-emulator:latest
                command: gcloud beta emulators pubsub start --host-port=0.0.0.0:8085
            """,
            "worker/go.mod": "module example.com/worker\n\nrequire (\n\tcloud.google.com/go/pubsub v1.36.1\n\tcloud.google.com/go/secretmanager v1.11.5\n)\n",
            "worker/main.go": "package main\n\nimport (\n\t\"context\"\n\n\t\"cloud.google.com/go/pubsub\"\n)\n\nfunc main() {\n\tc, _ := pubsub.NewClient(context.Background(), \"p\")\n\tc.Subscription(\"orders-worker\").Receive(context.Background(), nil)\n}\n",
            "api/requirements.txt": "fastapi==0.111.0\ngoogle-cloud-firestore==2.16.0\ngoogle-cloud-storage @ git+https://deploy:s3cr3tt0ken@git.example.com/gcs.git\n",
            "api/app/db.py": "from google.cloud import firestore\n\ndb = firestore.Client()\n\ndef save(o):\n    db.collection(\"orders\").document(o[\"id\"]).set(o)\n",
        ])
        let b = Planner.plan(try load(dir))
        XCTAssertEqual(b.role("pubsub"), .devtool)
        XCTAssertEqual(b.env("worker", "PUBSUB_EMULATOR_HOST")?.disposition, .removed)
        let worker = (b.codeChanges ?? []).filter { $0.service == "worker" }
        XCTAssertEqual(worker.map(\.from), ["Cloud Pub/Sub", "Secret Manager"])
        XCTAssertTrue(worker[0].sites.contains { $0.position?.file == "worker/main.go" && $0.position?.line == 6 })
        XCTAssertEqual(b.tables.map(\.name), ["orders"])
        XCTAssertTrue(b.tables[0].clients == ["api"])
        XCTAssertTrue((b.codeChanges ?? []).contains { $0.service == "api" && $0.from == "Cloud Firestore" && $0.sites.contains { $0.position?.file == "api/app/db.py" && $0.position?.line == 1 } })
        XCTAssertNil(b.userPools)
        // The Go worker receives from orders-worker and nothing names a topic: the topic is named after
        // the subscription, flagged.
        XCTAssertEqual(b.messageTopics?.map(\.name), ["orders"])
        XCTAssertEqual(b.messageTopics?.first?.publishers, [])
        XCTAssertEqual(b.messageTopics?.first?.subscriptions.first?.consumers, ["worker"])
        XCTAssertTrue(b.findings.contains { $0.id == "FERRY-PLAN-PUBSUB-TOPIC" })
        XCTAssertFalse(PlanFormatter.blueprintJSON(b).contains("s3cr3tt0ken"), "a credential in a manifest URL is never quoted")
        // Byte-stable: the same project plans to the same JSON.
        XCTAssertEqual(PlanFormatter.blueprintJSON(b), PlanFormatter.blueprintJSON(Planner.plan(try load(dir))))
    }

    func testKeepingFirebaseAuthIsAnOverride() throws {
        let dir = try scratch([
            "compose.yaml": """
            services:
              api:
                build: ./api
                ports: ["3000:3000"]
                x-ferry:
                  auth: firebase
            """,
            "api/package.json": "{\"dependencies\": {\"firebase-admin\": \"^12.0.0\"}}\n",
        ])
        let b = Planner.plan(try load(dir))
        XCTAssertNil(b.userPools)
        XCTAssertEqual(b.codeChanges?.first?.to, "Firebase Authentication (external)")
        XCTAssertFalse(b.findings.contains { $0.id == "FERRY-PLAN-GCP-CODE" })
    }

    // MARK: Pub/Sub → SNS + SQS

    func testPubSubTopicsBecomeSNSTopicsWithAQueuePerSubscription() throws {
        let b = Planner.plan(try load(StackLoading.repoRoot.appendingPathComponent("examples/firebase")))
        let topic = try XCTUnwrap(b.messageTopics?.first)
        XCTAssertEqual(b.messageTopics?.map(\.name), ["note-events"])
        XCTAssertEqual(topic.publishers, ["api"], "the API publishes; the indexer only receives")
        XCTAssertEqual(topic.subscriptions.map(\.name), ["note-events-indexer"])
        XCTAssertEqual(topic.subscriptions.first?.consumers, ["indexer"])
        XCTAssertEqual(b.env("api", "SNS_TOPIC_ARN_NOTE_EVENTS")?.value, .reference(ResourceReference(kind: .messageTopic, name: "note-events", attribute: "arn")))
        XCTAssertEqual(b.env("indexer", "SQS_QUEUE_URL_NOTE_EVENTS_INDEXER")?.value, .reference(ResourceReference(kind: .queue, name: "note-events-indexer", attribute: "url")))
        XCTAssertNil(b.env("indexer", "SNS_TOPIC_ARN_NOTE_EVENTS"))
        XCTAssertEqual(b.env("api", "PUBSUB_EMULATOR_HOST")?.disposition, .removed)
        let publish = b.roles.first { $0.workload == "api" }?.statements.first { $0.sid == "PublishMessages" }
        XCTAssertEqual(publish?.resources, [ResourceReference(kind: .messageTopic, name: "note-events")])
        let receive = b.roles.first { $0.workload == "indexer" }?.statements.first { $0.sid == "ReceiveMessages" }
        XCTAssertEqual(receive?.resources, [ResourceReference(kind: .queue, name: "note-events-indexer")])
        XCTAssertFalse(b.roles.first { $0.workload == "indexer" }?.statements.contains { $0.sid == "PublishMessages" } ?? true)
        XCTAssertFalse(b.findings.contains { $0.id == "FERRY-PLAN-PUBSUB-TOPIC" }, "the subscription is named after its topic")
        XCTAssertEqual(b.codeChanges?.first { $0.service == "indexer" && $0.from == "Cloud Pub/Sub" }?.element, "messageTopics.note-events")
        let counts = ResourceCounter.count(b)
        XCTAssertEqual(counts["AWS::SNS::Topic"], 2, "the app's topic and the alarm topic")
        XCTAssertEqual(counts["AWS::SQS::Queue"], 2, "the subscription's queue and its dead-letter queue")
        XCTAssertEqual(counts["AWS::SQS::QueuePolicy"], 1)
    }

    func testSubscriptionsFollowTheCodeThenTheirNameAndFlagTheRest() throws {
        let dir = try scratch([
            "compose.yaml": """
            services:
              shop:
                build: ./shop
                ports: ["3000:3000"]
                environment:
                  PUBSUB_EMULATOR_HOST: pubsub:8085
              mailer:
                build: ./mailer
                environment:
                  PUBSUB_EMULATOR_HOST: pubsub:8085
              audit:
                build: ./audit
                environment:
                  PUBSUB_EMULATOR_HOST: pubsub:8085
                  AUDIT_SUBSCRIPTION: everything
            """,
            "shop/package.json": "{\"dependencies\": {\"@google-cloud/pubsub\": \"^4.4.0\"}}\n",
            "shop/index.js": "const { PubSub } = require('@google-cloud/pubsub');\nconst ps = new PubSub();\nps.topic('orders').publishMessage({ json: {} });\nps.topic('refunds').publishMessage({ json: {} });\n",
            "mailer/requirements.txt": "google-cloud-pubsub==2.21.1\n",
            "mailer/main.py": "import os\nfrom google.cloud import pubsub_v1\ns = pubsub_v1.SubscriberClient()\np = s.subscription_path(os.environ[\"PROJECT\"], \"orders-mailer\")\ns.subscribe(p, callback=print).result()\n",
            "audit/package.json": "{\"dependencies\": {\"@google-cloud/pubsub\": \"^4.4.0\"}}\n",
            "audit/index.js": "const { PubSub } = require('@google-cloud/pubsub');\nnew PubSub().topic('refunds').subscription('refund-audit').on('message', m => m.ack());\n",
        ])
        let b = Planner.plan(try load(dir))
        let topics = Dictionary(uniqueKeysWithValues: (b.messageTopics ?? []).map { ($0.name, $0) })
        XCTAssertEqual(Set(topics.keys), ["orders", "refunds"])
        XCTAssertEqual(topics["orders"]?.publishers, ["shop"])
        XCTAssertEqual(topics["refunds"]?.publishers, ["shop"], "a receiver naming a topic does not publish to it")
        XCTAssertTrue(topics["orders"]?.subscriptions.contains { $0.name == "orders-mailer" && $0.consumers == ["mailer"] } ?? false, "named after its topic")
        // The line names both; the environment's subscription has no topic in sight: flagged, on the first topic.
        XCTAssertEqual(Set(topics["refunds"]?.subscriptions.map(\.name) ?? []), ["refund-audit"])
        XCTAssertEqual(topics["orders"]?.subscriptions.contains { $0.name == "everything" } ?? false
                       || topics["refunds"]?.subscriptions.contains { $0.name == "everything" } ?? false, true)
        XCTAssertTrue(b.findings.contains { $0.id == "FERRY-PLAN-PUBSUB-TOPIC" && $0.message.contains("everything") })
        XCTAssertFalse(b.findings.contains { $0.id == "FERRY-PLAN-PUBSUB-TOPIC" && $0.message.contains("refund-audit") })
        XCTAssertNotNil(b.env("audit", "SQS_QUEUE_URL_REFUND_AUDIT"))
        XCTAssertNotNil(b.env("mailer", "SQS_QUEUE_URL_ORDERS_MAILER"))
        XCTAssertEqual(PlanFormatter.blueprintJSON(b), PlanFormatter.blueprintJSON(Planner.plan(try load(dir))))
    }
}
