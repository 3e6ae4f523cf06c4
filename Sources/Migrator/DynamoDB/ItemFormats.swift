import AWSKit
import Foundation

/// How the records of an item file are written. The rules (also in docs/MIGRATION.md):
/// - `json`: plain JSON objects; string → S, number → N (its exact text), true/false → BOOL,
///   null → NULL, object → M, array → L. Sets are never inferred.
/// - `dynamodb-json`: `{"Item": {...}}` as a DynamoDB export writes, or a bare attribute-value map
///   (`{"id": {"S": "a"}, "n": {"N": "1"}}`).
/// - `firestore`: documents with a `name` (or `path`) and `fields` of Firestore typed values; the
///   document id (the last segment of its name, or its `id`) becomes the table's partition key unless
///   the fields already hold an attribute of that name.
public enum ItemFileFormat: String, Sendable, CaseIterable {
    case json
    case dynamodbJSON = "dynamodb-json"
    case firestore

    /// The format a record looks like: an `Item` member or attribute-value members → DynamoDB JSON;
    /// `fields` with a `name` or `path` → Firestore; anything else → plain JSON.
    static func detect(_ record: JSONText) -> ItemFileFormat {
        guard let members = record.members, !members.isEmpty else { return .json }
        if members.count == 1, members[0].0 == "Item", members[0].1.members != nil { return .dynamodbJSON }
        if record["fields"]?.members != nil, record["name"] != nil || record["path"] != nil { return .firestore }
        let typed = members.allSatisfy { _, value in
            guard let inner = value.members, inner.count == 1 else { return false }
            return AttributeValue.typeNames.contains(inner[0].0)
        }
        return typed ? .dynamodbJSON : .json
    }
}

/// Why a record is not an item; names the attribute path, never a value.
struct ItemFormatError: Error, Sendable {
    var reason: String
}

enum ItemConversion {
    static func item(_ record: JSONText, format: ItemFileFormat, partitionKey: String) throws -> DynamoDBItem {
        switch format {
        case .json:
            guard let members = record.members else { throw ItemFormatError(reason: "the record is not a JSON object") }
            var item: DynamoDBItem = [:]
            for (name, value) in members { item[name] = plain(value) }
            return item
        case .dynamodbJSON:
            var map = record
            if let inner = record["Item"], record.members?.count == 1 { map = inner }
            guard let members = map.members else { throw ItemFormatError(reason: "the record is not an attribute-value map") }
            var item: DynamoDBItem = [:]
            for (name, value) in members { item[name] = try typed(value, path: name) }
            return item
        case .firestore:
            return try firestoreDocument(record, partitionKey: partitionKey)
        }
    }

    static func plain(_ value: JSONText) -> AttributeValue {
        switch value {
        case .string(let s): return .s(s)
        case .number(let n): return .n(n)
        case .bool(let b): return .bool(b)
        case .null: return .null
        case .array(let elements): return .l(elements.map(plain))
        case .object(let members):
            var map: [String: AttributeValue] = [:]
            for (name, v) in members { map[name] = plain(v) }
            return .m(map)
        }
    }

    /// A DynamoDB JSON attribute value (`{"S": …}`), checked for its shape.
    static func typed(_ value: JSONText, path: String) throws -> AttributeValue {
        guard let members = value.members, members.count == 1, let (type, inner) = members.first else {
            throw ItemFormatError(reason: "attribute \(path) is not an attribute value (one of {\"S\": …}, {\"N\": …}, {\"M\": …}, …)")
        }
        func text(_ v: JSONText) throws -> String {
            switch v {
            case .string(let s): return s
            case .number(let n) where type == "N" || type == "NS": return n
            default: throw ItemFormatError(reason: "attribute \(path): \(type) needs a string")
            }
        }
        func bytes(_ v: JSONText) throws -> Data {
            guard let data = Data(base64Encoded: try text(v)) else { throw ItemFormatError(reason: "attribute \(path): \(type) is not base64") }
            return data
        }
        func list(_ v: JSONText) throws -> [JSONText] {
            guard case .array(let elements) = v else { throw ItemFormatError(reason: "attribute \(path): \(type) needs an array") }
            return elements
        }
        switch type {
        case "S": return .s(try text(inner))
        case "N": return .n(try text(inner))
        case "B": return .b(try bytes(inner))
        case "BOOL":
            guard case .bool(let b) = inner else { throw ItemFormatError(reason: "attribute \(path): BOOL needs true or false") }
            return .bool(b)
        case "NULL": return .null
        case "M":
            guard let members = inner.members else { throw ItemFormatError(reason: "attribute \(path): M needs an object") }
            var map: [String: AttributeValue] = [:]
            for (name, v) in members { map[name] = try typed(v, path: path + "." + name) }
            return .m(map)
        case "L": return .l(try list(inner).enumerated().map { try typed($1, path: "\(path)[\($0)]") })
        case "SS": return .ss(try list(inner).map(text))
        case "NS": return .ns(try list(inner).map(text))
        case "BS": return .bs(try list(inner).map(bytes))
        default: throw ItemFormatError(reason: "attribute \(path): unknown type \(type)")
        }
    }

