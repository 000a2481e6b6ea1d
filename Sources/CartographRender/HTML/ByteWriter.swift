/// UTF-8 text written straight into bytes, for the site's native page writers and the SVG
/// diagram: their pages end as bytes on disk, and appending to a `String` costs more per
/// append (its capacity and flags kept up) than copying bytes does.
struct ByteWriter {
    var bytes: [UInt8] = []

    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    static func += (out: inout ByteWriter, text: String) {
        // Read in place: a copy to call the mutating `withUTF8` costs a retain and a release
        // per append, and a page makes hundreds.
        if text.utf8.withContiguousStorageIfAvailable({ out.bytes.append(contentsOf: $0) }) == nil {
            out.bytes.append(contentsOf: text.utf8)
        }
    }

    /// The bytes to keep: a site keeps every page until it is written, so a page that left
    /// more than a little of what it reserved (or its last doubling gave) unused is copied to
    /// its size, as the `String` it was before was copied into bytes. A page's reservation
    /// is a guess, and a thousand apps' slack was ten megabytes of peak memory.
    var finished: [UInt8] {
        bytes.capacity - bytes.count > 1024 ? bytes.withUnsafeBufferPointer { Array($0) } : bytes
    }

    /// `value` in decimal, as `String(value)` writes it: the SVG's coordinates.
    mutating func append(_ value: Int) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        let start = bytes.count
        var magnitude = value.magnitude
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        bytes[start...].reverse()
    }
}
