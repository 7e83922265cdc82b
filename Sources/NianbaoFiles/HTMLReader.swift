import CLibXML2
import NianbaoDocument

/// Reads a web page through libxml2's HTML parser (FORMAT.md §7): the report inside the site's
/// chrome, prose as lines, data tables as `TableGrid`s with their row and column spans.
public enum HTMLReader {
    public static func read(_ bytes: [UInt8]) throws(IngestError) -> ExtractedDocument {
        let encoding = Self.encoding(bytes)
        guard bytes.count <= InputLimit.bytes else { throw .tooLarge(bytes: bytes.count, limit: InputLimit.bytes) }
        guard let context = htmlNewParserCtxt() else { throw .damaged(format: "HTML", reason: "libxml2 could not start a parser") }
        defer { htmlFreeParserCtxt(context) }
        // libxml2's own nesting limit (256) stopped the page there, dropping the report after
        // it: XML_PARSE_HUGE lifts it (libxml2 2.9 has no HTML_PARSE_HUGE; its HTML parser
        // honours this bit), and an element deeper than `maximumDepth` becomes an empty
        // element where it starts, its content following it: the tree stays that deep, and
        // the text and its block breaks are kept. The HTML parser reads no DTD and
        // substitutes only HTML's named entities.
        context.pointee.sax.pointee.startElement = { ctx, name, attributes in
            xmlSAX2StartElement(ctx, name, attributes)
            guard let parser = ctx?.assumingMemoryBound(to: xmlParserCtxt.self), parser.pointee.nameNr > HTMLReader.maximumDepth else { return }
            xmlSAX2EndElement(ctx, name)
        }
        context.pointee.sax.pointee.endElement = { ctx, name in
            guard let parser = ctx?.assumingMemoryBound(to: xmlParserCtxt.self), parser.pointee.nameNr <= HTMLReader.maximumDepth else { return }
            xmlSAX2EndElement(ctx, name)
        }
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue
            | XML_PARSE_HUGE.rawValue)
        let parsed: htmlDocPtr? = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { htmlCtxtReadMemory(context, $0.baseAddress, Int32($0.count), "page.html", encoding, options) }
        }
        // The parser's copies of the page (its input buffer and the decoded text, three times
        // the page's size) let go before the tree is walked; the context's names dictionary,
        // which the tree uses, stays until the context is freed.
        htmlCtxtReset(context)
        guard let parsed else { throw .damaged(format: "HTML", reason: "libxml2 could not parse the page") }
        let document = XMLDocument(parsed)
        guard let root = document.root else { throw .damaged(format: "HTML", reason: "the page has no elements") }
        var walker = Walker()
        walker.walk(root)
        walker.flush()
        return ExtractedDocument(format: "HTML", blocks: walker.blocks)
    }

    /// Elements nested deeper than this are read as if they closed at once (their text and
    /// breaks are kept). Real pages nest a few dozen deep; the walks are iterative, so this
    /// bounds only the tree, for libxml2's sake.
    static let maximumDepth: Int32 = 10_000

    /// The page's charset: a BOM, else `<meta charset>` / `content="…charset=…"` in the first
    /// 4 KiB, else UTF-8 when the bytes are UTF-8 and GB18030 when not. GB2312 and GBK pages are
    /// read as GB18030, their superset (pages labelled GB2312 often hold GBK characters).
    static func encoding(_ bytes: [UInt8]) -> String {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return "UTF-8" }
        if bytes.starts(with: [0xFF, 0xFE]) { return "UTF-16LE" }
        if bytes.starts(with: [0xFE, 0xFF]) { return "UTF-16BE" }
        let head = String(decoding: bytes.prefix(4096).map { $0 < 0x80 ? $0 : 0x20 }, as: UTF8.self).lowercased()
        if let range = head.range(of: "charset=") {
            let value = head[range.upperBound...].drop { $0 == "\"" || $0 == "'" || $0 == " " }
                .prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
            switch value {
            case "gb2312", "gbk", "gb18030", "x-gbk", "cp936": return "GB18030"
            case "": break
            default: return String(value).uppercased()
            }
        }
        return String(validating: bytes, as: UTF8.self) != nil ? "UTF-8" : "GB18030"
    }

    /// Elements that never hold the report.
    static let skipped: Set<String> = ["head", "script", "style", "noscript", "iframe", "select", "option", "button", "input",
                                       "textarea", "svg", "template", "nav", "header", "footer", "aside", "form"]
    /// class / id words of site chrome (navigation, breadcrumbs, sidebars, footers, sharing).
    static let chromeWords: Set<String> = ["nav", "navbar", "menu", "footer", "foot", "sidebar", "breadcrumb", "crumb", "crumbs",
                                           "share", "copyright", "banner", "toolbar", "search", "login", "topbar", "dh", "wzdh", "bottom"]
    static let blockElements: Set<String> = ["p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "tr", "td", "th",
                                             "table", "section", "article", "center", "dd", "dt", "dl", "blockquote", "pre", "body", "tbody", "thead"]

    private struct Walker {
        var blocks: [ExtractedDocument.Block] = []
        var text = ""
        var line = 1

        mutating func walk(_ root: XMLNode) {
            root.walk(enter: { child in
                if child.isText {
                    if text.isEmpty { line = child.line }
                    text += HTMLReader.collapse(child.content)
                    return false
                }
                guard child.isElement else { return false }
                let name = child.name.lowercased()
                if HTMLReader.skipped.contains(name) || HTMLReader.isChrome(child) { return false }
                if name == "br" { flush(); return false }
                if name == "table", let grid = HTMLReader.grid(child) {
                    flush()
                    blocks.append(.table(grid))
                    return false
                }
                if HTMLReader.blockElements.contains(name) { flush() }
                return true
            }, leave: { element in
                if HTMLReader.blockElements.contains(element.name.lowercased()) { flush() }
            }, freeing: true)
        }

        mutating func flush() {
            let trimmed = text.trimmingSpaces
            if !trimmed.isEmpty {
                // Each block element is a paragraph of its own: mark it as starting one.
                blocks.append(.text(trimmed, SourceLocation(line: line), indented: true))
            }
            text = ""
        }
    }

    static func isChrome(_ node: XMLNode) -> Bool {
        for attribute in ["class", "id"] {
            guard let value = node.attribute(attribute)?.lowercased() else { continue }
            let words = value.split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "_" })
            if words.contains(where: { chromeWords.contains(String($0)) }) { return true }
        }
        return false
    }

    /// Markup white space (not NBSP or U+3000, which are text) collapsed to one space.
    static func collapse(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        var space = false
        for scalar in s.unicodeScalars {
            if scalar == " " || scalar == "\n" || scalar == "\r" || scalar == "\t" {
                space = true
                continue
            }
            if space, !out.isEmpty { out.append(" ") }
            space = false
            out.append(scalar)
        }
        if space, !out.isEmpty { out.append(" ") }
        return String(out)
    }

    /// A data table as a grid; nil for a layout table (one that holds another table or long
    /// prose), whose cells are read as blocks instead.
    static func grid(_ table: XMLNode) -> TableGrid? {
        var rows: [TableGrid.Row] = []
        var layout = false
        table.walk { node -> XMLNode.Visit in
            guard node.isElement else { return .skip }
            switch node.name.lowercased() {
            case "tr":
                guard let row = row(node) else { layout = true; return .stop }
                rows.append(row)
                return .skip
            case "thead", "tbody", "tfoot": return .enter
            case "table":
                layout = true
                return .stop
            default: return .skip
            }
        }
        if layout || rows.isEmpty { return nil }
        return TableGrid(rows: rows)
    }

    /// A row of a data table; nil when a cell makes it a layout table (a table in it, or prose).
    private static func row(_ tr: XMLNode) -> TableGrid.Row? {
        var cells: [TableGrid.Cell] = []
        for cell in tr.children where cell.isElement && ["td", "th"].contains(cell.name.lowercased()) {
            if cell.contains(element: "table") { return nil }
            // A cell's text: one character per <p> in narrow headers, so pieces join without spaces.
            let text = cellText(cell).trimmingSpaces
            if text.unicodeScalars.count > 300 { return nil }
            let columns = Int(cell.attribute("colspan")?.trimmingSpaces ?? "") ?? 1
            let rows = Int(cell.attribute("rowspan")?.trimmingSpaces ?? "") ?? 1
            cells.append(TableGrid.Cell(text: text, columnSpan: max(1, columns), rowSpan: max(1, rows)))
        }
        return TableGrid.Row(cells: cells, location: SourceLocation(line: tr.line))
    }

    private static func cellText(_ node: XMLNode) -> String {
        var out = ""
        node.walk(enter: { child in
            if child.isText { out += collapse(child.content).trimmingSpaces }
            return child.isElement && !skipped.contains(child.name.lowercased())
        })
        return out
    }
}

extension String {
    /// Without leading and trailing ASCII spaces (NBSP and U+3000 are the normalizer's).
    var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { $0 != " " }) else { return "" }
        let last = scalars.lastIndex(where: { $0 != " " })!
        return String(scalars[first...last])
    }
}
