package import CartographInput
package import CartographKit
package import CartographModel
package import CartographRender
import Foundation

/// A spec that breaks around an env value, the diagnostic it must give, and nothing of the
/// value anywhere.
package struct LeakExample: Sendable, CustomStringConvertible {
    package var name: String
    /// The spec, as `app.yaml`.
    package var spec: String
    /// The first line printed for the problem (`path:line:col: severity: message`).
    package var expected: String

    package var description: String { name }

    package static let head = "name: shop\nservices:\n  - name: web\n    envs:\n"

    /// The examples of section 3 of issue 9, each a way the value line used to be quoted.
    package static let issueExamples: [LeakExample] = [
        LeakExample(
            name: "a YAML syntax error on a value line",
            spec: head + "      - key: API_TOKEN\n        value: CNRY7f3a0001: oops\n",
            expected: "app.yaml:6:28: error: YAML syntax error: mapping values are not allowed in this context [CG001]"),
        LeakExample(
            name: "a duplicate value",
            spec: head + "      - key: API_TOKEN\n        value: CNRY7f3a0001\n        value: CNRY7f3a0002\n",
            expected: "app.yaml:6:9: error: duplicate key 'value' in mapping [CG004]"),
        LeakExample(
            name: "a tab in the indentation",
            spec: head + "      - key: API_TOKEN\n\t        value: CNRY7f3a0001\n",
            expected:
                "app.yaml:6:1: error: YAML syntax error: found a tab character that violates indentation (while scanning a plain scalar at line 5, column 14) [CG001]"
        ),
        LeakExample(
            name: "a database block placed under envs",
            spec: head
                + "      - key: API_TOKEN\n        value: CNRY7f3a0001\n      - name: db\n        engine: PG\n        value: CNRY7f3a0002: x\n",
            expected: "app.yaml:9:28: error: YAML syntax error: mapping values are not allowed in this context [CG001]"),
        LeakExample(
            name: "a mis-indented value",
            spec: head + "      - key: API_TOKEN\n    value: CNRY7f3a0001\n",
            expected: "app.yaml:6:5: error: unknown key 'value' in service [CG010]"),
        LeakExample(
            name: "an unknown key in flow style",
            spec: head + "      - { kee: API_TOKEN, value: CNRY7f3a0001, scope: RUN_TIME }\n",
            expected: "app.yaml:5:9: error: env is missing required field 'key' [CG011]"),
    ]

    /// Neighbours of those, never quoted, that must stay so.
    package static let relatedExamples: [LeakExample] = [
        LeakExample(
            name: "a database block in an env item",
            spec: head + "      - name: db\n        engine: PG\n        value: CNRY7f3a0001\n        num_nodes: 2\n",
            expected: "app.yaml:5:9: error: env is missing required field 'key' [CG011]"),
        LeakExample(
            name: "a bad scope in flow style",
            spec: head + "      - { key: API_TOKEN, value: CNRY7f3a0001, scope: X }\n",
            expected: "app.yaml:5:55: error: invalid scope in env; expected one of: UNSET, RUN_TIME, BUILD_TIME, RUN_AND_BUILD_TIME [CG014]"
        ),
        LeakExample(
            name: "a number in exponent form",
            spec: head + "      - key: DEBUG\n        value: 948372615e3\n",
            expected: "app.yaml:6:16: error: env 'DEBUG': 'value' must be a string, found a number [CG012]"),
    ]

    /// Messages that used to repeat the text of a node that may be an env value.
    package static let messageExamples: [LeakExample] = [
        LeakExample(
            name: "a number as an env item",
            spec: head + "      - 94837261500001\n",
            expected: "app.yaml:5:9: error: env must be a mapping, found an integer [CG006]"),
        LeakExample(
            name: "a number as the envs",
            spec: head.replacingOccurrences(of: "envs:\n", with: "envs: 94837261500001\n"),
            expected: "app.yaml:4:11: error: 'envs' must be a list, found an integer [CG012]"),
        LeakExample(
            name: "a number as the key",
            spec: head + "      - key: 94837261500001\n        value: x\n",
            expected: "app.yaml:5:14: error: 'key' must be a string, found an integer [CG012]\n    hint: quote it"),
        LeakExample(
            name: "a value as the scope",
            spec: head + "      - key: API_TOKEN\n        scope: CNRY7f3a0001\n",
            expected: "app.yaml:6:16: error: invalid scope in env; expected one of: UNSET, RUN_TIME, BUILD_TIME, RUN_AND_BUILD_TIME [CG014]"
        ),
        LeakExample(
            name: "a value as a key",
            spec: head + "      - { key: API_TOKEN, CNRY7f3a0001 }\n",
            expected: "app.yaml:5:27: error: unknown key in env [CG010]"),
        LeakExample(
            name: "a value folded into the key",
            spec: head + "      - key: API_TOKEN\n          CNRY7f3a0001\n",
            expected: "app.yaml:5:14: error: invalid env key; keys match ^[_A-Za-z][_A-Za-z0-9]*$ [CG016]"),
        LeakExample(
            name: "a key ending in a line break",
            spec: head + "      - key: \"API_TOKEN\\n\"\n        value: CNRY7f3a0001\n",
            expected: "app.yaml:5:14: error: invalid env key; keys match ^[_A-Za-z][_A-Za-z0-9]*$ [CG016]"),
        LeakExample(
            name: "a value as a duplicated key",
            spec: head + "      - { key: A, CNRY7f3a0001: 1, CNRY7f3a0001: 2 }\n",
            expected: "app.yaml:5:19: error: duplicate key in mapping [CG004]"),
    ]
}
