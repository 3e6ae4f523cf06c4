import Foundation

/// The CloudFormation operations of a change-set deploy (query protocol, API version 2010-05-15).
public struct CloudFormationClient: Sendable {
    public var client: AWSClient
    static let version = "2010-05-15"

    public init(client: AWSClient) { self.client = client }

    func call(_ action: String, _ parameters: [(String, String)]) async throws -> XMLTree {
        let response = try await client.send(QueryProtocol.request(service: .cloudFormation, action: action,
                                                                   version: Self.version, parameters: parameters))
        return try QueryProtocol.result(response, action: action)
    }

    /// The stack, or nil when it does not exist (CloudFormation says so with a ValidationError).
    public func describeStack(_ name: String) async throws -> CloudFormation.Stack? {
        do {
            let result = try await call("DescribeStacks", [("StackName", name)])
            return result.child("Stacks")?.all("member").first.map(Self.stack)
        } catch let error as AWSServiceError where error.code == "ValidationError" && error.message.contains("does not exist") {
            return nil
        }
    }

    public enum TemplateSource: Sendable, Equatable {
        case body(String)
        case url(String)
        var parameter: (String, String) {
            switch self {
            case .body(let body): return ("TemplateBody", body)
            case .url(let url): return ("TemplateURL", url)
            }
        }
    }

    public func validateTemplate(_ template: TemplateSource) async throws -> [String] {
        let result = try await call("ValidateTemplate", [template.parameter])
        return result.child("Capabilities")?.all("member").map(\.text) ?? []
    }

    /// Returns the change set id. `clientToken` makes a retried call idempotent.
    public func createChangeSet(stackName: String, changeSetName: String, type: String, template: TemplateSource,
                                parameters: [CloudFormation.Parameter], capabilities: [String],
                                tags: [(String, String)], clientToken: String, description: String? = nil) async throws -> (id: String, stackID: String) {
        var fields: [(String, String)] = [
            ("StackName", stackName), ("ChangeSetName", changeSetName), ("ChangeSetType", type), template.parameter,
            ("ClientToken", clientToken),
        ]
        if let description { fields.append(("Description", description)) }
        fields += QueryProtocol.structures("Parameters", parameters.map { parameter -> [(String, String)] in
            var entry = [("ParameterKey", parameter.key)]
            if parameter.usePreviousValue { entry.append(("UsePreviousValue", "true")) }
            else if let value = parameter.value { entry.append(("ParameterValue", value)) }
            return entry
        })
        fields += QueryProtocol.list("Capabilities", capabilities)
        fields += QueryProtocol.structures("Tags", tags.map { [("Key", $0.0), ("Value", $0.1)] })
        let result = try await call("CreateChangeSet", fields)
        return (result.string("Id") ?? "", result.string("StackId") ?? "")
    }

    public func describeChangeSet(_ changeSet: String, stackName: String) async throws -> CloudFormation.ChangeSet {
        var changes: [CloudFormation.ResourceChange] = []
        var nextToken: String?
        var last: XMLTree
        repeat {
            var fields = [("ChangeSetName", changeSet), ("StackName", stackName)]
            if let nextToken { fields.append(("NextToken", nextToken)) }
            last = try await call("DescribeChangeSet", fields)
            changes += (last.child("Changes")?.all("member") ?? []).compactMap { $0.child("ResourceChange") }.map(Self.resourceChange)
            nextToken = last.string("NextToken").flatMap { $0.isEmpty ? nil : $0 }
        } while nextToken != nil
        return CloudFormation.ChangeSet(id: last.string("ChangeSetId") ?? changeSet, stackID: last.string("StackId") ?? "",
                                        status: last.string("Status") ?? "", statusReason: last.string("StatusReason"),
                                        executionStatus: last.string("ExecutionStatus"), changes: changes)
    }

    public func executeChangeSet(_ changeSet: String, stackName: String, clientToken: String) async throws {
        _ = try await call("ExecuteChangeSet", [("ChangeSetName", changeSet), ("StackName", stackName),
                                                ("ClientRequestToken", clientToken)])
    }

    public func deleteChangeSet(_ changeSet: String, stackName: String) async throws {
        _ = try await call("DeleteChangeSet", [("ChangeSetName", changeSet), ("StackName", stackName)])
    }

    public func deleteStack(_ name: String, clientToken: String, retain: [String] = []) async throws {
        _ = try await call("DeleteStack", [("StackName", name), ("ClientRequestToken", clientToken)]
                                          + QueryProtocol.list("RetainResources", retain))
    }

