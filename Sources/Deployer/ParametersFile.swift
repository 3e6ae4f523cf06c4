import AWSKit
import Foundation

/// Reads `--parameters FILE`: either the AWS CLI's list
/// `[{"ParameterKey": "Tier", "ParameterValue": "prod"}]` or a plain object `{"Tier": "prod"}`.
public enum ParametersFile {
    /// `--parameters`: inline JSON when it starts with `{` or `[`, else a file path.
    public static func load(argument: String) throws -> [CloudFormation.Parameter] {
        let trimmed = argument.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("{") || trimmed.hasPrefix("[") {
            return try parse(Data(trimmed.utf8), path: "--parameters")
        }
        return try load(path: argument)
    }

    public static func load(path: String) throws -> [CloudFormation.Parameter] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DeployError.badInput("\(path): cannot read the parameters file")
        }
        return try parse(data, path: path)
    }

    /// A JSON scalar as CloudFormation wants it: always a string (lists comma-joined).
    enum Scalar: Decodable {
        case text(String)
        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let string = try? container.decode(String.self) { self = .text(string) }
            else if let bool = try? container.decode(Bool.self) { self = .text(bool ? "true" : "false") }
            else if let int = try? container.decode(Int.self) { self = .text(String(int)) }
            else if let double = try? container.decode(Double.self) { self = .text(String(double)) }
            else if let list = try? container.decode([Scalar].self) { self = .text(list.map(\.string).joined(separator: ",")) }
            else { throw DecodingError.dataCorruptedError(in: container, debugDescription: "needs a string, number or list") }
        }
        var string: String { switch self { case .text(let s): s } }
    }

    struct Entry: Decodable {
        var ParameterKey: String
        var ParameterValue: Scalar?
        var UsePreviousValue: Bool?
    }

    public static func parse(_ data: Data, path: String) throws -> [CloudFormation.Parameter] {
        let decoder = JSONDecoder()
        if let map = try? decoder.decode([String: Scalar].self, from: data) {
            return map.keys.sorted().map { CloudFormation.Parameter(key: $0, value: map[$0]?.string) }
        }
        do {
            let list = try decoder.decode([Entry].self, from: data)
            return list.map { entry in
                entry.UsePreviousValue == true
                    ? CloudFormation.Parameter(key: entry.ParameterKey, value: nil, usePreviousValue: true)
                    : CloudFormation.Parameter(key: entry.ParameterKey, value: entry.ParameterValue?.string ?? "")
            }
        } catch {
            throw DeployError.badInput("\(path):\(location(of: error, in: data)): expected a JSON object {\"Key\": \"value\"} or a list of {\"ParameterKey\", \"ParameterValue\"} (\(describe(error)))")
        }
    }

    static func describe(_ error: any Error) -> String {
        switch error as? DecodingError {
        case .dataCorrupted(let context)?: return context.debugDescription
        case .keyNotFound(let key, _)?: return "missing \(key.stringValue)"
        case .typeMismatch(_, let context)?: return context.debugDescription
        default: return "\(error)"
        }
    }

    /// JSON parse errors carry a character offset in their underlying error; turn it into line:column.
    static func location(of error: any Error, in data: Data) -> String {
        guard case .dataCorrupted(let context)? = error as? DecodingError,
              let underlying = context.underlyingError as NSError?,
              let offset = underlying.userInfo["NSJSONSerializationErrorIndex"] as? Int else { return "1:1" }
        var line = 1, column = 1
        for byte in data.prefix(offset) {
            if byte == UInt8(ascii: "\n") { line += 1; column = 1 } else { column += 1 }
        }
        return "\(line):\(column)"
    }
}
