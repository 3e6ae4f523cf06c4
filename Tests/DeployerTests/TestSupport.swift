import AWSTestSupport
import Deployer
import Foundation
import XCTest

/// A terminal that records what ferry says and answers prompts from a script.
final class RecordingTerminal: DeployTerminal, @unchecked Sendable {
    let canPrompt: Bool
    let isTTY = false
    let useColor = false
    private let lock = NSLock()
    private var answers: [String]
    private(set) var lines: [String] = []
    private(set) var prompts: [String] = []

    init(canPrompt: Bool = false, answers: [String] = []) {
        self.canPrompt = canPrompt
        self.answers = answers
    }

    func say(_ text: String) { lock.lock(); lines.append(text); lock.unlock() }
    func status(_ text: String) {}
    func ask(_ prompt: String) -> String? {
        lock.lock(); defer { lock.unlock() }
        prompts.append(prompt)
        return answers.isEmpty ? nil : answers.removeFirst()
    }
    var output: String { lock.lock(); defer { lock.unlock() }; return lines.joined(separator: "\n") }
}

enum TestEnvironment {
    static let repoRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func motoServer(file: StaticString = #filePath, line: UInt = #line) throws -> URL {
        if let tool = MotoServer.locate(repoRoot: repoRoot) { return tool }
        let message = "moto_server not found (set FERRY_TEST_VENV or run scripts/setup-test-tools.sh)"
        if ProcessInfo.processInfo.environment["CI"].map({ !$0.isEmpty }) ?? false {
            XCTFail("CI: \(message)", file: file, line: line)
            throw XCTSkip("failed: \(message)")
        }
        print("SKIPPED: \(message)")
        throw XCTSkip(message)
    }
}

/// Templates of resource types moto's CloudFormation engine implements.
enum Templates {
    static func stack(queue: String, retention: Int = 345600, bucket: String? = nil, bucketPolicy: String? = nil,
                      padding: Int = 0) -> String {
        var text = """
        AWSTemplateFormatVersion: "2010-09-09"
        Description: ferry deploy test stack
        Resources:
          Jobs:
            Type: AWS::SQS::Queue
            Properties:
              QueueName: \(queue)
              MessageRetentionPeriod: \(retention)
          Alerts:
            Type: AWS::SNS::Topic
          Logs:
            Type: AWS::Logs::LogGroup
            DeletionPolicy: Retain
            UpdateReplacePolicy: Retain
            Properties:
              LogGroupName: /ferry/\(queue)

        """
        if let bucket {
            text += "  Uploads:\n    Type: AWS::S3::Bucket\n"
            if let bucketPolicy { text += "    DeletionPolicy: \(bucketPolicy)\n" }
            text += "    Properties:\n      BucketName: \(bucket)\n"
        }
        text += "Outputs:\n  QueueUrl:\n    Value: !Ref Jobs\n"
        // YAML comments count toward CloudFormation's size limit: a cheap way to make a big template.
        for index in stride(from: 0, to: padding, by: 100) {
            text += "# padding \(index) " + String(repeating: "x", count: 80) + "\n"
        }
        return text
    }
}
