import Foundation

/// One DynamoDB attribute value, as the JSON 1.0 wire format writes it (`{"S": "…"}`, `{"N": "12.5"}`).
/// Numbers stay the decimal text they arrived as, so nothing is rounded through a Double; binary is
/// the raw bytes (base64 on the wire). Set members keep their order as read.
public indirect enum AttributeValue: Sendable, Hashable, Codable {
    case s(String)
    case n(String)
    case b(Data)
    case bool(Bool)
    case null
    case m([String: AttributeValue])
    case l([AttributeValue])
    case ss([String])
    case ns([String])
    case bs([Data])

    /// The wire type name: `S`, `N`, `B`, `BOOL`, `NULL`, `M`, `L`, `SS`, `NS`, `BS`.
    public var typeName: String {
        switch self {
        case .s: return "S"
        case .n: return "N"
        case .b: return "B"
        case .bool: return "BOOL"
        case .null: return "NULL"
        case .m: return "M"
        case .l: return "L"
        case .ss: return "SS"
        case .ns: return "NS"
        case .bs: return "BS"
        }
    }

    public static let typeNames: Set<String> = ["S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS"]

    struct TypeKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: TypeKey.self)
        guard container.allKeys.count == 1, let key = container.allKeys.first else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "an attribute value has exactly one type key, found \(container.allKeys.map(\.stringValue).sorted())"))
        }
        func data(_ text: String) throws -> Data {
            guard let bytes = Data(base64Encoded: text) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "binary value is not base64")
            }
            return bytes
        }
        switch key.stringValue {
        case "S": self = .s(try container.decode(String.self, forKey: key))
        case "N": self = .n(try container.decode(String.self, forKey: key))
        case "B": self = .b(try data(try container.decode(String.self, forKey: key)))
        case "BOOL": self = .bool(try container.decode(Bool.self, forKey: key))
        case "NULL": self = .null
        case "M": self = .m(try container.decode([String: AttributeValue].self, forKey: key))
        case "L": self = .l(try container.decode([AttributeValue].self, forKey: key))
        case "SS": self = .ss(try container.decode([String].self, forKey: key))
        case "NS": self = .ns(try container.decode([String].self, forKey: key))
        case "BS": self = .bs(try container.decode([String].self, forKey: key).map(data))
        default:
            throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "unknown attribute type \(key.stringValue)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: TypeKey.self)
        let key = TypeKey(typeName)
        switch self {
        case .s(let v), .n(let v): try container.encode(v, forKey: key)
        case .b(let v): try container.encode(v.base64EncodedString(), forKey: key)
        case .bool(let v): try container.encode(v, forKey: key)
        case .null: try container.encode(true, forKey: key)
        case .m(let v): try container.encode(v, forKey: key)
        case .l(let v): try container.encode(v, forKey: key)
        case .ss(let v), .ns(let v): try container.encode(v, forKey: key)
        case .bs(let v): try container.encode(v.map { $0.base64EncodedString() }, forKey: key)
        }
    }
}

/// An item: attribute name → value.
public typealias DynamoDBItem = [String: AttributeValue]
