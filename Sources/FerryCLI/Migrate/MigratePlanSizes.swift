import AWSKit
import Foundation
import Migrator

/// How `migrate plan` measures a step's source. URLs here may hold the Compose project's own
/// password (the service's environment): they reach the probe and nothing else.
enum SourceProbe: Sendable, Equatable {
    case none
    case minio(MinIOService)
    case directory(String)
    case postgres(String)
    case mysql(String)
    case dynamoDBLocal(endpoint: String, table: String)
}

extension MigratePlanCommand {
    /// Seconds a probe may take: a source that is not running answers at once (connection refused);
    /// one that does not answer, or a listing too long to finish, is reported as unknown after this.
    static let probeTimeout: Double = 15

    /// The steps with their sizes, estimated times and threshold findings, probed in parallel.
    static func measured(_ steps: [Step], rates: RateBook, downtimeBudget: Double?) async -> [Step] {
        await withTaskGroup(of: (Int, SourceSize?).self) { group in
            for (index, step) in steps.enumerated() {
                group.addTask {
                    let probe = step.probe
                    guard probe != .none else { return (index, nil) }
                    let answer: SourceSize? = await withTimeout(probeTimeout) { await Self.size(probe) }
                    return (index, answer ?? .unknown(step.kind == "dynamodb" ? "items" : "objects", "no answer within \(Int(probeTimeout)) s"))
                }
            }
            var out = steps
            for await (index, size) in group {
                guard let size else { continue }
                let kind = rateKind(out[index])
                out[index].size = size
                if let rate = rates.rate(kind), let seconds = rate.seconds(for: size) {
                    out[index].estimatedSeconds = (seconds * 10).rounded() / 10
                    out[index].rate = rate.basis
                }
                let reasons = MigrationScale.reasons(kind: kind, size: size, estimatedSeconds: out[index].estimatedSeconds, downtimeBudget: downtimeBudget)
                out[index].beyondOneMachine = reasons.isEmpty ? nil : reasons
            }
            return out
        }
    }

    /// The rate book's kind: the step's kind, with databases by engine.
    static func rateKind(_ step: Step) -> String {
        switch step.probe {
        case .postgres: return "postgres"
        case .mysql: return "mysql"
        default: return step.kind
        }
    }

    static func size(_ probe: SourceProbe) async -> SourceSize? {
        switch probe {
        case .none:
            return nil
        case .directory(let path):
            return SizeProbe.directory(path)
        case .minio(let minio):
            do {
                var client = try AWSClient.make(settings: AWSSettings(profile: nil, region: "us-east-1", endpointURL: minio.endpoint),
                                                retry: RetryStrategy(maxAttempts: 1))
                client.credentials = StaticCredentialProvider(AWSCredentials(accessKeyID: minio.accessKey, secretAccessKey: minio.secretKey,
                                                                             source: "MinIO service \(minio.service)"))
                let s3 = S3Client(client: client)
                let buckets = try await s3.listBuckets()
                var total = SourceSize(bytes: 0, count: 0, unit: "objects")
                for bucket in buckets {
                    let one = await SizeProbe.bucket(s3, bucket: bucket, prefix: "", endpoint: minio.endpoint)
                    if one.unknown != nil { return one }
                    total.bytes = (total.bytes ?? 0) + (one.bytes ?? 0)
                    total.count = (total.count ?? 0) + (one.count ?? 0)
                    total.atLeast = total.atLeast || one.atLeast
                }
                return total
            } catch {
                return .unknown("objects", "MinIO service \(minio.service) at \(minio.endpoint): \(MigrationError.brief(error))")
            }
        case .postgres(let url):
            guard let connection = try? PostgresConnection(url: url) else { return .unknown("tables", "no URL for the database") }
            return await SizeProbe.postgres(connection)
        case .mysql(let url):
            guard let connection = try? MySQLConnection(url: url) else { return .unknown("tables", "no URL for the database") }
            return await SizeProbe.mysql(connection)
        case .dynamoDBLocal(let endpoint, let table):
            do {
                var client = try AWSClient.make(settings: AWSSettings(profile: nil, region: "us-east-1", endpointURL: endpoint),
                                                retry: RetryStrategy(maxAttempts: 1))
                // dynamodb-local accepts any key; nothing real is sent.
                client.credentials = StaticCredentialProvider(AWSCredentials(accessKeyID: "local", secretAccessKey: "local", source: "dynamodb-local"))
                return await SizeProbe.dynamoDBTable(DynamoDBClient(client: client), table: table, endpoint: endpoint)
            } catch {
                return .unknown("items", "\(endpoint): \(MigrationError.brief(error))")
            }
        }
    }

    /// The body's answer, or nil when it takes longer than `seconds`.
    static func withTimeout<T: Sendable>(_ seconds: Double, _ body: @escaping @Sendable () async -> T?) async -> T? {
        await withTaskGroup(of: TimedOutcome<T>.self) { group in
            group.addTask { .answered(await body()) }
            group.addTask {
                try? await Task.sleep(nanoseconds: UInt64(seconds * 1e9))
                return .timedOut
            }
            let first = await group.next() ?? .timedOut
            group.cancelAll()
            if case .answered(let value) = first { return value }
            return nil
        }
    }
}

enum TimedOutcome<T: Sendable>: Sendable { case answered(T?), timedOut }
