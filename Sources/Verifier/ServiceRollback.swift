import AWSKit
import Foundation

/// Returning one service to its previous task definition revision through the stack: the revision
/// before the current one is read from ECS, and the image tag it ran becomes the service's
/// `…ImageTag` parameter in a change set over the deployed template (the other parameters keep
/// their values). A previous revision that differs in more than the image tag cannot be expressed
/// that way; that needs the previous template (`ferry rollback` without a service).
public struct ServiceRollback: Sendable {
    public var client: AWSClient
    public init(client: AWSClient) { self.client = client }

    public struct Plan: Sendable, Equatable {
        public var service: String
        public var parameter: String
        public var currentTag: String
        public var previousTag: String
        public var currentRevision: String
        public var previousRevision: String
        /// The deployed root template, to update with the one parameter changed.
        public var template: String
    }

    public func plan(stackName: String, service: String) async throws -> Plan {
        let cloudFormation = CloudFormationClient(client: client)
        let inventory = try await StackInventory.load(stackName, cloudFormation: cloudFormation)
        guard let found = inventory.service(named: service) else {
            throw VerifyError.serviceNotFound(service, available: inventory.services.map(\.name).sorted())
        }
        let ecs = ECSClient(client: client)
        guard let state = try await ecs.services(cluster: found.cluster, names: [found.name]).first, !state.taskDefinition.isEmpty else {
            throw VerifyError.cannotRollback("ECS does not describe service \(found.name) in cluster \(found.cluster)")
        }
        let current = try await ecs.taskDefinition(state.taskDefinition)
        let revisions = try await ecs.taskDefinitionRevisions(family: current.family)
        guard let previousARN = revisions.first(where: { ECSClient.revision(of: $0) < current.revision }) else {
            throw VerifyError.cannotRollback("\(found.name) runs revision \(current.revision) of \(current.family), which has no earlier revision to return to")
        }
        let previous = try await ecs.taskDefinition(previousARN)
        let stem = found.logicalID.hasSuffix("Service") ? String(found.logicalID.dropLast("Service".count)) : found.logicalID
        let parameter = stem + "ImageTag"
        guard inventory.stack.parameterKeys.contains(parameter) else {
            throw VerifyError.cannotRollback("\(found.name) is not built by the project (the stack has no \(parameter) parameter): its image comes from the template; roll the stack back with `ferry rollback` (no service)")
        }
        let changed = current.images.keys.sorted().filter { current.images[$0] != previous.images[$0] }
        guard changed.count == 1, let container = changed.first, let old = previous.images[container], let new = current.images[container],
              let oldTag = Self.tag(of: old), let newTag = Self.tag(of: new), Self.repository(of: old) == Self.repository(of: new) else {
            throw VerifyError.cannotRollback("revision \(previous.revision) of \(current.family) differs from revision \(current.revision) in more than one image tag; return to the previous template with `ferry rollback` (no service)")
        }
        let template = try await cloudFormation.getTemplate(inventory.stack.id)
        return Plan(service: found.name, parameter: parameter, currentTag: newTag, previousTag: oldTag,
                    currentRevision: "\(current.family):\(current.revision)", previousRevision: "\(previous.family):\(previous.revision)",
                    template: template)
    }

    /// `…/repo:tag` → `tag`; nil for a digest reference or no tag.
    static func tag(of image: String) -> String? {
        guard !image.contains("@"), let colon = image.lastIndex(of: ":"), !image[colon...].contains("/") else { return nil }
        return String(image[image.index(after: colon)...])
    }

    static func repository(of image: String) -> String {
        guard let tag = tag(of: image) else { return image }
        return String(image.dropLast(tag.count + 1))
    }
}
