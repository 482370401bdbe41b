extension NgDPWire {
    /// NgDP's 400 answer: `{code, message, fieldErrors:[{resource, field, code, message, rejectedValue}]}`.
    struct ErrorMessage: Decodable {
        var code: String?
        var message: String?
        var fieldErrors: [FieldError]?

        struct FieldError: Decodable {
            var resource: String?
            var field: String?
            var code: String?
            var message: String?
            var rejectedValue: LenientText?
        }

        /// The field errors, or the top-level code and message as one when there are none, so a
        /// 400 without field errors still says why. Messages are masked for CPR-shaped numbers.
        var publicFieldErrors: [NgDPFieldError] {
            let fields = (fieldErrors ?? []).map {
                NgDPFieldError(
                    resource: $0.resource,
                    field: $0.field,
                    code: $0.code,
                    message: $0.message.map(NgDPRedaction.maskPersonalNumbers),
                    rejectedValue: $0.rejectedValue?.text
                )
            }
            if !fields.isEmpty || (code == nil && message == nil) { return fields }
            return [NgDPFieldError(code: code, message: message.map(NgDPRedaction.maskPersonalNumbers))]
        }
    }
}
