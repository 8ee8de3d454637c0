/**
 * The fixed vocabularies of court cases. Stored as these keys, shown to
 * users through `lawsuits.<list>.<key>` in their language.
 */
export const INSTANCES = ['first', 'appeal', 'cassation', 'supervisory'] as const
export const CATEGORIES = ['contract', 'property', 'land', 'budget', 'tax', 'labour', 'administrative', 'procurement', 'other'] as const
export const PARTY_ROLES = ['plaintiff', 'defendant', 'third_party', 'applicant', 'interested_party', 'prosecutor'] as const
export const OUTCOMES = [
  'satisfied',
  'partially_satisfied',
  'denied',
  'terminated',
  'left_without_review',
  'settlement_approved',
  'remanded',
] as const
export const ACT_KINDS = ['decision', 'ruling', 'resolution', 'writ', 'other'] as const

export type Instance = (typeof INSTANCES)[number]
export type Category = (typeof CATEGORIES)[number]
export type PartyRole = (typeof PARTY_ROLES)[number]
export type Outcome = (typeof OUTCOMES)[number]
export type ActKind = (typeof ACT_KINDS)[number]

/** The instance an appeal of a case at `instance` goes to, or null at the top. */
export function nextInstance(instance: Instance): Instance | null {
  return INSTANCES[INSTANCES.indexOf(instance) + 1] ?? null
}

/** Hearings are reminded this many days before (each once per hearing date). */
export const REMINDER_DAYS = [7, 1] as const
