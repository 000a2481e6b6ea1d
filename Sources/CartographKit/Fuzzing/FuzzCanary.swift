package import CartographInput
package import CartographModel
package import CartographRender
import Foundation

/// Env values planted in a fuzz input. Seeds write `CANARY` where a spec holds an env
/// value; each occurrence becomes its own canary (`zzcanary0qx`, `zzcanary1qx`, …), and
/// those that still sit where an env value does (``EnvValueSpans``) must never appear in
/// an output or a printed diagnostic. Canaries are lowercase letters and digits, so no
/// escaping changes them and a case-insensitive search finds them in slugs too.
enum FuzzCanary {
    static let placeholder = "CANARY"
    /// Enough for any seed; more occurrences are left as they are.
    static let limit = 64

    static func canary(_ index: Int) -> String { "zzcanary\(index)qx" }

    /// Replaces the placeholders in each file.
    /// - Returns: the files with canaries in place, and the canaries that are env values
    ///   (in YAML or JSON files, where ``EnvValueSpans`` places them).
    static func plant(in files: [(path: String, data: Data)]) -> (files: [(path: String, data: Data)], secrets: [String]) {
        let needle = Array(placeholder.utf8)
        var next = 0
        var secrets: [String] = []
        var out: [(path: String, data: Data)] = []
        for file in files {
            let bytes = [UInt8](file.data)
            var planted: [UInt8] = []
            planted.reserveCapacity(bytes.count)
            var spots: [(offset: Int, canary: String)] = []
            var index = 0
            while index < bytes.count {
                if next < limit, bytes[index] == needle[0], bytes.count - index >= needle.count,
                    bytes[index..<(index + needle.count)].elementsEqual(needle)
                {
                    let canary = canary(next)
                    next += 1
                    spots.append((planted.count, canary))
                    planted += Array(canary.utf8)
                    index += needle.count
                } else {
                    planted.append(bytes[index])
                    index += 1
                }
            }
            // Only specs (and doctl output, which embeds them) hold env values; `envs:` in a
            // page or a template is prose, and the map shows pages as written.
            let specLike = [".yaml", ".yml", ".json"].contains { file.path.lowercased().hasSuffix($0) }
            if specLike, !spots.isEmpty {
                let ranges = EnvValueSpans.envRanges(in: planted)
                for spot in spots
                where EnvValueSpans.isEnvValue(at: spot.offset, length: spot.canary.utf8.count, in: planted, ranges: ranges) {
                    secrets.append(spot.canary)
                }
            }
            out.append((file.path, Data(planted)))
        }
        return (out, secrets)
    }
}
