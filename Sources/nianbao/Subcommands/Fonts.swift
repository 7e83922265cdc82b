import ArgumentParser
import NianbaoRender
import NianbaoStyle

extension Nianbao {
    struct Fonts: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show which installed font each role of a style resolves to on this machine.")

        @OptionGroup var styleOptions: StyleOptions

        func run() throws {
            let style = try styleOptions.load()
            print("style \(style.name)")
            for (key, role) in style.roles {
                let size = role.size == role.size.rounded() ? String(Int(role.size)) : String(role.size)
                if let (family, file) = FontSetup.resolve(role) {
                    print("  \(key) (\(size) pt\(role.weight == .bold ? ", bold" : "")): \(family) — \(file)")
                } else {
                    print("  \(key) (\(size) pt): none of \(role.families.joined(separator: ", ")) is installed; fontconfig's default CJK face is used")
                }
            }
        }
    }
}
