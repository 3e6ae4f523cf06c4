/// An accepted finding: `x-ferry.waive` at the top level of a compose file (applies everywhere) or on a
/// service (applies to that service's findings). A waiver must give a reason; it is shown in every output.
///
/// ```yaml
/// x-ferry:
///   waive:
///     - id: FERRY-TAG-001
///       reason: tags come from the account's tag policy
/// services:
///   legacy:
///     x-ferry:
///       waive:
///         FERRY-IMG-001: vendor publishes only :latest; pinned by digest in CI
/// ```
public struct Waiver: Sendable, Equatable, Codable {
    public var id: String
    public var reason: String
    /// The service it is limited to; nil: the whole project.
    public var service: String?
    /// Where it was written (`file:line:column`), for messages.
    public var origin: String?

    public init(id: String, reason: String, service: String? = nil, origin: String? = nil) {
        self.id = id
        self.reason = reason
        self.service = service
        self.origin = origin
    }

    func matches(checkID: String, service findingService: String?) -> Bool {
        guard id == checkID else { return false }
        guard let service else { return true }
        return service == findingService
    }
}
