/// SNS topics replacing Cloud Pub/Sub topics (encrypted with the account's SNS key) and, per
/// subscription, an SQS queue fed by its topic with raw message delivery, a dead-letter queue after
/// `maxReceiveCount` receives (both encrypted with SQS-managed keys, which SNS can deliver to) and a
/// queue policy that lets only that topic send. Names are left to CloudFormation (unique per stack).
enum MessagingSection {
    static func render(_ c: inout CFNContext) {
        for topic in c.blueprint.messageTopics ?? [] {
            let topicID = c.names.id(topic.name, "Topic")
            c.add(topicID, CFNResource("AWS::SNS::Topic", [
                "DisplayName": .string(String(topic.name.prefix(100))),
                "KmsMasterKeyId": "alias/aws/sns",
            ]))
            for s in topic.subscriptions {
                let queue = c.names.id(s.name, "Queue"), dlq = c.names.id(s.name, "DeadLetterQueue")
                c.add(dlq, CFNResource("AWS::SQS::Queue", [
                    "SqsManagedSseEnabled": true,
                    "MessageRetentionPeriod": 1_209_600,
                ]))
                c.add(queue, CFNResource("AWS::SQS::Queue", [
                    "SqsManagedSseEnabled": true,
                    "VisibilityTimeout": .int(s.visibilityTimeoutSeconds),
                    "MessageRetentionPeriod": .int(s.retentionSeconds),
                    "ReceiveMessageWaitTimeSeconds": 20,
                    "RedrivePolicy": ["deadLetterTargetArn": .getAtt(dlq, "Arn"), "maxReceiveCount": .int(s.maxReceiveCount)],
                ]))
                c.add(c.names.id(s.name, "QueuePolicy"), CFNResource("AWS::SQS::QueuePolicy", [
                    "Queues": [.ref(queue)],
                    "PolicyDocument": IdentitySection.document([[
                        "Sid": "TopicSends",
                        "Effect": "Allow",
                        "Principal": ["Service": "sns.amazonaws.com"],
                        "Action": "sqs:SendMessage",
                        "Resource": .getAtt(queue, "Arn"),
                        "Condition": ["ArnEquals": ["aws:SourceArn": .ref(topicID)]],
                    ]]),
                ]))
                c.add(c.names.id(s.name, "Subscription"), CFNResource("AWS::SNS::Subscription", [
                    "TopicArn": .ref(topicID),
                    "Protocol": "sqs",
                    "Endpoint": .getAtt(queue, "Arn"),
                    "RawMessageDelivery": true,
                ]))
            }
        }
    }
}
