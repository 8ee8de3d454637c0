import type { I18n } from '@adonisjs/i18n'
import type { FieldContext, MessagesProviderContact } from '@vinejs/vine/types'
import { withFileNames } from '#core/uploads/upload_messages'

/**
 * Validation messages in the user's language with staffing's own field names
 * (`staffing.fields.<name>`) and rules (`staffing.validation.<rule>`); every
 * other rule's message is the shared one of resources/lang/<locale>/validator.json.
 */
export function staffingMessages(i18n: I18n): MessagesProviderContact {
  const shared = i18n.createMessagesProvider()
  const translate = (key: string, data?: Record<string, unknown>) => {
    const found = i18n.resolveIdentifier(key)
    return found ? i18n.formatRawMessage(found.message, data) : null
  }
  return withFileNames({
    getMessage(defaultMessage: string, rule: string, field: FieldContext, meta?: Record<string, any>) {
      const name = translate(`staffing.fields.${field.name}`) ?? String(field.name)
      const own = translate(`staffing.validation.${rule}`, { field: name, ...meta })
      if (own) return own
      return shared.getMessage(defaultMessage, rule, { ...field, name } as FieldContext, meta)
    },
  })
}

/** The label of a field (a form field or an import column) in the user's language. */
export function fieldLabel(i18n: I18n, name: string) {
  const found = i18n.resolveIdentifier(`staffing.fields.${name}`)
  return found ? i18n.formatRawMessage(found.message) : name
}
