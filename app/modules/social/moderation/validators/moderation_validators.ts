import vine from '@vinejs/vine'
import { MAX_ROW_ID } from '#core/row_ids'
import { flagReasons } from '#modules/social/moderation/registry'

/** A user's flag on an item of a registered kind. */
export const flagValidator = vine.create({
  kind: vine.string().trim().regex(/^[a-z_]+\.[a-z_]+$/).maxLength(60),
  id: vine.number().positive().withoutDecimals().max(MAX_ROW_ID),
  reason: vine.enum(flagReasons),
  note: vine.string().trim().maxLength(1000).optional(),
})

/** A moderator's hide, restore or dismissal: why (the author is told). */
export const decisionValidator = vine.create({
  reason: vine.string().trim().minLength(3).maxLength(1000),
})

/** The queue's filters (anything not understood is left out, never an error). */
export const queueFiltersValidator = vine.create({
  kind: vine.string().trim().regex(/^[a-z_]+\.[a-z_]+$/).maxLength(60).optional(),
  state: vine.enum(['pending', 'hidden', 'decided', 'all'] as const).optional(),
  reason: vine.enum(flagReasons).optional(),
  page: vine.number().positive().withoutDecimals().max(100000).optional(),
})

/** A sanction on a user: a warning, a suspension until a date, or a block (until a date or indefinitely). */
export const sanctionValidator = vine.create({
  userId: vine.number().positive().withoutDecimals().max(MAX_ROW_ID),
  kind: vine.enum(['warn', 'suspend', 'block'] as const),
  until: vine.date({ formats: ['YYYY-MM-DD'] }).optional().requiredWhen('kind', '=', 'suspend'),
  reason: vine.string().trim().minLength(3).maxLength(1000),
})

/** Lifting a sanction early: why. */
export const liftValidator = vine.create({
  reason: vine.string().trim().minLength(3).maxLength(1000),
})

/** An appeal: why the decision was wrong. */
export const appealValidator = vine.create({
  text: vine.string().trim().minLength(10).maxLength(3000),
})

/** Another moderator's decision on an appeal. */
export const appealDecisionValidator = vine.create({
  outcome: vine.enum(['upheld', 'overturned'] as const),
  reason: vine.string().trim().minLength(3).maxLength(1000),
})

/** The portal's moderation settings (admins). */
export const settingsValidator = vine.create({
  autoHideThreshold: vine.number().withoutDecimals().min(1).max(100),
})
