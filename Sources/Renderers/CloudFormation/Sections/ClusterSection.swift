import Blueprint

/// ECR repositories with their image-tag parameters, the ECS cluster and the log groups.
enum ClusterSection {
    static func render(_ c: inout CFNContext) {
        let b = c.blueprint
        for repository in b.repositories {
            var resource = CFNResource("AWS::ECR::Repository", [
                "RepositoryName": .string(repository.name),
                "ImageScanningConfiguration": ["ScanOnPush": .bool(repository.scanOnPush)],
                "ImageTagMutability": .string(repository.tagMutability),
                "EncryptionConfiguration": ["EncryptionType": "AES256"],
                "LifecyclePolicy": ["LifecyclePolicyText": .string(lifecyclePolicy(keep: repository.keepImages))],
            ], group: repository.workload)
            // Images outlive the stack: deleting it must not fail on a non-empty repository or lose images.
            resource.deletionPolicy = "Retain"
            resource.updateReplacePolicy = "Retain"
            c.add(c.names.repository(repository.name), resource)
        }
        for workload in b.workloads {
            guard let parameter = workload.image.tagParameter, workload.image.repository != nil else { continue }
            var tag = CFNParameter(description: "Image tag of \(workload.name) to deploy from its ECR repository (CI passes the commit SHA).", default: "latest")
            tag.allowedPattern = "^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$"
            tag.constraintDescription = "a Docker image tag"
            c.template.parameters[parameter] = tag
        }

        if let cluster = b.cluster, let existing = cluster.existingClusterName {
            c.template.parameters["Cluster"] = CFNParameter(description: "Name of the existing ECS cluster to deploy into (x-aws-cluster).", default: .string(existing))
        } else if let cluster = b.cluster {
            var properties: [String: CFNValue] = [
                "ClusterName": .string(cluster.name),
                "ClusterSettings": [["Name": "containerInsights", "Value": cluster.containerInsights ? "enabled" : "disabled"]],
            ]
            // With EC2 capacity the associations resource holds the Fargate providers too (CapacitySection).
            if cluster.spotForWorkers && b.ec2CapacityProviders.isEmpty {
                properties["CapacityProviders"] = ["FARGATE", "FARGATE_SPOT"]
                properties["DefaultCapacityProviderStrategy"] = [["CapacityProvider": "FARGATE", "Weight": 1]]
            }
            c.add("Cluster", CFNResource("AWS::ECS::Cluster", properties))
        }

        for group in b.logGroups {
            c.add(c.names.logGroup(group.name), CFNResource("AWS::Logs::LogGroup", [
                "LogGroupName": .string(group.logGroupName),
                "RetentionInDays": .int(validRetention(group.retentionDays)),
            ], group: group.workload))
        }
    }

    /// ECR lifecycle policy: expire everything beyond the newest `keep` images.
    static func lifecyclePolicy(keep: Int) -> String { AWSRules.ecrLifecyclePolicy(keep: keep) }

    /// CloudWatch Logs accepts only these retention periods; round up to the next one.
    static let retentionDays = AWSRules.retentionDays

    static func validRetention(_ days: Int) -> Int { AWSRules.validRetention(days) }
}
