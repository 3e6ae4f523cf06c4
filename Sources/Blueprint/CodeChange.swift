/// What an application must change in its own code when a cloud service it calls is replaced by an
/// AWS one (Firestore → DynamoDB): the SDK calls to swap and the lines that use the old SDK. The plan,
/// the guide and a finding show it; ferry never edits code.
public struct CodeChange: Sendable, Codable, Equatable {
    /// The compose service whose code it is.
    public var service: String
    /// The service the code uses today (`Cloud Firestore`).
    public var from: String
    /// What replaces it (`Amazon DynamoDB`), or what the code keeps calling (`Gemini API (external)`).
    public var to: String
    /// The Blueprint element it maps to (`tables.users`), if any.
    public var element: String?
    /// The calls to swap, one sentence each (`collection(x).document(id).set(d)` → `Table.put_item(Item=d)`).
    public var swaps: [String]
    /// Where the code uses the old SDK: manifest lines and imports, by file and line.
    public var sites: [Evidence]
    public var decisions: [Decision]

    public init(service: String, from: String, to: String, element: String? = nil, swaps: [String] = [],
                sites: [Evidence] = [], decisions: [Decision] = []) {
        self.service = service
        self.from = from
        self.to = to
        self.element = element
        self.swaps = swaps
        self.sites = sites
        self.decisions = decisions
    }
}
