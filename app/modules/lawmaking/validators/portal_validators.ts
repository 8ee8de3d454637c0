import vine from '@vinejs/vine'
import { SUBJECT_AREAS } from '#modules/lawmaking/services/subjects'

/** The catalogue's filters (anything not understood is left out, never an error). */
export const catalogueFiltersValidator = vine.create({
  stage: vine.enum(['discussion', 'reaction', 'completed'] as const).optional(),
  level: vine.enum(['regional', 'municipal'] as const).optional(),
  municipality: vine.string().trim().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/).optional(),
  subject: vine.enum(SUBJECT_AREAS).optional(),
  open: vine.boolean().optional(),
})

/** The statistics' filters (anything not understood is left out, never an error). */
export const statsFiltersValidator = vine.create({
  level: vine.enum(['regional', 'municipal'] as const).optional(),
  municipality: vine.string().trim().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/).optional(),
})

/** A version of a draft to read (`?version=N`), and the two a redline compares. */
export const versionsValidator = vine.create({
  version: vine.number().positive().withoutDecimals().optional(),
  from: vine.number().positive().withoutDecimals().optional(),
  to: vine.number().positive().withoutDecimals().optional(),
  view: vine.enum(['inline', 'side'] as const).optional(),
})

/** Which summary of proposals to send: a version (`?version=N`) and a language (`?lang=ru|en`). */
export const summaryQueryValidator = vine.create({
  version: vine.number().positive().withoutDecimals().optional(),
  lang: vine.enum(['ru', 'en'] as const).optional(),
})

/** A citizen's remark on a clause: what is wrong, optionally where exactly, how to word it and why. */
export const remarkValidator = vine.create({
  text: vine.string().trim().minLength(3).maxLength(5000),
  fragment: vine.string().trim().maxLength(1000).optional(),
  proposedWording: vine.string().trim().maxLength(5000).optional(),
  reason: vine.string().trim().maxLength(2000).optional(),
})

/** A reply under a remark (its own field name, so a refused remark's text never fills the reply forms). */
export const replyValidator = vine.create({
  reply: vine.string().trim().minLength(2).maxLength(2000),
})

/** A moderator hides or restores a remark, always saying why. */
export const moderationValidator = vine.create({
  reason: vine.string().trim().minLength(3).maxLength(1000),
})

/** A citizen flags a remark for the moderators, optionally saying why. */
export const flagValidator = vine.create({
  reason: vine.string().trim().maxLength(500).optional(),
})
