import type { PersonalDataPart } from '#modules/social/profiles/personal_data'

/** This area's part of a user's data export and account deletion. */
const parts: PersonalDataPart[] = []

export default parts
