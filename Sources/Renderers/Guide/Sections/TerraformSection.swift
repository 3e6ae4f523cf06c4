import Blueprint

/// For teams that run Terraform: the same plan as Terraform, and how to use it instead of the
/// CloudFormation template.
struct TerraformSection: GuideSection {
    func title(_ context: GuideContext) -> String { "Deploying with Terraform instead" }

    func body(_ context: GuideContext) -> String? {
        let b = context.blueprint
        let directory = context.options.templateDirectory + "-terraform"
        var out = "The same plan renders as Terraform for the hashicorp/aws provider (\(TerraformRenderer.awsProviderConstraint)), "
            + "one file per layer, with the same sizes, encryption, policies, tags, deletion protection and retention "
            + "as the CloudFormation template:\n\n"
        out += "```sh\n"
        out += "ferry generate --target terraform --tier \(b.tier.rawValue) -o \(directory)\n"
        out += "cd \(directory)\n"
        out += "cp terraform.tfvars.example terraform.tfvars   # fill in the certificate ARN and alarm e-mail\n"
        out += "terraform init && terraform plan -out tfplan && terraform apply tfplan\n"
        out += "```\n\n"
        out += "Use one or the other per environment: they do not share state. Passwords come from `random_password` "
            + "into Secrets Manager (never in the files); the Terraform state holds them, so keep it in the encrypted "
            + "S3 backend `backend.tf` describes. The README beside the files says how to move an environment "
            + "between the two.\n"
        return out
    }
}
