import Foundation

/// Where the project's test inputs are, from any test target: the package root and the
/// fixtures (samples as text; PDF, HTML, DOCX made from them by other tools).
public enum TestPaths {
    /// The package root (this file is Sources/NianbaoTestSupport/TestPaths.swift).
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The four bundled samples, by name.
    public static let samples = ["xixia-county-2022", "jianxi-district-office-2022", "xin-county-office-2021", "hanyin-county-2022"]

    /// Reports made from a sample for the tests with every part around the sections: a cover
    /// letter, a preamble with contact lines, a run-in heading, prose around the tables, an
    /// attachment and the closing block (Tests/NianbaoIngestTests/Fixtures/whole).
    public static let wholeReports = ["hanyin-county-2022-whole"]

    /// Reports of the 2019 template written for the tests (Tests/NianbaoIngestTests/Fixtures/y2019).
    public static let template2019 = ["shangcheng-county-market-2020"]

    /// A sample's text: Tests/NianbaoIngestTests/Fixtures/samples/NAME.txt (whole/NAME.txt for
    /// the whole reports, y2019/NAME.txt for the 2019 ones).
    public static func sample(_ name: String) -> URL {
        let folder = wholeReports.contains(name) ? "whole" : template2019.contains(name) ? "y2019" : "samples"
        return root.appendingPathComponent("Tests/NianbaoIngestTests/Fixtures/\(folder)/\(name).txt")
    }

    /// A file fixture: Tests/NianbaoFilesTests/Fixtures/PATH.
    public static func file(_ path: String) -> URL {
        root.appendingPathComponent("Tests/NianbaoFilesTests/Fixtures/\(path)")
    }

    /// The project's styles folder.
    public static var styles: String { root.appendingPathComponent("styles").path }

    /// The test fonts (Tests/Fonts): the prepared faces' cut limited to the characters the
    /// samples and tests use, committed, so tests give the same pages on every machine
    /// whether or not `make fonts` ran. Tests register these, never `fonts/`.
    public static var fonts: String { root.appendingPathComponent("Tests/Fonts").path }
}
