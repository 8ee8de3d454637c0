/**
 * The subject areas a draft act belongs to (its `subject_area`): the
 * office's form offers them, the portal's catalogue filters by them. Their
 * names are `lawmaking.subjects.<code>` in both languages.
 */
export const SUBJECT_AREAS = [
  'social',
  'economy',
  'health',
  'education',
  'transport',
  'housing',
  'environment',
  'culture',
  'security',
  'governance',
] as const

export type SubjectArea = (typeof SUBJECT_AREAS)[number]
