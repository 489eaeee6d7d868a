import Testing
import Web

/// The charts' value axis: round, close to the data, labelled without repeating itself.
@Suite("Chart scale")
struct ChartScaleTests {
    @Test("the axis ends at the first round value above the data, in at most six steps")
    func closeToTheData() {
        #expect(ChartScale(maximum: 420).maximum == 500 && ChartScale(maximum: 420).step == 100)
        #expect(ChartScale(maximum: 126).maximum == 150)
        #expect(ChartScale(maximum: 367.5).maximum == 400)
        let small = ChartScale(maximum: 1.05)
        #expect(small.step == 0.2 && abs(small.maximum - 1.2) < 1e-9 && small.ticks.count == 7)
        for value in [0.3, 7.0, 99.0, 1234.0, 86_000.0] {
            let scale = ChartScale(maximum: value)
            #expect(scale.maximum >= value && scale.maximum <= value * 2, "\(value) → \(scale.maximum)")
            #expect(scale.ticks.count <= ChartScale.maximumSteps + 1)
        }
    }

    @Test("labels of small steps keep their cents; whole steps drop them")
    func labels() {
        let small = ChartScale(maximum: 1)
        #expect(small.ticks.map { small.label($0, currency: "USD") } == ["$0.00", "$0.20", "$0.40", "$0.60", "$0.80", "$1.00"])
        let large = ChartScale(maximum: 4000)
        #expect(large.ticks.map { large.label($0, currency: "USD") }.last == "$4,000")
    }

    @Test("a negative minimum gets its own round ticks below zero")
    func negative() {
        let scale = ChartScale(minimum: -30, maximum: 90)
        #expect(scale.step == 25 && scale.minimum == -50 && scale.maximum == 100)
    }
}
