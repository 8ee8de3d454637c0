import vine from '@vinejs/vine'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import { subjectCodes } from '#modules/social/subjects'
import { AUDIENCES } from '#modules/social/profiles/models/social_profile'
import { AVATAR_MAX_MB, avatarProblem } from '#modules/social/profiles/services/avatars'
import { MEMBER_ROLES } from '#modules/social/profiles/models/organisation'

/** The avatar's bytes must be a sane image whatever its name says (messages: social_profiles.errors.avatar_*). */
const realAvatar = vine.createRule(async (value, _options, field) => {
  if (!field.isValid) return
  const file = value as MultipartFile
  const problem = file.tmpPath ? await avatarProblem(file.tmpPath) : 'not_image'
  if (problem) field.report(`The file is not a usable image (${problem})`, `avatar.${problem}`, field)
})

/** Plain text on one line: no control characters (a name is shown everywhere the person writes). */
const oneLine = /^[^\u0000-\u001f\u007f]*$/

export const profileValidator = vine.create({
  displayName: vine.string().trim().minLength(2).maxLength(80).regex(oneLine),
  about: vine.string().trim().maxLength(2000).optional(),
  municipalityCode: vine.string().trim().maxLength(20).optional(),
  interests: vine.array(vine.enum(subjectCodes)).maxLength(8).optional(),
  avatar: vine.file({ size: `${AVATAR_MAX_MB}mb`, extnames: ['jpg', 'jpeg', 'png', 'webp', 'JPG', 'JPEG', 'PNG', 'WEBP'] }).use(realAvatar()).optional(),
  removeAvatar: vine.boolean().optional(),
})

export const privacyValidator = vine.create({
  messagePolicy: vine.enum(AUDIENCES),
  municipalityVisibility: vine.enum(AUDIENCES),
  emailDigest: vine.boolean().optional(),
})

export const FOLLOW_TYPES = ['user', 'organisation', 'subject', 'municipality'] as const

export const followValidator = vine.create({
  targetType: vine.enum(FOLLOW_TYPES),
  targetKey: vine.string().trim().minLength(1).maxLength(40),
})

export const deletionValidator = vine.create({
  password: vine.string().minLength(1).maxLength(200),
  confirm: vine.accepted(),
})

export const organisationValidator = vine.create({
  name: vine.string().trim().minLength(3).maxLength(200).regex(oneLine),
  inn: vine.string().trim().regex(/^(\d{10}|\d{12})$/).optional(),
  ogrn: vine.string().trim().regex(/^(\d{13}|\d{15})$/).optional(),
  description: vine.string().trim().minLength(20).maxLength(5000),
  site: vine.string().trim().maxLength(300).url({ require_protocol: true, protocols: ['http', 'https'] }).optional(),
  subjects: vine.array(vine.enum(subjectCodes)).minLength(1).maxLength(8),
})

export const organisationReviewValidator = vine.create({
  reason: vine.string().trim().maxLength(2000).optional(),
})

export const inviteValidator = vine.create({
  userId: vine.number().positive().withoutDecimals(),
  role: vine.enum(MEMBER_ROLES),
})

export const officialAccountValidator = vine.create({
  about: vine.string().trim().maxLength(2000).optional(),
})
