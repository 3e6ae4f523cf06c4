/// A route that a reverse proxy's own configuration declares: an nginx `location` with a `proxy_pass`,
/// read from the files the service mounts or builds with. Not part of the Compose model: it is
/// evidence for deciding what the proxy's routing becomes (see `ProxyConfigFiles`).
public struct ProxyRoute: Sendable, Equatable {
    /// Where the `location` is written.
    public var location: SourceLocation
    /// `server_name` values of the enclosing server (empty: any host).
    public var serverNames: [String]
    /// Ports the enclosing server listens on.
    public var listenPorts: [Int]
    /// The location's path prefix (`/`, `/api/`); exact (`location = /x`) when `exact`.
    public var path: String
    public var exact: Bool
    /// The host traffic goes to (an `upstream` block resolved to its first server).
    public var upstreamHost: String
    public var upstreamPort: Int?
    /// The path written after the host in `proxy_pass` (`http://api/` → `/`): nginx then replaces the
    /// location's prefix with it, which a load balancer cannot do. Nil when `proxy_pass` has no path.
    public var upstreamPath: String?

    public init(location: SourceLocation, serverNames: [String], listenPorts: [Int], path: String, exact: Bool,
                upstreamHost: String, upstreamPort: Int?, upstreamPath: String?) {
        self.location = location
        self.serverNames = serverNames
        self.listenPorts = listenPorts
        self.path = path
        self.exact = exact
        self.upstreamHost = upstreamHost
        self.upstreamPort = upstreamPort
        self.upstreamPath = upstreamPath
    }

    /// True when nginx rewrites the prefix before forwarding (`location /api/ { proxy_pass http://api/; }`).
    public var stripsPrefix: Bool {
        guard let upstreamPath else { return false }
        return upstreamPath != path
    }
}
