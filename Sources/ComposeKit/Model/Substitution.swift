/// One `$VAR` / `${VAR…}` of an interpolated value: the part of the result it produced and the
/// variables it read (a default can read others: `${A:-${B}}`). Lets a reader tell which
/// characters of a value, or of one word of a command, came from which variables.
public struct Substitution: Sendable, Equatable {
    /// UTF-8 offsets into the interpolated text (the value, or the word it belongs to).
    public var range: Range<Int>
    public var variables: [String]
    public init(range: Range<Int>, variables: [String]) { self.range = range; self.variables = variables }
}
