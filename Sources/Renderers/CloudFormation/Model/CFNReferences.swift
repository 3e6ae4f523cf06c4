import Blueprint
/// What a value refers to: the logical IDs, parameters and conditions named by its intrinsics.
struct CFNReference: Hashable, Comparable {
    enum Kind: Int, Comparable {
        case ref, getAtt, sub
        static func < (a: Kind, b: Kind) -> Bool { a.rawValue < b.rawValue }
    }
    var kind: Kind
    var target: String
    /// The attribute for `GetAtt` and `${X.Attr}`.
    var attribute: String?

    static func < (a: CFNReference, b: CFNReference) -> Bool {
        (a.target, a.attribute ?? "", a.kind) < (b.target, b.attribute ?? "", b.kind)
    }
}

enum FnSub {
    /// The variables a `Fn::Sub` string names: `${Name}` → ("Name", nil), `${Res.Attr}` → ("Res", "Attr").
    /// `${!Literal}` is an escape and names nothing.
    static func variables(in text: String) -> [(String, String?)] {
        var result: [(String, String?)] = []
        var rest = Substring(text)
        while let start = rest.firstByteRange(of: "${") {
            let after = rest[start.upperBound...]
            guard let end = after.firstIndex(of: "}") else { break }
            let body = after[..<end]
            if !body.hasPrefix("!") {
                if let dot = body.firstIndex(of: "."), !body.hasPrefix("AWS::") {
                    result.append((String(body[..<dot]), String(body[body.index(after: dot)...])))
                } else {
                    result.append((String(body), nil))
                }
            }
            rest = after[after.index(after: end)...]
        }
        return result
    }

    /// Replaces whole `${…}` variables: `replace` gets the body and returns the new body, or nil to keep it.
    static func rewrite(_ text: String, _ replace: (String) -> String?) -> String {
        var out = ""
        var rest = Substring(text)
        while let start = rest.firstByteRange(of: "${") {
            out += rest[..<start.lowerBound]
            let after = rest[start.upperBound...]
            guard let end = after.firstIndex(of: "}") else {
                out += rest[start.lowerBound...]
                return out
            }
            let body = String(after[..<end])
            out += "${" + (body.hasPrefix("!") ? body : (replace(body) ?? body)) + "}"
            rest = after[after.index(after: end)...]
        }
        return out + rest
    }
}

extension CFNValue {
    /// Every reference in the value, Sub variables bound by the Sub's own map excluded. The order is
    /// not meaningful (map entries are visited in dictionary order); callers use the set of references.
    var references: [CFNReference] {
        var out: [CFNReference] = []
        collect(into: &out)
        return out
    }

    func collect(into out: inout [CFNReference]) {
        switch self {
        case .string, .int, .bool, .getAZs, .condition, .noValue: break
        case .ref(let name): out.append(CFNReference(kind: .ref, target: name))
        case .getAtt(let resource, let attribute):
            out.append(CFNReference(kind: .getAtt, target: resource, attribute: attribute))
        case .sub(let text, let vars):
            for (name, attribute) in FnSub.variables(in: text) where vars[name] == nil {
                out.append(CFNReference(kind: .sub, target: name, attribute: attribute))
            }
            for v in vars.values { v.collect(into: &out) }
        case .list(let items), .and(let items), .or(let items), .join(_, let items):
            for v in items { v.collect(into: &out) }
        case .map(let m): for v in m.values { v.collect(into: &out) }
        case .select(_, let v), .not(let v), .split(_, let v), .cidr(let v, _, _), .base64(let v): v.collect(into: &out)
        case .if(_, let a, let b), .equals(let a, let b):
            a.collect(into: &out)
            b.collect(into: &out)
        }
    }

    /// Condition names used by `Fn::If` and `Condition` inside the value (order not meaningful).
    var conditionNames: [String] {
        var out: [String] = []
        collectConditions(into: &out)
        return out
    }

    func collectConditions(into out: inout [String]) {
        switch self {
        case .string, .int, .bool, .ref, .getAtt, .getAZs, .noValue: break
        case .condition(let c): out.append(c)
        case .if(let c, let a, let b):
            out.append(c)
            a.collectConditions(into: &out)
            b.collectConditions(into: &out)
        case .equals(let a, let b):
            a.collectConditions(into: &out)
            b.collectConditions(into: &out)
        case .sub(_, let vars): for v in vars.values { v.collectConditions(into: &out) }
        case .list(let items), .and(let items), .or(let items), .join(_, let items):
            for v in items { v.collectConditions(into: &out) }
        case .map(let m): for v in m.values { v.collectConditions(into: &out) }
        case .select(_, let v), .not(let v), .split(_, let v), .cidr(let v, _, _), .base64(let v): v.collectConditions(into: &out)
        }
    }
}

extension CFNResource {
    /// References from properties, plus `DependsOn` as plain refs (order not meaningful).
    var references: [CFNReference] {
        var out: [CFNReference] = []
        for value in properties.values { value.collect(into: &out) }
        return out + dependsOn.map { CFNReference(kind: .ref, target: $0) }
    }

    var conditionNames: [String] {
        var out: [String] = []
        for value in properties.values { value.collectConditions(into: &out) }
        return out + (condition.map { [$0] } ?? [])
    }
}
