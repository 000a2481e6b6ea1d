import Foundation

/// A calendar date written `YYYY-MM-DD`, kept as written so output never depends on a clock.
package struct DateValue: Sendable, Hashable, Comparable, CustomStringConvertible {
    package var year: Int
    package var month: Int
    var day: Int

    package init?(_ text: String) {
        let parts = text.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
            (1...12).contains(m), (1...DateValue.days(in: m, year: y)).contains(d)
        else { return nil }
        year = y
        month = m
        day = d
    }

    static func days(in month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]

    /// "2025-11-02".
    package var description: String {
        "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
    }

    /// "November 2, 2025".
    package var long: String { "\(Self.monthNames[month - 1]) \(day), \(year)" }

    /// "Nov 01".
    package var short: String { "\(Self.monthNames[month - 1].prefix(3)) \(day < 10 ? "0" : "")\(day)" }

    package static func < (a: DateValue, b: DateValue) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }
}
