import Foundation

/// Reads and checks one message file in one step, for the command line and the stand-in:
/// a summary when the message is good, otherwise every problem found.
public enum MeMoInspection {
    public static func inspect(
        data: Data,
        context: MeMoValidationContext = .outgoingPublicSender
    ) -> Result<MeMoSummary, MeMoProblems> {
        let message: MeMoMessage
        do {
            message = try MeMoParser(limits: context.limits).parse(data)
        } catch {
            return .failure(.parse(error))
        }
        let errors = MeMoValidator.validate(message, context: context)
        return errors.isEmpty ? .success(MeMoSummary(message)) : .failure(.fields(errors))
    }
}
