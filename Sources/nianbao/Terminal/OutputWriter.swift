import ArgumentParser
import Foundation
import NianbaoOutput

/// The CLI's one way to write files: the plan is checked before the first byte (no output is
/// an input, no two outputs share a path), each file is written atomically, and a failure is
/// one line naming the path and the reason, then exit status 2.
enum OutputWriter {
    /// Refuses the plan, with a message, when it would overwrite an input or write a path twice.
    /// `sources[i]` is the input `outputs[i]` is made from; `elsewhere` what the command offers
    /// instead of an output that is an input («another -o»).
    static func check(outputs: [String], inputs: [String], sources: [String], elsewhere: String) throws {
        do {
            try OutputPlan.check(outputs: outputs, inputs: inputs, sources: sources, elsewhere: elsewhere)
        } catch {
            FindingPrinter.stderr("error: \(error)")
            throw ExitStatus.failure
        }
    }

    static func write(_ data: Data, to path: String) throws {
        do {
            try AtomicFile.write(data, to: path)
        } catch {
            FindingPrinter.stderr("error: \(error)")
            throw ExitStatus.failure
        }
    }

    static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }
}
