import Blueprint

/// The internet-facing ALB: HTTPS listener with the certificate (parameter, ACM or fixed ARN), HTTP →
/// HTTPS redirect, one target group per public workload, path rules, and an optional WAF web ACL.
/// Target groups and rules stay in the root stack when the template is split: the listener's default
/// action names a target group, and services wait for the listener, so moving them would form a cycle.
enum LoadBalancerSection {
    static let defaultSSLPolicy = AWSRules.defaultSSLPolicy

    static func render(_ c: inout CFNContext) {
        guard let lb = c.blueprint.loadBalancer else { return }
        let certificate = renderCertificate(&c, lb)

        if let existing = lb.existingLoadBalancerArn {
            // Listeners, target groups and rules are still created, on the existing load balancer.
            c.template.parameters["LoadBalancer"] = CFNParameter(description: "ARN of the existing Application Load Balancer to attach to (x-aws-loadbalancer).", default: .string(existing))
            c.template.parameters["LoadBalancerDNSName"] = CFNParameter(description: "DNS name of the existing load balancer (only used in outputs).", default: "")
        } else {
            renderLoadBalancer(&c, lb)
            if let domain = lb.domain { renderDomainRecord(&c, domain: domain) }
        }
        renderListeners(&c, lb, certificate: certificate)
        if lb.waf { renderWAF(&c) }
    }

    static func renderLoadBalancer(_ c: inout CFNContext, _ lb: LoadBalancer) {
        let n = c.names
        var attributes: [CFNValue] = []
        if lb.accessLogs {
            renderAccessLogBucket(&c)
            attributes += [
                ["Key": "access_logs.s3.bucket", "Value": .ref("LoadBalancerLogsBucket")],
                ["Key": "access_logs.s3.enabled", "Value": "true"],
            ]
        }
        attributes += [
            ["Key": "idle_timeout.timeout_seconds", "Value": .string(String(max(1, min(4000, lb.idleTimeoutSeconds))))],
            ["Key": "routing.http.drop_invalid_header_fields.enabled", "Value": "true"],
        ]
        var balancer = CFNResource("AWS::ElasticLoadBalancingV2::LoadBalancer", [
            "Type": "application",
            "Scheme": .string(lb.scheme),
            "IpAddressType": "ipv4",
            "Subnets": NetworkSection.subnetRefs(c, lb.scheme == "internal" ? .private : .public, onePerAZ: true),
            "SecurityGroups": [.getAtt(n.securityGroup(lb.securityGroup), "GroupId")],
            "LoadBalancerAttributes": .list(attributes),
        ])
        // ELB checks that it may write to the bucket when access logs are switched on.
        if lb.accessLogs { balancer.dependsOn = ["LoadBalancerLogsBucketPolicy"] }
        c.add("LoadBalancer", balancer)
    }

    static func renderListeners(_ c: inout CFNContext, _ lb: LoadBalancer, certificate: CFNValue) {
        let n = c.names

        for group in lb.targetGroups {
            c.add(n.targetGroup(group.name), CFNResource("AWS::ElasticLoadBalancingV2::TargetGroup", [
                "TargetType": "ip",
                "Protocol": .string(group.proto),
                "Port": .int(group.port),
                "VpcId": .ref("Vpc"),
                "HealthCheckEnabled": true,
                "HealthCheckProtocol": .string(group.proto),
                "HealthCheckPath": .string(group.healthCheckPath.hasPrefix("/") ? group.healthCheckPath : "/" + group.healthCheckPath),
                "HealthCheckIntervalSeconds": .int(WorkloadSection.clamp(group.healthCheckIntervalSeconds, 5, 300)),
                "Matcher": ["HttpCode": .string(group.healthCheckMatcher)],
                "TargetGroupAttributes": .list(targetGroupAttributes(group)),
            ]))
        }

        for listener in lb.listeners {
            var properties: [String: CFNValue] = [
                "LoadBalancerArn": .ref("LoadBalancer"),
                "Port": .int(listener.port),
                "Protocol": .string(listener.proto),
            ]
            switch listener.action {
            case .redirectToHTTPS:
                properties["DefaultActions"] = [[
                    "Type": "redirect",
                    "RedirectConfig": ["Protocol": "HTTPS", "Port": "443", "Host": "#{host}", "Path": "/#{path}",
                                       "Query": "#{query}", "StatusCode": "HTTP_301"],
                ]]
            case .forward:
                if let defaultGroup = lb.defaultTargetGroup, lb.targetGroups.contains(where: { $0.name == defaultGroup }) {
                    properties["DefaultActions"] = [["Type": "forward", "TargetGroupArn": .ref(n.targetGroup(defaultGroup))]]
                } else {
                    properties["DefaultActions"] = [[
                        "Type": "fixed-response",
                        "FixedResponseConfig": ["StatusCode": "404", "ContentType": "text/plain", "MessageBody": "Not found"],
                    ]]
                }
            }
            if listener.proto == "HTTPS" {
                properties["Certificates"] = [["CertificateArn": certificate]]
                properties["SslPolicy"] = .string(listener.sslPolicy ?? defaultSSLPolicy)
            }
            var resource = CFNResource("AWS::ElasticLoadBalancingV2::Listener", properties)
            if listener.proto == "HTTP" && listener.action == .forward && !lb.servesHTTPS {
                resource.metadata = httpOnlyCheckovSkips
            }
            c.add(listenerID(listener), resource)
        }

        let forwarding = forwardingListener(lb)
        for rule in lb.rules {
            guard let group = lb.targetGroups.first(where: { $0.name == rule.targetGroup }) else {
                c.problem("listener rule \(rule.priority) forwards to \(rule.targetGroup), which is not a target group")
                continue
            }
            var conditions: [CFNValue] = []
            if !rule.pathPatterns.isEmpty {
                conditions.append(["Field": "path-pattern", "PathPatternConfig": ["Values": .list(rule.pathPatterns.map { .string($0) })]])
            }
            if !rule.hostHeaders.isEmpty {
                conditions.append(["Field": "host-header", "HostHeaderConfig": ["Values": .list(rule.hostHeaders.map { .string($0) })]])
            }
            if conditions.isEmpty { conditions = [["Field": "path-pattern", "PathPatternConfig": ["Values": ["/*"]]]] }
            c.add(ruleID(c.names, rule), CFNResource("AWS::ElasticLoadBalancingV2::ListenerRule", [
                "ListenerArn": .ref(forwarding),
                "Priority": .int(WorkloadSection.clamp(rule.priority, 1, 50_000)),
                "Conditions": .list(conditions),
                "Actions": [["Type": "forward", "TargetGroupArn": .ref(n.targetGroup(group.name))]],
            ]))
        }
    }

