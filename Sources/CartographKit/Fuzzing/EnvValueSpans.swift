package import CartographInput
package import CartographModel
package import CartographRender

/// Where env values sit in a spec's bytes, decided from the bytes alone, as a careful
/// printer must decide it: a parse may fail, or place a line somewhere else than a reader
/// of the file would. An `envs:` block reaches as far as its indentation (or its brackets,
/// in flow style and JSON); inside it, everything but keys and the `key`, `scope` and
/// `type` fields is a value.
///
/// The fuzz targets use it to tell which planted canaries are env values (and so must
/// never be printed) from canaries the fuzzer moved elsewhere (a name, which may be).
enum EnvValueSpans {
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")
    static let newline = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")

    /// Byte ranges of `bytes` inside an `envs` block or flow collection, key included.
    static func envRanges(in bytes: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var block: (indent: Int, start: Int)?
        var position = 0
        while position < bytes.count {
            let lineEnd = bytes[position...].firstIndex(of: newline) ?? bytes.count
            let content = bytes[position..<lineEnd].firstIndex { $0 != space && $0 != tab && $0 != carriageReturn } ?? lineEnd
            let indent = content - position
            let blank = content == lineEnd || bytes[content] == UInt8(ascii: "#")
            if let open = block {
                if blank || indent > open.indent || (indent == open.indent && bytes[content] == UInt8(ascii: "-")) {
                    position = lineEnd + 1
                    continue
                }
                ranges.append(open.start..<position)
                block = nil
            }
            var next = lineEnd + 1
            var scan = position
            while scan < lineEnd, let key = envsKey(in: bytes, from: scan, to: lineEnd) {
                var value = key.afterColon
                while value < lineEnd, bytes[value] == space || bytes[value] == tab || bytes[value] == carriageReturn { value += 1 }
                if value < lineEnd, bytes[value] == UInt8(ascii: "[") || bytes[value] == UInt8(ascii: "{") {
                    let close = matchingClose(in: bytes, from: value) ?? bytes.count - 1
                    ranges.append(key.start..<(close + 1))
                    if close >= lineEnd {
                        // The collection spans lines: go on after the line it closes on.
                        next = (bytes[min(close, bytes.count - 1)...].firstIndex(of: newline) ?? bytes.count) + 1
                        break
                    }
                    scan = close + 1
                } else if value >= lineEnd || bytes[value] == UInt8(ascii: "#") {
                    block = (indent: key.start - position, start: key.start)
                    break
                } else {
                    ranges.append(key.start..<lineEnd)
                    break
                }
            }
            position = next
        }
        if let open = block { ranges.append(open.start..<bytes.count) }
        return ranges
    }

    /// Whether the `length` bytes at `offset` are (part of) an env value.
    static func isEnvValue(at offset: Int, length: Int, in bytes: [UInt8], ranges: [Range<Int>]) -> Bool {
        guard ranges.contains(where: { $0.contains(offset) }) else { return false }
        // A mapping key: an unknown key is named in its error, as any key is.
        var after = offset + length
        while after < bytes.count, bytes[after] == UInt8(ascii: "\"") || bytes[after] == UInt8(ascii: "'") || bytes[after] == space {
            after += 1
        }
        if after < bytes.count, bytes[after] == UInt8(ascii: ":") { return false }
        // The value of `key`, `scope` or `type`: outputs show those.
        let stops: Set<UInt8> = [
            space, tab, newline, carriageReturn, UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "{"), UInt8(ascii: "["),
            UInt8(ascii: ","),
        ]
        var before = offset
        while before > 0, !stops.contains(bytes[before - 1]) { before -= 1 }
        while before > 0, bytes[before - 1] == space || bytes[before - 1] == UInt8(ascii: "\"") || bytes[before - 1] == UInt8(ascii: "'") {
            before -= 1
        }
        guard before > 0, bytes[before - 1] == UInt8(ascii: ":") else { return true }
        var wordEnd = before - 1
        while wordEnd > 0,
            bytes[wordEnd - 1] == space || bytes[wordEnd - 1] == UInt8(ascii: "\"") || bytes[wordEnd - 1] == UInt8(ascii: "'")
        {
            wordEnd -= 1
        }
        var wordStart = wordEnd
        while wordStart > 0, isWordByte(bytes[wordStart - 1]) { wordStart -= 1 }
        let word = String(decoding: bytes[wordStart..<wordEnd], as: UTF8.self)
        return !["key", "scope", "type"].contains(word)
    }

    static func isWordByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
    }

    /// The next `envs:` key (plain or quoted) on a line: where it starts, and the index
    /// after its colon.
    static func envsKey(in bytes: [UInt8], from start: Int, to end: Int) -> (start: Int, afterColon: Int)? {
        let word = Array("envs".utf8)
        var index = start
        while index + word.count <= end {
            defer { index += 1 }
            guard bytes[index..<(index + word.count)].elementsEqual(word) else { continue }
            var keyStart = index
            var quote: UInt8?
            if keyStart > 0, bytes[keyStart - 1] == UInt8(ascii: "\"") || bytes[keyStart - 1] == UInt8(ascii: "'") {
                quote = bytes[keyStart - 1]
                keyStart -= 1
            }
            let leading: Set<UInt8> = [space, tab, carriageReturn, newline, UInt8(ascii: "-"), UInt8(ascii: "{"), UInt8(ascii: ",")]
            guard keyStart == 0 || leading.contains(bytes[keyStart - 1]) else { continue }
            var after = index + word.count
            if let quote {
                guard after < end, bytes[after] == quote else { continue }
                after += 1
            }
            while after < end, bytes[after] == space || bytes[after] == tab { after += 1 }
            guard after < end, bytes[after] == UInt8(ascii: ":") else { continue }
            // A plain key's colon needs a space (or the line's end) after it: `envs:x` is one
            // scalar. A quoted key's does not (`"envs":[` in JSON).
            let next = after + 1 < bytes.count ? bytes[after + 1] : newline
            guard quote != nil || [space, tab, newline, carriageReturn].contains(next) else { continue }
            return (keyStart, after + 1)
        }
        return nil
    }

    /// The index of the bracket that closes the one at `open`, skipping quoted strings;
    /// nil when the input ends first.
    static func matchingClose(in bytes: [UInt8], from open: Int) -> Int? {
        var depth = 0
        var index = open
        var quote: UInt8?
        while index < bytes.count {
            let byte = bytes[index]
            if let q = quote {
                if q == UInt8(ascii: "\""), byte == UInt8(ascii: "\\") {
                    index += 2
                    continue
                }
                if byte == q { quote = nil }
            } else {
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "'"):
                    // A quote opens a string only where a scalar starts; `it's` is plain.
                    let opener: Set<UInt8> = [
                        space, tab, newline, UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "{"),
                    ]
                    if opener.contains(bytes[index - 1]) { quote = byte }
                case UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1
                case UInt8(ascii: "]"), UInt8(ascii: "}"):
                    depth -= 1
                    if depth == 0 { return index }
                default: break
                }
            }
            index += 1
        }
        return nil
    }
}
