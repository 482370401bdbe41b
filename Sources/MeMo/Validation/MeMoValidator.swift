/// Checks a message against the rules of digital-post.md, the way NgDP answers a 400: every
/// problem found, each as a field error, none of them repeating the field's value.
///
/// Form is the parser's concern (a message that parsed has every required element in order);
/// this covers what a well-formed message can still get wrong, and the fields a message built in
/// code may leave empty. An empty result means the message may be sent (or, incoming, accepted).
public enum MeMoValidator {
    public static func validate(
        _ message: MeMoMessage,
        context: MeMoValidationContext = .outgoingPublicSender
    ) -> [MeMoFieldError] {
        var run = ValidationRun(context: context, version: message.version)
        run.check(message.header)
        switch (message.header.messageType, message.body) {
        case (.digitalPost, let body?):
            run.check(body)
        case (.digitalPost, nil):
            run.report("MessageBody", MeMoFieldError.Code.required, "A Digital Post message must have a MessageBody.")
        case (.nemSMS, _?):
            run.report("MessageBody", MeMoFieldError.Code.notAllowed, "A NemSMS message must not have a MessageBody.")
        case (.nemSMS, nil):
            break
        }
        return run.errors
    }
}
