import CLibXML2
import Foundation  // replacingOccurrences
import NianbaoDocument

/// Reads a Word file (.docx): the zip's `word/document.xml` through libxml2, paragraphs as
/// lines and tables as `TableGrid`s with `gridSpan` and `vMerge` (FORMAT.md §7). Locations
/// count the body's paragraphs and table rows from 1.
public enum DOCXReader {
    static let wordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    public static func read(_ bytes: [UInt8]) throws(IngestError) -> ExtractedDocument {
        let document = try parse(documentXML(bytes))
        guard let root = document.root, let body = root.children.first(where: { $0.isElement && $0.name == "body" }) else {
            throw .damaged(format: "DOCX", reason: "word/document.xml has no body")
        }
        var reader = BodyReader()
        reader.read(body)
        return ExtractedDocument(format: "DOCX", blocks: reader.blocks)
    }

    /// The main document part, read from the zip in memory: at most `InputLimit.bytes`
    /// bytes, its CRC-32 checked (a damaged entry is refused, never read as other digits).
    private static func documentXML(_ bytes: [UInt8]) throws(IngestError) -> [UInt8] {
        do {
            let archive = try ZipArchive(bytes)
            let entries = archive.entries(named: "word/document.xml")
            guard let entry = entries.first else {
                throw IngestError.damaged(format: "DOCX", reason: "the zip has no word/document.xml: it is not a Word document")
            }
            // Two parts of one name: which one a reader sees is not to be left to chance.
            guard entries.count == 1 else { throw IngestError.damaged(format: "DOCX", reason: "the zip has \(entries.count) entries named word/document.xml") }
            return try archive.data(of: entry, limit: InputLimit.bytes)
        } catch let error as IngestError {
            throw error
        } catch let failure as ZipArchive.Failure {
            throw .damaged(format: "DOCX", reason: failure.description)
        } catch {
            throw .damaged(format: "DOCX", reason: "\(error)")
        }
    }

    /// `word/document.xml` parsed by libxml2 with no entity substitution, no DTD loading and
    /// no network; a document type declaration (where entities would be declared; Word never
    /// writes one) stops the parser before anything in it is read. Without XML_PARSE_HUGE,
    /// libxml2's bounds hold: 256 levels of nesting, 10 MB a text node.
    static func parse(_ xml: [UInt8]) throws(IngestError) -> XMLDocument {
        guard xml.count <= InputLimit.bytes else { throw .tooLarge(bytes: xml.count, limit: InputLimit.bytes) }
        guard let context = xmlNewParserCtxt() else { throw .damaged(format: "DOCX", reason: "libxml2 could not start a parser") }
        defer { xmlFreeParserCtxt(context) }
        context.pointee.sax.pointee.internalSubset = { ctx, _, _, _ in
            xmlStopParser(ctx?.assumingMemoryBound(to: xmlParserCtxt.self))
        }
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        let parsed: xmlDocPtr? = xml.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { xmlCtxtReadMemory(context, $0.baseAddress, Int32($0.count), "document.xml", "UTF-8", options) }
        }
        if context.pointee.errNo == Int32(XML_ERR_USER_STOP.rawValue) {
            if let parsed { xmlFreeDoc(parsed) }
            throw .damaged(format: "DOCX", reason: "word/document.xml has a document type declaration (<!DOCTYPE …>), which Word files never have; its entities are not read")
        }
        guard let parsed, context.pointee.wellFormed != 0 else {
            if let parsed { xmlFreeDoc(parsed) }
            var reason = "word/document.xml is not well-formed XML"
            if let error = xmlCtxtGetLastError(context) {
                let message = error.pointee.message.map { String(cString: $0).trimmingSpaces } ?? ""
                // libxml2 gives its depth limit no code of its own: the open elements say it.
                if error.pointee.code == Int32(XML_ERR_INTERNAL_ERROR.rawValue), context.pointee.nameNr >= 255 {
                    reason = "word/document.xml nests its elements more than 256 deep; Word files never do"
                } else if !message.isEmpty {
                    reason += " (line \(error.pointee.line): \(message.split(separator: "\n").first ?? ""))"
                }
            }
            throw .damaged(format: "DOCX", reason: reason)
        }
        return XMLDocument(parsed)
    }

    private struct BodyReader {
        var blocks: [ExtractedDocument.Block] = []
        var count = 0

        mutating func read(_ body: XMLNode) {
            body.walk(enter: { child in
                guard child.isElement else { return false }
                switch child.name {
                case "p":
                    count += 1
                    // A line break inside a paragraph starts a new line of it.
                    for (i, line) in DOCXReader.paragraphText(child).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                        let text = String(line)
                        if !text.trimmingSpaces.isEmpty {
                            blocks.append(.text(text, SourceLocation(line: count), indented: i == 0))
                        }
                    }
                    return false
                case "tbl":
                    table(child)
                    return false
                case "sdt", "sdtContent", "customXml", "ins", "smartTag": return true
                default: return false
                }
            })
        }

        mutating func table(_ tbl: XMLNode) {
            var rows: [TableGrid.Row] = []
            for tr in tbl.children where tr.isElement && tr.name == "tr" {
                count += 1
                var cells: [TableGrid.Cell] = []
                for tc in tr.children where tc.isElement && tc.name == "tc" {
                    let properties = tc.children.first { $0.name == "tcPr" }
                    let span = properties?.children.first { $0.name == "gridSpan" }?.attribute("val", namespace: DOCXReader.wordNamespace)
                    let merge = properties?.children.first { $0.name == "vMerge" }
                    // vMerge without val="restart" continues the cell above: covered, not listed.
                    if let merge, merge.attribute("val", namespace: DOCXReader.wordNamespace) != "restart" { continue }
                    let text = tc.children.filter { $0.name == "p" || $0.name == "tbl" || $0.name == "sdt" }
                        .map { DOCXReader.paragraphText($0).replacingOccurrences(of: "\n", with: "") }.joined()
                    cells.append(TableGrid.Cell(text: text, columnSpan: max(1, Int(span ?? "") ?? 1), rowSpan: merge == nil ? 1 : 2))
                }
                rows.append(TableGrid.Row(cells: cells, location: SourceLocation(line: count)))
            }
            if !rows.isEmpty { blocks.append(.table(TableGrid(rows: rows))) }
        }
    }

    /// A paragraph's text: runs' `w:t`, `w:tab` as a space, `w:br` as a line break; deleted
    /// text (`w:del`) and field instructions are left out.
    static func paragraphText(_ node: XMLNode) -> String {
        var out = ""
        node.walk(enter: { child in
            guard child.isElement else { return false }
            switch child.name {
            case "t": out += child.text
            case "tab", "ptab": out += " "
            case "br", "cr": out += "\n"
            case "del", "instrText", "delText", "pPr", "rPr": break
            default: return true
            }
            return false
        })
        return out
    }
}
