import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The files a device needs, written into its directory: its certificate, its private key (created
/// with mode 0600 in one step, so it is never readable by others, and never overwritten) and the
/// Amazon Root CA 1 that signs the IoT data endpoint's certificate.
struct DeviceFiles {
    var directory: URL
    var thing: String

    var certificate: URL { directory.appendingPathComponent("\(thing).cert.pem") }
    var privateKey: URL { directory.appendingPathComponent("\(thing).private.key") }
    var rootCA: URL { directory.appendingPathComponent("AmazonRootCA1.pem") }

    /// Fails before anything is created in AWS when a previous key or certificate would be overwritten.
    func checkFree() throws {
        for url in [certificate, privateKey] where FileManager.default.fileExists(atPath: url.path) {
            throw CLIError.input("\(url.path) already exists: revoke the device first (ferry iot revoke-device \(thing)) or choose another --out")
        }
    }

    func write(certificatePEM: String, privateKey key: String?) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        if let key { try Self.writeExclusive(Data(key.utf8), to: privateKey, mode: 0o600) }
        try Self.writeExclusive(Data(certificatePEM.utf8), to: certificate, mode: 0o644)
        try Data(AmazonRootCA.pem.utf8).write(to: rootCA)
    }

    static func writeExclusive(_ data: Data, to url: URL, mode: mode_t) throws {
        let fd = open(url.path, O_WRONLY | O_CREAT | O_EXCL, mode)
        guard fd >= 0 else { throw CLIError.input("cannot create \(url.path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let written = data.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        guard written == data.count else { throw CLIError.input("cannot write \(url.path): \(String(cString: strerror(errno)))") }
    }
}
