import type { I18n } from '@adonisjs/i18n'
import type { FieldContext, MessagesProviderContact } from '@vinejs/vine/types'
import { moduleMessages } from '#core/module_messages'

/**
 * Validation messages of the profiles area: its own rules' messages
 * (`social_profiles.validation.<rule>`, e.g. the avatar checks) and the
 * platform's messages with the area's field names (`social_profiles.fields.*`).
 */
export function profilesMessages(i18n: I18n): MessagesProviderContact {
  const shared = moduleMessages(i18n, 'social_profiles')
  return {
    getMessage(defaultMessage: string, rule: string, field: FieldContext, meta?: Record<string, any>) {
      const own = i18n.resolveIdentifier(`social_profiles.validation.${field.name}.${rule}`) ?? i18n.resolveIdentifier(`social_profiles.validation.${rule}`)
      if (own) return i18n.formatRawMessage(own.message, meta ?? {})
      return shared.getMessage(defaultMessage, rule, field, meta)
    },
  }
}
