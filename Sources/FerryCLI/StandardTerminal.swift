import Deployer
import Foundation

/// The process's own terminal.
public final class StandardTerminal: DeployTerminal, @unchecked Sendable {
    public let canPrompt: Bool
    public let isTTY: Bool
    public let useColor: Bool
    /// With `--format json`, stdout is reserved for the JSON document and people read stderr.
    private let humanToStderr: Bool
    private let lock = NSLock()
    private var statusShown = false

    public init(jsonOutput: Bool = false, environment: [String: String] = ProcessInfo.processInfo.environment) {
        humanToStderr = jsonOutput
        canPrompt = isatty(STDIN_FILENO) == 1
        let humanFD = jsonOutput ? STDERR_FILENO : STDOUT_FILENO
        isTTY = isatty(humanFD) == 1 && environment["TERM"] != "dumb"
        useColor = isTTY && environment["NO_COLOR"].map(\.isEmpty) ?? true
    }

    private func write(_ text: String) {
        let handle = humanToStderr ? FileHandle.standardError : FileHandle.standardOutput
        handle.write(Data(text.utf8))
    }

    public func say(_ text: String) {
        lock.lock(); defer { lock.unlock() }
        if statusShown { write("\r\u{1B}[2K"); statusShown = false }
        write(text + "\n")
    }

    public func status(_ text: String) {
        guard isTTY else { return }
        lock.lock(); defer { lock.unlock() }
        write("\r\u{1B}[2K" + text)
        statusShown = true
    }

    public func ask(_ prompt: String) -> String? {
        lock.lock()
        if statusShown { write("\r\u{1B}[2K"); statusShown = false }
        FileHandle.standardError.write(Data(prompt.utf8))
        lock.unlock()
        return readLine(strippingNewline: true)
    }
}
