/**
 * Subject areas of the social network: interests on profiles, follows,
 * communities and publications' topics. Labels: `social.subjects.<code>`.
 */
export const subjectCodes = [
  'transport',
  'roads',
  'housing',
  'urban_environment',
  'ecology',
  'education',
  'health',
  'social_support',
  'culture',
  'sport',
  'economy',
  'construction',
  'digital',
  'safety',
  'agriculture',
  'tourism',
] as const

export type SubjectCode = (typeof subjectCodes)[number]

export function isSubjectCode(value: unknown): value is SubjectCode {
  return typeof value === 'string' && (subjectCodes as readonly string[]).includes(value)
}
