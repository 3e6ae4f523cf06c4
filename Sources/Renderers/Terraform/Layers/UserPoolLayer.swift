import Blueprint

/// `identity.tf` (user pools): Cognito user pools replacing a hosted identity provider, written as
/// `UserPoolSection` writes them for CloudFormation (email sign-in, the Blueprint's password policy and
/// MFA setting, a secretless app client that hides whether a user exists).
enum UserPoolLayer {
    static func render(_ c: TFContext) {
        for pool in c.blueprint.userPools ?? [] {
            let l = c.label(pool.name)
            c.resource(IdentityLayer.file, "aws_cognito_user_pool", l) {
                $0["name"] = c.scoped(pool.name)
                $0["username_attributes"] = .strings(["email"])
                $0["auto_verified_attributes"] = .strings(["email"])
                $0["mfa_configuration"] = .string(pool.mfa)
                $0["deletion_protection"] = .string(pool.deletionProtection ? "ACTIVE" : "INACTIVE")
                $0.nested("password_policy") {
                    $0["minimum_length"] = .int(pool.minimumPasswordLength)
                    $0["require_lowercase"] = true
                    $0["require_uppercase"] = true
                    $0["require_numbers"] = true
                    $0["require_symbols"] = true
                    $0["temporary_password_validity_days"] = 3
                }
                if pool.mfa != "OFF" { $0.nested("software_token_mfa_configuration") { $0["enabled"] = true } }
                $0.nested("account_recovery_setting") {
                    $0.nested("recovery_mechanism") {
                        $0["name"] = "verified_email"
                        $0["priority"] = 1
                    }
                }
                if pool.deletionProtection { $0.nested("lifecycle") { $0["prevent_destroy"] = true } }
            }
            c.resource(IdentityLayer.file, "aws_cognito_user_pool_client", l) {
                $0["name"] = c.scoped(pool.name + "-app")
                $0["user_pool_id"] = .ref("aws_cognito_user_pool.\(l).id")
                $0["generate_secret"] = false
                $0["explicit_auth_flows"] = .strings(["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])
                $0["prevent_user_existence_errors"] = "ENABLED"
                $0["enable_token_revocation"] = true
            }
        }
    }
}
