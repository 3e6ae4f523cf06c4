import Foundation
import AWSKit

/// Each log group has received events: running containers write to them.
struct LogGroupCheck: VerifyCheck {
    func run(_ c: VerifyContext) async -> [VerifyReport.Result] {
        let logs = CloudWatchLogsClient(client: c.client)
        var results: [VerifyReport.Result] = []
        for group in c.inventory.resources(of: "AWS::Logs::LogGroup") {
            guard let name = group.physicalID else { continue }
            do {
                if let last = try await logs.lastEventTime(logGroup: name) {
                    results.append(c.result("logs", name, .pass, "last event \(Self.format(last))"))
                } else {
                    results.append(c.result("logs", name, .fail, "no events yet: its containers have not started or do not log"))
                }
            } catch {
                results.append(c.failure("logs", name, error))
            }
        }
        return results
    }

    static func format(_ milliseconds: Double) -> String {
        let date = Date(timeIntervalSince1970: milliseconds / 1000)
        return ISO8601DateFormatter().string(from: date)
    }
}
