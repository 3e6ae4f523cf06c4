import Blueprint

/// Settings that pointed Google SDKs at a local emulator (`FIRESTORE_EMULATOR_HOST`, `PUBSUB_EMULATOR_HOST`,
/// …): on AWS the emulators are not deployed. (`GOOGLE_APPLICATION_CREDENTIALS` stays a secret: code that
/// still calls Google needs the key.)
struct GoogleCloudLocalSetting: EnvRule {
    let name = "GoogleCloudLocalSetting"
    static let emulatorHosts: Set<String> = ["FIRESTORE_EMULATOR_HOST", "DATASTORE_EMULATOR_HOST", "PUBSUB_EMULATOR_HOST",
                                             "STORAGE_EMULATOR_HOST", "FIREBASE_AUTH_EMULATOR_HOST", "FIREBASE_STORAGE_EMULATOR_HOST",
                                             "FIREBASE_DATABASE_EMULATOR_HOST", "BIGTABLE_EMULATOR_HOST", "SPANNER_EMULATOR_HOST"]

    func classify(_ i: EnvInput, _ ctx: PlanningContext) -> EnvVar? {
        if Self.emulatorHosts.contains(i.upper) {
            return EnvVar(name: i.name, disposition: .removed, value: .unset,
                          reason: "pointed a Google SDK at a local emulator, which is not deployed: the code calls the AWS service that replaces it")
        }
        return nil
    }
}
