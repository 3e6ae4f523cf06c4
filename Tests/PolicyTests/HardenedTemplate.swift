import Foundation

/// A small template that satisfies every check at prod tier; each fixture test breaks one thing in it.
enum HardenedTemplate {
    static var tags: [[String: Any]] { [
        ["Key": "Project", "Value": "demo"], ["Key": "Environment", "Value": "prod"], ["Key": "ManagedBy", "Value": "ferry"],
    ] }

    static func ref(_ id: String) -> [String: Any] { ["Ref": id] }
    static func getAtt(_ id: String, _ attr: String) -> [String: Any] { ["Fn::GetAtt": [id, attr]] }

    static var resources: [String: [String: Any]] {
        [
            "Cluster": ["Type": "AWS::ECS::Cluster", "Properties": [
                "ClusterSettings": [["Name": "containerInsights", "Value": "enabled"]], "Tags": tags]],
            "ApiRepository": ["Type": "AWS::ECR::Repository", "Properties": [
                "ImageScanningConfiguration": ["ScanOnPush": true], "ImageTagMutability": "IMMUTABLE", "Tags": tags]],
            "ApiLogGroup": ["Type": "AWS::Logs::LogGroup", "Properties": [
                "RetentionInDays": 365, "KmsKeyId": getAtt("LogKey", "Arn"), "Tags": tags]],
            "ApiTaskRole": ["Type": "AWS::IAM::Role", "Properties": [
                "AssumeRolePolicyDocument": ["Statement": [["Effect": "Allow", "Principal": ["Service": "ecs-tasks.amazonaws.com"], "Action": "sts:AssumeRole"]]],
                "Policies": [["PolicyName": "data", "PolicyDocument": ["Version": "2012-10-17", "Statement": [
                    ["Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": ["Fn::Sub": "${DataBucket.Arn}/*"]],
                    ["Effect": "Allow", "Action": "cloudwatch:PutMetricData", "Resource": "*"],
                ]]]], "Tags": tags]],
            "ApiExecutionRole": ["Type": "AWS::IAM::Role", "Properties": [
                "AssumeRolePolicyDocument": ["Statement": [["Effect": "Allow", "Principal": ["Service": "ecs-tasks.amazonaws.com"], "Action": "sts:AssumeRole"]]],
                "Policies": [["PolicyName": "pull", "PolicyDocument": ["Statement": [
                    ["Effect": "Allow", "Action": ["ecr:GetAuthorizationToken"], "Resource": "*"],
                    ["Effect": "Allow", "Action": ["secretsmanager:GetSecretValue"], "Resource": ref("JwtSecret")],
                ]]]], "Tags": tags]],
            "ApiTaskDefinition": ["Type": "AWS::ECS::TaskDefinition", "Properties": [
                "ExecutionRoleArn": getAtt("ApiExecutionRole", "Arn"), "TaskRoleArn": getAtt("ApiTaskRole", "Arn"),
                "ContainerDefinitions": [[
                    "Name": "api", "Image": ["Fn::Sub": "${ApiRepository.RepositoryUri}:${ApiImageTag}"], "Essential": true,
                    "Environment": [["Name": "NODE_ENV", "Value": "production"], ["Name": "LOG_LEVEL", "Value": "info"]],
                    "Secrets": [["Name": "JWT_SECRET", "ValueFrom": ref("JwtSecret")]],
                    "HealthCheck": ["Command": ["CMD-SHELL", "curl -f http://localhost:8080/health || exit 1"]],
                    "LogConfiguration": ["LogDriver": "awslogs", "Options": ["awslogs-group": ref("ApiLogGroup")]],
                    "MountPoints": [["SourceVolume": "efs-uploads", "ContainerPath": "/app/uploads", "ReadOnly": false]],
                ]],
                "Volumes": [["Name": "efs-uploads", "EFSVolumeConfiguration": [
                    "FilesystemId": ref("Files"), "TransitEncryption": "ENABLED",
                    "AuthorizationConfig": ["AccessPointId": ref("UploadsAccessPoint"), "IAM": "ENABLED"]]]],
                "Tags": tags]],
            "ApiService": ["Type": "AWS::ECS::Service", "Properties": [
                "Cluster": ref("Cluster"), "TaskDefinition": ref("ApiTaskDefinition"),
                "NetworkConfiguration": ["AwsvpcConfiguration": ["AssignPublicIp": "DISABLED"]],
                "LoadBalancers": [["TargetGroupArn": ref("ApiTargetGroup"), "ContainerName": "api", "ContainerPort": 8080]],
                "Tags": tags]],
            "WorkerService": ["Type": "AWS::ECS::Service", "Properties": [
                "Cluster": ref("Cluster"), "TaskDefinition": ref("ApiTaskDefinition"),
                "NetworkConfiguration": ["AwsvpcConfiguration": ["AssignPublicIp": "DISABLED"]],
                "ServiceRegistries": [["RegistryArn": getAtt("WorkerDiscovery", "Arn")]], "Tags": tags]],
            "ApiTargetGroup": ["Type": "AWS::ElasticLoadBalancingV2::TargetGroup", "Properties": [
                "HealthCheckPath": "/health", "Port": 8080, "Protocol": "HTTP", "Tags": tags]],
            "LoadBalancer": ["Type": "AWS::ElasticLoadBalancingV2::LoadBalancer", "Properties": [
                "Scheme": "internet-facing", "Type": "application",
                "LoadBalancerAttributes": [["Key": "routing.http.drop_invalid_header_fields.enabled", "Value": "true"]],
                "SecurityGroups": [ref("AlbSecurityGroup")], "Tags": tags]],
            "HttpListener": ["Type": "AWS::ElasticLoadBalancingV2::Listener", "Properties": [
                "LoadBalancerArn": ref("LoadBalancer"), "Port": 80, "Protocol": "HTTP",
                "DefaultActions": [["Type": "redirect", "RedirectConfig": ["Protocol": "HTTPS", "Port": "443", "StatusCode": "HTTP_301"]]]]],
            "HttpsListener": ["Type": "AWS::ElasticLoadBalancingV2::Listener", "Properties": [
                "LoadBalancerArn": ref("LoadBalancer"), "Port": 443, "Protocol": "HTTPS",
                "SslPolicy": "ELBSecurityPolicy-TLS13-1-2-2021-06", "Certificates": [["CertificateArn": ref("CertificateArn")]],
                "DefaultActions": [["Type": "forward", "TargetGroupArn": ref("ApiTargetGroup")]]]],
            "WebAcl": ["Type": "AWS::WAFv2::WebACL", "Properties": ["Scope": "REGIONAL"]],
            "WebAclAssociation": ["Type": "AWS::WAFv2::WebACLAssociation", "Properties": [
                "ResourceArn": ref("LoadBalancer"), "WebACLArn": getAtt("WebAcl", "Arn")]],
            "AlbSecurityGroup": ["Type": "AWS::EC2::SecurityGroup", "Properties": [
                "GroupDescription": "alb", "SecurityGroupIngress": [
                    ["IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIp": "0.0.0.0/0"],
                    ["IpProtocol": "tcp", "FromPort": 80, "ToPort": 80, "CidrIp": "0.0.0.0/0"],
                ], "Tags": tags]],
            "Database": ["Type": "AWS::RDS::DBInstance", "DeletionPolicy": "Snapshot", "UpdateReplacePolicy": "Snapshot", "Properties": [
                "Engine": "postgres", "DBInstanceClass": "db.t4g.small", "PubliclyAccessible": false, "StorageEncrypted": true,
                "DeletionProtection": true, "MultiAZ": true, "BackupRetentionPeriod": 7, "ManageMasterUserPassword": true, "Tags": tags]],
            "Cache": ["Type": "AWS::ElastiCache::ReplicationGroup", "DeletionPolicy": "Snapshot", "UpdateReplacePolicy": "Snapshot", "Properties": [
                "ReplicationGroupDescription": "cache", "Engine": "redis", "AtRestEncryptionEnabled": true, "TransitEncryptionEnabled": true,
                "AuthToken": "{{resolve:secretsmanager:demo/redis:SecretString:token}}", "NumCacheClusters": 2,
                "AutomaticFailoverEnabled": true, "MultiAZEnabled": true, "SnapshotRetentionLimit": 7, "Tags": tags]],
            "DataBucket": ["Type": "AWS::S3::Bucket", "DeletionPolicy": "Retain", "UpdateReplacePolicy": "Retain", "Properties": [
                "BucketEncryption": ["ServerSideEncryptionConfiguration": [["ServerSideEncryptionByDefault": ["SSEAlgorithm": "AES256"]]]],
                "PublicAccessBlockConfiguration": ["BlockPublicAcls": true, "BlockPublicPolicy": true, "IgnorePublicAcls": true, "RestrictPublicBuckets": true],
                "VersioningConfiguration": ["Status": "Enabled"], "Tags": tags]],
            "Files": ["Type": "AWS::EFS::FileSystem", "DeletionPolicy": "Retain", "UpdateReplacePolicy": "Retain", "Properties": [
                "Encrypted": true, "BackupPolicy": ["Status": "ENABLED"], "FileSystemTags": tags]],
            "JwtSecret": ["Type": "AWS::SecretsManager::Secret", "Properties": [
                "GenerateSecretString": ["PasswordLength": 48, "ExcludePunctuation": true], "Tags": tags]],
            "DevicePolicy": ["Type": "AWS::IoT::Policy", "Properties": ["PolicyDocument": ["Statement": [
                ["Effect": "Allow", "Action": "iot:Connect", "Resource": ["Fn::Sub": "arn:${AWS::Partition}:iot:${AWS::Region}:${AWS::AccountId}:client/${!iot:Connection.Thing.ThingName}"]],
                ["Effect": "Allow", "Action": ["iot:Publish", "iot:Receive"], "Resource": ["Fn::Sub": "arn:${AWS::Partition}:iot:${AWS::Region}:${AWS::AccountId}:topic/devices/${!iot:Connection.Thing.ThingName}/data"]],
            ]]]],
            "Users": ["Type": "AWS::Cognito::UserPool", "DeletionPolicy": "Retain", "UpdateReplacePolicy": "Retain", "Properties": [
                "Policies": ["PasswordPolicy": ["MinimumLength": 12]], "DeletionProtection": "ACTIVE", "MfaConfiguration": "OPTIONAL"]],
            "AlarmTopic": ["Type": "AWS::SNS::Topic", "Properties": ["Tags": tags]],
            "Alb5xxAlarm": ["Type": "AWS::CloudWatch::Alarm", "Properties": [
                "MetricName": "HTTPCode_Target_5XX_Count", "AlarmActions": [ref("AlarmTopic")]]],
        ]
    }