    static func firestoreDocument(_ document: JSONText, partitionKey: String) throws -> DynamoDBItem {
        guard document.members != nil else { throw ItemFormatError(reason: "the document is not a JSON object") }
        var item: DynamoDBItem = [:]
        if let fields = document["fields"] {
            guard let members = fields.members else { throw ItemFormatError(reason: "the document's fields are not an object") }
            for (name, value) in members { item[name] = try firestore(value, path: name) }
        }
        if item[partitionKey] == nil {
            var id: String?
            if case .string(let explicit)? = document["id"] { id = explicit }
            if id == nil, case .string(let name)? = document["name"] ?? document["path"] ?? document["__name__"] {
                id = name.split(separator: "/").last.map(String.init)
            }
            guard let id, !id.isEmpty else {
                throw ItemFormatError(reason: "the document has no name, path or id for the partition key \(partitionKey)")
            }
            item[partitionKey] = .s(id)
        }
        return item
    }

    /// A Firestore typed value (`{"stringValue": …}`, `{"mapValue": {"fields": …}}`, …).
    static func firestore(_ value: JSONText, path: String) throws -> AttributeValue {
        guard let members = value.members, members.count == 1, let (type, inner) = members.first else {
            throw ItemFormatError(reason: "field \(path) is not a Firestore value (one of {\"stringValue\": …}, {\"integerValue\": …}, …)")
        }
        func fail(_ what: String) -> ItemFormatError { ItemFormatError(reason: "field \(path): \(type) \(what)") }
        switch (type, inner) {
        case ("stringValue", .string(let s)), ("referenceValue", .string(let s)): return .s(s)
        case ("integerValue", .string(let n)), ("integerValue", .number(let n)):
            guard Int64(n) != nil else { throw fail("is not a 64-bit integer") }
            return .n(n)
        case ("doubleValue", .number(let n)): return .n(n)
        case ("doubleValue", .string(let n)):
            guard Double(n)?.isFinite == true else { throw fail("is not a finite number (DynamoDB has no NaN or Infinity)") }
            return .n(n)
        case ("booleanValue", .bool(let b)): return .bool(b)
        case ("nullValue", _): return .null
        case ("timestampValue", .string(let t)): return .s(t)
        case ("timestampValue", .object):
            // The protobuf JSON form {seconds, nanos}: written as ISO-8601 in UTC.
            var seconds: Int64?
            switch inner["seconds"] {
            case .number(let n)?: seconds = Int64(n)
            case .string(let text)?: seconds = Int64(text)
            default: seconds = nil
            }
            guard let seconds else { throw fail("has no whole seconds") }
            var nanos = 0
            if case .number(let n)? = inner["nanos"] { nanos = Int(n) ?? 0 }
            return .s(iso8601(seconds: seconds, nanos: nanos))
        case ("geoPointValue", .object):
            var point: [String: AttributeValue] = [:]
            for coordinate in ["latitude", "longitude"] {
                guard case .number(let n)? = inner[coordinate] else { throw fail("has no \(coordinate)") }
                point[coordinate] = .n(n)
            }
            return .m(point)
        case ("mapValue", .object):
            var map: [String: AttributeValue] = [:]
            if let fields = inner["fields"] {
                guard let members = fields.members else { throw fail("has fields that are not an object") }
                for (name, v) in members { map[name] = try firestore(v, path: path + "." + name) }
            }
            return .m(map)
        case ("arrayValue", .object):
            guard let values = inner["values"] else { return .l([]) }
            guard case .array(let elements) = values else { throw fail("has values that are not an array") }
            return .l(try elements.enumerated().map { try firestore($1, path: "\(path)[\($0)]") })
        case ("bytesValue", .string(let text)):
            guard let data = Data(base64Encoded: text) else { throw fail("is not base64") }
            return .b(data)
        default:
            throw fail("is not a supported Firestore value of that shape")
        }
    }

    static func iso8601(seconds: Int64, nanos: Int) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        let base = formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
        guard nanos > 0 else { return base }
        var fraction = String(format: "%09d", nanos)
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return base.replacingOccurrences(of: "Z", with: "." + fraction + "Z")
    }

    /// Nil when the item has the table's key attributes with their types; otherwise why not (names and types only).
    static func keyProblem(_ item: DynamoDBItem, keys: [DynamoDBClient.KeyAttribute]) -> String? {
        for key in keys {
            guard let value = item[key.name] else { return "the item has no \(key.description)" }
            guard value.typeName == key.type else { return "its \(key.description) is of type \(value.typeName)" }
            if case .s(let s) = value, s.isEmpty { return "its \(key.description) is an empty string" }
            if case .b(let b) = value, b.isEmpty { return "its \(key.description) is empty" }
        }
        return nil
    }
}
