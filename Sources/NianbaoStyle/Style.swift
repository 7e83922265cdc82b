/// How a report is printed: page geometry, a font role for each kind of text, table
/// ruling. Styles are data files (`styles/*.yaml`); this is their typed form.
public struct Style: Sendable, Equatable {
    public var name: String
    public var page: PageGeometry
    public var title: FontRole
    public var body: FontRole
    public var heading1: FontRole
    public var heading2: FontRole
    public var table: FontRole
    public var tableHeading: FontRole
    public var pageNumber: FontRole
    public var tableRule: Double
    public var tablePadding: Double
    /// Table text line pitch as a multiple of the table size.
    public var tableLineHeight: Double
    /// Write PDFs as PDF/A-2b (archives), as `--pdfa` asks; style key `pdfa`.
    public var pdfa: Bool = false

    /// Every role with its key in the style file, for listings such as `nianbao fonts`.
    public var roles: [(key: String, role: FontRole)] {
        [("title", title), ("body", body), ("heading1", heading1), ("heading2", heading2),
         ("table", table), ("table_heading", tableHeading), ("page_number", pageNumber)]
    }
}

/// Page geometry in points (the file gives millimetres).
public struct PageGeometry: Sendable, Equatable {
    public var width: Double
    public var height: Double
    public var top: Double
    public var left: Double
    public var typeWidth: Double
    public var typeHeight: Double
    public var linesPerPage: Int
    public var charsPerLine: Int
    public var pageNumberGap: Double

    public init(width: Double, height: Double, top: Double, left: Double, typeWidth: Double, typeHeight: Double,
                linesPerPage: Int, charsPerLine: Int, pageNumberGap: Double) {
        self.width = width
        self.height = height
        self.top = top
        self.left = left
        self.typeWidth = typeWidth
        self.typeHeight = typeHeight
        self.linesPerPage = linesPerPage
        self.charsPerLine = charsPerLine
        self.pageNumberGap = pageNumberGap
    }

    /// The same page turned to landscape with even `margin`s, for wide handouts; `scale` 2^½
    /// takes A4 to A3.
    public func landscape(margin: Double, scale: Double = 1) -> PageGeometry {
        let footer = 8 * PageGeometry.pointsPerMillimetre
        let w = height * scale, h = width * scale
        return PageGeometry(width: w, height: h, top: margin, left: margin,
                            typeWidth: w - 2 * margin, typeHeight: h - 2 * margin - footer,
                            linesPerPage: linesPerPage, charsPerLine: charsPerLine, pageNumberGap: footer / 3)
    }

    /// Body line pitch: the type area's height divided into `linesPerPage` lines.
    public var linePitch: Double { typeHeight / Double(linesPerPage) }

    public static let pointsPerMillimetre = 72.0 / 25.4
}

/// A kind of text: preferred font families in order, size in points, weight.
public struct FontRole: Sendable, Equatable, Hashable {
    public enum Weight: String, Sendable, Hashable { case regular, bold }

    public var families: [String]
    public var size: Double
    public var weight: Weight

    public init(families: [String], size: Double, weight: Weight = .regular) {
        self.families = families
        self.size = size
        self.weight = weight
    }
}
