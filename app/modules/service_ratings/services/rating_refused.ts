/**
 * A rating the rules refuse (unknown or inactive service, a second rating in
 * the month): the field it concerns and the i18n key of the reason, which the
 * controller answers as a 422 in the user's language.
 */
export class RatingRefused extends Error {
  constructor(
    readonly field: string,
    readonly reason: 'unknown_service' | 'inactive_service' | 'already_rated'
  ) {
    super(`Rating refused: ${reason}`)
  }
}
