/// One normalized service. Short syntaxes are expanded to long form; paths are absolute;
/// durations are seconds. `locations` maps a key path inside the service ("image",
/// "environment.JWT_SECRET", "ports[0]", "healthcheck.test") to where it was written.
public struct Service: Sendable, Equatable {
    public var name: String
    public var image: String?
    public var build: Build?
    public var command: [String]?          // nil: image default; shell strings split like Compose
    public var entrypoint: [String]?
    public var environment: [EnvironmentEntry]   // sorted by name; env_file entries merged in, `environment` wins
    public var ports: [PortMapping]
    public var expose: [String]            // "8080", "8000-8010/udp"
    public var volumes: [VolumeMount]
    public var tmpfs: [String]
    public var dependsOn: [Dependency]     // sorted by service name
    public var links: [String]
    public var healthcheck: Healthcheck?
    public var deploy: Deploy?
    public var restart: String?
    public var profiles: [String]
    public var labels: [String: String]
    public var networks: [String: ServiceNetwork]  // empty: the default network
    public var networkMode: String?
    public var secrets: [FileReference]
    public var configs: [FileReference]
    public var user: String?
    public var workingDir: String?
    public var hostname: String?
    public var containerName: String?
    public var privileged: Bool
    public var readOnly: Bool
    public var tty: Bool
    public var stdinOpen: Bool
    public var init_: Bool?
    public var capAdd: [String]
    public var capDrop: [String]
    public var devices: [String]
    public var extraHosts: [String]
    public var platform: String?
    public var pullPolicy: String?
    public var stopGracePeriod: Double?    // seconds
    public var logging: ComposeValue?
    /// `x-` fields on the service (`x-ferry`, `x-aws-role`, ...).
    public var extensions: [String: ComposeValue]
    /// Every other key the service had that is not modelled above, kept verbatim so the
    /// planner can report it (sysctls, ulimits, pid, ipc, security_opt, ...).
    public var otherKeys: [String: ComposeValue]
    /// Where the service itself was declared (its key in `services:`).
    public var location: SourceLocation?
    public var locations: [String: SourceLocation]
    /// Routes read from the reverse-proxy configuration the service mounts or builds with (nginx);
    /// not a Compose key (see `ProxyConfigFiles`).
    public var proxyRoutes: [ProxyRoute] = []
    /// Dependency manifests and source files of the local build context; not a Compose key (see
    /// `BuildContextFiles`).
    public var contextFiles: [ContextFile] = []
    /// The mosquitto configuration the service runs with; not a Compose key (see `BrokerConfigFiles`).
    public var brokerConfig: BrokerConfig?
    /// What interpolation put into each word of `command`, `entrypoint` and `healthcheck.test`,
    /// keyed like `locations` (`command[2]`, `healthcheck.test[1]`); words with no `$` are absent.
    /// Offsets are into the word. Lets the planner tell which characters came from which variable.
    public var wordSubstitutions: [String: [Substitution]] = [:]
    /// `gpus`: device requests for GPUs (`gpus: all` is one request with count -1).
    public var gpus: [DeviceRequest] = []

    public init(name: String) {
        self.name = name
        image = nil; build = nil; command = nil; entrypoint = nil
        environment = []; ports = []; expose = []; volumes = []; tmpfs = []; dependsOn = []; links = []
        healthcheck = nil; deploy = nil; restart = nil; profiles = []; labels = [:]; networks = [:]
        networkMode = nil; secrets = []; configs = []; user = nil; workingDir = nil; hostname = nil
        containerName = nil; privileged = false; readOnly = false; tty = false; stdinOpen = false; init_ = nil
        capAdd = []; capDrop = []; devices = []; extraHosts = []; platform = nil; pullPolicy = nil
        stopGracePeriod = nil; logging = nil; extensions = [:]; otherKeys = [:]; location = nil; locations = [:]
    }

    /// The value of an environment variable, if set.
    public func env(_ name: String) -> String? {
        environment.first { $0.name == name }?.value
    }
}

/// One environment variable of a service.
public struct EnvironmentEntry: Sendable, Equatable {
    public enum Source: Sendable, Equatable {
        case environment            // the service's `environment:` key
        case envFile(String)        // absolute path of the env_file it came from
    }
    public var name: String
    /// nil: declared without a value (`- FOO`) and unset in the environment.
    public var value: String?
    /// The text as written before interpolation (`${JWT_SECRET:-change-me}`), nil when it
    /// had no `$`. Evidence for the planner (a default in a template is a development
    /// default). May contain a secret: never print it.
    public var template: String?
    /// Variables the template referenced and how each was resolved.
    public var references: [VariableReference]
    /// Which characters of `value` came from which variables (offsets into the value).
    public var substitutions: [Substitution]
    public var source: Source
    public var location: SourceLocation?

    public init(name: String, value: String?, template: String? = nil, references: [VariableReference] = [],
                substitutions: [Substitution] = [], source: Source = .environment, location: SourceLocation? = nil) {
        self.name = name; self.value = value; self.template = template; self.references = references
        self.substitutions = substitutions; self.source = source; self.location = location
    }
}

