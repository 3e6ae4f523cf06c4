import Blueprint

/// S3 buckets (storage, requests, CloudFront in front of them), DynamoDB on-demand tables and
/// IoT Core connectivity and messaging.
enum StorageEstimator {
    static func estimate(_ blueprint: Blueprint, into b: inout LineBuilder) {
        for bucket in blueprint.buckets {
            let r = "buckets.\(bucket.name)"
            let gb = b.assume("s3_storage_gb", for: bucket.name)
            b.add(r, "s3", "standard-gb-month", quantity: gb, "\(num(gb)) GB Standard")
            let puts = b.assume("s3_put_requests", for: bucket.name)
            b.add(r, "s3", "put-requests-1k", quantity: puts / 1000, "\(num(puts)) PUT/LIST requests")
            let gets = b.assume("s3_get_requests", for: bucket.name)
            b.add(r, "s3", "get-requests-1k", quantity: gets / 1000, "\(num(gets)) GET requests")
            if bucket.cloudFront {
                let out = b.assume("cloudfront_gb", for: bucket.name)
                b.add("cloudfront.\(bucket.name)", "cloudfront", "data-out-gb", quantity: out, "\(num(out)) GB served")
                let requests = b.assume("requests_per_month", for: bucket.name)
                b.add("cloudfront.\(bucket.name)", "cloudfront", "https-requests-10k", quantity: requests / 10_000, "\(num(requests)) HTTPS requests")
            }
        }
        for t in blueprint.tables {
            let r = "tables.\(t.name)"
            let w = b.assume("dynamodb_writes_million", for: t.name)
            b.add(r, "dynamodb", "write-request-units-million", quantity: w, "\(num(w)) million writes (on-demand)")
            let rd = b.assume("dynamodb_reads_million", for: t.name)
            b.add(r, "dynamodb", "read-request-units-million", quantity: rd, "\(num(rd)) million reads (on-demand)")
            let gb = b.assume("dynamodb_storage_gb", for: t.name)
            b.add(r, "dynamodb", "storage-gb-month", quantity: gb, "\(num(gb)) GB stored")
        }
        // Cognito Essentials (the tier new pools get): the first 10,000 monthly active users are free.
        for pool in blueprint.userPools ?? [] {
            let mau = b.assume("cognito_mau", for: pool.name)
            let billable = max(0, mau - 10_000)
            b.add("userPools.\(pool.name)", "cognito", "mau-essentials", quantity: billable, "\(num(mau)) monthly active users − 10,000 free")
            if billable == 0 {
                b.remark("userPools.\(pool.name): \(num(mau)) monthly active users are within Cognito's 10,000 free; each one above costs $\(b.catalog.price("cognito", "mau-essentials", in: b.region).map { String($0.usd) } ?? "0.015")")
            }
        }
        // SNS: publishes (the first million a month are free); delivery to SQS is free. Each subscription's
        // queue: the send, receive and delete of every message, plus its consumers' empty long polls
        // (one 20 s wait at a time: about 130,000 a month each).
        for topic in blueprint.messageTopics ?? [] {
            let r = "messageTopics.\(topic.name)"
            let m = b.assume("topic_messages_million", for: topic.name)
            b.add(r, "sns", "requests-million", quantity: max(0, m - 1), "\(num(m)) million publishes − 1 million free")
            for s in topic.subscriptions {
                let polls = Double(max(1, s.consumers.count)) * b.hours * 180 / 1_000_000
                b.add("\(r).subscriptions.\(s.name)", "sqs", "standard-requests-million", quantity: m * 3 + polls,
                      "send, receive and delete per message + \(num(polls)) million long polls")
            }
        }
        if let iot = blueprint.iot {
            let r = "iot.\(iot.replaces)"
            let devices = b.assume("iot_devices", for: iot.replaces)
            let minutes = devices * b.hours * 60
            b.add(r, "iot", "connectivity-million-minutes", quantity: minutes / 1_000_000, "\(num(devices)) devices × \(num(b.hours)) h × 60 min")
            let messages = b.assume("iot_messages_million", for: iot.replaces)
            b.add(r, "iot", "messages-million", quantity: messages, "\(num(messages)) million messages")
            // Every device message matches each topic rule once: one rule run, one SQS action, and the
            // service's send, receive and delete on the queue.
            for rule in iot.rules.sorted(by: { $0.name < $1.name }) {
                let rr = "iot.rules.\(rule.name)"
                b.add(rr, "iot", "rules-million", quantity: messages, "\(num(messages)) million messages through \(rule.name)")
                b.add(rr, "iot", "rule-actions-million", quantity: messages, "one SQS action per message")
                if rule.action == .sqs {
                    b.add(rr, "sqs", "standard-requests-million", quantity: messages * 3, "send, receive and delete per message")
                }
            }
        }
    }
}
