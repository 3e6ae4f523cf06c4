import Foundation

/// The CloudFormation template of the DMS path: subnet group, replication instance, the role that
/// reads the target secret, both endpoints and the full-load-and-CDC task.
struct DMSTemplate {
    let database: NativeDatabase
    let instanceIdentifier: String

    static let defaultLobMaxSizeKB = 1024
    static let vpcRoleTrust = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"dms.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#

    private var engine: NativeDatabase.Engine { database.engine }

    var sourceDatabase: String {
        database.source.database ?? (engine == .postgres ? "postgres" : database.store)
    }

    var targetDatabase: String { database.target.database ?? sourceDatabase }

    private var gigabytes: Int64? { database.sizeBytes.map { ($0 + 999_999_999) / 1_000_000_000 } }

    /// Sized from the database: the instance's memory holds the changes cached during the full load.
    var instanceClass: String {
        guard let gigabytes else { return "dms.r5.large" }
        if gigabytes < 50 { return "dms.t3.medium" }
        if gigabytes < 500 { return "dms.r5.large" }
        return "dms.r5.xlarge"
    }

    /// GiB for task logs and changes cached while the full load runs: a tenth of the data, 50 to 6144.
    var allocatedStorage: Int64 {
        guard let gigabytes else { return 100 }
        return min(6144, max(50, (gigabytes + 9) / 10))
    }

    /// A DMS identifier: letters, digits and single hyphens, starting with a letter, at most 63 characters.
    static func identifier(_ name: String) -> String {
        var id = String(NativeShell.slug(name).prefix(63))
        while id.hasSuffix("-") { id.removeLast() }
        if !(id.first?.isLetter ?? false) { id = "f-" + id }
        return id
    }

    func json() -> NativeJSON {
        [
            "AWSTemplateFormatVersion": "2010-09-09",
            "Description": .string("ferry: AWS DMS full load and CDC of \(database.engine.rawValue) store \(database.store) into stack \(database.stackName)"),
            "Parameters": parameters(),
            "Resources": resources(),
            "Outputs": [
                "ReplicationTaskArn": ["Description": "The full-load-and-CDC task", "Value": .ref("ReplicationTask")],
                "ReplicationInstanceArn": ["Description": "The replication instance", "Value": .ref("ReplicationInstance")],
            ],
        ]
    }

    private func parameters() -> NativeJSON {
        var p: [String: NativeJSON] = [
            "SubnetIds": ["Type": "List<AWS::EC2::Subnet::Id>", "Description": "Private subnets of the stack's VPC for the replication instance (two Availability Zones)"],
            "SecurityGroupIds": ["Type": "List<AWS::EC2::SecurityGroup::Id>", "Description": "Security groups of the replication instance; the stack database's group must allow them in"],
            "SourceServerName": ["Type": "String", "Description": "Host name or address of the source database, reachable from the VPC"],
            "SourcePort": ["Type": "Number", "Default": .int(Int64(database.source.port ?? engine.defaultPort)), "MinValue": 1, "MaxValue": 65535],
            "SourceDatabase": ["Type": "String", "Default": .string(sourceDatabase), "Description": engine == .postgres ? "Database to read (schema public)" : "Database (schema) to read"],
            "SourceUsername": ["Type": "String", "Description": "Source user allowed to replicate"],
            "SourcePassword": ["Type": "String", "NoEcho": true, "Description": "Source user's password, supplied at deploy time"],
            "TargetSecretArn": ["Type": "String", "AllowedPattern": "^arn:aws[a-z-]*:secretsmanager:.+", "Description": "The stack's database credentials secret (JSON keys username and password)"],
            "TargetServerName": ["Type": "String", "Description": "The stack database's endpoint address"],
            "TargetPort": ["Type": "Number", "Default": .int(Int64(database.target.port ?? engine.defaultPort)), "MinValue": 1, "MaxValue": 65535],
            "TargetDatabase": ["Type": "String", "Default": .string(targetDatabase), "Description": "Database to write in the stack's instance"],
            "ReplicationInstanceClass": ["Type": "String", "Default": .string(instanceClass), "AllowedPattern": "^dms\\.[a-z0-9]+\\.[a-z0-9]+$"],
            "AllocatedStorage": ["Type": "Number", "Default": .int(allocatedStorage), "MinValue": 5, "MaxValue": 6144, "Description": "GiB for task logs and cached changes"],
            "LobMaxSizeKB": ["Type": "Number", "Default": .int(Int64(Self.defaultLobMaxSizeKB)), "MinValue": 1, "Description": "Largest LOB value copied whole, in KB; larger values are truncated"],
        ]
        if let host = database.source.host { p["SourceServerName"] = merge(p["SourceServerName"]!, ["Default": .string(host)]) }
        if let user = database.source.username { p["SourceUsername"] = merge(p["SourceUsername"]!, ["Default": .string(user)]) }
        return .object(p)
    }

    private func merge(_ a: NativeJSON, _ b: [String: NativeJSON]) -> NativeJSON {
        guard case var .object(o) = a else { return a }
        o.merge(b, uniquingKeysWith: { _, new in new })
        return .object(o)
    }

