import type { I18n } from '@adonisjs/i18n'
import type { FieldContext, MessagesProviderContact } from '@vinejs/vine/types'

/**
 * Validation messages of the planner in the reader's language: the
 * planner's own field names and rules (resources/lang/<locale>/planner.json,
 * "validation") first, then the shared ones of validator.json.
 */
export class PlannerMessages implements MessagesProviderContact {
  constructor(private i18n: I18n) {}

  #resolve(keys: string[]) {
    for (const key of keys) {
      const found = this.i18n.resolveIdentifier(key)
      if (found) return found.message
    }
    return null
  }

  #field(field: FieldContext) {
    const path = String(field.wildCardPath)
    const name = this.#resolve([
      `planner.validation.fields.${path}`,
      `planner.validation.fields.${String(field.name)}`,
      `validator.shared.fields.${String(field.name)}`,
    ])
    return name ? this.i18n.formatRawMessage(name) : String(field.name)
  }

  getMessage(defaultMessage: string, rule: string, field: FieldContext, meta?: Record<string, any>) {
    const fieldName = this.#field(field)
    const message = this.#resolve([
      `planner.validation.messages.${field.wildCardPath}.${rule}`,
      `planner.validation.messages.${rule}`,
      `validator.shared.messages.${field.wildCardPath}.${rule}`,
      `validator.shared.messages.${rule}`,
    ])
    if (message) return this.i18n.formatRawMessage(message, { ...meta, field: fieldName })
    return defaultMessage.replace(/\{\{\s*field\s*\}\}/g, fieldName)
  }
}
