import { errors as vineErrors } from '@vinejs/vine'

/** Translates an i18n key for the person acting (commands and jobs pass the key through). */
export type Translate = (key: string, data?: Record<string, unknown>) => string

export const untranslated: Translate = (key) => key

/** A refusal on one field, answered 422 with the message in the person's language (JSON, or back to the form). */
export function refusal(field: string, rule: string, message: string) {
  return new vineErrors.E_VALIDATION_ERROR([{ field, rule, message }])
}
