/// The text of the files a run read, kept so diagnostics can show the offending line.
public struct SourceCache: Sendable {
    private var texts: [String: String] = [:]
    /// Lines never quoted under a diagnostic, by file: those holding env values.
    private var redacted: [String: Set<Int>] = [:]

    public init() {}

    /// Keeps `lines` of `file` out of every diagnostic: env values must never be printed,
    /// and the line under a diagnostic would otherwise quote them.
    public mutating func redact(_ lines: some Sequence<Int>, in file: String) {
        redacted[file, default: []].formUnion(lines)
    }

    /// Redacts the lines of every env value of a spec (block scalars span several lines).
    public mutating func redactEnvValues(of spec: AppSpec) {
        for env in spec.envs + spec.components.flatMap(\.envs) {
            guard let location = env.valueLocation else { continue }
            // A value with line breaks is a block scalar: its lines follow the `|` or `>`.
            let value = env.value ?? ""
            var lines = value.split(separator: "\n", omittingEmptySubsequences: false).count
            if value.hasSuffix("\n") { lines -= 1 }
            redact(location.line...(location.line + (value.contains("\n") ? lines : 0)), in: location.file)
        }
    }

    public mutating func record(_ text: String, for file: String) {
        texts[file] = text
    }

    public func text(of file: String) -> String? { texts[file] }

    /// Line `number` (1-based) of a file, without its line break.
    public func line(_ number: Int, of file: String) -> Substring? {
        guard number >= 1, let text = texts[file], !(redacted[file]?.contains(number) ?? false) else { return nil }
        var current = 1
        var start = text.startIndex
        while current < number {
            guard let newline = text[start...].firstIndex(where: { $0 == "\n" || $0 == "\r\n" }) else { return nil }
            start = text.index(after: newline)
            current += 1
        }
        let end = text[start...].firstIndex(where: { $0 == "\n" || $0 == "\r\n" }) ?? text.endIndex
        return text[start..<end]
    }
}
