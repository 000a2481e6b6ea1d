extension Collection where Element == UInt8 {
    /// Whether the bytes contain `needle`: a plain byte search, far cheaper than
    /// Foundation's `range(of:)` on the hot paths that only ask for ASCII markers.
    /// Inlinable, so that callers in other modules get it specialised for their bytes.
    @inlinable
    package func contains(subsequence needle: some Collection<UInt8>) -> Bool {
        guard let first = needle.first else { return true }
        var index = startIndex
        while let start = self[index...].firstIndex(of: first) {
            if self[start...].starts(with: needle) { return true }
            index = self.index(after: start)
        }
        return false
    }
}
