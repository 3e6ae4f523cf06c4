import Blueprint

/// Managed data stores: instance or node hours (Multi-AZ standby included), storage and I/O.
enum DataStoreEstimator {
    static func estimate(_ blueprint: Blueprint, into b: inout LineBuilder) {
        let h = b.hours
        for d in blueprint.dataStores {
            let r = "dataStores.\(d.name)"
            let count = max(d.instanceCount, 1)
            switch d.kind {
            case .rdsPostgresql, .rdsMysql:
                let engine = d.kind == .rdsPostgresql ? "postgresql" : "mysql"
                let copies = d.multiAZ ? 2 : 1
                b.add(r, "rds", "instance-hours.\(engine).\(d.instanceClass)", quantity: Double(copies) * h,
                      "\(copies) × \(d.instanceClass) (\(d.multiAZ ? "Multi-AZ: primary + standby" : "Single-AZ")) × \(num(h)) h")
                let gb = d.storageGB.map(Double.init) ?? b.assume("db_storage_gb", for: d.name)
                b.add(r, "rds", "storage-gp3-gb-month", quantity: gb * Double(copies), "\(num(gb)) GB gp3\(copies > 1 ? " × 2 copies" : "")")
            case .auroraPostgresql, .auroraMysql:
                let engine = d.kind == .auroraPostgresql ? "postgresql" : "mysql"
                if d.instanceClass == "db.serverless" {
                    let acu = b.assume("aurora_acu", for: d.name)
                    b.add(r, "aurora", "serverless-v2-acu-hours", quantity: acu * Double(count) * h,
                          "\(count) instance\(count == 1 ? "" : "s") × \(num(acu)) ACU × \(num(h)) h")
                } else {
                    b.add(r, "aurora", "instance-hours.\(engine).\(d.instanceClass)", quantity: Double(count) * h,
                          "\(count) × \(d.instanceClass) (\(count > 1 ? "writer + \(count - 1) reader" : "writer only")) × \(num(h)) h")
                }
                let gb = d.storageGB.map(Double.init) ?? b.assume("db_storage_gb", for: d.name)
                b.add(r, "aurora", "storage-gb-month", quantity: gb, "\(num(gb)) GB (cluster volume, stored once)")
                let io = b.assume("aurora_io_million", for: d.name)
                b.add(r, "aurora", "io-million-requests", quantity: io, "\(num(io)) million I/O")
            case .elasticacheRedis, .elasticacheValkey, .elasticacheMemcached:
                let engine = d.kind == .elasticacheRedis ? "redis" : (d.kind == .elasticacheValkey ? "valkey" : "memcached")
                b.add(r, "elasticache", "node-hours.\(engine).\(d.instanceClass)", quantity: Double(count) * h,
                      "\(count) × \(d.instanceClass) × \(num(h)) h")
            case .documentdb:
                b.add(r, "documentdb", "instance-hours.\(d.instanceClass)", quantity: Double(count) * h, "\(count) × \(d.instanceClass) × \(num(h)) h")
                let gb = d.storageGB.map(Double.init) ?? b.assume("broker_storage_gb", for: d.name)
                b.add(r, "documentdb", "storage-gb-month", quantity: gb, "\(num(gb)) GB")
                let io = b.assume("aurora_io_million", for: d.name)
                b.add(r, "documentdb", "io-million-requests", quantity: io, "\(num(io)) million I/O")
            case .amazonMQ:
                let engine = d.engine.lowercased().contains("active") ? "activemq" : "rabbitmq"
                let brokers = d.multiAZ ? max(count, 2) : count
                b.add(r, "amazonmq", "broker-hours.\(engine).\(d.instanceClass)", quantity: Double(brokers) * h, "\(brokers) × \(d.instanceClass) × \(num(h)) h")
                let gb = d.storageGB.map(Double.init) ?? b.assume("broker_storage_gb", for: d.name)
                b.add(r, "amazonmq", "storage-gb-month", quantity: gb, "\(num(gb)) GB")
            case .msk:
                let brokers = max(count, blueprint.network.azCount)
                b.add(r, "msk", "broker-hours.\(d.instanceClass)", quantity: Double(brokers) * h, "\(brokers) brokers (one per AZ) × \(d.instanceClass) × \(num(h)) h")
                let gb = d.storageGB.map(Double.init) ?? b.assume("broker_storage_gb", for: d.name)
                b.add(r, "msk", "storage-gb-month", quantity: gb * Double(brokers), "\(num(gb)) GB × \(brokers) brokers")
            case .opensearch:
                b.add(r, "opensearch", "instance-hours.\(d.instanceClass)", quantity: Double(count) * h, "\(count) × \(d.instanceClass) × \(num(h)) h")
                let gb = d.storageGB.map(Double.init) ?? b.assume("broker_storage_gb", for: d.name)
                b.add(r, "opensearch", "storage-gp3-gb-month", quantity: gb * Double(count), "\(num(gb)) GB gp3 × \(count) nodes")
            }
        }
    }
}
