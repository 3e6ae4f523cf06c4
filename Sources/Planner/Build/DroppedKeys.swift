import ComposeKit
import Blueprint

/// Compose keys that do not carry over to AWS, each with the reason and what to do instead.
enum DroppedKeys {
    static func of(_ f: ServiceFacts, role: ServiceRole, projectDirectory: String) -> [DroppedKey] {
        let s = f.service
        var out: [DroppedKey] = []
        func add(_ key: String, _ reason: String, _ instead: String) {
            out.append(DroppedKey(key: key, reason: reason, instead: instead, position: f.position(key) ?? f.position(key.split(separator: "[").first.map(String.init) ?? key)))
        }
        let deployed = [.web, .internal, .worker, .job].contains(role)
        if role == .datastore {
            for (i, m) in s.volumes.enumerated() where m.type == .volume || m.type == .bind {
                let source = m.type == .bind ? m.source.map { WorkloadBuilder.relative($0, to: projectDirectory) } : m.source
                add("volumes[\(i)]", "data in \(source ?? "an anonymous volume") stays local; the managed service starts empty",
                    "move the data with the engine's dump/restore (pg_dump, mysqldump), `aws s3 sync` or a table export")
            }
            return out
        }
        guard deployed else { return out }
        for (i, m) in s.volumes.enumerated() {
            switch m.type {
            case .bind:
                switch BindMountKind(m) {
                case .dockerSocket:
                    add("volumes[\(i)]", "the Docker socket: Fargate gives no access to a Docker daemon", "use the ECS/AWS APIs with the task role")
                case .sourceCode:
                    add("volumes[\(i)]", "bind mount of source code \(m.target) (live reload): Fargate has no host disk", "the image already contains the code: COPY it in the Dockerfile")
                case .configuration:
                    add("volumes[\(i)]", "\(m.readOnly ? "read-only bind mount of" : "bind mount of the configuration") \(m.target): Fargate has no host disk", "COPY the files into the image, or keep them in S3 / SSM and read them at start")
                case .dataDirectory:
                    add("volumes[\(i)]", "bind mount of a host directory at \(m.target): Fargate has no host disk", "keep data in S3, or make it a named volume (kept on EFS); logs go to CloudWatch")
                }
            case .volume:
                // Named volumes are kept on EFS (FileSystemBuilder) unless the service opts out.
                if m.source == nil {
                    add("volumes[\(i)]", "anonymous volume at \(m.target): task storage is ephemeral on Fargate", "name the volume to keep it on EFS")
                } else if f.overrides.ephemeralVolumes {
                    add("volumes[\(i)]", "named volume \(m.source ?? "") at \(m.target): task storage (x-ferry.volumes: ephemeral), emptied when a task stops", "remove the override to keep it on EFS")
                }
            default:
                break
            }
        }
        if s.privileged { add("privileged", "Fargate does not run privileged containers", "drop the need for it, or run on ECS with EC2 instances") }
        if let mode = s.networkMode {
            add("network_mode", "network_mode \(mode): Fargate tasks use awsvpc (their own network interface)", "reach services through Cloud Map names and security groups")
        }
        if !s.devices.isEmpty { add("devices", "Fargate has no access to host devices", "use an AWS service for the device, or ECS on EC2") }
        let allowedCaps: Set<String> = ["SYS_PTRACE", "CAP_SYS_PTRACE"]
        if s.capAdd.contains(where: { !allowedCaps.contains($0.uppercased()) }) {
            add("cap_add", "Fargate only allows adding SYS_PTRACE", "remove the capability or run on ECS with EC2 instances")
        }
        if !s.extraHosts.isEmpty { add("extra_hosts", "no /etc/hosts entries on Fargate", "use Cloud Map or Route 53 private records") }
        if s.tty || s.stdinOpen { add(s.tty ? "tty" : "stdin_open", "no terminal is attached to ECS tasks", "use ECS Exec (`aws ecs execute-command`) for a shell") }
        if s.containerName != nil { add("container_name", "ECS names tasks itself", "find tasks by service name") }
        if s.hostname != nil { add("hostname", "tasks get their own host names", "other services use the Cloud Map name") }
        if !s.links.isEmpty { add("links", "links are a local network feature", "Cloud Map names replace them") }
        if !s.ports.isEmpty {
            let published = s.ports.compactMap { p in p.published.map { "\($0):\(p.target)" } }
            if !published.isEmpty {
                add("ports", "published host ports (\(published.joined(separator: ", "))): there is no host", "the load balancer (public) or Cloud Map (internal) reach the container port")
            }
        }
        for p in f.containerPorts {
            if let why = DevPorts.reason(port: p, f) { add("ports", "port \(p): \(why)", "not exposed on AWS; run it locally") }
        }
        for p in s.ports where p.proto == "udp" {
            add("ports", "UDP port \(p.target) is not reached through Cloud Map or the application load balancer", p.published != nil ? "published: served by the Network Load Balancer" : "not published: reachable only inside the VPC")
        }
        if let l = s.logging {
            _ = l
            add("logging", "the logging driver is replaced", "awslogs sends stdout/stderr to CloudWatch Logs")
        }
        if s.restart != nil, role != .job {
            add("restart", "ECS keeps service tasks running and replaces failed ones", "a deployment circuit breaker rolls back failing deployments")
        }
        if s.dependsOn.contains(where: { $0.condition != "service_started" }) {
            add("depends_on", "start order and health conditions across services do not exist on ECS", "make the app retry its connections at start; run migrations as a job before deploy")
        }
        if !s.configs.isEmpty { add("configs", "compose configs are files mounted from the host", "COPY them into the image or read them from SSM Parameter Store") }
        if !s.secrets.isEmpty { add("secrets", "secret files under /run/secrets are not mounted on ECS", "each secret is injected as an environment variable from Secrets Manager") }
        if let p = s.platform, !p.contains("amd64") && !p.contains("x86_64") {
            add("platform", "platform \(p)", "Fargate runs linux/amd64 by default; build for it or use the ARM64 runtime")
        }
        for (i, n) in s.networks.sorted(by: { $0.key < $1.key }).enumerated() where n.value.ipv4Address != nil {
            add("networks[\(i)]", "fixed IP address on \(n.key)", "use the Cloud Map name")
        }
        let otherReasons: [String: (String, String)] = [
            "sysctls": ("kernel parameters are fixed on Fargate (only a few namespaced ones are allowed)", "remove them or run on ECS with EC2"),
            "ulimits": ("only nofile can be raised on Fargate", "set nofile through the task definition if needed"),
            "pid": ("no shared PID namespace on Fargate", "remove it"),
            "ipc": ("no shared IPC namespace on Fargate", "remove it"),
            "security_opt": ("security options are not configurable on Fargate", "remove them"),
            "cgroup_parent": ("no cgroup control on Fargate", "remove it"),
            "userns_mode": ("user namespaces are not configurable on Fargate", "remove it"),
            "shm_size": ("/dev/shm size is fixed on Fargate", "use tmpfs or ephemeral storage"),
            "dns": ("DNS is the VPC resolver", "use Route 53 private zones"),
            "dns_search": ("DNS is the VPC resolver", "use Route 53 private zones"),
            "mac_address": ("no fixed MAC addresses", "remove it"),
            "cpuset": ("no CPU pinning on Fargate", "size the task instead"),
            "oom_kill_disable": ("not configurable on Fargate", "size the task memory"),
            "runtime": ("custom runtimes are not available on Fargate", "remove it"),
            "device_cgroup_rules": ("no device access on Fargate", "remove it"),
            "volumes_from": ("no shared volumes between services on Fargate", "use S3 or EFS"),
        ]
        for key in s.otherKeys.keys.sorted() {
            if let (reason, instead) = otherReasons[key] { add(key, reason, instead) }
        }
        return out
    }
}
