package import CartographModel
import Foundation
import Synchronization

/// Finds plain-text env values that look like secrets. Reports the key and location,
/// never the value.
enum SecretScanner {
    static let secretKeyWords = ["PASSWORD", "PASSWD", "SECRET", "TOKEN", "KEY", "CREDENTIAL", "PRIVATE"]

    static func check(_ env: EnvVar, diagnostics: DiagnosticBag) {
        guard env.type != .secret, let value = env.value, !value.isEmpty, !EnvVar.isEncrypted(value) else { return }
        let location = env.valueLocation ?? env.key.location
        if let shape = secretShape(of: value) {
            diagnostics.warning(
                "env '\(env.key.value)' holds \(shape) in plain text", at: location,
                hint: "set 'type: SECRET' so DigitalOcean encrypts it, and keep the value out of the repository")
        } else if looksLikeSecretKey(env.key.value), !isReference(value) {
            diagnostics.warning(
                "env '\(env.key.value)' looks like a secret but is not 'type: SECRET'", at: location,
                hint: "set 'type: SECRET' so DigitalOcean encrypts it, and keep the value out of the repository")
        }
    }

    static func looksLikeSecretKey(_ key: String) -> Bool {
        // A key is an ASCII identifier (`EnvVar.isValidKey`), whose words compare as bytes
        // as they do as Characters.
        if key.utf8.allSatisfy({ $0 < 0x80 }) {
            var key = key
            return key.withUTF8 { bytes in
                // Word by word, in place: splitting made an array of every key's words.
                var start = 0
                for end in 0...bytes.count where end == bytes.count || bytes[end] == UInt8(ascii: "_") || bytes[end] == UInt8(ascii: "-") {
                    defer { start = end + 1 }
                    guard end > start else { continue }
                    let word = UnsafeBufferPointer(rebasing: bytes[start..<end])
                    if secretKeyBytes.contains(where: { isSecretWord(word, $0) }) { return true }
                }
                return false
            }
        }
        let words = key.uppercased().split(whereSeparator: { $0 == "_" || $0 == "-" })
        return words.contains { word in secretKeyWords.contains { word == $0 || word.hasSuffix($0) && $0.count >= 6 } }
    }

    private static let secretKeyBytes = secretKeyWords.map { Array($0.utf8) }

    /// Whether an ASCII `word`, uppercased, is `secret` or (for a secret of six letters or
    /// more) ends with it.
    private static func isSecretWord(_ word: UnsafeBufferPointer<UInt8>, _ secret: [UInt8]) -> Bool {
        guard word.count == secret.count || (secret.count >= 6 && word.count > secret.count) else { return false }
        let offset = word.count - secret.count
        for index in secret.indices {
            let byte = word[offset + index]
            let upper = (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) ? byte - 32 : byte
            guard upper == secret[index] else { return false }
        }
        return true
    }

    /// A value that only points somewhere else: a bindable variable (`${db.PASSWORD}`) or a
    /// template placeholder (`$VAR`), not a secret itself.
    static func isReference(_ value: String) -> Bool {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("${"), trimmed.hasSuffix("}"), !trimmed.dropFirst(2).contains("${") { return true }
        if trimmed.hasPrefix("$"), trimmed.dropFirst().allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) { return true }
        return false
    }

    /// A value shape of a well-known secret, with the text every match of it holds. Its
    /// expression is compiled when a value first holds that text, once: most builds meet
    /// none, and compiling all ten cost more than reading a hundred specs.
    final class Shape: Sendable {
        let cue: String
        let name: String
        private let source: String
        private let compiled = Mutex<NSRegularExpression??>(nil)

        init(_ cue: String, _ source: String, _ name: String) {
            self.cue = cue
            self.source = source
            self.name = name
        }

        /// Nil if the expression does not compile; every one here does.
        var pattern: NSRegularExpression? {
            compiled.withLock { compiled in
                if let pattern = compiled { return pattern }
                let pattern = try? NSRegularExpression(pattern: source)
                compiled = .some(pattern)
                return pattern
            }
        }
    }

    static let shapes = [
        Shape("eyJ", #"eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+"#, "a JWT"),
        Shape("sk_", #"\bsk_(live|test)_[A-Za-z0-9]{10,}"#, "a Stripe secret key"),
        Shape("rk_", #"\brk_live_[A-Za-z0-9]{10,}"#, "a Stripe restricted key"),
        Shape("gh", #"\bgh[pousr]_[A-Za-z0-9]{20,}"#, "a GitHub token"),
        Shape("github_pat_", #"\bgithub_pat_[A-Za-z0-9_]{20,}"#, "a GitHub token"),
        Shape("xox", #"\bxox[abpr]-[A-Za-z0-9-]{10,}"#, "a Slack token"),
        Shape("AKIA", #"\bAKIA[0-9A-Z]{16}\b"#, "an AWS access key"),
        Shape("sk-", #"\bsk-(proj-|ant-)?[A-Za-z0-9_-]{20,}"#, "an API secret key"),
        Shape("dop_v1_", #"\bdop_v1_[a-f0-9]{40,}"#, "a DigitalOcean token"),
        Shape("://", #"://[^/\s:@]+:[^@\s$]{3,}@"#, "a URL with a password"),
    ]

    /// Names what the value looks like ("a JWT"), or nil.
    static func secretShape(of value: String) -> String? {
        // Foundation's search compares canonically equivalent text alike, so it decides; but
        // text without the bytes of "-----BEGIN" cannot hold it (no other text is equivalent
        // to it), and most values have not.
        if value.utf8.contains(subsequence: "-----BEGIN".utf8), value.contains("-----BEGIN") && value.contains("PRIVATE KEY") {
            return "a private key"
        }
        // Regular expressions are the costliest part of reading a large spec: only a
        // shape whose cue the value holds can match, and most values hold none (a URL
        // holds one).
        var text = value
        let cued = text.withUTF8 { bytes in shapeCues.indices.filter { bytes.contains(subsequence: shapeCues[$0]) } }
        for index in cued {
            guard let pattern = shapes[index].pattern else { continue }
            if pattern.firstMatch(in: value, range: NSRange(value.startIndex..., in: value)) != nil { return shapes[index].name }
        }
        return nil
    }

    /// Each shape's cue, searched for in a value's bytes in place.
    private static let shapeCues = shapes.map { Array($0.cue.utf8) }
}
