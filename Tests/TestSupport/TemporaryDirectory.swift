import Foundation

/// A fresh folder under the system's temporary directory, for tests that write input files.
///
/// Each instance has its own folder (a UUID in its name), so tests can run in parallel.
/// Call `remove()` when done (`defer { directory.remove() }`).
public struct TemporaryDirectory: Sendable {
    /// Absolute path of the folder.
    public let path: String

    public init(prefix: String = "ntm-alloc-test") throws {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(prefix)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        path = url.path
    }

    /// The absolute path of `relativePath` inside the folder.
    public func url(_ relativePath: String) -> URL {
        URL(fileURLWithPath: path, isDirectory: true).appendingPathComponent(relativePath)
    }

    /// Writes `text` as UTF-8 (after a byte-order mark when `byteOrderMark`), creating
    /// intermediate folders; returns the file's absolute path.
    @discardableResult
    public func write(_ relativePath: String, _ text: String, byteOrderMark: Bool = false) throws -> String {
        var data = byteOrderMark ? Data([0xEF, 0xBB, 0xBF]) : Data()
        data.append(Data(text.utf8))
        return try write(relativePath, data: data)
    }

    /// Writes raw bytes, creating intermediate folders; returns the file's absolute path.
    @discardableResult
    public func write(_ relativePath: String, data: Data) throws -> String {
        let file = url(relativePath)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(),
                                                withIntermediateDirectories: true)
        try data.write(to: file)
        return file.path
    }

    /// Deletes the folder and everything in it.
    public func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
