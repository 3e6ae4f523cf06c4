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

    /// `PrivateSubnet1` → `private_subnet1`, `LoadBalancerURL` → `load_balancer_url`: for the planner's own
    /// identifiers (subnets, outputs), which are unique and alphanumeric; anything else goes through `label`.
    static func snake(_ name: String) -> String {
        var out = ""
        let characters = Array(name)
        for (index, character) in characters.enumerated() {
            guard character.isASCII, character.isLetter || character.isNumber else { return label(name) }
            let previousLower = index > 0 && (characters[index - 1].isLowercase || characters[index - 1].isNumber)
            let nextLower = index + 1 < characters.count && characters[index + 1].isLowercase
            let previousUpper = index > 0 && characters[index - 1].isUppercase
            if character.isUppercase, index > 0, previousLower || (previousUpper && nextLower) { out += "_" }
            out += character.lowercased()
        }
        return out.first?.isLetter == true ? out : label(name)
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
