import ArgumentParser
import NianbaoRender
import NianbaoStyle

/// PDF choices shared by the commands that write PDFs.
struct PDFOptions: ParsableArguments {
    @Flag(help: "Write PDF/A-2b (for archives: XMP metadata, an sRGB output intent); a file that cannot be is refused, not written. The style key `pdfa: true` asks the same.")
    var pdfa = false

    /// The writer's options: the date from `SOURCE_DATE_EPOCH`, PDF/A when asked here or by the style.
    func options(_ style: Style) -> PDFWriter.Options {
        var options = PDFWriter.Options.fromEnvironment()
        options.pdfa = pdfa || style.pdfa
        return options
    }
}
