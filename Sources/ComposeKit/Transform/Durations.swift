/// Compose durations (`1m30s`, `10s`, `500ms`, `1h`, a bare number of seconds) in seconds.
public enum Durations {
    static func seconds(_ node: YAMLNode, _ path: String) throws -> Double {
        let text = try node.asString(path).trimmed(" ")
        guard let v = parse(text) else {
            throw ComposeError("\(path): invalid duration \"\(text)\" (use forms like 30s, 1m30s, 500ms)", at: node.location)
        }
        return v
    }

    /// Seconds, or nil when malformed or beyond a century (nothing real waits longer).
    public static func parse(_ text: String) -> Double? {
        guard let v = parseUnbounded(text), v.isFinite, abs(v) < 3.2e9 else { return nil }
        return v
    }

    private static func parseUnbounded(_ text: String) -> Double? {
        if let plain = Double(text) { return plain }
        var total = 0.0
        var number = ""
        var chars = Array(text)
        var negative = false
        if chars.first == "-" { negative = true; chars.removeFirst() }
        var i = 0
        var sawUnit = false
        while i < chars.count {
            let c = chars[i]
            if c.isNumber || c == "." { number.append(c); i += 1; continue }
            var unit = String(c)
            i += 1
            while i < chars.count, !chars[i].isNumber, chars[i] != "." { unit.append(chars[i]); i += 1 }
            guard let n = Double(number) else { return nil }
            let factor: Double
            switch unit {
            case "ns": factor = 1e-9
            case "us", "µs": factor = 1e-6
            case "ms": factor = 1e-3
            case "s": factor = 1
            case "m": factor = 60
            case "h": factor = 3600
            case "d": factor = 86400
            default: return nil
            }
            total += n * factor
            number = ""
            sawUnit = true
        }
        guard sawUnit, number.isEmpty else { return nil }
        return negative ? -total : total
    }
}

/// Compose byte sizes (`512m`, `1G`, `1gb`, `2048`, `1.5g`) in bytes.
enum ByteSize {
    static func bytes(_ node: YAMLNode, _ path: String) throws -> Int64 {
        let text = try node.asString(path).trimmed(" ")
        guard let v = parse(text) else {
            throw ComposeError("\(path): invalid size \"\(text)\" (use forms like 512m, 1g)", at: node.location)
        }
        return v
    }

    static func parse(_ text: String) -> Int64? {
        let lower = text.lowercased()
        let digits = lower.prefix { $0.isNumber || $0 == "." }
        guard let n = Double(digits), n >= 0 else { return nil }
        var unit = String(lower.dropFirst(digits.count)).trimmed(" ")
        if unit.hasSuffix("ib") { unit.removeLast(2) } else if unit.hasSuffix("b") { unit.removeLast() }
        let factor: Double
        switch unit {
        case "": factor = 1
        case "k": factor = 1024
        case "m": factor = 1024 * 1024
        case "g": factor = 1024 * 1024 * 1024
        case "t": factor = 1024 * 1024 * 1024 * 1024
        default: return nil
        }
        let v = n * factor
        guard v < 9.2e18 else { return nil }
        return Int64(v)
    }
}
