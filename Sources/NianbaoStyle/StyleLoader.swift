import Foundation
import Yams

/// A problem in a style file, naming the file and the key.
public struct StyleError: Error, CustomStringConvertible, Equatable, Sendable {
    public let file: String
    /// Dotted key path, e.g. `roles.body.size`; empty for the file as a whole.
    public let key: String
    public let message: String

    public var description: String { key.isEmpty ? "\(file): \(message)" : "\(file): \(key): \(message)" }
}

/// Reads styles from YAML, strictly: an unknown key or a bad value is an error, because a
/// misspelt key silently ignored would print a report in the wrong size.
public enum StyleLoader {
    /// Finds a style by name (`official`, `compact`) in `directories`, then among the styles
    /// built into nianbao; or takes `nameOrPath` as a file path when it names a `.yaml`/`.yml`
    /// file or contains a `/`.
    public static func load(_ nameOrPath: String, searching directories: [String]) throws -> Style {
        if nameOrPath.contains("/") || nameOrPath.hasSuffix(".yaml") || nameOrPath.hasSuffix(".yml") {
            return try load(file: nameOrPath)
        }
        for dir in directories {
            let path = (dir as NSString).appendingPathComponent("\(nameOrPath).yaml")
            if FileManager.default.fileExists(atPath: path) { return try load(file: path) }
        }
        if let text = BuiltinStyles.yaml[nameOrPath] { return try parse(text, file: "\(nameOrPath) (built in)") }
        throw StyleError(file: nameOrPath, key: "", message: "no style of that name; the styles are \(available(in: directories).joined(separator: ", ")) (or give the path of a .yaml file)")
    }

    /// The texts of the built-in styles, by name.
    public static var builtIn: [String: String] { BuiltinStyles.yaml }

    /// Style names available in `directories` and built in.
    public static func available(in directories: [String]) -> [String] {
        var names: Set<String> = Set(BuiltinStyles.yaml.keys)
        for dir in directories {
            for file in (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [] where file.hasSuffix(".yaml") {
                names.insert(String(file.dropLast(5)))
            }
        }
        return names.sorted()
    }

    public static func load(file: String) throws -> Style {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw StyleError(file: file, key: "", message: "cannot be read")
        }
        return try parse(String(decoding: data, as: UTF8.self), file: file)
    }

    public static func parse(_ yaml: String, file: String) throws -> Style {
        let root: Any?
        do {
            root = try Yams.load(yaml: yaml)
        } catch {
            throw StyleError(file: file, key: "", message: "not valid YAML: \(error)")
        }
        let r = Reader(file: file)
        let top = try r.table(root, "")
        try r.only(top, ["name", "page", "roles", "table", "pdfa"], at: "")
        let page = try r.table(top["page"], "page")
        try r.only(page, ["width", "height", "top", "left", "type_width", "type_height", "lines_per_page", "chars_per_line", "page_number_gap"], at: "page")
        let mm = PageGeometry.pointsPerMillimetre
        let geometry = PageGeometry(
            width: try r.number(page["width"], "page.width", 50...2000) * mm,
            height: try r.number(page["height"], "page.height", 50...2000) * mm,
            top: try r.number(page["top"], "page.top", 0...500) * mm,
            left: try r.number(page["left"], "page.left", 0...500) * mm,
            typeWidth: try r.number(page["type_width"], "page.type_width", 20...2000) * mm,
            typeHeight: try r.number(page["type_height"], "page.type_height", 20...2000) * mm,
            linesPerPage: Int(try r.number(page["lines_per_page"], "page.lines_per_page", 5...200, integer: true)),
            charsPerLine: Int(try r.number(page["chars_per_line"], "page.chars_per_line", 5...200, integer: true)),
            pageNumberGap: try r.number(page["page_number_gap"], "page.page_number_gap", 0...100) * mm)
        if geometry.left + geometry.typeWidth > geometry.width {
            throw StyleError(file: file, key: "page.type_width", message: "left margin plus type width exceed the page width")
        }
        if geometry.top + geometry.typeHeight > geometry.height {
            throw StyleError(file: file, key: "page.type_height", message: "top margin plus type height exceed the page height")
        }
        let roles = try r.table(top["roles"], "roles")
        let roleKeys = ["title", "body", "heading1", "heading2", "table", "table_heading", "page_number"]
        try r.only(roles, roleKeys, at: "roles")
        var parsed: [String: FontRole] = [:]
        for key in roleKeys { parsed[key] = try r.role(roles[key], "roles.\(key)") }
        let table = try r.table(top["table"], "table")
        try r.only(table, ["rule", "padding", "line_height"], at: "table")
        return Style(
            name: try r.string(top["name"], "name"),
            page: geometry,
            title: parsed["title"]!, body: parsed["body"]!, heading1: parsed["heading1"]!, heading2: parsed["heading2"]!,
            table: parsed["table"]!, tableHeading: parsed["table_heading"]!, pageNumber: parsed["page_number"]!,
            tableRule: try r.number(table["rule"], "table.rule", 0.1...5),
            tablePadding: try r.number(table["padding"], "table.padding", 0...30),
            tableLineHeight: try r.number(table["line_height"], "table.line_height", 1...3),
            pdfa: try r.flag(top["pdfa"], "pdfa") ?? false)
    }

