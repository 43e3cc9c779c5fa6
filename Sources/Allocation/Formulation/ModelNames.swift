/// Builds the ASCII names GLPK and its LP/MPS writers see (`x_<source>_<work>`, `cover_<work>`…).
///
/// Ids are written with every character outside `A–Z a–z 0–9 _ .` replaced by `_` (so
/// `ntm-central` becomes `ntm_central`: GLPK's CPLEX-LP writer would otherwise turn `-` into
/// `~`). Should two names still collide, the later one gets a `_2`, `_3`… suffix. Vietnamese
/// display names stay in the scenario.
struct ModelNames {
    /// The names given so far with the FNV-1a hash of each one's UTF-8 bytes, and an
    /// open-addressing table of their indices keyed by that hash. A name is put together byte by
    /// byte in `bytes` (hashed as it grows) and becomes a `String` only once it is known to be
    /// new: joining the parts as strings, then hashing the result, cost about 2,200 instructions a
    /// name (a `Set<String>` before that spent half of its time in Swift's seeded hasher).
    private var names: [String] = []
    private var hashes: [UInt64] = []
    private var slots = [Int32](repeating: -1, count: 1 << 12)
    /// The name being put together.
    private var bytes: [UInt8] = []

    static func sanitize(_ id: String) -> String {
        var result = ""
        result.reserveCapacity(id.utf8.count)
        for scalar in id.unicodeScalars {
            let v = scalar.value
            let ok = (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) || v == 0x5F || v == 0x2E
            result.unicodeScalars.append(ok ? scalar : "_")
        }
        return result
    }

    /// The longest name, in bytes, before a `_2`, `_3`… suffix.
    static let longest = 240

    /// A unique name `prefix_part1_part2…`, at most 255 bytes.
    mutating func unique(_ prefix: String, _ parts: String...) -> String {
        unique(prefix, parts, skippingEmpty: false)
    }

    /// A unique name `prefix_part1_part2…` of `parts` (those that are empty left out when
    /// `skippingEmpty`), cut to ``longest`` bytes, with `_2`, `_3`… added when it was given before.
    mutating func unique(_ prefix: String, _ parts: [String], skippingEmpty: Bool) -> String {
        bytes.removeAll(keepingCapacity: true)
        Self.append(prefix, to: &bytes)
        for part in parts where !(skippingEmpty && part.isEmpty) {
            bytes.append(0x5F)
            Self.append(part, to: &bytes)
        }
        if bytes.count > Self.longest { bytes.removeLast(bytes.count - Self.longest) }
        if let name = insert() { return name }
        let base = bytes.count
        var k = 2
        while true {
            bytes.removeLast(bytes.count - base)
            bytes.append(0x5F)
            Self.append(String(k), to: &bytes)
            if let name = insert() { return name }
            k += 1
        }
    }

    private static func append(_ text: String, to bytes: inout [UInt8]) {
        if text.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) == nil {
            bytes.append(contentsOf: text.utf8)
        }
    }

    /// Adds the name in `bytes` and returns it; nil when it was given before.
    private mutating func insert() -> String? {
        if 2 * (names.count + 1) > slots.count { grow() }
        let h = Self.hash(bytes), mask = slots.count - 1
        var i = Self.slot(h) & mask
        while slots[i] >= 0 {
            let k = Int(slots[i])
            if hashes[k] == h && names[k].utf8.elementsEqual(bytes) { return nil }
            i = (i + 1) & mask
        }
        let name = String(decoding: bytes, as: UTF8.self)
        slots[i] = Int32(names.count)
        names.append(name)
        hashes.append(h)
        return name
    }

    /// Doubles the table and places every name again.
    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for (k, h) in hashes.enumerated() {
            var i = Self.slot(h) & mask
            while slots[i] >= 0 { i = (i + 1) & mask }
            slots[i] = Int32(k)
        }
    }

    /// FNV-1a over the UTF-8 bytes.
    private static func hash(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBufferPointer { bytes in
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in bytes {
                h ^= UInt64(byte)
                h = h &* 0x0000_0100_0000_01b3
            }
            return h
        }
    }

    /// The table position of hash `h`: its high bits folded into the low ones the table uses.
    private static func slot(_ h: UInt64) -> Int { Int(truncatingIfNeeded: h ^ (h >> 32)) }
}
