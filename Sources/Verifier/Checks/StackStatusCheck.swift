/// The stack finished its last operation successfully.
struct StackStatusCheck: VerifyCheck {
    func run(_ c: VerifyContext) async -> [VerifyReport.Result] {
        let stack = c.inventory.stack
        let ok = ["CREATE_COMPLETE", "UPDATE_COMPLETE", "IMPORT_COMPLETE"].contains(stack.status)
        var results = [c.result("stack", stack.name, ok ? .pass : .fail, stack.status + (stack.statusReason.map { ": \($0)" } ?? ""))]
        for resource in c.inventory.resources where resource.status.hasSuffix("_FAILED") {
            results.append(c.result("stack", resource.logicalID, .fail, "\(resource.status): \(resource.reason ?? "")"))
        }
        return results
    }
}
