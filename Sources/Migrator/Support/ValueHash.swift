import Crypto
import Foundation

/// Fingerprints of values. A secret's fingerprint is an HMAC keyed by the checkpoint's random salt:
/// equal values give equal fingerprints inside one checkpoint, yet the file cannot be searched for
/// a guessed password without the salt. Plain data (objects) is fingerprinted with SHA-256 / MD5.
public enum ValueHash {
    public static func randomSalt() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    public static func keyed(_ value: String, salt: String, context: String) -> String {
        let key = SymmetricKey(data: Data(salt.utf8))
        let mac = HMAC<SHA256>.authenticationCode(for: Data((context + "\u{0}" + value).utf8), using: key)
        return "hmac-sha256:" + hexBytes(mac)
    }

    public static func hex(_ text: String) -> String { hexBytes(SHA256.hash(data: Data(text.utf8))) }

    public static func hexBytes<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        bytes.map { String(format: "%02x", $0) }.joined()
    }
}

extension Data {
    var sha256Bytes: [UInt8] { Array(SHA256.hash(data: self)) }
}
