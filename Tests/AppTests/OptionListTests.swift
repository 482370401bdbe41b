import Foundation
import Testing

@testable import App

@Suite("Options of a select written in Swift")
struct OptionListTests {
    @Test func everyValueAndLabelIsEscapedAndTheChosenOneSelected() throws {
        let list = OptionList([
            SelectOption(value: "", label: "Alle", selected: false),
            SelectOption(value: "a\"b", label: "<script>alert('x')</script> & Co", selected: true),
        ])
        #expect(
            list.html
                == #"<option value="">Alle</option><option value="a&quot;b" selected>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co</option>"#
        )
        let encoded = try JSONEncoder().encode(["options": list])
        #expect(String(decoding: encoded, as: UTF8.self).contains(#"<option value=\"\">Alle<\/option>"#))
    }
}
