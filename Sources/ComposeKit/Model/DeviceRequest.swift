/// One device request: an entry of `deploy.resources.reservations.devices` or of the service's
/// `gpus` key (`gpus: all` is one request for every device). Shape of `docker compose config`.
public struct DeviceRequest: Sendable, Equatable {
    /// `nvidia`, … ; nil: the runtime's default.
    public var driver: String?
    /// How many devices; -1 for `all`; nil when not written (Compose then reserves every device,
    /// unless `deviceIDs` names them).
    public var count: Int?
    public var deviceIDs: [String]
    /// `gpu`, `compute`, `utility`, `tpu`, …
    public var capabilities: [String]
    /// Driver options, sorted by key when printed.
    public var options: [String: String]
    /// Where the request was written.
    public var location: SourceLocation?

    public init(driver: String? = nil, count: Int? = nil, deviceIDs: [String] = [], capabilities: [String] = [],
                options: [String: String] = [:], location: SourceLocation? = nil) {
        self.driver = driver; self.count = count; self.deviceIDs = deviceIDs; self.capabilities = capabilities
        self.options = options; self.location = location
    }

    /// The number of devices asked for; nil means all of them.
    public var requestedCount: Int? {
        if let count, count >= 0 { return count }
        if count == nil, !deviceIDs.isEmpty { return deviceIDs.count }
        return nil
    }
}