    static var parameters: [String: Any] {
        ["ApiImageTag": ["Type": "String", "Description": "image tag"],
         "CertificateArn": ["Type": "String", "Description": "certificate"]]
    }

    /// The template as JSON after `change` edits its resources (logical ID → resource).
    static func json(_ change: (inout [String: [String: Any]]) -> Void = { _ in }, parameters params: [String: Any]? = nil) -> String {
        var r = resources
        change(&r)
        let doc: [String: Any] = ["AWSTemplateFormatVersion": "2010-09-09", "Parameters": params ?? parameters, "Resources": r]
        let data = (try? JSONSerialization.data(withJSONObject: doc, options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}

extension Dictionary where Key == String, Value == [String: Any] {
    /// Sets `Properties.<key>` of resource `id` (nil removes it).
    mutating func set(_ id: String, _ key: String, _ value: Any?) {
        guard var r = self[id] else { return }
        var p = r["Properties"] as? [String: Any] ?? [:]
        p[key] = value
        r["Properties"] = p
        self[id] = r
    }

    mutating func setAttribute(_ id: String, _ key: String, _ value: Any?) {
        guard var r = self[id] else { return }
        r[key] = value
        self[id] = r
    }

    /// Changes the first container of `ApiTaskDefinition`.
    mutating func container(_ change: (inout [String: Any]) -> Void) {
        guard var r = self["ApiTaskDefinition"], var p = r["Properties"] as? [String: Any],
              var list = p["ContainerDefinitions"] as? [[String: Any]], var first = list.first else { return }
        change(&first)
        list[0] = first
        p["ContainerDefinitions"] = list
        r["Properties"] = p
        self["ApiTaskDefinition"] = r
    }
}
