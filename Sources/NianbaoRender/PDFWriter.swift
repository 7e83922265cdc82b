import Foundation
import NianbaoLayout

/// Writes a `PagedDocument` as PDF. nianbao's own writer (`DirectPDFWriter`) takes every
/// document whose faces have TrueType outlines, which with the prepared fonts is every
/// report; a document that needs a CFF face (a rare character from the full Noto
/// collections) is written by Cairo instead. Both embed subsets and give the same bytes for
/// the same input.
public enum PDFWriter {
    public struct Options: Sendable {
        /// Creation date `YYYY-MM-DDTHH:MM:SS`; fixed so the same input gives the same bytes.
        public var creationDate: String?
        /// Which writer: nianbao's own when the fonts allow (the default), or always Cairo
        /// (`NIANBAO_PDF_WRITER=cairo`), e.g. to compare the two.
        public var engine: Engine
        /// PDF/A-2b for archives: XMP metadata, an sRGB output intent; written by nianbao's
        /// own writer only, and refused (`PDFAError`) when a requirement cannot be met.
        public var pdfa: Bool

        public enum Engine: String, Sendable { case automatic, cairo }

        public init(creationDate: String? = nil, engine: Engine = .automatic, pdfa: Bool = false) {
            self.creationDate = creationDate
            self.engine = engine
            self.pdfa = pdfa
        }

        /// The creation date from `SOURCE_DATE_EPOCH` when set (reproducible builds), else now.
        public static func fromEnvironment() -> Options {
            let env = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap { Double($0) }
            let engine = ProcessInfo.processInfo.environment["NIANBAO_PDF_WRITER"].flatMap(Engine.init(rawValue:)) ?? .automatic
            return Options(creationDate: isoDate(env.map { Date(timeIntervalSince1970: $0) } ?? Date()), engine: engine)
        }

        static func isoDate(_ date: Date) -> String {
            let f = DateFormatter()
            f.locale = Locale(identifier: "en_US_POSIX")
            f.timeZone = TimeZone(identifier: "UTC")
            f.dateFormat = "yyyy-MM-dd'T'HH:mm:ss"
            return f.string(from: date)
        }

        public static let `default` = Options(creationDate: "2000-01-01T00:00:00")
    }

    /// The PDF of `document`: the glyphs its frames carry, where `ShapedText.drawnLines`
    /// puts them (the same in both writers).
    public static func write(_ document: PagedDocument, options: Options = .default) throws -> Data {
        if options.pdfa, options.engine == .cairo {
            throw PDFAError(reason: "Cairo's writer (NIANBAO_PDF_WRITER=cairo) does not write PDF/A; use the default writer")
        }
        if options.engine == .cairo { return try CairoPDFWriter.write(document, options: options) }
        do {
            return try DirectPDFWriter.write(document, options: options)
        } catch let face as UnsupportedFace {
            // Cairo's PDFs carry no structure tree, output intent or XMP: not PDF/A.
            if options.pdfa { throw PDFAError(reason: "a face without TrueType outlines is needed (\(face)); only Cairo's writer embeds it") }
            return try CairoPDFWriter.write(document, options: options)
        }
    }
}
