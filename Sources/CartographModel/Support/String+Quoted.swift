extension String {
    /// The string as a message quotes it: `'web'`, or for a long one its first 32
    /// characters and its size, `'-----…' (1048576 bytes)`. Names, keys and values come
    /// from the input, and a message about a 1 MiB name must not be 1 MiB long (nor cost a
    /// pass over it: the byte count of a native string is stored).
    package var quotedForMessage: String {
        guard utf8.count > 128 else { return "'\(self)'" }
        return "'\(String(String.UnicodeScalarView(unicodeScalars.prefix(32))))…' (\(utf8.count) bytes)"
    }
}
