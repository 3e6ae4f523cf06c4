import Foundation

/// The REST-JSON protocol (IoT): the operation is the method and path, parameters travel in the
/// path, the query, headers and a JSON body; answers are JSON.
public enum RestJSONProtocol {
    public static func request(service: AWSService, operation: String, method: String, path: String,
                               query: [SigningRequest.QueryItem] = [], headers: [SigningRequest.Header] = [],
                               body: [String: String]? = nil) throws -> AWSRequest {
        var all = headers
        var data = Data()
        if let body {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            data = try encoder.encode(body)
            all.append(.init("Content-Type", "application/json"))
        }
        return AWSRequest(service: service, operation: operation, method: method, path: path, query: query, headers: all, body: data)
    }
}
