/// UTF-8 text written straight into bytes, for the site's native page writers and the SVG
/// diagram: their pages end as bytes on disk, and appending to a `String` costs more per
/// append (its capacity and flags kept up) than copying bytes does.
struct ByteWriter {
    var bytes: [UInt8] = []

    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    static func += (out: inout ByteWriter, text: String) {
        var text = text
        text.withUTF8 { out.bytes.append(contentsOf: $0) }
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
