import Foundation
import Testing
@testable import LinearProgramming

/// The row operations of the dense inverse's product-form update (``DenseInverse``), four
/// entries at a time: each must give the plain loop's result bit for bit, for every length
/// (whole groups of four, a tail, none at all), so that the simplex's pivots, and with them the
/// plans, are unchanged.
@Suite struct DenseKernelTests {
    /// Seeded values of every sign and a wide range of magnitudes.
    static func values(_ count: Int, seed: UInt64) -> [Double] {
        var state = seed &* 0x9E37_79B9_7F4A_7C15 | 1
        return (0..<count).map { _ in
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            let unit = Double(state >> 11) / Double(1 << 53)
            return (unit - 0.4) * pow(10, Double(Int(state % 9)) - 4)
        }
    }

    @Test(arguments: Array(0...11))
    func updatesMatchThePlainLoopsBitForBit(count: Int) {
        let x = Self.values(count, seed: UInt64(count + 1)), y = Self.values(count, seed: UInt64(count + 101))
        let a = -0.37 * Double(count + 1)
        var subtracted = y, added = y, divided = x, product = y, magnitudes = x.map(abs)
        var expectedSubtracted = y, expectedAdded = y, expectedDivided = x, expectedProduct = y, expectedMagnitudes = x.map(abs)
        for j in 0..<count {
            expectedSubtracted[j] -= a * x[j]
            expectedAdded[j] += a * x[j]
            expectedDivided[j] /= a
            expectedProduct[j] += a * x[j]
            expectedMagnitudes[j] += abs(a * x[j])
        }
        x.withUnsafeBufferPointer { source in
            let from = source.baseAddress ?? UnsafePointer(bitPattern: 8)!
            subtracted.withUnsafeMutableBufferPointer {
                DenseInverse.subtract(a, times: from, from: $0.baseAddress ?? UnsafeMutablePointer(bitPattern: 8)!, count: count)
            }
            added.withUnsafeMutableBufferPointer {
                DenseInverse.add(a, times: from, to: $0.baseAddress ?? UnsafeMutablePointer(bitPattern: 8)!, count: count)
            }
            product.withUnsafeMutableBufferPointer { to in
                magnitudes.withUnsafeMutableBufferPointer { sizes in
                    DenseInverse.add(a, times: from, to: to.baseAddress ?? UnsafeMutablePointer(bitPattern: 8)!,
                                     magnitudesTo: sizes.baseAddress ?? UnsafeMutablePointer(bitPattern: 8)!, count: count)
                }
            }
        }
        divided.withUnsafeMutableBufferPointer {
            DenseInverse.divide($0.baseAddress ?? UnsafeMutablePointer(bitPattern: 8)!, count: count, by: a)
        }
        #expect(subtracted.map(\.bitPattern) == expectedSubtracted.map(\.bitPattern))
        #expect(added.map(\.bitPattern) == expectedAdded.map(\.bitPattern))
        #expect(divided.map(\.bitPattern) == expectedDivided.map(\.bitPattern))
        #expect(product.map(\.bitPattern) == expectedProduct.map(\.bitPattern))
        #expect(magnitudes.map(\.bitPattern) == expectedMagnitudes.map(\.bitPattern))
    }
}
