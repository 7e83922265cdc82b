/// What kind of file an input is, told by its content (magic bytes, markup), the extension
/// only where the content cannot tell (.doc and .wps share their container).
public enum InputKind: String, Sendable, CaseIterable {
    case text = "text"
    case pdf = "PDF"
    case html = "HTML"
    case docx = "DOCX"
    /// Word 97–2003 (.doc) or WPS (.wps): an OLE2 compound file.
    case legacyWord = "DOC/WPS"
    /// Rich text (some ".doc" files are RTF).
    case rtf = "RTF"
    /// A zip that is not a Word document (an OFD, an archive of reports).
    case otherZip = "zip"

    /// Extensions `batch` reads from a folder or zip.
    public static let extensions: Set<String> = ["txt", "pdf", "html", "htm", "docx", "doc", "wps"]

    public static func detect(_ bytes: [UInt8], name: String = "") -> InputKind {
        if bytes.prefix(1024).starts(with: Array("%PDF-".utf8)) || find(Array("%PDF-".utf8), in: bytes.prefix(1024)) { return .pdf }
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            return find(Array("word/document.xml".utf8), in: bytes[...]) || find(Array("word/".utf8), in: bytes.prefix(4096)) ? .docx : .otherZip
        }
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .legacyWord }
        if bytes.starts(with: Array("{\\rtf".utf8)) { return .rtf }
        if looksLikeHTML(bytes) { return .html }
        return .text
    }

    /// Markup near the start: `<!doctype html`, `<html`, `<body`, `<table`, `<div`, `<p>`.
    private static func looksLikeHTML(_ bytes: [UInt8]) -> Bool {
        var head = Array(bytes.prefix(2048))
        if head.starts(with: [0xEF, 0xBB, 0xBF]) { head.removeFirst(3) }
        // UTF-16 pages: keep the ASCII bytes.
        if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) { head = head.filter { $0 != 0 } }
        let text = String(decoding: head.map { $0 < 0x80 ? $0 : 0x20 }, as: UTF8.self).lowercased()
        let start = text.drop { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" || $0 == "\u{FFFD}" }
        guard start.first == "<" else { return false }
        return ["<!doctype html", "<html", "<head", "<body", "<meta", "<table", "<div", "<p>", "<p ", "<!--", "<?xml"].contains { start.hasPrefix($0) }
            && (text.contains("<html") || text.contains("<body") || text.contains("<table") || text.contains("<div") || text.contains("<p"))
    }

    private static func find(_ needle: [UInt8], in hay: ArraySlice<UInt8>) -> Bool {
        guard needle.count <= hay.count, let first = needle.first else { return false }
        var i = hay.startIndex
        let end = hay.endIndex - needle.count
        while i <= end {
            if hay[i] == first, hay[i..<(i + needle.count)].elementsEqual(needle) { return true }
            i += 1
        }
        return false
    }
}
