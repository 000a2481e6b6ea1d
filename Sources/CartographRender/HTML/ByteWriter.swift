/// UTF-8 text written straight into bytes, for the site's native page writers and the SVG
/// diagram: their pages end as bytes on disk, and appending to a `String` costs more per
/// append (its capacity and flags kept up) than copying bytes does.
///
/// The bytes sit in memory of its own, not in an array: a page makes hundreds of appends,
/// and each `Array.append(contentsOf:)` asked whether its buffer was shared and went
/// through a generic copy before the `memcpy`. Not copyable, so that the memory has one
/// owner, which frees it.
struct ByteWriter: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int = 0) {
        self.capacity = max(capacity, 256)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// The bytes written so far, as an array exactly as long as what was written: a site
    /// keeps every page until it is written, and a thousand apps' slack was ten megabytes of
    /// peak memory.
    var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    /// The bytes written so far, as text (the SVG diagram's, which is valid UTF-8).
    var text: String { String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self) }

    static func += (out: inout ByteWriter, text: String) {
        // Read in place: a copy to call the mutating `withUTF8` costs a retain and a release
        // per append, and a page makes hundreds.
        if text.utf8.withContiguousStorageIfAvailable({ out.append($0) }) == nil {
            for byte in text.utf8 { out.append(byte) }
        }
    }

    mutating func append(_ byte: UInt8) {
        if count == capacity { grow(to: count + 1) }
        base[count] = byte
        count += 1
    }

    mutating func append(_ buffer: UnsafeBufferPointer<UInt8>) {
        guard let source = buffer.baseAddress, !buffer.isEmpty else { return }
        if capacity - count < buffer.count { grow(to: count + buffer.count) }
        (base + count).update(from: source, count: buffer.count)
        count += buffer.count
    }

    /// At least `needed` bytes of room, doubling as an array does.
    private mutating func grow(to needed: Int) {
        let larger = max(needed, capacity * 2)
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
        moved.moveInitialize(from: base, count: count)
        base.deallocate()
        base = moved
        capacity = larger
    }

    /// `value` in decimal, as `String(value)` writes it: the SVG's coordinates.
    mutating func append(_ value: Int) {
        if value < 0 { append(UInt8(ascii: "-")) }
        // At most 20 digits; written from the end of a small buffer, then copied once.
        var magnitude = value.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var start = digits.count
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            append(UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }
}
