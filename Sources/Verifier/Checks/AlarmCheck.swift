import AWSKit

/// No alarm is in ALARM; INSUFFICIENT_DATA is normal right after a deploy.
struct AlarmCheck: VerifyCheck {
    func run(_ c: VerifyContext) async -> [VerifyReport.Result] {
        let names = c.inventory.resources(of: "AWS::CloudWatch::Alarm").compactMap(\.physicalID)
        guard !names.isEmpty else { return [] }
        do {
            let states = try await CloudWatchClient(client: c.client).alarms(named: names)
            var results = states.sorted { $0.name < $1.name }.map { alarm in
                c.result("alarm", alarm.name, alarm.state == "ALARM" ? .fail : .pass,
                         alarm.state + (alarm.state == "ALARM" ? ": \(alarm.reason ?? "")" : ""))
            }
            let seen = Set(states.map(\.name))
            for name in names.sorted() where !seen.contains(name) {
                results.append(c.result("alarm", name, .fail, "not found"))
            }
            return results
        } catch {
            return [c.failure("alarm", "alarms", error)]
        }
    }
}
