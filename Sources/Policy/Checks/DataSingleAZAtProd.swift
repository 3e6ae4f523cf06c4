/// At prod tier one AZ outage must not take the data down.
struct DataSingleAZAtProd: PolicyCheck {
    let id = "FERRY-DB-005"
    let severity = CheckSeverity.medium
    let title = "Data stores span two AZs at prod tier"
    let rationale = "A Single-AZ database or cache is down for the length of an AZ outage or a host failure."
    let fix = "Use MultiAZ: true (RDS), two or more cluster instances (Aurora), or a replica with AutomaticFailoverEnabled (ElastiCache)."
    let related = ["checkov:CKV_AWS_157"]

    func evaluate(_ c: PolicyContext) -> [Violation] {
        guard c.tier == .prod else { return [] }
        var out: [Violation] = []
        guard c.template != nil else {
            for d in c.blueprint?.dataStores ?? [] {
                let single = d.kind.isAurora || d.kind.isCache ? d.instanceCount < 2 : (d.kind.isRelational && !d.multiAZ)
                if single { out.append(c.violation(service: d.name, subject: "dataStores.\(d.name)", "\(d.kind.rawValue) runs in one AZ at tier prod")) }
            }
            return out
        }
        for r in c.resources("AWS::RDS::DBInstance") where r.properties["DBClusterIdentifier"] == nil && r.properties["MultiAZ"]?.bool != true {
            out.append(c.violation(r, "MultiAZ is not true at tier prod"))
        }
        let instances = c.resources("AWS::RDS::DBInstance")
        for cluster in c.resources("AWS::RDS::DBCluster") {
            let members = instances.filter { TemplateDocument.referencedID($0.properties["DBClusterIdentifier"]) == cluster.logicalID }
            if members.count < 2 { out.append(c.violation(cluster, "\(members.count) instance(s) in the cluster at tier prod; a failover needs two")) }
        }
        for r in c.resources("AWS::ElastiCache::ReplicationGroup") {
            let nodes = r.properties["NumCacheClusters"]?.number ?? 1
            if r.properties["AutomaticFailoverEnabled"]?.bool != true || nodes < 2 {
                out.append(c.violation(r, "a single cache node without automatic failover at tier prod"))
            }
        }
        return out
    }
}
