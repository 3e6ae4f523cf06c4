import AWSKit
import Foundation

/// A change set in plain language: what is added, modified (and whether it is replaced), removed,
/// and which of those changes lose data.
public struct ChangeSummary: Sendable, Equatable, Codable {
    public struct Line: Sendable, Equatable, Codable {
        /// add, modify, remove, import, dynamic
        public var action: String
        public var logicalID: String
        public var resourceType: String
        public var physicalID: String?
        /// "yes", "no", "maybe" (CloudFormation's True/False/Conditional), nil for add/remove.
        public var replacement: String?
        public var changedProperties: [String]
        public var dataLoss: Bool
        /// Why it is (or is not) data loss, e.g. "DeletionPolicy Retain keeps it".
        public var note: String?
    }

    public var lines: [Line]

    public var isEmpty: Bool { lines.isEmpty }
    public var dataLoss: [Line] { lines.filter(\.dataLoss) }
    public var counts: (add: Int, modify: Int, remove: Int) {
        (lines.filter { $0.action == "add" }.count, lines.filter { $0.action == "modify" }.count,
         lines.filter { $0.action == "remove" }.count)
    }

    /// - Parameters:
    ///   - deployed: the template now in the stack (its policies decide whether removals keep data).
    ///   - proposed: the template being deployed (its UpdateReplacePolicy decides for replacements).
    public init(changes: [CloudFormation.ResourceChange], deployed: TemplateDocument?, proposed: TemplateDocument?) {
        lines = changes.map { change -> Line in
            let action = change.action.lowercased()
            let replacement: String?
            switch change.replacement ?? "" {
            case "True": replacement = "yes"
            case "Conditional": replacement = "maybe"
            case "False": replacement = "no"
            default: replacement = nil
            }
            var dataLoss = false
            var note: String?
            if DataStores.isDataStore(change.resourceType) {
                if action == "remove" {
                    let policy = deployed?.resources[change.logicalID]?.deletionPolicy
                    if DataStores.policyKeepsData(policy) {
                        note = "DeletionPolicy \(policy ?? "") keeps its data"
                    } else {
                        dataLoss = true
                        note = "deleting it deletes its data"
                    }
                } else if action == "modify", replacement == "yes" || replacement == "maybe" {
                    let policy = proposed?.resources[change.logicalID]?.updateReplacePolicy
                    if DataStores.policyKeepsData(policy) {
                        note = "UpdateReplacePolicy \(policy ?? "") keeps the old one"
                    } else {
                        dataLoss = true
                        note = replacement == "yes" ? "replacing it starts from empty" : "may be replaced, starting from empty"
                    }
                }
            }
            return Line(action: action, logicalID: change.logicalID, resourceType: change.resourceType,
                        physicalID: change.physicalID, replacement: action == "modify" ? replacement : nil,
                        changedProperties: change.changedProperties, dataLoss: dataLoss, note: note)
        }.sorted { ($0.actionOrder, $0.logicalID) < ($1.actionOrder, $1.logicalID) }
    }

    /// The diff as a person reads it:
    /// `  + add     Uploads (AWS::S3::Bucket)`
    /// `  ~ modify  Database (AWS::RDS::DBInstance), REPLACED: EngineVersion  ← DATA LOSS: replacing it starts from empty`
    public func render(color: Bool) -> [String] {
        let (add, modify, remove) = counts
        var out = ["Changes: \(add) to add, \(modify) to modify, \(remove) to remove"]
        for line in lines {
            let symbols = ["add": "+", "remove": "-", "modify": "~"]
            let symbol = symbols[line.action] ?? "?"
            var text = "  \(symbol) \(line.action.padding(toLength: 7, withPad: " ", startingAt: 0)) \(line.logicalID) (\(line.resourceType))"
            if line.action == "modify" {
                switch line.replacement {
                case "yes": text += ", REPLACED"
                case "maybe": text += ", may be REPLACED"
                case "no": text += ", in place"
                default: break
                }
                if !line.changedProperties.isEmpty { text += ": " + line.changedProperties.joined(separator: ", ") }
            }
            if line.dataLoss {
                text += "  ← DATA LOSS: \(line.note ?? "")"
            } else if let note = line.note {
                text += "  (\(note))"
            }
            if color {
                let code = line.dataLoss ? "1;31" : (line.action == "add" ? "32" : line.action == "remove" ? "31" : "33")
                text = "\u{1B}[\(code)m\(text)\u{1B}[0m"
            }
            out.append(text)
        }
        return out
    }
}

extension ChangeSummary.Line {
    var actionOrder: Int {
        ["add": 0, "modify": 1, "remove": 2][action] ?? 3
    }
}
