// nianbao-fuzz: mutates the fixtures (text, HTML, DOCX, PDF) and runs each case through what
// the commands do — read, check, export, lay out, write PDF and OFD — in worker processes
// under a time and memory bound. `make fuzz` runs it for FUZZ_SECONDS; `make test` a short run.
import Foundation
import NianbaoFuzz

do {
    let options = try FuzzOptions(Array(CommandLine.arguments.dropFirst()))
    switch options.mode {
    case .worker: try Worker.run(options)
    case .replay: try Replay.run(options)
    case .selfTest where CommandLine.arguments.contains("--worker"): try Worker.run(options)
    case .selfTest: exit(try SelfTest.run(options))
    case .drive:
        try FileManager.default.createDirectory(atPath: options.crashes, withIntermediateDirectories: true)
        exit(try Driver(options).run())
    }
} catch {
    FileHandle.standardError.write(Data("nianbao-fuzz: \(error)\n".utf8))
    exit(2)
}
