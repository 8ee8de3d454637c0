import type { I18n } from '@adonisjs/i18n'
import type { FieldContext, MessagesProviderContact } from '@vinejs/vine/types'
import { withFileNames } from '#core/uploads/upload_messages'

/**
 * The platform's validation messages with a module's own field names
 * (`<area>.fields.<name>`), so the shared validator.json stays untouched.
 */
export function moduleMessages(i18n: I18n, area: string): MessagesProviderContact {
  const shared = i18n.createMessagesProvider()
  return withFileNames({
    getMessage(defaultMessage: string, rule: string, field: FieldContext, meta?: Record<string, any>) {
      const label = i18n.resolveIdentifier(`${area}.fields.${field.name}`)
      const named = label ? ({ ...field, name: i18n.formatRawMessage(label.message) } as FieldContext) : field
      return shared.getMessage(defaultMessage, rule, named, meta)
    },
  })
}
