// swift-tools-version:6.1
// nianbao: annual reports on government information disclosure (政府信息公开工作年度报告)
// read from messy text, checked, and exported. Targets follow the pipeline:
// Files (PDF/HTML/DOCX → ExtractedDocument, a Document type; the only importer of CPoppler and
// CLibXML2) and Ingest (text or ExtractedDocument → Model) meet in Input (a file's bytes → a parsed
// report); ← Checks, Export ← Style, Layout ← Render (the only importer of CPangoCairo) ← Compare,
// Batch ← nianbao (CLI). CISAL compresses Render's streams; CLibDeflate serves Files' Deflate (every zip read, batch's too).
// Layout's frames carry shaped text (TextShaping; Render shapes with Pango), so every writer draws the
// same glyphs. Output (atomic files, no output over an input) serves Batch and the CLI; TestSupport
// (paths, fake shaper, golden frame dumps) only the tests. Serve (the web page, Hummingbird) sits
// beside the CLI, in an executable of its own (nianbao-serve) that `nianbao serve` starts, so
// neither the library nor the CLI links the server.
// (tools 6.1: for `traits:` on a package, which keeps Hummingbird's swift-configuration out.)
import PackageDescription

let package = Package(
    name: "nianbao",
    // Linux only: nianbao is built and tested on Debian 12 (glibc calls such as getrusage,
    // fork/exec of workers and mmap are used unguarded); no other platform is claimed.
    products: [
        .executable(name: "nianbao", targets: ["nianbao"]),
        .executable(name: "nianbao-serve", targets: ["nianbao-serve"]),
        .library(name: "NianbaoKit", targets: ["NianbaoModel", "NianbaoDocument", "NianbaoIngest", "NianbaoFiles", "NianbaoInput", "NianbaoChecks", "NianbaoExport", "NianbaoStyle", "NianbaoLayout", "NianbaoRender", "NianbaoCompare"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        // The web page (`nianbao serve`): HTTP/1.1 on loopback; HummingbirdTesting for its route tests.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),  // Hummingbird's header types, named by the server
    ],
    targets: [
        .systemLibrary(
            name: "CPangoCairo",
            pkgConfig: "pangocairo",
            providers: [.apt(["libpango1.0-dev", "libcairo2-dev"]), .brew(["pango", "cairo"])]
        ),
        .systemLibrary(name: "CLibDeflate", pkgConfig: "libdeflate", providers: [.apt(["libdeflate-dev"]), .brew(["libdeflate"])]),
        // ISA-L's igzip: the direct PDF writer's streams (twice libdeflate's speed on font programs).
        .systemLibrary(name: "CISAL", pkgConfig: "libisal", providers: [.apt(["libisal-dev"]), .brew(["isa-l"])]),
        .systemLibrary(name: "CPoppler", pkgConfig: "poppler-glib", providers: [.apt(["libpoppler-glib-dev"]), .brew(["poppler"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]),
        .target(name: "NianbaoModel"),
        // What a file reader hands the parser (ExtractedDocument) and why an input is no report.
        .target(name: "NianbaoDocument"),
        .target(name: "NianbaoIngest", dependencies: ["NianbaoModel", "NianbaoDocument"]),
        // File readers (PDF, HTML, DOCX) in front of Ingest: bytes → ExtractedDocument → Ingest.
        // A DOCX's zip is read by nianbao itself, inflated by libdeflate (bounded, one call).
        .target(name: "NianbaoFiles", dependencies: ["NianbaoModel", "NianbaoDocument", "CPoppler", "CLibXML2", "CLibDeflate"]),
        // The one way in: a file's bytes, whatever their kind, read and parsed (Files, then Ingest).
        .target(name: "NianbaoInput", dependencies: ["NianbaoModel", "NianbaoDocument", "NianbaoIngest", "NianbaoFiles"]),
        .target(name: "NianbaoChecks", dependencies: ["NianbaoModel"]),
        // Writing files safely (atomic, never over an input), for the CLI and Batch.
        .target(name: "NianbaoOutput"),
        .target(name: "NianbaoExport", dependencies: ["NianbaoModel"]),
        .target(name: "NianbaoStyle", dependencies: [.product(name: "Yams", package: "Yams")]),
        .target(name: "NianbaoLayout", dependencies: ["NianbaoModel", "NianbaoStyle"]),
        .target(name: "NianbaoRender", dependencies: ["CPangoCairo", "CISAL", "CLibDeflate", "NianbaoLayout", "NianbaoStyle",
                                                     .product(name: "ZIPFoundation", package: "ZIPFoundation")],
                exclude: ["PDF/ICC"]),  // the sRGB profile and its licence; SRGBProfile.swift holds its bytes
        .target(name: "NianbaoCompare", dependencies: ["NianbaoModel", "NianbaoChecks", "NianbaoExport", "NianbaoStyle", "NianbaoLayout", "NianbaoFiles"]),
        .target(name: "NianbaoBatch", dependencies: [
            "NianbaoModel", "NianbaoIngest", "NianbaoFiles", "NianbaoInput", "NianbaoChecks", "NianbaoExport", "NianbaoStyle", "NianbaoLayout", "NianbaoRender", "NianbaoOutput",
        ]),
        // The archive database (`batch --db`): schema, writer and the archive page's queries, over
        // SQLite through GRDB. The model and Batch stay free of SQL: Batch hands each report to a sink.
        .target(name: "NianbaoArchive", dependencies: ["NianbaoModel", "NianbaoCompare", .product(name: "GRDB", package: "GRDB.swift")]),
        .executableTarget(
            name: "nianbao",
            dependencies: [
                "NianbaoModel", "NianbaoIngest", "NianbaoFiles", "NianbaoInput", "NianbaoChecks", "NianbaoExport", "NianbaoStyle", "NianbaoLayout", "NianbaoRender", "NianbaoCompare", "NianbaoBatch", "NianbaoOutput", "NianbaoArchive",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The web page for office staff (#22): a thin shell over the library, as the CLI is.
        // One file per page under Pages/; the layout and navigation in Page/.
        .target(name: "NianbaoServe", dependencies: [
            "NianbaoModel", "NianbaoDocument", "NianbaoIngest", "NianbaoFiles", "NianbaoInput", "NianbaoChecks", "NianbaoExport", "NianbaoStyle",
            "NianbaoLayout", "NianbaoRender", "NianbaoCompare", "NianbaoBatch", "NianbaoArchive",
            .product(name: "Hummingbird", package: "hummingbird"), .product(name: "HTTPTypes", package: "swift-http-types"),
        ]),
        .executableTarget(name: "nianbao-serve", dependencies: ["NianbaoServe", .product(name: "ArgumentParser", package: "swift-argument-parser")], path: "Sources/Serve"),
        .executableTarget(
            name: "nianbao-bench",
            dependencies: ["NianbaoModel", "NianbaoIngest", "NianbaoFiles", "NianbaoInput", "NianbaoChecks", "NianbaoExport", "NianbaoStyle", "NianbaoLayout", "NianbaoRender",
                           .product(name: "ZIPFoundation", package: "ZIPFoundation")],  // writes the DOCX inputs of the size table
            path: "Sources/Bench"
        ),
        // The archive benchmark (make bench): 10,000 reports into an archive, the archive page's queries timed.
        .executableTarget(name: "nianbao-archive-bench", dependencies: ["NianbaoArchive", "NianbaoModel", "NianbaoIngest", "NianbaoChecks"], path: "Sources/ArchiveBench"),
        // The fuzzer (make fuzz): mutations, zip surgery and the pipeline a case runs through in
        // NianbaoFuzz (the regression tests replay its crashers with it); the driver and its
        // worker processes in nianbao-fuzz.
        .target(name: "NianbaoFuzz", dependencies: [
            "NianbaoModel", "NianbaoFiles", "NianbaoInput", "NianbaoIngest", "NianbaoChecks", "NianbaoExport", "NianbaoStyle", "NianbaoLayout", "NianbaoRender",
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        .executableTarget(name: "nianbao-fuzz", dependencies: ["NianbaoFuzz", "NianbaoFiles", "NianbaoInput"], path: "Sources/Fuzz"),
        .target(name: "NianbaoTestSupport", dependencies: ["NianbaoModel", "NianbaoLayout"], path: "Sources/NianbaoTestSupport"),
        .testTarget(name: "NianbaoModelTests", dependencies: ["NianbaoModel"]),
        .testTarget(
            name: "NianbaoIngestTests",
            dependencies: ["NianbaoModel", "NianbaoIngest", "NianbaoChecks", "NianbaoTestSupport"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "NianbaoFilesTests",
            dependencies: ["NianbaoModel", "NianbaoIngest", "NianbaoChecks", "NianbaoFiles", "NianbaoInput", "NianbaoExport", "NianbaoStyle", "NianbaoLayout", "NianbaoRender", "NianbaoTestSupport", "NianbaoFuzz"],
            exclude: ["Fixtures"]
        ),
        .testTarget(name: "NianbaoChecksTests", dependencies: ["NianbaoModel", "NianbaoIngest", "NianbaoChecks"]),
        .testTarget(name: "NianbaoExportTests", dependencies: ["NianbaoModel", "NianbaoIngest", "NianbaoChecks", "NianbaoExport"]),
        .testTarget(name: "NianbaoStyleTests", dependencies: ["NianbaoStyle"]),
        .testTarget(name: "NianbaoLayoutTests", dependencies: ["NianbaoModel", "NianbaoStyle", "NianbaoLayout", "NianbaoTestSupport"], exclude: ["Golden"]),
        .testTarget(name: "NianbaoRenderTests", dependencies: ["CLibDeflate", "NianbaoModel", "NianbaoIngest", "NianbaoStyle", "NianbaoLayout", "NianbaoRender", "NianbaoTestSupport"]),
        .testTarget(name: "NianbaoCompareTests", dependencies: ["NianbaoModel", "NianbaoIngest", "NianbaoChecks", "NianbaoStyle", "NianbaoLayout", "NianbaoRender", "NianbaoCompare", "NianbaoTestSupport"], exclude: ["Golden"]),
        .testTarget(name: "NianbaoBatchTests", dependencies: ["NianbaoBatch", "NianbaoOutput", "NianbaoFiles", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(name: "NianbaoArchiveTests", dependencies: ["NianbaoArchive", "NianbaoServe", "NianbaoModel", "NianbaoCompare", "NianbaoIngest", "NianbaoChecks", "NianbaoTestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "NianbaoServeTests", dependencies: ["NianbaoServe", "NianbaoTestSupport", "NianbaoArchive", "NianbaoModel", "NianbaoIngest", "NianbaoChecks", .product(name: "HummingbirdTesting", package: "hummingbird"), .product(name: "HTTPTypes", package: "swift-http-types"),
                                                        .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(name: "NianbaoCLITests", dependencies: ["nianbao", "NianbaoTestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
    ]
)
