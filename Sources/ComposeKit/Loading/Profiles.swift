/// Stage 5: profiles. A service without `profiles` is always enabled; one with profiles
/// is enabled when one of them is active (`--profile`, `COMPOSE_PROFILES`), or when `*`
/// is active.
enum Profiles {
    static func isEnabled(_ serviceProfiles: [String], active: [String]) -> Bool {
        serviceProfiles.isEmpty || active.contains("*") || serviceProfiles.contains(where: active.contains)
    }
}
