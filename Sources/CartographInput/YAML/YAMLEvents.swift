internal import CYaml

/// The events of a text's first document, as ``YAMLPrescan`` met them on its pass, kept
/// so that ``YAMLComposer`` builds the tree without libyaml parsing the text a second time.
///
/// Compact (a few dozen bytes an event, scalar text in one buffer) because the events of a
/// batch of files wait between their pass and their reading: the budget is charged in the
/// files' order between the two.
struct YAMLEvents: Sendable {
    enum Kind: UInt8, Sendable {
        case scalar, alias, sequenceStart, mappingStart, sequenceEnd, mappingEnd, documentEnd
    }

    struct Event: Sendable {
        var kind: Kind
        /// libyaml's scalar style.
        var style: UInt8
        var quotedImplicit: Bool
        /// 1-based, as the composer marks nodes.
        var line: Int32
        var column: Int32
        /// Where this scalar's text ends in ``bytes`` (it starts where the previous one ended).
        var valueEnd: Int32
        /// Indexes into ``names``, or -1: a scalar's tag, the anchor a node defines or an
        /// alias names.
        var tag: Int32 = -1
        var anchor: Int32 = -1
    }

    var events: [Event] = []
    var bytes: [UInt8] = []
    var names: [String] = []

    /// Records one of libyaml's events, if it is one the composer reads.
    mutating func record(_ event: yaml_event_t) {
        let line = Int32(truncatingIfNeeded: event.start_mark.line + 1)
        let column = Int32(truncatingIfNeeded: event.start_mark.column + 1)
        var recorded = Event(kind: .scalar, style: 0, quotedImplicit: false, line: line, column: column, valueEnd: Int32(bytes.count))
        switch event.type {
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            if let value = scalar.value, scalar.length > 0 {
                bytes.append(contentsOf: UnsafeBufferPointer(start: value, count: scalar.length))
            }
            recorded.valueEnd = Int32(truncatingIfNeeded: bytes.count)
            recorded.style = UInt8(truncatingIfNeeded: scalar.style.rawValue)
            recorded.quotedImplicit = scalar.quoted_implicit == 1
            recorded.tag = name(scalar.tag)
            recorded.anchor = name(scalar.anchor)
        case YAML_ALIAS_EVENT:
            recorded.kind = .alias
            recorded.anchor = name(event.data.alias.anchor)
        case YAML_SEQUENCE_START_EVENT:
            recorded.kind = .sequenceStart
            recorded.anchor = name(event.data.sequence_start.anchor)
        case YAML_MAPPING_START_EVENT:
            recorded.kind = .mappingStart
            recorded.anchor = name(event.data.mapping_start.anchor)
        case YAML_SEQUENCE_END_EVENT: recorded.kind = .sequenceEnd
        case YAML_MAPPING_END_EVENT: recorded.kind = .mappingEnd
        case YAML_DOCUMENT_END_EVENT, YAML_STREAM_END_EVENT: recorded.kind = .documentEnd
        default: return
        }
        events.append(recorded)
    }

    private mutating func name(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> Int32 {
        guard let pointer else { return -1 }
        names.append(String(cString: pointer))
        return Int32(names.count - 1)
    }

    func name(_ index: Int32) -> String? {
        index >= 0 ? names[Int(index)] : nil
    }
}