    /// An HTTP-only listener is the plan's choice (FERRY-EDGE-HTTP says so and how to add HTTPS); the
    /// template carries the reason for scanners that read it.
    static let httpOnlyCheckovSkips: [String: CFNValue] = ["checkov": ["skip": [
        ["id": "CKV_AWS_2", "comment": "no domain or certificate yet: HTTP only until x-ferry.domain is set (FERRY-EDGE-HTTP)"],
        ["id": "CKV_AWS_103", "comment": "no TLS listener without a certificate (FERRY-EDGE-HTTP)"],
    ]]]

    static func listenerID(_ listener: Listener) -> String {
        let base = listener.proto == "HTTPS" ? "HttpsListener" : "HttpListener"
        return listener.port == 443 || listener.port == 80 ? base : base + String(listener.port)
    }

    /// The listener that forwards (HTTPS when there is one): rules and services attach to it.
    static func forwardingListener(_ lb: LoadBalancer) -> String {
        let forwarding = lb.listeners.filter { $0.action == .forward }
        return (forwarding.first { $0.proto == "HTTPS" } ?? forwarding.first).map(listenerID) ?? "HttpsListener"
    }

    static func ruleID(_ names: CFNNames, _ rule: ListenerRule) -> String {
        names.id(rule.targetGroup, "ListenerRule") + String(rule.priority)
    }

    static func targetGroupAttributes(_ group: TargetGroup) -> [CFNValue] {
        AWSRules.targetGroupAttributes(group).map { ["Key": .string($0.0), "Value": .string($0.1)] }
    }

    static let hostedZoneParameterName = "HostedZoneId"
    static let hasHostedZoneCondition = "HasHostedZone"

    /// The optional Route 53 hosted zone of the custom domain, and the condition that it was given.
    static func hostedZoneParameter(_ c: inout CFNContext, domain: String) -> String {
        c.optionalParameter(hostedZoneParameterName, condition: hasHostedZoneCondition,
                            description: "Route 53 hosted zone ID for \(domain). Given: the certificate validates itself and \(domain) points at the load balancer. Empty: add both DNS records by hand.",
                            pattern: "^Z[A-Z0-9]{1,32}$", constraint: "a hosted zone ID (Z…) or nothing")
    }

    /// `domain` as an alias of the load balancer, when the hosted zone is known.
    static func renderDomainRecord(_ c: inout CFNContext, domain: String) {
        let zone = hostedZoneParameter(&c, domain: domain)
        var record = CFNResource("AWS::Route53::RecordSet", [
            "HostedZoneId": .ref(zone),
            "Name": .string(domain),
            "Type": "A",
            "AliasTarget": [
                "DNSName": .getAtt("LoadBalancer", "DNSName"),
                "HostedZoneId": .getAtt("LoadBalancer", "CanonicalHostedZoneID"),
                "EvaluateTargetHealth": true,
            ],
        ])
        record.condition = hasHostedZoneCondition
        c.add("DomainRecord", record)
    }