/// A `${VAR...}` reference inside an interpolated value.
public struct VariableReference: Sendable, Equatable {
    public var variable: String
    /// How it resolved: from the environment (shell or env file), from the default in the
    /// template, or empty because it was unset.
    public enum Resolution: String, Sendable, Equatable { case environment, defaultValue, unsetEmpty, alternate }
    public var resolution: Resolution
    public init(variable: String, resolution: Resolution) { self.variable = variable; self.resolution = resolution }
}

public struct Build: Sendable, Equatable {
    public var context: String             // absolute path or a URL
    public var dockerfile: String?
    public var dockerfileInline: Bool
    public var args: [String: String?]
    public var target: String?
    public var platforms: [String]
    public init(context: String, dockerfile: String? = nil, dockerfileInline: Bool = false, args: [String: String?] = [:], target: String? = nil, platforms: [String] = []) {
        self.context = context; self.dockerfile = dockerfile; self.dockerfileInline = dockerfileInline
        self.args = args; self.target = target; self.platforms = platforms
    }
}

/// Long-form port (`docker compose config` shape).
public struct PortMapping: Sendable, Equatable {
    public var target: Int
    public var published: String?   // "8080", "8000-8010" or nil
    public var hostIP: String?
    public var proto: String        // "tcp" | "udp"
    public var mode: String         // "ingress" | "host"
    public var name: String?
    public var appProtocol: String?
    public init(target: Int, published: String? = nil, hostIP: String? = nil, proto: String = "tcp", mode: String = "ingress", name: String? = nil, appProtocol: String? = nil) {
        self.target = target; self.published = published; self.hostIP = hostIP; self.proto = proto; self.mode = mode; self.name = name; self.appProtocol = appProtocol
    }
}

public struct VolumeMount: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable { case bind, volume, tmpfs, npipe, cluster, image }
    public var type: Kind
    public var source: String?     // absolute host path for bind, volume name, nil for anonymous
    public var target: String
    public var readOnly: Bool
    public var location: SourceLocation?
    /// Bind mounts: create the host path when missing (short syntax does, as in Compose).
    public var createHostPath: Bool = false
    public init(type: Kind, source: String?, target: String, readOnly: Bool = false, location: SourceLocation? = nil) {
        self.type = type; self.source = source; self.target = target; self.readOnly = readOnly; self.location = location
    }
}

public struct Dependency: Sendable, Equatable {
    public var service: String
    public var condition: String    // service_started | service_healthy | service_completed_successfully
    public var restart: Bool
    public var required: Bool
    public init(service: String, condition: String = "service_started", restart: Bool = false, required: Bool = true) {
        self.service = service; self.condition = condition; self.restart = restart; self.required = required
    }
}

public struct Healthcheck: Sendable, Equatable {
    /// `["CMD", ...]`, `["CMD-SHELL", "..."]` or `["NONE"]`; a string test becomes CMD-SHELL.
    public var test: [String]
    public var interval: Double?
    public var timeout: Double?
    public var retries: Int?
    public var startPeriod: Double?
    public var startInterval: Double?
    public var disable: Bool
    public init(test: [String], interval: Double? = nil, timeout: Double? = nil, retries: Int? = nil, startPeriod: Double? = nil, startInterval: Double? = nil, disable: Bool = false) {
        self.test = test; self.interval = interval; self.timeout = timeout; self.retries = retries
        self.startPeriod = startPeriod; self.startInterval = startInterval; self.disable = disable
    }
}

public struct Deploy: Sendable, Equatable {
    public var mode: String?
    public var replicas: Int?
    public var limits: Resources?
    public var reservations: Resources?
    public var restartPolicy: RestartPolicy?
    public var labels: [String: String]
    public init(mode: String? = nil, replicas: Int? = nil, limits: Resources? = nil, reservations: Resources? = nil, restartPolicy: RestartPolicy? = nil, labels: [String: String] = [:]) {
        self.mode = mode; self.replicas = replicas; self.limits = limits; self.reservations = reservations
        self.restartPolicy = restartPolicy; self.labels = labels
    }
}

public struct Resources: Sendable, Equatable {
    public var cpus: Double?
    public var memoryBytes: Int64?
    public var pids: Int?
    /// Reservations only: device requests (GPUs).
    public var devices: [DeviceRequest] = []
    public init(cpus: Double? = nil, memoryBytes: Int64? = nil, pids: Int? = nil) { self.cpus = cpus; self.memoryBytes = memoryBytes; self.pids = pids }
}

public struct RestartPolicy: Sendable, Equatable {
    public var condition: String?
    public var delay: Double?
    public var maxAttempts: Int?
    public var window: Double?
    public init(condition: String? = nil, delay: Double? = nil, maxAttempts: Int? = nil, window: Double? = nil) {
        self.condition = condition; self.delay = delay; self.maxAttempts = maxAttempts; self.window = window
    }
}

public struct ServiceNetwork: Sendable, Equatable {
    public var aliases: [String]
    public var ipv4Address: String?
    public init(aliases: [String] = [], ipv4Address: String? = nil) { self.aliases = aliases; self.ipv4Address = ipv4Address }
}

/// A service's `secrets:` / `configs:` entry, long form.
public struct FileReference: Sendable, Equatable {
    public var source: String
    public var target: String?
    public var mode: Int?
    public init(source: String, target: String? = nil, mode: Int? = nil) { self.source = source; self.target = target; self.mode = mode }
}
