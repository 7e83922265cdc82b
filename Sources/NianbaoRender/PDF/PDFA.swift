import NianbaoLayout

/// Why a document cannot be written as PDF/A: nianbao claims PDF/A-2b only when every
/// requirement it checks holds, and otherwise writes nothing.
public struct PDFAError: Error, CustomStringConvertible, Sendable {
    public let reason: String
    public var description: String { "cannot write PDF/A-2b: \(reason)" }
}

/// The parts of a PDF/A-2b file (ISO 19005-2) beyond a plain one: XMP metadata that
/// repeats the Info dictionary and identifies the file as PDF/A-2b, and an sRGB output
/// intent. The rest (embedded fonts, a document ID, no encryption, no .notdef drawn) the
/// direct writer does anyway or checks.
enum PDFA {
    /// The metadata stream's XML: identification, title, author, subject, language,
    /// dates and tools, each equal to its Info entry.
    static func metadata(_ info: DocumentMetadata, date: String?) -> [UInt8] {
        var xml = "<?xpacket begin=\"\u{FEFF}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
        xml += "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
        xml += "<rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\""
        xml += " xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n"
        xml += "<pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>\n"
        xml += "<dc:format>application/pdf</dc:format>\n"
        if !info.title.isEmpty { xml += "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">\(escaped(info.title))</rdf:li></rdf:Alt></dc:title>\n" }
        if !info.author.isEmpty { xml += "<dc:creator><rdf:Seq><rdf:li>\(escaped(info.author))</rdf:li></rdf:Seq></dc:creator>\n" }
        if !info.subject.isEmpty { xml += "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">\(escaped(info.subject))</rdf:li></rdf:Alt></dc:description>\n" }
        xml += "<dc:language><rdf:Bag><rdf:li>zh-CN</rdf:li></rdf:Bag></dc:language>\n"
        xml += "<xmp:CreatorTool>nianbao</xmp:CreatorTool><pdf:Producer>nianbao</pdf:Producer>\n"
        if let date {
            let stamp = date + "Z"
            xml += "<xmp:CreateDate>\(stamp)</xmp:CreateDate><xmp:ModifyDate>\(stamp)</xmp:ModifyDate><xmp:MetadataDate>\(stamp)</xmp:MetadataDate>\n"
        }
        xml += "</rdf:Description></rdf:RDF></x:xmpmeta>\n<?xpacket end=\"w\"?>"
        return Array(xml.utf8)
    }

    private static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    /// Writes the metadata stream (unfiltered, as PDF/A asks) and the ICC profile; returns
    /// what the catalog adds: `/Metadata` and `/OutputIntents`.
    static func write(_ info: DocumentMetadata, date: String?, into file: inout PDFFile) -> (inout PDFBytes) -> Void {
        let metadata = file.reserve(), profile = file.reserve()
        file.stream(metadata, Self.metadata(info, date: date), compress: false) { out in out.raw("/Type/Metadata/Subtype/XML") }
        file.stream(profile, SRGBProfile.bytes) { out in out.raw("/N 3") }
        return { out in
            out.raw("/Metadata ")
            out.ref(metadata)
            out.raw("/OutputIntents[<</Type/OutputIntent/S/GTS_PDFA1/OutputConditionIdentifier(sRGB IEC61966-2.1)")
            out.raw("/RegistryName(http://www.color.org)/Info(sRGB IEC61966-2.1)/DestOutputProfile ")
            out.ref(profile)
            out.raw(">>]")
        }
    }
}
