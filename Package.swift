// swift-tools-version:6.0
// nianbao: annual reports on government information disclosure (政府信息公开工作年度报告)
// read from messy text, checked, and exported. Targets follow the pipeline:
// Model ← Ingest, Checks, Export ← Render (the only importer of CPangoCairo) ← nianbao (CLI).
import PackageDescription

let package = Package(
    name: "nianbao",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "nianbao", targets: ["nianbao"]),
        .library(name: "NianbaoKit", targets: ["NianbaoModel", "NianbaoIngest", "NianbaoChecks", "NianbaoExport", "NianbaoStyle", "NianbaoLayout", "NianbaoRender", "NianbaoCompare"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
    ],
    targets: [
        .systemLibrary(
            name: "CPangoCairo",
            pkgConfig: "pangocairo",
            providers: [.apt(["libpango1.0-dev", "libcairo2-dev", "libdeflate-dev"]), .brew(["pango", "cairo", "libdeflate"])]
        ),
        .target(name: "NianbaoModel"),
        .target(name: "NianbaoIngest", dependencies: ["NianbaoModel"]),
        .target(name: "NianbaoChecks", dependencies: ["NianbaoModel"]),
        .target(name: "NianbaoExport", dependencies: ["NianbaoModel"]),
        .target(name: "NianbaoStyle", dependencies: [.product(name: "Yams", package: "Yams")]),
        .target(name: "NianbaoLayout", dependencies: ["NianbaoModel", "NianbaoStyle"]),
        .target(name: "NianbaoRender", dependencies: ["CPangoCairo", "NianbaoLayout", "NianbaoStyle"]),
        .target(name: "NianbaoCompare", dependencies: ["NianbaoModel", "NianbaoChecks", "NianbaoExport", "NianbaoStyle", "NianbaoLayout"]),
        .target(name: "NianbaoBatch", dependencies: [
            "NianbaoModel", "NianbaoIngest", "NianbaoChecks", "NianbaoExport", "NianbaoStyle", "NianbaoLayout", "NianbaoRender",
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        .executableTarget(
            name: "nianbao",
            dependencies: [
                "NianbaoModel", "NianbaoIngest", "NianbaoChecks", "NianbaoExport", "NianbaoStyle", "NianbaoLayout", "NianbaoRender", "NianbaoCompare", "NianbaoBatch",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "nianbao-bench",
            dependencies: ["NianbaoModel", "NianbaoIngest", "NianbaoChecks", "NianbaoExport", "NianbaoStyle", "NianbaoLayout", "NianbaoRender"],
            path: "Sources/Bench"
        ),
        .target(name: "NianbaoTestSupport", path: "Sources/NianbaoTestSupport"),
        .testTarget(name: "NianbaoModelTests", dependencies: ["NianbaoModel"]),
        .testTarget(
            name: "NianbaoIngestTests",
            dependencies: ["NianbaoModel", "NianbaoIngest"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "NianbaoChecksTests", dependencies: ["NianbaoModel", "NianbaoIngest", "NianbaoChecks"]),
        .testTarget(name: "NianbaoExportTests", dependencies: ["NianbaoModel", "NianbaoIngest", "NianbaoChecks", "NianbaoExport"]),
        .testTarget(name: "NianbaoStyleTests", dependencies: ["NianbaoStyle"]),
        .testTarget(name: "NianbaoLayoutTests", dependencies: ["NianbaoModel", "NianbaoStyle", "NianbaoLayout"]),
        .testTarget(name: "NianbaoRenderTests", dependencies: ["NianbaoModel", "NianbaoIngest", "NianbaoStyle", "NianbaoLayout", "NianbaoRender", "NianbaoTestSupport"]),
        .testTarget(name: "NianbaoCompareTests", dependencies: ["NianbaoModel", "NianbaoIngest", "NianbaoChecks", "NianbaoStyle", "NianbaoLayout", "NianbaoRender", "NianbaoCompare", "NianbaoTestSupport"]),
        .testTarget(name: "NianbaoBatchTests", dependencies: ["NianbaoBatch", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(name: "NianbaoCLITests", dependencies: ["nianbao", "NianbaoTestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
    ]
)