    /// Newest first, as CloudFormation returns them; stops paging once `since` is passed.
    public func describeStackEvents(_ stack: String, maxPages: Int = 5, stopAt: String? = nil) async throws -> [CloudFormation.StackEvent] {
        var events: [CloudFormation.StackEvent] = []
        var nextToken: String?
        var pages = 0
        repeat {
            var fields = [("StackName", stack)]
            if let nextToken { fields.append(("NextToken", nextToken)) }
            let result = try await call("DescribeStackEvents", fields)
            let page = (result.child("StackEvents")?.all("member") ?? []).map(Self.event)
            if let stopAt, let index = page.firstIndex(where: { $0.id == stopAt }) {
                return events + page[..<index]
            }
            events += page
            nextToken = result.string("NextToken").flatMap { $0.isEmpty ? nil : $0 }
            pages += 1
        } while nextToken != nil && pages < maxPages
        return events
    }

    public func listStackResources(_ stack: String) async throws -> [CloudFormation.StackResource] {
        var resources: [CloudFormation.StackResource] = []
        var nextToken: String?
        repeat {
            var fields = [("StackName", stack)]
            if let nextToken { fields.append(("NextToken", nextToken)) }
            let result = try await call("ListStackResources", fields)
            resources += (result.child("StackResourceSummaries")?.all("member") ?? []).map { node in
                CloudFormation.StackResource(logicalID: node.string("LogicalResourceId") ?? "",
                                             physicalID: node.string("PhysicalResourceId"),
                                             resourceType: node.string("ResourceType") ?? "",
                                             status: node.string("ResourceStatus") ?? "",
                                             reason: node.string("ResourceStatusReason"))
            }
            nextToken = result.string("NextToken").flatMap { $0.isEmpty ? nil : $0 }
        } while nextToken != nil
        return resources
    }

    /// The deployed template's text (JSON or YAML as submitted).
    public func getTemplate(_ stack: String) async throws -> String {
        let result = try await call("GetTemplate", [("StackName", stack), ("TemplateStage", "Original")])
        return result.string("TemplateBody") ?? ""
    }

    // MARK: Reading the XML

    static func stack(_ node: XMLTree) -> CloudFormation.Stack {
        CloudFormation.Stack(
            name: node.string("StackName") ?? "", id: node.string("StackId") ?? "",
            status: node.string("StackStatus") ?? "", statusReason: node.string("StackStatusReason"),
            outputs: (node.child("Outputs")?.all("member") ?? []).map {
                CloudFormation.Output(key: $0.string("OutputKey") ?? "", value: $0.string("OutputValue") ?? "",
                                      description: $0.string("Description"), exportName: $0.string("ExportName"))
            }.sorted { $0.key < $1.key },
            parameterKeys: (node.child("Parameters")?.all("member") ?? []).compactMap { $0.string("ParameterKey") }.sorted(),
            creationTime: node.string("CreationTime").flatMap(ISO8601.parse),
            lastUpdatedTime: node.string("LastUpdatedTime").flatMap(ISO8601.parse),
            description: node.string("Description"))
    }

    static func resourceChange(_ node: XMLTree) -> CloudFormation.ResourceChange {
        let details = node.child("Details")?.all("member") ?? []
        let targets = details.compactMap { $0.child("Target") }
        return CloudFormation.ResourceChange(
            action: node.string("Action") ?? "", logicalID: node.string("LogicalResourceId") ?? "",
            physicalID: node.string("PhysicalResourceId").flatMap { $0.isEmpty ? nil : $0 },
            resourceType: node.string("ResourceType") ?? "", replacement: node.string("Replacement"),
            scope: node.child("Scope")?.all("member").map(\.text) ?? [],
            changedProperties: Array(Set(targets.compactMap { $0.string("Name") })).sorted(),
            requiresRecreation: Array(Set(targets.filter { $0.string("RequiresRecreation") == "Always" }.compactMap { $0.string("Name") })).sorted())
    }

    static func event(_ node: XMLTree) -> CloudFormation.StackEvent {
        CloudFormation.StackEvent(id: node.string("EventId") ?? "", logicalID: node.string("LogicalResourceId") ?? "",
                                  physicalID: node.string("PhysicalResourceId"), resourceType: node.string("ResourceType") ?? "",
                                  status: node.string("ResourceStatus") ?? "", reason: node.string("ResourceStatusReason"),
                                  timestamp: node.string("Timestamp").flatMap(ISO8601.parse))
    }
}
