import AWSKit

/// Secrets and SSM parameters exist, and placeholder secrets (values the Compose project held, which
/// the template cannot know) have been given their real value. Names only: no value is read.
struct ConfigurationCheck: VerifyCheck {
    /// The ConfigurationSection's description of a secret created with a random placeholder.
    static let placeholderMarker = "Placeholder: set the real value"

    func run(_ c: VerifyContext) async -> [VerifyReport.Result] {
        let metadata = ConfigurationMetadataClient(client: c.client)
        var results: [VerifyReport.Result] = []
        for secret in c.inventory.resources(of: "AWS::SecretsManager::Secret") {
            guard let id = secret.physicalID else { continue }
            do {
                let m = try await metadata.secret(id)
                if !m.hasCurrentVersion {
                    results.append(c.result("secret", m.name, .fail, "has no current value"))
                } else if m.description.contains(Self.placeholderMarker) && m.versionCount < 2 {
                    results.append(c.result("secret", m.name, .fail, "still holds its generated placeholder: set it with `ferry migrate secrets` or `aws secretsmanager put-secret-value`"))
                } else {
                    results.append(c.result("secret", m.name, .pass, "set (\(m.versionCount) version\(m.versionCount == 1 ? "" : "s"))"))
                }
            } catch {
                results.append(c.failure("secret", secret.logicalID, error))
            }
        }
        let parameters = c.inventory.resources(of: "AWS::SSM::Parameter").compactMap(\.physicalID)
        if !parameters.isEmpty {
            do {
                let found = try await metadata.existingParameters(parameters)
                for name in parameters.sorted() {
                    results.append(c.result("parameter", name, found.contains(name) ? .pass : .fail, found.contains(name) ? "exists" : "missing"))
                }
            } catch {
                results.append(c.failure("parameter", parameters.joined(separator: ", "), error))
            }
        }
        return results
    }
}