    /// Typed access to the parsed YAML, with errors that name file and key.
    private struct Reader {
        let file: String

        func fail(_ key: String, _ message: String) -> StyleError { StyleError(file: file, key: key, message: message) }

        func table(_ value: Any?, _ key: String) throws -> [String: Any] {
            guard let value else { throw fail(key, "is missing") }
            guard let t = value as? [String: Any] else { throw fail(key, "must be a mapping of keys to values") }
            return t
        }

        func only(_ t: [String: Any], _ allowed: [String], at key: String) throws {
            for k in t.keys.sorted() where !allowed.contains(k) {
                throw fail(key.isEmpty ? k : "\(key).\(k)", "unknown key (expected one of: \(allowed.joined(separator: ", ")))")
            }
        }

        func number(_ value: Any?, _ key: String, _ range: ClosedRange<Double>, integer: Bool = false) throws -> Double {
            guard let value else { throw fail(key, "is missing") }
            let n: Double
            if let i = value as? Int { n = Double(i) } else if let d = value as? Double { n = d } else {
                throw fail(key, "must be a number, not «\(value)»")
            }
            if integer && n != n.rounded() { throw fail(key, "must be a whole number, not \(n)") }
            guard range.contains(n) else { throw fail(key, "must be between \(range.lowerBound) and \(range.upperBound), not \(n)") }
            return n
        }

        /// true or false; nil when the key is absent.
        func flag(_ value: Any?, _ key: String) throws -> Bool? {
            guard let value else { return nil }
            guard let b = value as? Bool else { throw fail(key, "must be true or false, not «\(value)»") }
            return b
        }

        func string(_ value: Any?, _ key: String) throws -> String {
            guard let s = value as? String, !s.isEmpty else { throw fail(key, "must be a non-empty string") }
            return s
        }

        func role(_ value: Any?, _ key: String) throws -> FontRole {
            let t = try table(value, key)
            try only(t, ["families", "size", "weight"], at: key)
            guard let families = t["families"] as? [Any], !families.isEmpty else {
                throw fail("\(key).families", "must be a non-empty list of font family names")
            }
            let names = try families.enumerated().map { i, f -> String in
                guard let s = f as? String, !s.isEmpty, !s.contains(",") else { throw fail("\(key).families[\(i)]", "must be a family name without commas") }
                return s
            }
            var weight = FontRole.Weight.regular
            if let w = t["weight"] {
                guard let s = w as? String, let parsed = FontRole.Weight(rawValue: s) else {
                    throw fail("\(key).weight", "must be regular or bold, not «\(w)»")
                }
                weight = parsed
            }
            return FontRole(families: names, size: try number(t["size"], "\(key).size", 4...96), weight: weight)
        }
    }
}
