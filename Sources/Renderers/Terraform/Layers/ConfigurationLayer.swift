import Blueprint

/// `configuration.tf`: Secrets Manager secrets and SSM parameters. No secret value is written in the
/// configuration: generated ones come from `random_password` (kept in the Terraform state, which the README
/// says to encrypt), provided ones are random placeholders a person replaces, composed ones are built
/// from the other resources' attributes at apply time, and RDS-managed ones are RDS's own.
enum ConfigurationLayer {
    static let file = "configuration.tf"

    /// Punctuation `random_password` may use: all of Secrets Manager's, minus the characters that break
    /// connection strings and auth tokens.
    static let safeSpecial = String("!#$%&()*+,-.:;<=>?[]^_{|}~".filter { !AWSRules.unsafePasswordCharacters.contains($0) })

    static func render(_ c: TFContext) {
        for spec in c.blueprint.secrets { renderSecret(c, spec) }
        for spec in c.blueprint.parameters {
            if spec.value.isEmpty { c.problem("SSM parameter \(spec.name) has an empty value (SSM needs at least one character)") }
            c.resource(file, "aws_ssm_parameter", c.label(spec.name)) {
                $0["name"] = .string(spec.parameterName)
                $0["type"] = "String"
                $0["value"] = .string(spec.value.isEmpty ? "-" : spec.value)
                $0["description"] = .string(String(spec.description.prefix(1024)))
            }
        }
    }

    /// The store whose generated credentials a `.managed` secret holds, when the template makes them.
    static func generatedCredentialsStore(_ c: TFContext, _ spec: SecretSpec) -> DataStore? {
        guard case .managed = spec.generation,
              let store = c.blueprint.dataStores.first(where: { $0.credentialsSecret == spec.name }),
              !AWSRules.exposesManagedSecret(store) else { return nil }
        return store
    }

    static func renderSecret(_ c: TFContext, _ spec: SecretSpec) {
        let l = c.label(spec.name)
        var description = spec.description
        var value: HCLValue
        var placeholder = false
        switch spec.generation {
        case .managed:
            guard let store = generatedCredentialsStore(c, spec) else { return }
            password(c, l, length: 32, special: true)
            value = .call("jsonencode", [.object([
                HCLAttribute("username", .string(store.masterUsername ?? "app")),
                HCLAttribute("password", .ref("random_password.\(l).result")),
            ])])
        case .generated(let length, let excludePunctuation, let jsonKey):
            password(c, l, length: AWSRules.clamp(length, 16, 4096), special: !excludePunctuation)
            value = jsonKey.map { .call("jsonencode", [.object([HCLAttribute($0, .ref("random_password.\(l).result"))])]) }
                ?? .ref("random_password.\(l).result")
        case .provided:
            // A random placeholder, never a guessable default: the app fails closed until the real value is set.
            password(c, l, length: 32, special: false)
            value = .ref("random_password.\(l).result")
            placeholder = true
            description += " Placeholder: set the real value with `aws secretsmanager put-secret-value` before the first deploy of its consumers."
        case .composed(let template, let parts):
            value = c.substitute(template, parts: parts, secretValues: true)
        }
        c.resource(file, "aws_secretsmanager_secret", l) {
            $0["name"] = .string(spec.secretName)
            $0["description"] = .string(String(description.prefix(2048)))
        }
        c.resource(file, "aws_secretsmanager_secret_version", l) {
            $0["secret_id"] = .ref("aws_secretsmanager_secret.\(l).id")
            $0["secret_string"] = value
            if placeholder {
                // The value a person sets later stays: Terraform wrote only the placeholder.
                $0.nested("lifecycle") { $0["ignore_changes"] = .list([.ref("secret_string")]) }
            }
        }
    }

    static func password(_ c: TFContext, _ l: String, length: Int, special: Bool) {
        c.resource(file, "random_password", l) {
            $0["length"] = .int(length)
            $0["special"] = .bool(special)
            if special { $0["override_special"] = .string(safeSpecial) }
        }
    }

    /// The password a data store uses: the `random_password` behind its generated credentials secret.
    static func passwordExpression(_ c: TFContext, _ spec: SecretSpec) -> String { "random_password.\(c.label(spec.name)).result" }

    /// An expression for a secret's value (or one JSON key of it), for composed secrets only: ours from its
    /// `random_password`, an RDS-managed or provided one read back from Secrets Manager at apply time.
    static func secretValue(_ c: TFContext, _ spec: SecretSpec, key: String?) -> String {
        let l = c.label(spec.name)
        switch spec.generation {
        case .generated(_, _, _):
            return "random_password.\(l).result"
        case .managed:
            if let store = generatedCredentialsStore(c, spec) {
                return key == "username" ? "\"\(HCLEmitter.escape(store.masterUsername ?? "app"))\"" : "random_password.\(l).result"
            }
            guard case .expression(let arn) = c.secretARN(spec) else { return "\"\"" }
            let data = "managed_\(l)"
            if !(c.files[file] ?? []).contains(where: { $0.type == "data" && $0.labels == ["aws_secretsmanager_secret_version", data] }) {
                c.add(file, HCLBlock.make("data", ["aws_secretsmanager_secret_version", data]) { $0["secret_id"] = .ref(arn) })
            }
            return "jsondecode(data.aws_secretsmanager_secret_version.\(data).secret_string)[\"\(key ?? "password")\"]"
        case .provided:
            return "aws_secretsmanager_secret_version.\(l).secret_string"
        case .composed:
            return "aws_secretsmanager_secret_version.\(l).secret_string"
        }
    }
}
