import Foundation

/// Where the deployer talks to the user. The real one writes to stdout/stderr and reads stdin;
/// tests script the answers and read what was printed.
public protocol DeployTerminal: Sendable {
    /// stdin is a terminal a person can answer prompts on.
    var canPrompt: Bool { get }
    /// stdout is a terminal: the live progress view may redraw a status line.
    var isTTY: Bool { get }
    var useColor: Bool { get }
    /// Human output (stdout, or stderr when stdout carries JSON).
    func say(_ text: String)
    /// Replaces the current status line (TTY only).
    func status(_ text: String)
    /// Asks a question and returns the answer line (nil on end of input).
    func ask(_ prompt: String) -> String?
}
