import Blueprint

/// Terraform resource names (the second label) for Blueprint elements: the element's name in snake
/// case. A name that snake case would change in more than `-` → `_` (capitals, dots, a leading digit,
/// an underscore of its own) gets a short hash of the original, so two elements never share a label.
enum TFNames {
    static func label(_ name: String) -> String {
        var out = ""
        for scalar in name.unicodeScalars {
            switch scalar {
            case "a"..."z", "0"..."9": out.unicodeScalars.append(scalar)
            case "A"..."Z": out += String(scalar).lowercased()
            default: if !out.hasSuffix("_") { out += "_" }
            }
        }
        while out.hasSuffix("_") { out.removeLast() }
        let lossless = name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
            && !name.contains("--") && !name.hasPrefix("-") && !name.hasSuffix("-")
        let startsWell = out.first.map { $0.isLetter } ?? false
        if lossless && startsWell { return out }
        return (startsWell ? out : "r_" + out) + "_" + hash(name)
    }

    /// FNV-1a, 32 bits, as 8 hex digits: stable across runs and platforms.
    static func hash(_ text: String) -> String {
        var h: UInt32 = 0x811c_9dc5
        for byte in text.utf8 {
            h ^= UInt32(byte)
            h = h &* 0x0100_0193
        }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }
}
