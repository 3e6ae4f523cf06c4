import Foundation
import Blueprint

/// Collects cost lines for one estimate: looks prices up, multiplies, records the arithmetic and
/// every usage assumption read. A price missing from the catalog becomes a note, never a guess.
struct LineBuilder {
    let catalog: PriceCatalog
    let region: String
    let usage: UsageProfile
    /// Estimator options that what-if variants change.
    let options: EstimateOptions
    private(set) var lines: [CostLine] = []
    private(set) var missing: [String] = []
    private(set) var assumptions: [String: UsageAssumption] = [:]
    /// What an estimate should say beside its lines (a free tier that covers the usage).
    private(set) var remarks: [String] = []

    mutating func remark(_ text: String) { remarks.append(text) }

    init(catalog: PriceCatalog, region: String, usage: UsageProfile, options: EstimateOptions) {
        self.catalog = catalog
        self.region = region
        self.usage = usage
        self.options = options
    }

    /// Reads a usage assumption and remembers it for the report.
    mutating func assume(_ key: String, for resource: String? = nil) -> Double {
        let (value, origin) = usage.value(key, for: resource)
        let unit = UsageProfile.key(named: key)?.unit ?? ""
        let label = origin.hasPrefix("tier") ? key : (resource.map { "\($0).\(key)" } ?? key)
        assumptions[label] = UsageAssumption(key: label, value: value, unit: unit, origin: origin)
        return value
    }

    var hours: Double { usage.value("hours_per_month") }

    /// Adds `quantity` units of a catalog price. Zero quantities are skipped.
    mutating func add(_ resource: String, _ service: String, _ usageKey: String, quantity: Double, _ arithmetic: String) {
        guard quantity > 0 else { return }
        guard let price = catalog.price(service, usageKey, in: region) else {
            missing.append("\(resource): no catalog price for \(service) \(usageKey) in \(region); left out of the total")
            return
        }
        lines.append(CostLine(resource: resource, service: service, usageKey: usageKey, quantity: quantity,
                              unit: price.unit, unitPrice: price.usd, monthly: quantity * price.usd,
                              source: price.source, arithmetic: arithmetic))
    }
}

/// Choices a what-if estimate can flip without touching the Blueprint's structure.
public struct EstimateOptions: Sendable, Equatable {
    /// Price every task on Graviton (ARM64) instead of what the Blueprint says.
    public var forceARM = false
    public init(forceARM: Bool = false) { self.forceARM = forceARM }
}

/// Number formatting for arithmetic strings: no trailing zeros, thousands not grouped.
func num(_ x: Double) -> String {
    if x == x.rounded(), abs(x) < 1e12 { return String(Int64(x)) }
    var s = String(format: "%.4f", x)
    while s.hasSuffix("0") { s.removeLast() }
    if s.hasSuffix(".") { s.removeLast() }
    return s
}
