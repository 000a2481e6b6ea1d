// TEMPORARY placeholder until the generated-table implementation lands.
public enum DisplayWidth {
    public static func of(_ s: some StringProtocol) -> Int {
        s.reduce(0) { $0 + of($1) }
    }
    public static func of(_ c: Character) -> Int {
        guard let first = c.unicodeScalars.first else { return 0 }
        if first.properties.isEmojiPresentation || c.unicodeScalars.contains("\u{FE0F}") { return 2 }
        if (0x1100...0x115F).contains(first.value) || (0x2E80...0xA4CF).contains(first.value) || (0xAC00...0xD7A3).contains(first.value) || (0xF900...0xFAFF).contains(first.value) || (0xFF00...0xFF60).contains(first.value) || (0xFFE0...0xFFE6).contains(first.value) || (0x20000...0x3FFFD).contains(first.value) { return 2 }
        if first.properties.generalCategory == .nonspacingMark || first.value == 0x200B { return 0 }
        return 1
    }
    public static func padded(_ s: String, to columns: Int) -> String {
        let w = of(s)
        return w >= columns ? s : s + String(repeating: " ", count: columns - w)
    }
}
