import vine from '@vinejs/vine'

export const loginValidator = vine.create({
  email: vine.string().trim().email().maxLength(254),
  password: vine.string().minLength(1).maxLength(256),
})

export const tokenRequestValidator = vine.create({
  email: vine.string().trim().email().maxLength(254),
  password: vine.string().minLength(1).maxLength(256),
  name: vine.string().trim().maxLength(100).optional(),
})

export const localeValidator = vine.create({
  locale: vine.enum(['ru', 'en']),
})

export const accountValidator = vine.create({
  locale: vine.enum(['ru', 'en']),
  emailNotifications: vine.boolean().optional(),
})
