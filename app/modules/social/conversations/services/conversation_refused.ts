/**
 * A conversation or message the rules refuse: the field it concerns and the
 * i18n key of the reason (social_conversations.refusals.<reason>), answered
 * as a 422 in the user's language; `names` are the recipients concerned.
 */
export class ConversationRefused extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
    readonly values: Record<string, string | number> = {}
  ) {
    super(`Conversation refused: ${reason}`)
  }
}
