/// What Amazon RDS for PostgreSQL and Aurora PostgreSQL refuse, as data: the one place these lists
/// live (`PostgresRDSCheck` only reads them). Source: the RDS User Guide, "Extension versions for Amazon
/// RDS for PostgreSQL" (PostgreSQL 15–17) and "Understanding PostgreSQL roles and permissions";
/// update them here when AWS changes what it allows.
enum PostgresRDSRules {
    /// Extensions `CREATE EXTENSION` accepts on RDS (`SHOW rds.extensions` on an instance lists them).
    static let extensions: Set<String> = [
        "address_standardizer", "address_standardizer_data_us", "amcheck", "aws_commons", "aws_lambda", "aws_s3", "bloom",
        "bool_plperl", "btree_gin", "btree_gist", "citext", "cube", "dblink", "dict_int", "dict_xsyn", "earthdistance",
        "fuzzystrmatch", "h3-pg", "h3_postgis", "hll", "hstore", "hstore_plperl", "hypopg", "icu_ext", "insert_username", "intagg",
        "intarray", "ip4r", "isn", "jsonb_plperl", "lo", "log_fdw", "ltree", "moddatetime", "mysql_fdw", "old_snapshot",
        "orafce", "pageinspect", "pg_bigm", "pg_buffercache", "pg_cron", "pg_freespacemap", "pg_hint_plan", "pg_partman",
        "pg_prewarm", "pg_proctab", "pg_repack", "pg_similarity", "pg_stat_statements", "pg_tle", "pg_trgm", "pg_visibility",
        "pg_walinspect", "pgaudit", "pgcrypto", "pgactive", "pglogical", "pgrouting", "pgrowlocks", "pgstattuple", "pgtap",
        "plcoffee", "plls", "plperl", "plpgsql", "plprofiler", "plrust", "plv8", "postgis", "postgis_raster", "postgis_tiger_geocoder",
        "postgis_topology", "postgres_fdw", "prefix", "rdkit", "rds_tools", "refint", "seg", "sslinfo", "tablefunc", "tcn",
        "tds_fdw", "tsm_system_rows", "tsm_system_time", "unaccent", "uuid-ossp", "vector", "pg_vector",
    ]

    /// Role attributes RDS keeps to itself: the master user gets `rds_superuser` / `rds_replication` instead.
    static let roleAttributes: [(column: String, name: String, instead: String)] = [
        ("rolsuper", "SUPERUSER", "RDS has no superuser: grant rds_superuser to the role instead"),
        ("rolreplication", "REPLICATION", "RDS refuses REPLICATION: grant rds_replication to the role instead"),
    ]
}
