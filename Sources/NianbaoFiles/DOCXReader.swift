import CLibXML2
import Foundation
import NianbaoIngest
import ZIPFoundation

/// Reads a Word file (.docx): the zip's `word/document.xml` through libxml2, paragraphs as
/// lines and tables as `TableGrid`s with `gridSpan` and `vMerge` (FORMAT.md §7). Locations
/// count the body's paragraphs and table rows from 1.
enum DOCXReader {
    static let wordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    static func read(_ bytes: [UInt8]) throws(IngestError) -> ExtractedDocument {
        let xml = try documentXML(bytes)
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_HUGE.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        let parsed: xmlDocPtr? = xml.withUnsafeBytes { raw in
            raw.withMemoryRebound(to: CChar.self) { xmlReadMemory($0.baseAddress, Int32($0.count), "document.xml", "UTF-8", options) }
        }
        guard let parsed else { throw .damaged(format: "DOCX", reason: "word/document.xml is not well-formed XML") }
        let document = XMLDocument(parsed)
        guard let body = document.root?.children.first(where: { $0.name == "body" }) else {
            throw .damaged(format: "DOCX", reason: "word/document.xml has no body")
        }
        var reader = BodyReader()
        reader.read(body)
        return ExtractedDocument(format: "DOCX", blocks: reader.blocks)
    }

    /// The main document part, read from the zip in memory.
    private static func documentXML(_ bytes: [UInt8]) throws(IngestError) -> Data {
        let archive: Archive
        do {
            archive = try Archive(data: Data(bytes), accessMode: .read)
        } catch {
            throw .damaged(format: "DOCX", reason: "it is not a readable zip archive")
        }
        guard let entry = archive["word/document.xml"] else {
            throw .damaged(format: "DOCX", reason: "the zip has no word/document.xml: it is not a Word document")
        }
        var data = Data()
        do {
            _ = try archive.extract(entry, skipCRC32: false) { data.append($0) }
        } catch {
            throw .damaged(format: "DOCX", reason: "word/document.xml cannot be unpacked (\(error))")
        }
        return data
    }

    private struct BodyReader {
        var blocks: [ExtractedDocument.Block] = []
        var count = 0

        mutating func read(_ node: XMLNode) {
            for child in node.children where child.isElement {
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
                case "tbl": table(child)
                case "sdt", "sdtContent", "customXml", "ins", "smartTag": read(child)
                default: break
                }
            }
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
        for child in node.children where child.isElement {
            switch child.name {
            case "t": out += child.text
            case "tab", "ptab": out += " "
            case "br", "cr": out += "\n"
            case "del", "instrText", "delText", "pPr", "rPr": break
            default: out += paragraphText(child)
            }
        }
        return out
    }
}
