import Blueprint
import Foundation

/// `ferry cost` for people: one block per resource with each line's arithmetic, the total,
/// totals per tier, the decisions that move the total most, and the assumptions.
public enum CostText {
    public static func render(_ r: CostReport, project: String, tierTotals: [(tier: Tier, total: Double)] = []) -> String {
        var out = "Cost estimate for \(project): tier \(r.tier.rawValue), \(r.region), \(r.currency) per month\n\n"
        for (resource, monthly) in r.totalsByResource {
            out += pad(resource, 60) + money(monthly, width: 12) + "\n"
            for l in r.lines where l.resource == resource {
                out += "  \(l.service) \(l.usageKey): \(l.arithmetic) = \(quantity(l.quantity, l.unit)) × $\(price(l.unitPrice)) = \(money(l.monthly))\n"
            }
        }
        out += "\n" + pad("Total (\(r.tier.rawValue))", 60) + money(r.totalMonthly, width: 12) + "\n"
        if !tierTotals.isEmpty {
            out += "Totals per tier: " + tierTotals.map { "\($0.tier.rawValue) \(money($0.total))" }.joined(separator: " · ") + "\n"
        }
        if !r.deltas.isEmpty {
            out += "\nDecisions that move the total most:\n"
            for d in r.deltas {
                out += "  " + pad(signed(d.monthlyChange) + "/month", 16) + d.decision + (d.overrideKey.map { "  [\($0)]" } ?? "") + "\n"
            }
        }
        if !r.assumptions.isEmpty {
            out += "\nUsage assumptions (override with x-ferry.usage or --usage FILE):\n"
            for a in r.assumptions {
                out += "  \(a.key) = \(num(a.value)) \(a.unit) (\(a.origin))\n"
            }
        }
        if !r.notes.isEmpty {
            out += "\nNotes:\n"
            for n in r.notes { out += "  - \(n)\n" }
        }
        return out
    }

    public static func money(_ x: Double, width: Int = 0) -> String {
        let s = (x < 0 ? "-$" : "$") + String(format: "%.2f", abs(x))
        return width > s.count ? String(repeating: " ", count: width - s.count) + s : s
    }

    public static func signed(_ x: Double) -> String { (x >= 0 ? "+" : "") + money(x) }

    static func price(_ x: Double) -> String {
        var s = String(format: "%.6f", x)
        while s.hasSuffix("0") && !s.hasSuffix(".00") { s.removeLast() }
        return s
    }

    /// `730 hour`, or `100 × 1,000 requests` when the unit is itself a count.
    static func quantity(_ q: Double, _ unit: String) -> String {
        unit.first?.isNumber == true ? "\(num(q)) × \(unit)" : "\(num(q)) \(unit)"
    }

    static func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s + " " : s + String(repeating: " ", count: n - s.count) }
}

/// `ferry cost --format json`: exactly the fields scripts rely on (docs/PRICING.md).
public enum CostJSON {
    struct Document: Encodable {
        var region: String
        var tier: String
        var currency: String
        var totalMonthly: Double
        var lines: [Line]
        var deltas: [Delta]
        enum CodingKeys: String, CodingKey { case region, tier, currency, totalMonthly = "total_monthly", lines, deltas }
    }
    struct Line: Encodable {
        var resource: String
        var service: String
        var usageKey: String
        var quantity: Double
        var unit: String
        var unitPrice: Double
        var monthly: Double
        var source: String
        enum CodingKeys: String, CodingKey {
            case resource, service, usageKey = "usage_key", quantity, unit, unitPrice = "unit_price", monthly, source
        }
    }
    struct Delta: Encodable {
        var decision: String
        var monthlyChange: Double
        enum CodingKeys: String, CodingKey { case decision, monthlyChange = "monthly_change" }
    }

    public static func render(_ r: CostReport) -> String {
        let doc = Document(
            region: r.region, tier: r.tier.rawValue, currency: r.currency, totalMonthly: r.totalMonthly,
            lines: r.lines.map {
                Line(resource: $0.resource, service: $0.service, usageKey: $0.usageKey, quantity: round6($0.quantity),
                     unit: $0.unit, unitPrice: $0.unitPrice, monthly: $0.monthly, source: $0.source)
            },
            deltas: r.deltas.map { Delta(decision: $0.decision, monthlyChange: $0.monthlyChange) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(doc) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static func round6(_ x: Double) -> Double { (x * 1_000_000).rounded() / 1_000_000 }
}
