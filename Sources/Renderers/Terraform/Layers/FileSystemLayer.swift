import Blueprint

/// `storage.tf` (file systems): EFS for named volumes, encrypted, with daily backups and a TLS-only
/// policy, a mount target per AZ's private subnet and an access point per volume; and the task-definition
/// volumes that mount them (TLS in transit, through the access point, authorized by the task role).
enum FileSystemLayer {
    static let file = StorageLayer.file

    static func render(_ c: TFContext) {
        for fs in c.blueprint.fileSystems { renderFileSystem(c, fs) }
    }

    static func renderFileSystem(_ c: TFContext, _ fs: FileSystem) {
        let l = c.label(fs.name)
        c.resource(file, "aws_efs_file_system", l) {
            $0["encrypted"] = .bool(fs.encrypted)
            $0["performance_mode"] = .string(fs.performanceMode)
            $0["throughput_mode"] = .string(fs.throughputMode)
            if fs.retainOnDelete {
                // Files are data: `terraform destroy` stops here until this line goes (CloudFormation retains it).
                $0.nested("lifecycle") { $0["prevent_destroy"] = true }
            }
        }
        c.resource(file, "aws_efs_backup_policy", l) {
            $0["file_system_id"] = .ref("aws_efs_file_system.\(l).id")
            $0.nested("backup_policy") { $0["status"] = fs.backups ? "ENABLED" : "DISABLED" }
        }
        c.resource(file, "aws_efs_file_system_policy", l) {
            $0["file_system_id"] = .ref("aws_efs_file_system.\(l).id")
            $0["policy"] = IdentityLayer.document([[
                HCLAttribute("Sid", "DenyInsecureTransport"), HCLAttribute("Effect", "Deny"),
                HCLAttribute("Principal", .object([HCLAttribute("AWS", "*")])), HCLAttribute("Action", "*"),
                HCLAttribute("Resource", .ref("aws_efs_file_system.\(l).arn")),
                HCLAttribute("Condition", .object([HCLAttribute("Bool", .object([HCLAttribute("aws:SecureTransport", "false")]))])),
            ]])
        }
        guard c.blueprint.network.securityGroups.contains(where: { $0.name == fs.securityGroup }) else {
            c.problem("file system \(fs.name) names security group \(fs.securityGroup), which is not a security group")
            return
        }
        for (index, subnet) in NetworkLayer.subnetIDs(c, .private, onePerAZ: true).enumerated() {
            c.resource(file, "aws_efs_mount_target", "\(l)_\(index + 1)") {
                $0["file_system_id"] = .ref("aws_efs_file_system.\(l).id")
                $0["subnet_id"] = .ref(subnet)
                $0["security_groups"] = .list([.ref("aws_security_group.\(c.label(fs.securityGroup)).id")])
            }
        }
        for point in fs.accessPoints {
            c.resource(file, "aws_efs_access_point", c.label(point.name)) {
                $0["file_system_id"] = .ref("aws_efs_file_system.\(l).id")
                $0.nested("posix_user") {
                    $0["uid"] = .int(point.uid)
                    $0["gid"] = .int(point.gid)
                }
                $0.nested("root_directory") {
                    $0["path"] = .string(point.rootDirectory)
                    $0.nested("creation_info") {
                        $0["owner_uid"] = .int(point.uid)
                        $0["owner_gid"] = .int(point.gid)
                        $0["permissions"] = .string(point.permissions)
                    }
                }
            }
        }
    }

    static func volumeName(_ mount: FileMount) -> String { AWSRules.volumeName("efs-\(mount.accessPoint)") }

    static func mountPoints(_ w: Workload) -> [HCLValue] {
        w.fileMounts.map { mount in
            .object([HCLAttribute("sourceVolume", .string(volumeName(mount))), HCLAttribute("containerPath", .string(mount.containerPath)),
                     HCLAttribute("readOnly", .bool(mount.readOnly))])
        }
    }

    static func taskVolumes(_ c: TFContext, _ w: Workload, into block: inout HCLBlock) {
        var seen: Set<String> = []
        for mount in w.fileMounts where seen.insert(volumeName(mount)).inserted {
            guard let fs = c.blueprint.fileSystem(named: mount.fileSystem), fs.accessPoints.contains(where: { $0.name == mount.accessPoint }) else {
                c.problem("\(w.name) mounts \(mount.fileSystem)/\(mount.accessPoint), which the Blueprint does not define")
                continue
            }
            block.nested("volume") {
                $0["name"] = .string(volumeName(mount))
                $0.nested("efs_volume_configuration") {
                    $0["file_system_id"] = .ref("aws_efs_file_system.\(c.label(fs.name)).id")
                    $0["transit_encryption"] = "ENABLED"
                    $0.nested("authorization_config") {
                        $0["access_point_id"] = .ref("aws_efs_access_point.\(c.label(mount.accessPoint)).id")
                        $0["iam"] = "ENABLED"
                    }
                }
            }
        }
    }

    /// A task that mounts before its mount targets exist fails to start: services wait for them.
    static func mountTargetDependencies(_ c: TFContext, _ w: Workload) -> [String] {
        let used = Set(w.fileMounts.map(\.fileSystem))
        let count = NetworkLayer.subnetIDs(c, .private, onePerAZ: true).count
        return c.blueprint.fileSystems.filter { used.contains($0.name) }.flatMap { fs in
            (0..<count).map { "aws_efs_mount_target.\(c.label(fs.name))_\($0 + 1)" }
        }
    }
}

/// `load_balancer.tf` (network): the internet-facing Network Load Balancer for public ports that are not
/// HTTP: a target group (IP targets, TCP health check) and a listener per port.
enum NetworkLoadBalancerLayer {
    static func render(_ c: TFContext) {
        guard let nlb = c.blueprint.networkLoadBalancer, !nlb.listeners.isEmpty else { return }
        let subnets = NetworkLayer.subnets(c, .public, onePerAZ: true)
        c.resource(LoadBalancerLayer.file, "aws_lb", "network") {
            $0["load_balancer_type"] = "network"
            $0["internal"] = false
            $0["ip_address_type"] = "ipv4"
            $0["subnets"] = subnets
            $0["enable_cross_zone_load_balancing"] = true
        }
        for l in nlb.listeners {
            let label = "nlb_" + c.label(l.name)
            c.resource(LoadBalancerLayer.file, "aws_lb_target_group", label) {
                $0["target_type"] = "ip"
                $0["protocol"] = .string(l.proto)
                $0["port"] = .int(l.targetPort)
                $0["vpc_id"] = .ref(c.vpcID)
                $0["deregistration_delay"] = "30"
                $0.nested("health_check") {
                    $0["enabled"] = true
                    $0["protocol"] = "TCP"
                    $0["port"] = .string(String(l.healthCheckPort))
                    $0["interval"] = 30
                }
            }
            c.resource(LoadBalancerLayer.file, "aws_lb_listener", label) {
                $0["load_balancer_arn"] = .ref("aws_lb.network.arn")
                $0["port"] = .int(l.port)
                $0["protocol"] = .string(l.proto)
                $0.nested("default_action") {
                    $0["type"] = "forward"
                    $0["target_group_arn"] = .ref("aws_lb_target_group.\(label).arn")
                }
            }
        }
    }
}