    private func resources() -> NativeJSON {
        let settingsKey = engine == .postgres ? "PostgreSqlSettings" : "MySqlSettings"
        // DMS loads tables in parallel: constraints between them are not enforced during the copy.
        let afterConnect = engine == .postgres ? "SET session_replication_role = 'replica'" : "SET FOREIGN_KEY_CHECKS = 0"
        var source: [String: NativeJSON] = [
            "EndpointType": "source",
            "EngineName": .string(engine.dmsEngineName),
            "ServerName": .ref("SourceServerName"),
            "Port": .ref("SourcePort"),
            "Username": .ref("SourceUsername"),
            "Password": .ref("SourcePassword"),
            "SslMode": database.source.requireTLS ? "require" : "none",
        ]
        // The user and password are dynamic references: CloudFormation reads them from the stack's secret
        // at deploy time (RDS-managed secrets hold only these two keys), the template never holds them.
        var target: [String: NativeJSON] = [
            "EndpointType": "target",
            "EngineName": .string(engine.dmsEngineName),
            "SslMode": "require",
            "ServerName": .ref("TargetServerName"),
            "Port": .ref("TargetPort"),
            "Username": .sub("{{resolve:secretsmanager:${TargetSecretArn}:SecretString:username}}"),
            "Password": .sub("{{resolve:secretsmanager:${TargetSecretArn}:SecretString:password}}"),
            .init(settingsKey): ["AfterConnectScript": .string(afterConnect)],
        ]
        // MySQL endpoints are server-wide: the schema is chosen by the table mappings.
        if engine == .postgres {
            source["DatabaseName"] = .ref("SourceDatabase")
            target["DatabaseName"] = .ref("TargetDatabase")
        }
        return [
            "ReplicationSubnetGroup": [
                "Type": "AWS::DMS::ReplicationSubnetGroup",
                "Properties": [
                    "ReplicationSubnetGroupDescription": .sub("ferry ${AWS::StackName} replication subnets"),
                    "SubnetIds": .ref("SubnetIds"),
                ],
            ],
            "ReplicationInstance": [
                "Type": "AWS::DMS::ReplicationInstance",
                "Properties": [
                    "ReplicationInstanceIdentifier": .string(instanceIdentifier),
                    "ReplicationInstanceClass": .ref("ReplicationInstanceClass"),
                    "AllocatedStorage": .ref("AllocatedStorage"),
                    "MultiAZ": false,
                    "PubliclyAccessible": false,
                    "ReplicationSubnetGroupIdentifier": .ref("ReplicationSubnetGroup"),
                    "VpcSecurityGroupIds": .ref("SecurityGroupIds"),
                ],
            ],
            "SourceEndpoint": ["Type": "AWS::DMS::Endpoint", "Properties": .object(source)],
            "TargetEndpoint": ["Type": "AWS::DMS::Endpoint", "Properties": .object(target)],
            "ReplicationTask": [
                "Type": "AWS::DMS::ReplicationTask",
                "Properties": [
                    "MigrationType": "full-load-and-cdc",
                    "ReplicationInstanceArn": .ref("ReplicationInstance"),
                    "SourceEndpointArn": .ref("SourceEndpoint"),
                    "TargetEndpointArn": .ref("TargetEndpoint"),
                    "TableMappings": .sub(tableMappings().compact()),
                    "ReplicationTaskSettings": .sub(taskSettings()),
                ],
            ],
        ]
    }

    /// Every table of the schema; MySQL's schema is renamed to the target database.
    private func tableMappings() -> NativeJSON {
        let schema: NativeJSON = engine == .postgres ? "public" : "${SourceDatabase}"
        var rules: [NativeJSON] = [[
            "rule-type": "selection",
            "rule-id": "1",
            "rule-name": "all-tables",
            "object-locator": ["schema-name": schema, "table-name": "%"],
            "rule-action": "include",
        ]]
        if engine != .postgres {
            rules.append([
                "rule-type": "transformation",
                "rule-id": "2",
                "rule-name": "into-target-database",
                "rule-target": "schema",
                "object-locator": ["schema-name": schema],
                "rule-action": "rename",
                "value": "${TargetDatabase}",
            ])
        }
        return ["rules": .array(rules)]
    }

    private static let lobPlaceholder = "__LOB_MAX_SIZE__"

    /// Task settings as a Fn::Sub string; LobMaxSize must be a JSON number, so the parameter
    /// reference replaces a quoted placeholder after encoding.
    private func taskSettings() -> String {
        let settings: NativeJSON = [
            "FullLoadSettings": ["TargetTablePrepMode": "DO_NOTHING"],
            "TargetMetadata": [
                "SupportLobs": true,
                "FullLobMode": false,
                "LimitedSizeLobMode": true,
                "LobMaxSize": .string(Self.lobPlaceholder),
            ],
            "ValidationSettings": ["EnableValidation": true],
            "Logging": ["EnableLogging": true],
        ]
        return settings.compact().replacingOccurrences(of: "\"\(Self.lobPlaceholder)\"", with: "${LobMaxSizeKB}")
    }
}
