import Foundation

extension NativePath {
    /// ``dms(_:)`` with the database's parts given one by one.
    public static func dms(engine: NativeDatabase.Engine, store: String, stackName: String, sizeBytes: Int64? = nil,
                           source: NativeDatabase.Source, target: NativeDatabase.Target) -> NativePlan {
        dms(NativeDatabase(engine: engine, store: store, stackName: stackName, sizeBytes: sizeBytes, source: source, target: target))
    }

    /// The AWS DMS path for a Postgres, MySQL or MariaDB database too big to dump and restore in the
    /// downtime budget: a full load followed by change data capture, validated row by row, then a
    /// short cutover. Produces `dms-<store>.template.json` and the commands that deploy and run it.
    public static func dms(_ database: NativeDatabase) -> NativePlan {
        let store = NativeShell.slug(database.store)
        let fileName = "dms-\(store).template.json"
        let dmsStack = "\(database.stackName)-dms-\(store)"
        let template = DMSTemplate(database: database, instanceIdentifier: DMSTemplate.identifier(dmsStack))
        let taskArn = NativeShell.stackOutput(dmsStack, "ReplicationTaskArn")
        let source = database.source
        let port = source.port ?? database.engine.defaultPort

        let overrides: [String] = [
            NativeShell.quote("SubnetIds=" + (database.target.subnetIds.isEmpty ? "<subnet-id>,<subnet-id>" : database.target.subnetIds.joined(separator: ","))),
            NativeShell.quote("SecurityGroupIds=" + (database.target.securityGroupIds.isEmpty ? "<security-group-id>" : database.target.securityGroupIds.joined(separator: ","))),
            NativeShell.quote("SourceServerName=\(source.host ?? "<source-host>")"),
            "SourcePort=\(port)",
            NativeShell.quote("SourceDatabase=\(template.sourceDatabase)"),
            NativeShell.quote("SourceUsername=\(source.username ?? "<source-user>")"),
            "SourcePassword=\"$SOURCE_DB_PASSWORD\"",
            "TargetSecretArn=" + NativeShell.stackOutput(database.stackName, database.target.secretOutput),
            "TargetServerName=" + (database.target.host.map(NativeShell.quote) ?? NativeShell.stackOutput(database.stackName, database.target.endpointOutput)),
            NativeShell.quote("TargetDatabase=\(template.targetDatabase)"),
            "ReplicationInstanceClass=\(template.instanceClass)",
            "AllocatedStorage=\(template.allocatedStorage)",
            "LobMaxSizeKB=\(DMSTemplate.defaultLobMaxSizeKB)",
        ]
        let since = "\"$(date -u -v-15M +%Y-%m-%dT%H:%M:%SZ 2>/dev/null || date -u -d '15 minutes ago' +%Y-%m-%dT%H:%M:%SZ)\""
        let now = "\"$(date -u +%Y-%m-%dT%H:%M:%SZ)\""
        let taskID = "\"$(aws dms describe-replication-tasks --filters Name=replication-task-arn,Values=\(taskArn) --query 'ReplicationTasks[0].ReplicationTaskArn' --output text | awk -F: '{print $NF}')\""
        let commands: [String] = [
            // DMS needs this account-wide role before it can create a replication subnet group.
            "aws iam get-role --role-name dms-vpc-role >/dev/null 2>&1 || { aws iam create-role --role-name dms-vpc-role --assume-role-policy-document '\(DMSTemplate.vpcRoleTrust)' && aws iam attach-role-policy --role-name dms-vpc-role --policy-arn arn:aws:iam::aws:policy/service-role/AmazonDMSVPCManagementRole; }",
            // The password is read without echo and never written to a file or the command line.
            "[ -n \"$SOURCE_DB_PASSWORD\" ] || { printf 'Source database password: '; read -rs SOURCE_DB_PASSWORD; echo; }",
            NativeShell.deploy(template: fileName, stack: dmsStack, capabilities: "CAPABILITY_IAM", overrides: overrides),
            "aws dms start-replication-task --replication-task-arn \(taskArn) --start-replication-task-type start-replication",
            "aws dms wait replication-task-running --filters Name=replication-task-arn,Values=\(taskArn)",
            "aws dms describe-table-statistics --replication-task-arn \(taskArn) --query 'TableStatistics[].[SchemaName,TableName,TableState,ValidationState,FullLoadRows,Inserts,Updates,Deletes]' --output table",
            "aws cloudwatch get-metric-statistics --namespace AWS/DMS --metric-name CDCLatencyTarget --dimensions Name=ReplicationInstanceIdentifier,Value=\(template.instanceIdentifier) Name=ReplicationTaskIdentifier,Value=\(taskID) --statistics Maximum --period 60 --start-time \(since) --end-time \(now)",
            "aws dms stop-replication-task --replication-task-arn \(taskArn)",
            "aws dms wait replication-task-stopped --filters Name=replication-task-arn,Values=\(taskArn)",
        ]

        var notes: [String] = [
            "Run the commands with bash or zsh from the directory holding \(fileName); the source password is read from SOURCE_DB_PASSWORD or a hidden prompt and reaches only the NoEcho SourcePassword parameter.",
            "The replication instance runs in SubnetIds of the stack's VPC and must reach the source database through a public endpoint, a Site-to-Site VPN or Direct Connect: open the source's firewall to the instance's addresses (NAT gateway or VPN) on port \(port).",
            "SecurityGroupIds must allow outbound traffic to the source and be allowed inbound on port \(database.target.port ?? database.engine.defaultPort) by the stack database's security group.",
            "The first command creates the account-wide dms-vpc-role (trusting dms.amazonaws.com, with the managed policy AmazonDMSVPCManagementRole) when it is missing; DMS cannot create the replication subnet group without it.",
            "The target endpoint's user and password are CloudFormation dynamic references to TargetSecretArn (its username and password keys, as both RDS-managed and template-generated secrets hold them): they are resolved at deploy time and appear in no file or command.",
            "TargetTablePrepMode is DO_NOTHING because ferry's stack and init scripts created the schema, indexes and constraints, which DMS must not drop; the target tables must be empty when the task starts, so empty them before restarting a full load.",
            "The target session disables foreign key enforcement (\(database.engine == .postgres ? "session_replication_role = replica" : "FOREIGN_KEY_CHECKS = 0")) because DMS loads tables in parallel and in no particular order.",
            "Validation compares every row of the source and the target after the full load and keeps checking changes during CDC; cut over only when describe-table-statistics shows every table Table completed and Validated.",
            "LOB columns (\(database.engine == .postgres ? "text, bytea, json and jsonb" : "TEXT, BLOB and JSON")) are copied in limited LOB mode: values over LobMaxSizeKB (\(DMSTemplate.defaultLobMaxSizeKB) KB) are truncated and reported as validation failures, so raise LobMaxSizeKB to the largest value's size when validation reports them.",
            "Cutover: stop the application's writes to the source, wait until CDCLatencyTarget is 0 and the Inserts, Updates and Deletes counters stop moving, stop the task, then point the application at the stack.",
            "The replication instance (\(template.instanceClass), \(template.allocatedStorage) GiB for logs and cached changes) is billed by the hour until the stack \(dmsStack) is deleted with aws cloudformation delete-stack --stack-name \(dmsStack).",
        ]
        switch database.engine {
        case .postgres:
            notes.insert(contentsOf: [
                "CDC needs on the source: wal_level = logical, max_replication_slots and max_wal_senders of at least 1 more than in use, and a user with the REPLICATION attribute (or superuser) allowed to connect by pg_hba.conf; restart Postgres after changing wal_level.",
                "Tables without a primary key get inserts only during CDC; updates and deletes of their rows are not replicated.",
                "DMS does not move sequences: after cutover run on the target the statements this query prints, which set each sequence past its column's maximum: SELECT format('SELECT setval(%L, COALESCE((SELECT max(%I) FROM %I.%I), 0) + 1, false);', s.oid::regclass, a.attname, n.nspname, t.relname) FROM pg_class s JOIN pg_depend d ON d.objid = s.oid AND d.deptype IN ('a', 'i') JOIN pg_class t ON t.oid = d.refobjid JOIN pg_namespace n ON n.oid = t.relnamespace JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid WHERE s.relkind = 'S';",
                source.requireTLS
                    ? "The source endpoint requires TLS (SslMode require)."
                    : "The source endpoint connects without TLS (SslMode none) because a Compose database rarely has a certificate; carry the traffic over a VPN or Direct Connect, or enable TLS on the source and set SslMode to require.",
            ], at: 0)
        case .mysql, .mariadb:
            notes.insert(contentsOf: [
                "CDC needs on the source: log_bin on, binlog_format = ROW, binlog_row_image = FULL, binary logs kept for at least a day (binlog_expire_logs_seconds = 86400 or expire_logs_days = 1), and a user with REPLICATION CLIENT, REPLICATION SLAVE and SELECT on \(template.sourceDatabase).",
                "AUTO_INCREMENT counters need no reset: InnoDB moves them past the largest value DMS inserts.",
                source.requireTLS
                    ? "The source endpoint requires TLS (SslMode require)."
                    : "The source endpoint connects without TLS (SslMode none) because a Compose database rarely has a certificate; carry the traffic over a VPN or Direct Connect, or enable TLS on the source and set SslMode to require.",
            ], at: 0)
        }

        return NativePlan(
            kind: database.engine.kind,
            service: "AWS DMS (full load + CDC)",
            artifacts: [NativeArtifact(fileName: fileName, contents: template.json().rendered())],
            commands: commands,
            notes: notes
        )
    }
}
