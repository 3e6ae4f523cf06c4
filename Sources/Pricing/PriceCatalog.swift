import Foundation

/// One price: what one `unit` of `usageKey` costs in `region`, where the figure came from and when.
public struct Price: Sendable, Equatable {
    public var service: String
    public var region: String
    public var usageKey: String
    public var unit: String
    public var usd: Double
    /// A URL, optionally followed by a note; `[unconfirmed]` marks a figure not checked against AWS.
    public var source: String
    /// `YYYY-MM-DD` the figure was taken.
    public var asOf: String

    public var isConfirmed: Bool { !source.contains("[unconfirmed]") }
}

/// A price-list lookup failure or a malformed catalog line (`file:line:column: message`).
public struct PricingError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// The offline price catalog: `prices.tsv`, one row per price (see docs/PRICING.md).
public struct PriceCatalog: Sendable {
    public static let columns = ["service", "region", "usage_key", "unit", "usd", "source", "as_of"]

    public private(set) var prices: [Price]
    private var index: [String: Price]

    /// Parses TSV text; `origin` names the file in error messages.
    public init(tsv: String, origin: String = "prices.tsv") throws {
        var prices: [Price] = []
        var index: [String: Price] = [:]
        let lines = tsv.split(separator: "\n", omittingEmptySubsequences: false)
        guard let header = lines.first, header.split(separator: "\t").map(String.init) == Self.columns else {
            throw PricingError("\(origin):1:1: header must be \(Self.columns.joined(separator: " "))")
        }
        for (offset, raw) in lines.enumerated().dropFirst() {
            let line = raw.hasSuffix("\r") ? String(raw.dropLast()) : String(raw)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            let lineNo = offset + 1
            guard fields.count == Self.columns.count else {
                throw PricingError("\(origin):\(lineNo):1: expected \(Self.columns.count) tab-separated fields, found \(fields.count)")
            }
            guard let usd = Double(fields[4]), usd >= 0, usd.isFinite else {
                throw PricingError("\(origin):\(lineNo):\(Self.column(of: 4, in: fields)): usd '\(fields[4])' is not a non-negative number")
            }
            let price = Price(service: fields[0], region: fields[1], usageKey: fields[2], unit: fields[3], usd: usd,
                              source: fields[5], asOf: fields[6])
            let key = Self.key(price.service, price.region, price.usageKey)
            if index[key] != nil {
                throw PricingError("\(origin):\(lineNo):1: duplicate price for \(price.service) \(price.region) \(price.usageKey)")
            }
            index[key] = price
            prices.append(price)
        }
        self.prices = prices
        self.index = index
    }

    /// The catalog shipped with ferry.
    public static func bundled() throws -> PriceCatalog {
        guard let url = Bundle.module.url(forResource: "prices", withExtension: "tsv", subdirectory: "Resources")
            ?? Bundle.module.url(forResource: "prices", withExtension: "tsv") else {
            throw PricingError("the bundled price catalog (prices.tsv) is missing from this build")
        }
        return try PriceCatalog(tsv: String(decoding: try Data(contentsOf: url), as: UTF8.self), origin: url.path)
    }

    public func price(_ service: String, _ usageKey: String, in region: String) -> Price? {
        index[Self.key(service, region, usageKey)]
    }

    /// Regions that have at least one price.
    public var regions: [String] { Array(Set(prices.map(\.region))).sorted() }

    private static func key(_ service: String, _ region: String, _ usageKey: String) -> String {
        "\(service)\u{1F}\(region)\u{1F}\(usageKey)"
    }

    private static func column(of field: Int, in fields: [String]) -> Int {
        fields.prefix(field).reduce(1) { $0 + $1.count + 1 }
    }
}
