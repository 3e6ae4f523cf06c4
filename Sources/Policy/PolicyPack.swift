/// ferry's policy pack: every check, one file each under `Checks/` (see docs/POLICY.md).
public enum PolicyPack {
    public static let all: [any PolicyCheck] = [
        DatabasePublic(), DatabaseEncryption(), DatabaseDeletionProtection(), DataSnapshotPolicy(), DataSingleAZAtProd(),
        CacheEncryptionAtRest(), CacheEncryptionInTransit(), CacheAuthToken(),
        BucketEncryption(), BucketPublicAccess(), BucketVersioning(),
        FileSystemEncryption(), FileSystemTransitEncryption(),
        LogRetention(), LogEncryption(),
        IAMWildcardAction(), IAMWildcardResource(), IAMPassRoleWildcard(), IAMSharedTaskRole(),
        TaskPublicIP(), OpenIngress(),
        HTTPRedirect(), TLSCertificate(), DropInvalidHeaders(), WAFAtProd(),
        PrivilegedContainer(), SecretInPlainEnv(), HealthChecks(), ContainerLogging(), ContainerInsights(),
        ImageLatestTag(), ECRScanOnPush(), ECRImmutableTags(),
        IoTPolicyWildcard(), UserPoolHardening(), AlarmsPresent(), ResourceTags(),
        DevOnlyFlags(), SecretDevDefault(),
    ]

    public static func check(id: String) -> (any PolicyCheck)? { all.first { $0.id == id } }
}
