import Blueprint

/// `configuration.tf` (messaging): SNS topics and their SQS subscriptions, as `MessagingSection` writes
/// them for CloudFormation: an encrypted topic; per subscription a queue with raw message delivery, a
/// dead-letter queue and a policy that lets only the topic send.
enum MessagingLayer {
    static func render(_ c: TFContext) {
        for topic in c.blueprint.messageTopics ?? [] {
            let t = c.label(topic.name)
            c.resource(ConfigurationLayer.file, "aws_sns_topic", t) {
                $0["name"] = c.scoped(topic.name)
                $0["kms_master_key_id"] = "alias/aws/sns"
            }
            for s in topic.subscriptions {
                let l = c.label(s.name)
                c.resource(ConfigurationLayer.file, "aws_sqs_queue", l + "_dlq") {
                    $0["name"] = c.scoped(s.name + "-dlq")
                    $0["sqs_managed_sse_enabled"] = true
                    $0["message_retention_seconds"] = 1_209_600
                }
                c.resource(ConfigurationLayer.file, "aws_sqs_queue", l) {
                    $0["name"] = c.scoped(s.name)
                    $0["sqs_managed_sse_enabled"] = true
                    $0["visibility_timeout_seconds"] = .int(s.visibilityTimeoutSeconds)
                    $0["message_retention_seconds"] = .int(s.retentionSeconds)
                    $0["receive_wait_time_seconds"] = 20
                    $0["redrive_policy"] = .call("jsonencode", [.object([
                        HCLAttribute("deadLetterTargetArn", .ref("aws_sqs_queue.\(l)_dlq.arn")), HCLAttribute("maxReceiveCount", .int(s.maxReceiveCount))])])
                }
                c.resource(ConfigurationLayer.file, "aws_sqs_queue_policy", l) {
                    $0["queue_url"] = .ref("aws_sqs_queue.\(l).id")
                    $0["policy"] = IdentityLayer.document([[
                        HCLAttribute("Sid", "TopicSends"), HCLAttribute("Effect", "Allow"),
                        HCLAttribute("Principal", .object([HCLAttribute("Service", "sns.amazonaws.com")])),
                        HCLAttribute("Action", "sqs:SendMessage"),
                        HCLAttribute("Resource", .ref("aws_sqs_queue.\(l).arn")),
                        HCLAttribute("Condition", .object([HCLAttribute("ArnEquals", .object([HCLAttribute("aws:SourceArn", .ref("aws_sns_topic.\(t).arn"))]))])),
                    ]])
                }
                c.resource(ConfigurationLayer.file, "aws_sns_topic_subscription", l) {
                    $0["topic_arn"] = .ref("aws_sns_topic.\(t).arn")
                    $0["protocol"] = "sqs"
                    $0["endpoint"] = .ref("aws_sqs_queue.\(l).arn")
                    $0["raw_message_delivery"] = true
                }
            }
        }
    }
}
