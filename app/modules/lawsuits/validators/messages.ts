import type { I18n } from '@adonisjs/i18n'
import type { FieldContext, MessagesProviderContact } from '@vinejs/vine/types'
import { withFileNames } from '#core/uploads/upload_messages'

/**
 * Validation messages of the lawsuits forms in the user's language: the
 * shared rule messages (validator.shared.messages) with this module's field
 * names (`lawsuits.fields.<name>`) and its own messages where a rule needs
 * a better sentence (`lawsuits.validator.<field>.<rule>`, then `.<rule>`).
 */
export class LawsuitMessages implements MessagesProviderContact {
  #shared: MessagesProviderContact

  constructor(private i18n: I18n) {
    this.#shared = i18n.createMessagesProvider()
  }

  #field(name: string) {
    const own = this.i18n.resolveIdentifier(`lawsuits.fields.${name}`)
    return own ? own.message : name
  }

  getMessage(defaultMessage: string, rule: string, field: FieldContext, rawMeta?: Record<string, any>) {
    // Lists (allowed extensions) read as "pdf, docx", not as ICU's rendering of an array.
    const meta = rawMeta && Object.fromEntries(Object.entries(rawMeta).map(([key, value]) => [key, Array.isArray(value) ? value.join(', ') : value]))
    const fieldName = this.#field(String(field.name))
    const own =
      this.i18n.resolveIdentifier(`lawsuits.validator.${field.wildCardPath}.${rule}`) ??
      this.i18n.resolveIdentifier(`lawsuits.validator.${rule}`)
    if (own) return this.i18n.formatRawMessage(own.message, { field: fieldName, ...meta })
    return this.#shared.getMessage(defaultMessage, rule, { ...field, name: fieldName } as FieldContext, meta)
  }
}

export function lawsuitMessages(i18n: I18n) {
  return withFileNames(new LawsuitMessages(i18n))
}
