/// A set of ASCII words by their bytes, for ``SearchIndex/trimmedText(_:known:)``: a page's
/// words are looked up by the hundred, and a `Set<String>` makes a `String` of each and
/// hashes it with SipHash. Between ASCII strings `String` equality is byte equality, so a
/// set of bytes answers as the `Set<String>` would.
struct ASCIIWordSet {
    /// The words' bytes, one after another.
    private var bytes: [UInt8] = []
    /// Open addressing: a word's start in ``bytes`` + 1 and its length, packed; 0 is empty.
    private var slots: [UInt64]
    private var count = 0

    /// Room for `capacity` words before it grows.
    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        slots = Array(repeating: 0, count: size)
        bytes.reserveCapacity(capacity * 8)
    }

    /// Adds `word`; false when it was there already.
    mutating func insert(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        if (count + 1) * 2 > slots.count { grow() }
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: Self.hash(word)) & mask
        while slots[slot] != 0 {
            if matches(slots[slot], word) { return false }
            slot = (slot + 1) & mask
        }
        slots[slot] = UInt64(bytes.count + 1) << 32 | UInt64(word.count)
        bytes.append(contentsOf: word)
        count += 1
        return true
    }

    private func matches(_ entry: UInt64, _ word: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = Int(entry >> 32) - 1
        let length = Int(entry & 0xFFFF_FFFF)
        guard length == word.count else { return false }
        for offset in 0..<length where bytes[start + offset] != word[offset] { return false }
        return true
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: 0, count: old.count * 2)
        let mask = slots.count - 1
        for entry in old where entry != 0 {
            let start = Int(entry >> 32) - 1
            let length = Int(entry & 0xFFFF_FFFF)
            var slot =
                bytes.withUnsafeBufferPointer {
                    Int(truncatingIfNeeded: Self.hash(UnsafeBufferPointer(rebasing: $0[start..<(start + length)])))
                } & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = entry
        }
    }

    /// FNV-1a: the words are short and the set is per page, so no seed is needed.
    private static func hash(_ word: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in word { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash ^ (hash >> 29)
    }
}
