import Foundation
import Renderers

extension GenerateTarget {
    /// `terraform`: the same plan as HCL for the hashicorp/aws provider, one file per layer.
    static let terraform = GenerateTarget(
        name: "terraform",
        summary: "Terraform configuration (hashicorp/aws ~> 6.0), one file per layer, with variables, outputs and a README",
        render: { blueprint, _ in
            let rendering = TerraformRenderer.render(blueprint)
            for item in rendering.unsupported {
                FileHandle.standardError.write(Data("ferry: warning: not in the Terraform output yet: \(item) (see README.md)\n".utf8))
            }
            return (rendering.files, rendering.problems)
        })
}
