import Blueprint

/// Last pass: the Blueprint's invariants (`BlueprintValidator`). A violation is a planner defect,
/// reported as an error finding naming the invariant, so `plan` still shows what it decided and
/// `check` fails instead of a renderer failing later without context.
enum InvariantCheck {
    static let findingID = "FERRY-PLAN-INVARIANT"

    static func run(_ ctx: PlanningContext) {
        for v in BlueprintValidator.violations(of: ctx.blueprint) {
            ctx.blueprint.findings.append(Finding(id: findingID, severity: .error, message: "the plan broke an invariant: \(v)",
                                                  subject: v.path,
                                                  fix: "a planner defect: report it with the compose file; an x-ferry override of the service's role may work around it"))
        }
    }
}
