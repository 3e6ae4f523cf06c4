/// `deploy.resources.reservations.devices` and the service-level `gpus` key, as device requests.
/// `gpus: all` is one request for every device (count -1), as Compose reads it.
enum DeviceRequestSyntax {
    /// A list of `{driver, count, device_ids, capabilities, options}`; `count` is a number or `all`.
    static func transform(_ node: YAMLNode, _ path: String) throws -> [DeviceRequest] {
        if node.isNull { return [] }
        return try node.asList(path).enumerated().map { i, item in try request(item, "\(path)[\(i)]") }
    }

    /// `gpus`: `all`, or a list of device requests.
    static func gpus(_ node: YAMLNode, _ path: String) throws -> [DeviceRequest] {
        if node.isNull { return [] }
        if node.scalar != nil {
            let text = try node.asString(path)
            guard text.lowercased() == "all" else {
                throw ComposeError("\(path) must be \"all\" or a list of device requests, found \"\(text)\"", at: node.location)
            }
            return [DeviceRequest(count: -1, location: node.location)]
        }
        return try transform(node, path)
    }

    private static func request(_ node: YAMLNode, _ path: String) throws -> DeviceRequest {
        var r = DeviceRequest(location: node.location)
        for e in try node.asMapping(path) {
            let p = "\(path).\(e.key)"
            switch e.key {
            case "driver": r.driver = try e.value.asOptionalString(p)
            case "count":
                if e.value.isNull { continue }
                if let text = e.value.text, text.lowercased() == "all" { r.count = -1 } else { r.count = try e.value.asInt(p) }
            case "device_ids": r.deviceIDs = e.value.isNull ? [] : try e.value.asStringList(p)
            case "capabilities": r.capabilities = e.value.isNull ? [] : try e.value.asStringList(p)
            case "options":
                if e.value.isNull { continue }
                for (key, value, _) in try e.value.asStringMap(p) { r.options[key] = value ?? "" }
            default:
                throw ComposeError("\(path): unknown key \"\(e.key)\"", at: e.keyLocation)
            }
        }
        return r
    }
}
