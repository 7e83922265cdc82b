import Foundation
import NianbaoFuzz

/// The command line of nianbao-fuzz (see `usage`).
struct FuzzOptions {
    enum Mode { case drive, worker, replay, selfTest }
    var mode = Mode.drive
    var seconds = 60.0
    var cases: Int?
    var jobs = max(1, ProcessInfo.processInfo.activeProcessorCount)
    var timeout = 10.0
    var memoryMB = 2048
    var seed = UInt64(Date().timeIntervalSince1970 * 1000)
    var crashes = ".build/fuzz/crashes"
    var fonts: String?
    /// Seed folders (drive) or files (replay).
    var paths: [String] = []

    static let usage = """
    usage: nianbao-fuzz [options] SEED_DIR...        mutate the files under SEED_DIR and run each case
           nianbao-fuzz --replay [--fonts-dir D] FILE...   run files once, in this process (a crasher's backtrace)
           nianbao-fuzz --self-test                   check that a crash, a hang and a blow-up are each caught
    options:
      --seconds N     stop after N seconds (default 60)
      --cases N       stop after N cases
      --jobs N        cases run at once, each in a worker process (default: the cores)
      --timeout S     a case running longer is a hang (default 10)
      --memory MB     a worker whose resident memory passes this is a blow-up (default 2048)
      --seed N        the run's seed: the same seed and seeds give the same cases (default: the time)
      --crashes DIR   where crashers are saved (default .build/fuzz/crashes)
      --fonts-dir D   fonts to register first (e.g. Tests/Fonts)
    exit status: 0 nothing found, 1 a crash, hang or blow-up was found, 2 bad usage or set-up
    """

    init(_ arguments: [String]) throws(FuzzError) {
        var rest = arguments[...]
        func value(_ name: String) throws(FuzzError) -> String {
            guard let v = rest.popFirst() else { throw .usage("\(name) needs a value\n\(Self.usage)") }
            return v
        }
        func number<T: LosslessStringConvertible>(_ name: String, _: T.Type) throws(FuzzError) -> T {
            let text = try value(name)
            guard let v = T(text) else { throw .usage("\(name) \(text): not a number\n\(Self.usage)") }
            return v
        }
        while let argument = rest.popFirst() {
            switch argument {
            case "--worker": mode = .worker
            case "--replay": mode = .replay
            case "--self-test": mode = .selfTest
            case "--seconds": seconds = try number(argument, Double.self)
            case "--cases": cases = try number(argument, Int.self)
            case "--jobs": jobs = max(1, try number(argument, Int.self))
            case "--timeout": timeout = try number(argument, Double.self)
            case "--memory": memoryMB = try number(argument, Int.self)
            case "--seed": seed = try number(argument, UInt64.self)
            case "--crashes": crashes = try value(argument)
            case "--fonts-dir": fonts = try value(argument)
            case "-h", "--help": throw .usage(Self.usage)
            default:
                if argument.hasPrefix("-") { throw .usage("unknown option \(argument)\n\(Self.usage)") }
                paths.append(argument)
            }
        }
        if mode == .drive || mode == .replay, paths.isEmpty { throw .usage("no \(mode == .replay ? "files" : "seed folders") given\n\(Self.usage)") }
    }
}
