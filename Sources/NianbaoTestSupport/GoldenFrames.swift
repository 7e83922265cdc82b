import Foundation
import NianbaoLayout

/// A paged document as text, one line per frame item, for golden files: a layout change
/// shows as a readable diff. Positions in points with two decimals.
public enum FrameDump {
    public static func text(_ document: PagedDocument) -> String {
        var out = "document \(n(document.width)) × \(n(document.height)), \(document.pages.count) pages, title «\(document.metadata.title)»\n"
        for entry in document.outline {
            out += "outline level \(entry.level) page \(entry.page + 1) y \(n(entry.y)) «\(entry.title)»\n"
        }
        for (index, page) in document.pages.enumerated() {
            out += "page \(index + 1)\n"
            for item in page.items {
                switch item {
                case let .text(shaped, x, y, lines):
                    let block = shaped.block
                    let text = block.text.replacingOccurrences(of: "\n", with: "⏎")
                    out += "  text x \(n(x)) y \(n(y)) w \(n(block.width)) lines \(lines.lowerBound)..<\(lines.upperBound) "
                        + "\(block.font.families.first ?? "?") \(n(block.font.size))\(block.font.weight == .bold ? " bold" : "") "
                        + "\(block.alignment.rawValue) pitch \(n(block.lineHeight))"
                        + (block.indent != 0 ? " indent \(n(block.indent))" : "")
                        + (block.letterSpacing != 0 ? " spacing \(n(block.letterSpacing))" : "")
                        + " «\(text)»\n"
                case let .rule(x1, y1, x2, y2, width):
                    out += "  rule \(n(x1)),\(n(y1)) → \(n(x2)),\(n(y2)) w \(n(width))\n"
                case let .box(x, y, width, height, gray):
                    out += "  box \(n(x)),\(n(y)) \(n(width)) × \(n(height)) grey \(n(gray))\n"
                }
            }
        }
        if let structure = document.structure {
            out += "structure\n"
            structure.walk { element, depth in
                let spans = element.rowSpan > 1 || element.columnSpan > 1 ? " span \(element.rowSpan)×\(element.columnSpan)" : ""
                let items = element.content.map { ref -> String in
                    guard case let .text(shaped, _, _, lines) = document.pages[ref.page].items[ref.item] else { return " p\(ref.page + 1)#\(ref.item)" }
                    let text = lines.lowerBound == 0 ? "«\(shaped.block.text.prefix(10).replacingOccurrences(of: "\n", with: "⏎"))»" : "(lines \(lines.lowerBound)…)"
                    return " p\(ref.page + 1)#\(ref.item)\(text)"
                }.joined()
                out += String(repeating: "  ", count: depth + 1) + element.role.rawValue + spans + items
                    + (element.alternative.map { " alt «\($0)»" } ?? "") + "\n"
            }
        }
        return out
    }

    private static func n(_ v: Double) -> String { String(format: "%.2f", v) }
}

/// Compares a dump with its golden file; `NIANBAO_UPDATE_GOLDEN=1` (`make golden`) writes
/// the file instead. Returns a message naming the first differing line, or nil.
public enum Golden {
    public static func check(_ actual: String, file: URL) -> String? {
        if ProcessInfo.processInfo.environment["NIANBAO_UPDATE_GOLDEN"] == "1" {
            try? FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            do { try actual.write(to: file, atomically: true, encoding: .utf8) } catch { return "cannot write \(file.path): \(error)" }
            return nil
        }
        guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
            return "\(file.path) is missing: run `make golden`, look at it, and commit it"
        }
        guard expected != actual else { return nil }
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false), e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let line = (0..<min(a.count, e.count)).first { a[$0] != e[$0] } ?? min(a.count, e.count)
        let saved = FileManager.default.temporaryDirectory.appendingPathComponent(file.lastPathComponent + ".actual")
        try? actual.write(to: saved, atomically: true, encoding: .utf8)
        return "\(file.lastPathComponent) differs at line \(line + 1):\n  golden: \(line < e.count ? String(e[line]) : "(end)")\n  now:    \(line < a.count ? String(a[line]) : "(end)")\n"
            + "diff \(file.path) \(saved.path); `make golden` accepts the change"
    }
}