    static func renderCertificate(_ c: inout CFNContext, _ lb: LoadBalancer) -> CFNValue {
        switch lb.certificate {
        case .parameter(let name):
            var parameter = CFNParameter(description: "ARN of an ACM certificate in this region for the load balancer's HTTPS listener (request one with `aws acm request-certificate`, or import one).")
            parameter.allowedPattern = "^arn:aws[a-z-]*:acm:[a-z0-9-]+:[0-9]{12}:certificate/[A-Za-z0-9-]+$"
            parameter.constraintDescription = "an ACM certificate ARN"
            c.template.parameters[name] = parameter
            return .ref(name)
        case .acm(let domain):
            // With the hosted zone, ACM writes its own validation record; without it the stack waits
            // until someone adds the CNAME that the ACM console shows.
            let zone = hostedZoneParameter(&c, domain: domain)
            c.add("Certificate", CFNResource("AWS::CertificateManager::Certificate", [
                "DomainName": .string(domain),
                "ValidationMethod": "DNS",
                "DomainValidationOptions": .if(hasHostedZoneCondition, [["DomainName": .string(domain), "HostedZoneId": .ref(zone)]], .noValue),
            ]))
            return .ref("Certificate")
        case .arn(let arn):
            return .string(arn)
        case .httpOnly:
            return .noValue  // no HTTPS listener names it
        }
    }

    /// Elastic Load Balancing's log-delivery accounts for regions opened before August 2022; newer regions
    /// use the `logdelivery.elasticloadbalancing.amazonaws.com` service principal instead.
    static let logDeliveryAccounts = LoadBalancerLogDelivery.accounts

    /// The access-log bucket (SSE-S3: the only encryption ELB log delivery supports) and its policy.
    /// The principal is chosen for the Blueprint's region, the region the README deploys to.
    static func renderAccessLogBucket(_ c: inout CFNContext) {
        var bucket = CFNResource("AWS::S3::Bucket", [
            "PublicAccessBlockConfiguration": [
                "BlockPublicAcls": true, "BlockPublicPolicy": true, "IgnorePublicAcls": true, "RestrictPublicBuckets": true,
            ],
            "BucketEncryption": ["ServerSideEncryptionConfiguration": [["ServerSideEncryptionByDefault": ["SSEAlgorithm": "AES256"]]]],
            "OwnershipControls": ["Rules": [["ObjectOwnership": "BucketOwnerEnforced"]]],
            "LifecycleConfiguration": ["Rules": [["Id": "expire-access-logs", "Status": "Enabled", "ExpirationInDays": 90]]],
        ])
        bucket.deletionPolicy = "Retain"
        bucket.updateReplacePolicy = "Retain"
        c.add("LoadBalancerLogsBucket", bucket)
        let principal: CFNValue = logDeliveryAccounts[c.blueprint.region].map {
            ["AWS": .sub("arn:${AWS::Partition}:iam::\($0):root", [:])]
        } ?? ["Service": "logdelivery.elasticloadbalancing.amazonaws.com"]
        c.add("LoadBalancerLogsBucketPolicy", CFNResource("AWS::S3::BucketPolicy", [
            "Bucket": .ref("LoadBalancerLogsBucket"),
            "PolicyDocument": IdentitySection.document([
                ["Sid": "LoadBalancerWritesLogs", "Effect": "Allow", "Principal": principal, "Action": "s3:PutObject",
                 "Resource": .sub("${LoadBalancerLogsBucket.Arn}/AWSLogs/${AWS::AccountId}/*", [:])],
                ["Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
                 "Resource": [.getAtt("LoadBalancerLogsBucket", "Arn"), .sub("${LoadBalancerLogsBucket.Arn}/*", [:])],
                 "Condition": ["Bool": ["aws:SecureTransport": "false"]]],
            ]),
        ]))
    }

    static func renderWAF(_ c: inout CFNContext) {
        let managed = ["AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet", "AWSManagedRulesAmazonIpReputationList"]
        let rules: [CFNValue] = managed.enumerated().map { index, name in
            [
                "Name": .string(name),
                "Priority": .int(index + 1),
                "OverrideAction": ["None": [:]],
                "Statement": ["ManagedRuleGroupStatement": ["VendorName": "AWS", "Name": .string(name)]],
                "VisibilityConfig": ["SampledRequestsEnabled": true, "CloudWatchMetricsEnabled": true, "MetricName": .string(name)],
            ]
        }
        c.add("WebAcl", CFNResource("AWS::WAFv2::WebACL", [
            "Scope": "REGIONAL",
            "DefaultAction": ["Allow": [:]],
            "Description": "AWS managed rule groups in front of the load balancer",
            "Rules": .list(rules),
            "VisibilityConfig": ["SampledRequestsEnabled": true, "CloudWatchMetricsEnabled": true,
                                 "MetricName": .string(LogicalIDs.base(c.blueprint.project) + "WebAcl")],
        ]))
        c.add("WebAclAssociation", CFNResource("AWS::WAFv2::WebACLAssociation", [
            "ResourceArn": .ref("LoadBalancer"),
            "WebACLArn": .getAtt("WebAcl", "Arn"),
        ]))
    }
}
