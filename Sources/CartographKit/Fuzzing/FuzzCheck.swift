package import CartographInput
package import CartographModel
package import CartographRender
import Foundation

/// The invariants the fuzz targets hold every input to. A violation stops the process with
/// a message naming the invariant: that is how the fuzzer (and the replay test) sees it.
enum FuzzCheck {
    /// The invariants by name, for `CARTOGRAPH_FUZZ_IGNORE`.
    enum Invariant: String, CaseIterable {
        case located, explained, leak, outputLeak, slug, width, layout, svg, mermaid, injection, apart, rebuild
    }

    /// Invariants a fuzzing run leaves unchecked (`CARTOGRAPH_FUZZ_IGNORE=leak,located`): while
    /// a class of finding is known and open, the fuzzer can look past it for others. Crashes
    /// and hangs are always findings; replays in the test suite check everything.
    static let ignored: Set<String> = Set(
        (ProcessInfo.processInfo.environment["CARTOGRAPH_FUZZ_IGNORE"] ?? "").split(separator: ",").map(String.init))

    static func enabled(_ invariant: Invariant) -> Bool { !ignored.contains(invariant.rawValue) }

    static func fail(_ message: String) -> Never {
        fatalError("fuzz invariant broken: \(message)")
    }

    /// Lines of a file as an editor counts them: libyaml (and most editors) break lines at
    /// LF, CR, CRLF, NEL, LS and PS, so a location may use any of them.
    static func lineCount(of data: Data) -> Int {
        let bytes = [UInt8](data)
        var lines = 1
        for i in bytes.indices {
            switch bytes[i] {
            case 0x0A: lines += 1
            case 0x0D where i + 1 == bytes.count || bytes[i + 1] != 0x0A: lines += 1
            case 0xC2 where i + 1 < bytes.count && bytes[i + 1] == 0x85: lines += 1
            case 0xE2 where i + 2 < bytes.count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9): lines += 1
            default: break
            }
        }
        return lines
    }

    /// Every diagnostic points into a file that was read (or named), at a line that file
    /// has, at a column no further right than the file is long.
    /// - Parameter files: the bytes of every file the run read, by the path diagnostics use.
    ///   A path that is not here (a file that does not exist) may only be pointed at line 1.
    static func located(_ diagnostics: [Diagnostic], in files: [String: Data]) {
        guard enabled(.located) else { return }
        for diagnostic in diagnostics {
            let location = diagnostic.location
            guard location.line >= 1, location.column >= 1 else {
                fail("diagnostic at \(location), before the start of the file: \(diagnostic.message)")
            }
            guard let data = files[location.file] else {
                guard location.line == 1 else { fail("diagnostic at \(location), in a file that was not read: \(diagnostic.message)") }
                continue
            }
            let lines = lineCount(of: data)
            guard location.line <= lines else {
                fail("diagnostic at \(location), past the end of a \(lines)-line file: \(diagnostic.message)")
            }
            guard location.column <= data.count + 1 else {
                fail("diagnostic at \(location), right of any column in a \(data.count)-byte file: \(diagnostic.message)")
            }
        }
    }

    /// Renders diagnostics the two ways the commands print them (text with source lines,
    /// GitHub annotations): the printer must not trap on any of them.
    static func rendered(_ diagnostics: [Diagnostic], sources: SourceCache) -> String {
        let sorted = DiagnosticReport(diagnostics).diagnostics
        return DiagnosticPrinter(format: .text, color: false, sources: sources).render(sorted)
            + DiagnosticPrinter(format: .github, color: false, sources: sources).render(sorted)
    }

    /// A reader that returns nothing must have said why.
    static func explained(_ result: Any?, _ diagnostics: [Diagnostic], what: String) {
        guard enabled(.explained) else { return }
        if result == nil, !diagnostics.contains(where: { $0.severity == .error }) {
            fail("\(what) yielded nothing and reported no error")
        }
    }

    /// No env value planted in the input appears in `text` (an output, a rendered diagnostic).
    /// - Parameter invariant: `.leak` for printed diagnostics, `.outputLeak` for outputs.
    static func noLeak(of canaries: [String], in text: String, where place: String, invariant: Invariant = .leak) {
        guard enabled(invariant) else { return }
        guard !canaries.isEmpty else { return }
        let lowered = text.lowercased()
        for canary in canaries {
            guard let found = lowered.range(of: canary) else { continue }
            // The lines around it, to tell which diagnostic or which part of an output it is.
            let before = lowered[..<found.lowerBound].split(separator: "\n", omittingEmptySubsequences: false).suffix(3)
            let after = lowered[found.lowerBound...].prefix { $0 != "\n" }
            fail("env value \(canary) appears in \(place):\n\((before.joined(separator: "\n") + after).suffix(600))")
        }
    }

    /// A slug names a folder of the site: lowercase letters and digits, dashes only inside.
    static func slug(_ slug: String, of what: String) {
        guard enabled(.slug) else { return }
        let allowed = slug.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D }
        guard allowed, !slug.isEmpty, !slug.hasPrefix("-"), !slug.hasSuffix("-") else {
            fail("\(what) slug '\(slug)' is not lowercase letters, digits and inner dashes")
        }
    }

    /// Every line of a text diagram is exactly as wide as asked (24 at least), in the
    /// style asked, with nothing a terminal would not show as one cell per column.
    static func exactWidth(_ text: String, width: Int, ascii: Bool) {
        guard enabled(.width) else { return }
        let expected = max(width, BoxLayout.minimumWidth)
        guard text.utf8.last == 0x0A else { fail("the \(width)-column diagram does not end with a newline") }
        for (index, bytes) in text.utf8.dropLast().split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            let line = String(decoding: bytes, as: UTF8.self)
            let measured = DisplayWidth.of(line)
            guard measured == expected else {
                fail("line \(index + 1) of the \(width)-column diagram is \(measured) columns wide: \(line.debugDescription)")
            }
            if ascii, !bytes.allSatisfy({ $0 < 0x80 }) {
                fail("line \(index + 1) of the ASCII diagram is not ASCII: \(line.debugDescription)")
            }
            if let scalar = line.unicodeScalars.first(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) {
                fail("line \(index + 1) of the \(width)-column diagram holds control character U+\(String(scalar.value, radix: 16))")
            }
        }
    }

    /// Every box inside the diagram, every line of text inside its box (not clipped by the
    /// canvas) and measured as it will be drawn.
    static func contained(_ layout: DiagramLayout, width: Int) {
        guard enabled(.layout) else { return }
        guard layout.width == max(width, BoxLayout.minimumWidth) else {
            fail("asked for \(width) columns, laid out \(layout.width)")
        }
        for box in layout.boxes {
            guard box.x >= 0, box.y >= 0, box.width >= 2, box.height >= 2, box.x + box.width <= layout.width,
                box.y + box.height <= layout.height
            else {
                fail(
                    "\(box.kind) box at \(box.x),\(box.y) size \(box.width)x\(box.height) leaves the \(layout.width)x\(layout.height) diagram"
                )
            }
            for line in box.title + box.lines {
                let measured = DisplayWidth.of(line.text)
                guard measured == line.width else {
                    fail("text \(line.text.debugDescription) claims \(line.width) columns, measures \(measured)")
                }
                guard line.x > box.x, line.x + line.width < box.x + box.width, line.y > box.y, line.y < box.y + box.height - 1 else {
                    fail(
                        "text \(line.text.debugDescription) at \(line.x),\(line.y) (\(line.width) wide) is not inside its \(box.kind) box at \(box.x),\(box.y) size \(box.width)x\(box.height)"
                    )
                }
            }
        }
        for arrow in layout.arrows {
            for line in arrow.lines where line.x < 0 || line.x + line.width > layout.width || line.y < 0 || line.y >= layout.height {
                fail("arrow text \(line.text.debugDescription) at \(line.x),\(line.y) leaves the diagram")
            }
        }
    }

    /// What an XML parser needs of the SVG: only characters XML allows, every `&` an
    /// entity, every `<` one of the tags the renderer writes.
    static func wellFormedSVG(_ svg: String) {
        guard enabled(.svg) else { return }
        if let scalar = svg.unicodeScalars.first(where: {
            ($0.value < 0x20 && !["\t", "\n", "\r"].contains($0)) || $0.value == 0xFFFE || $0.value == 0xFFFF
        }) {
            fail("the SVG holds U+\(String(scalar.value, radix: 16)), which XML forbids")
        }
        let tags = [
            "svg ", "/svg>", "title ", "title>", "/title>", "desc ", "/desc>", "g ", "g>", "/g>", "rect ", "line ", "text ", "/text>", "a ",
            "/a>", "defs>", "/defs>", "marker ", "/marker>", "path ", "/path>", "style>", "/style>",
        ]
        let entities = ["amp;", "lt;", "gt;", "quot;", "#39;"]
        // Bytes, not Characters: a combining mark after '<' would hide it in a Character.
        let bytes = Array(svg.utf8)
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "<") || byte == UInt8(ascii: "&") {
            let after = bytes[(index + 1)...]
            let context = String(decoding: after.prefix(20), as: UTF8.self).debugDescription
            if byte == UInt8(ascii: "<"), !tags.contains(where: { after.starts(with: $0.utf8) }) {
                fail("the SVG has an unescaped '<' before \(context)")
            }
            if byte == UInt8(ascii: "&"), !entities.contains(where: { after.starts(with: $0.utf8) }) {
                fail("the SVG has an unescaped '&' before \(context)")
            }
        }
    }

    /// Every line of the Mermaid flowchart is one the renderer means to write, and no label
    /// holds a character that could end it or add markup.
    static func wellFormedMermaid(_ text: String, apps: Int, systems: Int) {
        guard enabled(.mermaid) else { return }
        // Bytes, not Characters: a label may start with a combining mark, which would make one
        // Character of the quote before it; Mermaid reads code units.
        func starts(_ line: ArraySlice<UInt8>, _ prefix: String) -> Bool { line.starts(with: prefix.utf8) }
        func ends(_ line: ArraySlice<UInt8>, _ suffix: String) -> Bool { line.reversed().starts(with: suffix.utf8.reversed()) }
        func shown(_ line: ArraySlice<UInt8>) -> String { String(decoding: line, as: UTF8.self).debugDescription }
        func label(_ line: ArraySlice<UInt8>, after prefix: String) {
            guard starts(line, prefix), ends(line, "\"]"), line.count >= prefix.utf8.count + 2 else {
                fail("Mermaid line \(shown(line)) is malformed")
            }
            // The label's line breaks are the one markup it may hold; a combining mark after
            // one would fuse with its '>' in a Character, so they go by bytes.
            var bytes = Array(line.dropFirst(prefix.utf8.count).dropLast(2))
            let lineBreak = Array("<br/>".utf8)
            var index = 0
            while index + lineBreak.count <= bytes.count {
                if bytes[index..<(index + lineBreak.count)].elementsEqual(lineBreak) {
                    bytes.removeSubrange(index..<(index + lineBreak.count))
                } else {
                    index += 1
                }
            }
            let inner = String(decoding: bytes, as: UTF8.self)
            if let bad = inner.unicodeScalars.first(where: {
                "\"<>&|[]{}()`".unicodeScalars.contains($0) || $0.properties.generalCategory == .control
            }) {
                fail("Mermaid label \(inner.debugDescription) holds U+\(String(bad.value, radix: 16)) unescaped")
            }
        }
        for line in Array(text.utf8).split(separator: 0x0A) {
            if line.elementsEqual("flowchart TB".utf8) || line.elementsEqual("  end".utf8) { continue }
            if starts(line, "  subgraph platform[") { label(line, after: "  subgraph platform[\""); continue }
            if starts(line, "  subgraph external[") { label(line, after: "  subgraph external[\""); continue }
            if starts(line, "    app") || starts(line, "    ext") {
                let digits = line.dropFirst(7).prefix { (0x30...0x39).contains($0) }
                label(line, after: String(decoding: line.prefix(7 + digits.count), as: UTF8.self) + "[\"")
                continue
            }
            if starts(line, "  click app") {
                let rest = line.dropFirst("  click app".utf8.count).drop { (0x30...0x39).contains($0) }
                guard starts(rest, " \"apps/"), ends(rest, "/index.html\""), rest.count > 19 else {
                    fail("Mermaid line \(shown(line)) is malformed")
                }
                slug(
                    String(decoding: rest.dropFirst(" \"apps/".utf8.count).dropLast("/index.html\"".utf8.count), as: UTF8.self),
                    of: "Mermaid link")
                continue
            }
            if starts(line, "  app"), String(decoding: line, as: UTF8.self).contains(" --> ext") { continue }
            fail("Mermaid line \(shown(line)) is none the renderer writes")
        }
    }

    /// Outputs stay inside the project and off its inputs: none escapes the folder, none is
    /// written over an input, no input sits inside the site folder (replacing the folder
    /// would delete it), and the site is not the project itself.
    /// - Returns: the outputs by normalized path, to write.
    static func apart(_ outputs: OutputSet, from workspace: Workspace, archive: [String]) -> [(String, [UInt8])] {
        guard enabled(.apart) else {
            return outputs.paths.compactMap { p in ProjectArchive.normalized(p).map { ($0, outputs.files[p] ?? []) } }
        }
        let config = workspace.config
        let inputs = Set(workspace.inputFiles.compactMap(ProjectArchive.normalized))
        let injected = Set(config.inject.compactMap(ProjectArchive.normalized))
        let templates = ProjectArchive.normalized(config.templates).map { folder in archive.filter { $0.hasPrefix(folder + "/") } } ?? []
        guard let site = ProjectArchive.normalized(config.siteOutput), !site.isEmpty else {
            fail("the site folder '\(config.siteOutput)' is the project itself, or outside it")
        }
        for input in inputs.union(injected).union(templates) where input == site || input.hasPrefix(site + "/") {
            fail("input \(input) is inside the site folder '\(config.siteOutput)', which a build replaces")
        }
        var out: [(String, [UInt8])] = []
        for path in outputs.paths {
            guard let normal = ProjectArchive.normalized(path), !normal.isEmpty else { fail("output '\(path)' is outside the project") }
            if inputs.contains(normal) { fail("output '\(path)' is written over the input \(normal)") }
            if templates.contains(normal) { fail("output '\(path)' is written over the template \(normal)") }
            if let bytes = outputs.files[path] { out.append((normal, bytes)) }
        }
        return out
    }
}
