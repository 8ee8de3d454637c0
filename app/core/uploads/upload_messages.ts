import type { I18n } from '@adonisjs/i18n'
import { errors as vineErrors } from '@vinejs/vine'
import type { FieldContext, MessagesProviderContact } from '@vinejs/vine/types'
import { UploadError } from '#core/uploads/upload_error'

/** "File «name»: the problem", in the user's language. */
export function uploadProblemMessage(i18n: I18n, fileName: string, error: UploadError) {
  return i18n.t('uploads.file_problem', { name: fileName, problem: i18n.t(`uploads.errors.${error.reason}`, error.details) })
}

/** A validation error on the form's file field naming the file, as the web form shows any other. */
export function uploadFieldError(i18n: I18n, field: string, fileName: string, error: UploadError) {
  return new vineErrors.E_VALIDATION_ERROR([{ field, message: uploadProblemMessage(i18n, fileName, error), rule: `file.${error.reason}` }])
}

/**
 * Wraps a messages provider so that every message about an uploaded file
 * names the file by its name (`{file}`) and the field by its label: a file of
 * a list (`photos.2`) is reported as the list's field, never as "2".
 */
export function withFileNames(provider: MessagesProviderContact): MessagesProviderContact {
  return {
    getMessage(defaultMessage: string, rule: string, field: FieldContext, meta?: Record<string, any>) {
      const value = field.value as { clientName?: string } | undefined
      if (!rule.startsWith('file') || !value || typeof value !== 'object' || typeof value.clientName !== 'string') {
        return provider.getMessage(defaultMessage, rule, field, meta)
      }
      const listName = /^\d+$/.test(String(field.name)) ? String(field.wildCardPath ?? '').split('.').find((part) => part !== '*' && !/^\d+$/.test(part)) : undefined
      const named = listName ? ({ ...field, name: listName } as FieldContext) : field
      // lists (allowed extensions) read as "xlsx, csv", not as ICU's rendering of an array
      const listed = Object.fromEntries(Object.entries(meta ?? {}).map(([key, item]) => [key, Array.isArray(item) ? item.join(', ') : item]))
      return provider.getMessage(defaultMessage, rule, named, { ...listed, file: value.clientName })
    },
  }
}
