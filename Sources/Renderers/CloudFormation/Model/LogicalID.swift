import Blueprint
/// Logical IDs derived from names: `svc-auth` → `SvcAuth`. CloudFormation wants `[A-Za-z0-9]{1,255}`,
/// unique in the template. A logical ID is also the resource's identity across updates, so it must not
/// change when unrelated services are added or reordered: the mapping below depends on the set of
/// names only, never on the order in which they are seen.
public struct LogicalIDs: Sendable {
    /// Room left for the longest suffix a renderer appends (`…TaskDefinition`, `…ScalingPolicyCpu`).
    public static let maxBaseLength = 200

    private let table: [String: String]

    /// Names whose IDs could collide all get a short hash of the original name appended, so none of them
    /// depends on which one came first. Two names collide when their stems are equal (`svc-auth`,
    /// `svc_auth`), or when a stem plus one suffix equals another stem plus another suffix (`api` +
    /// `TaskRole` and `api-task` + `Role`), or when a stem plus a suffix equals one of the `reserved` IDs
    /// the renderer uses for its own resources.
    public init<S: Sequence>(names: S, suffixes: [String] = [""], reserved: Set<String> = []) where S.Element == String {
        let unique = Set(names)
        var owners: [String: Set<String>] = [:]
        for name in unique {
            let stem = LogicalIDs.base(name)
            for suffix in Set(suffixes + [""]) { owners[stem + suffix, default: []].insert(name) }
        }
        var table: [String: String] = [:]
        for name in unique {
            let stem = LogicalIDs.base(name)
            let clashes = Set(suffixes + [""]).contains { suffix in
                let id = stem + suffix
                return (owners[id]?.count ?? 0) > 1 || reserved.contains(id)
            }
            table[name] = clashes || stem.isEmpty || LogicalIDs.wasShortened(name)
                ? LogicalIDs.truncate(stem) + LogicalIDs.hash(name) : stem
        }
        self.table = table
    }

    /// The logical-ID stem for `name` (one of the names given at init; any other name gets its own
    /// deterministic, hash-suffixed stem).
    public subscript(name: String) -> String {
        table[name] ?? (LogicalIDs.truncate(LogicalIDs.base(name)) + LogicalIDs.hash(name))
    }

    /// Camel case of the alphanumeric runs: `svc-auth` → `SvcAuth`, `my_db.v2` → `MyDbV2`.
    public static func base(_ name: String) -> String {
        var out = ""
        var upperNext = true
        for scalar in name.unicodeScalars {
            let isAlnum = ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
            if isAlnum {
                out += upperNext ? String(scalar).uppercased() : String(scalar)
                upperNext = false
            } else {
                upperNext = true
            }
        }
        return String(out.prefix(maxBaseLength + 1))
    }

    /// Same as `base` but for a single, fixed name that cannot collide (used for the template's own pieces).
    public static func fixed(_ name: String) -> String { base(name) }

    private static func wasShortened(_ name: String) -> Bool { base(name).count > maxBaseLength }

    private static func truncate(_ base: String) -> String {
        String((base.isEmpty ? "X" : base).prefix(maxBaseLength - 8))
    }

    /// Eight hex digits of FNV-1a over the UTF-8 bytes: stable across runs and platforms.
    static func hash(_ name: String) -> String {
        var h: UInt32 = 0x811C_9DC5
        for byte in name.utf8 {
            h ^= UInt32(byte)
            h = h &* 0x0100_0193
        }
        let hex = String(h, radix: 16, uppercase: true)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }
}

/// Logical IDs for (name, suffix) pairs: `("svc-auth", "Service")` → `SvcAuthService`. Only pairs that
/// would produce the same ID (or a reserved one) get the name's hash between stem and suffix, so an ECR
/// repository `app/web` and a service `app-web` keep readable IDs (`AppWebRepository`, `AppWebService`)
/// while two services `app-web` and `app_web` do not collide. Depends on the set of pairs only.
public struct ScopedLogicalIDs: Sendable {
    private let table: [String: String]

    private static func key(_ name: String, _ suffix: String) -> String { name + "\u{0}" + suffix }

    public init(pairs: [(name: String, suffix: String)], reserved: Set<String> = []) {
        var owners: [String: Set<String>] = [:]
        for (name, suffix) in pairs { owners[LogicalIDs.base(name) + suffix, default: []].insert(name) }
        var table: [String: String] = [:]
        for (name, suffix) in pairs {
            let stem = LogicalIDs.base(name)
            let plain = stem + suffix
            let clean = (owners[plain]?.count ?? 0) == 1 && !reserved.contains(plain) && !stem.isEmpty
                && stem.count <= LogicalIDs.maxBaseLength
            table[Self.key(name, suffix)] = clean ? plain : Self.hashed(name, suffix)
        }
        self.table = table
    }

    public subscript(name: String, suffix: String) -> String {
        table[Self.key(name, suffix)] ?? Self.hashed(name, suffix)
    }

    private static func hashed(_ name: String, _ suffix: String) -> String {
        let stem = LogicalIDs.base(name)
        return String((stem.isEmpty ? "X" : stem).prefix(LogicalIDs.maxBaseLength - 8)) + LogicalIDs.hash(name) + suffix
    }
}
