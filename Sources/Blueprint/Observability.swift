/// A CloudWatch Logs log group (one per workload).
public struct LogGroup: Sendable, Codable, Equatable {
    /// Logical name (same as the workload's).
    public var name: String
    /// `/smartboard/mvp/gateway`.
    public var logGroupName: String
    public var retentionDays: Int
    public var workload: String?
    public init(name: String, logGroupName: String, retentionDays: Int, workload: String? = nil) {
        self.name = name
        self.logGroupName = logGroupName
        self.retentionDays = retentionDays
        self.workload = workload
    }
}

/// A CloudWatch alarm on one metric of one element, notifying the alarm topic.
public struct Alarm: Sendable, Codable, Equatable {
    /// Logical name (`gateway-cpu-high`).
    public var name: String
    public var description: String
    /// `AWS/ECS`, `AWS/ApplicationELB`, `AWS/RDS`, `AWS/ElastiCache`...
    public var namespace: String
    public var metricName: String
    /// The element whose dimensions apply (a workload, target group, data store, load balancer).
    public var subject: ResourceReference
    /// `Average`, `Sum`, `Maximum`, `Minimum`.
    public var statistic: String
    public var threshold: Double
    /// `GreaterThanThreshold`, `LessThanThreshold`, ...
    public var comparison: String
    public var periodSeconds: Int
    public var evaluationPeriods: Int
    /// `notBreaching`, `breaching`, `missing`, `ignore`.
    public var treatMissingData: String

    public init(name: String, description: String, namespace: String, metricName: String, subject: ResourceReference,
                statistic: String = "Average", threshold: Double, comparison: String = "GreaterThanThreshold",
                periodSeconds: Int = 300, evaluationPeriods: Int = 2, treatMissingData: String = "notBreaching") {
        self.name = name
        self.description = description
        self.namespace = namespace
        self.metricName = metricName
        self.subject = subject
        self.statistic = statistic
        self.threshold = threshold
        self.comparison = comparison
        self.periodSeconds = periodSeconds
        self.evaluationPeriods = evaluationPeriods
        self.treatMissingData = treatMissingData
    }
}

/// A CloudWatch dashboard: one widget per metric group.
public struct Dashboard: Sendable, Codable, Equatable {
    public var name: String
    public var widgets: [DashboardWidget]
    public init(name: String, widgets: [DashboardWidget] = []) {
        self.name = name
        self.widgets = widgets
    }
}

/// A line graph of metrics of one element.
public struct DashboardWidget: Sendable, Codable, Equatable {
    public var title: String
    public var namespace: String
    public var metricNames: [String]
    public var subject: ResourceReference
    public var statistic: String
    public init(title: String, namespace: String, metricNames: [String], subject: ResourceReference, statistic: String = "Average") {
        self.title = title
        self.namespace = namespace
        self.metricNames = metricNames
        self.subject = subject
        self.statistic = statistic
    }
}

/// The SNS topic alarms and budgets notify; the email subscription comes from a parameter.
public struct NotificationTopic: Sendable, Codable, Equatable {
    public var name: String
    /// Template parameter holding the subscriber email (`AlarmEmail`).
    public var emailParameter: String
    public var encrypted: Bool
    public init(name: String, emailParameter: String = "AlarmEmail", encrypted: Bool = true) {
        self.name = name
        self.emailParameter = emailParameter
        self.encrypted = encrypted
    }
}

/// A monthly cost budget with notifications.
public struct Budget: Sendable, Codable, Equatable {
    public var name: String
    public var monthlyLimitUSD: Double
    public var thresholds: [BudgetThreshold]
    public var decisions: [Decision]
    public init(name: String, monthlyLimitUSD: Double, thresholds: [BudgetThreshold] = [], decisions: [Decision] = []) {
        self.name = name
        self.monthlyLimitUSD = monthlyLimitUSD
        self.thresholds = thresholds
        self.decisions = decisions
    }
}

/// Notify when actual or forecasted spend reaches `percent` of the budget.
public struct BudgetThreshold: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable, Equatable { case actual = "ACTUAL", forecasted = "FORECASTED" }
    public var percent: Double
    public var kind: Kind
    public init(percent: Double, kind: Kind) {
        self.percent = percent
        self.kind = kind
    }
}

/// A stack output: a value people and later commands (`verify`, `migrate`) need.
public struct OutputSpec: Sendable, Codable, Equatable {
    /// Output logical name (`LoadBalancerURL`).
    public var name: String
    public var description: String
    public var value: ResourceReference
    public init(name: String, description: String, value: ResourceReference) {
        self.name = name
        self.description = description
        self.value = value
    }
}
