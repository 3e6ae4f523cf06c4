/// Cognito user pools replacing a hosted identity provider: email sign-in, the Blueprint's password
/// policy and MFA setting, admin-verified recovery by email, advanced security off (it is priced per
/// user); an app client without a secret (browser and mobile apps cannot keep one) that never reveals
/// whether a user exists.
enum UserPoolSection {
    static func render(_ c: inout CFNContext) {
        for pool in c.blueprint.userPools ?? [] {
            let poolID = c.names.id(pool.name, "UserPool")
            var properties: [String: CFNValue] = [
                "UserPoolName": c.stackScoped(pool.name),
                "UsernameAttributes": ["email"],
                "AutoVerifiedAttributes": ["email"],
                "MfaConfiguration": .string(pool.mfa),
                "Policies": ["PasswordPolicy": [
                    "MinimumLength": .int(pool.minimumPasswordLength),
                    "RequireLowercase": true, "RequireUppercase": true, "RequireNumbers": true, "RequireSymbols": true,
                    "TemporaryPasswordValidityDays": 3,
                ]],
                "AccountRecoverySetting": ["RecoveryMechanisms": [["Name": "verified_email", "Priority": 1]]],
                "AdminCreateUserConfig": ["AllowAdminCreateUserOnly": false],
                "DeletionProtection": .string(pool.deletionProtection ? "ACTIVE" : "INACTIVE"),
            ]
            if pool.mfa != "OFF" { properties["EnabledMfas"] = ["SOFTWARE_TOKEN_MFA"] }
            var resource = CFNResource("AWS::Cognito::UserPool", properties)
            if pool.deletionProtection {
                resource.deletionPolicy = "Retain"
                resource.updateReplacePolicy = "Retain"
            }
            c.add(poolID, resource)
            c.add(c.names.id(pool.name, "UserPoolClient"), CFNResource("AWS::Cognito::UserPoolClient", [
                "UserPoolId": .ref(poolID),
                "ClientName": c.stackScoped(pool.name + "-app"),
                "GenerateSecret": false,
                "ExplicitAuthFlows": ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
                "PreventUserExistenceErrors": "ENABLED",
                "EnableTokenRevocation": true,
            ]))
        }
    }
}
