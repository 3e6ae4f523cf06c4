/// What Amazon RDS for MySQL / MariaDB and Aurora MySQL refuse or handle differently, as data: the one
/// place these lists live (the checks in `MySQLRDSCheck` only read them). Sources: the RDS User Guide
/// pages "Known issues and limitations for Amazon RDS for MySQL", "MariaDB feature support on Amazon
/// RDS" and "Aurora MySQL storage engines"; update them here when AWS changes what it allows.
enum MySQLRDSRules {
    /// Storage engines to convert before moving (`ALTER TABLE … ENGINE=InnoDB`), with why.
    static let engines: [String: String] = [
        "MyISAM": "not crash-safe, so RDS point-in-time restore and snapshots can lose it, and Aurora MySQL refuses it: convert to InnoDB",
        "Aria": "MariaDB's crash-safe MyISAM; RDS supports only InnoDB for recovery: convert to InnoDB",
        "MEMORY": "emptied on every RDS restart and failover: keep it only for scratch data, or convert to InnoDB",
        "ARCHIVE": "not supported by Aurora MySQL and not recoverable on RDS: convert to InnoDB",
        "CSV": "not supported by RDS recovery: convert to InnoDB",
        "FEDERATED": "RDS does not enable FEDERATED: replace with application-side access",
        "BLACKHOLE": "not supported by Aurora MySQL: drop the table or convert to InnoDB",
        "MERGE": "a MyISAM merge table: not crash-safe, refused by Aurora MySQL",
        "MRG_MyISAM": "a MyISAM merge table: not crash-safe, refused by Aurora MySQL",
        "CONNECT": "RDS for MariaDB does not load the CONNECT engine",
        "SPIDER": "RDS for MariaDB does not load the Spider engine",
        "S3": "RDS for MariaDB does not load the S3 engine",
    ]

    /// Plugins RDS installs or lets an option group add; any other loaded plugin is not available.
    static let plugins: Set<String> = [
        "SERVER_AUDIT", "MARIADB_AUDIT_PLUGIN", "audit_log", "validate_password", "rpl_semi_sync_master", "rpl_semi_sync_slave",
        "rpl_semi_sync_source", "rpl_semi_sync_replica", "mysql_native_password", "sha256_password", "caching_sha2_password",
        "ed25519", "unix_socket", "simple_password_check", "cracklib_password_check", "memcached", "daemon_memcached",
        "file_key_management", "aws_key_management", "query_response_time", "QUERY_RESPONSE_TIME", "QUERY_RESPONSE_TIME_AUDIT",
        "METADATA_LOCK_INFO", "mysqlx", "group_replication", "keyring_file", "keyring_aws",
    ]

    /// The master user of an RDS instance has no SUPER, so an object created with another user as its
    /// DEFINER is refused: the dump's DEFINER clauses are removed (objects are owned by the user who restores).
    static let definerNote = "DEFINER removed: RDS gives no SUPER privilege to create objects owned by another user; it now runs as the user that restored it"
}
