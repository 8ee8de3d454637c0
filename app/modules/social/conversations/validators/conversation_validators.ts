import vine from '@vinejs/vine'
import type { I18n } from '@adonisjs/i18n'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import type { FieldContext, MessagesProviderContact } from '@vinejs/vine/types'
import { moduleMessages } from '#core/module_messages'
import { attachmentKind } from '#modules/social/conversations/services/attachments'
import { MAX_ATTACHMENT_MB, MAX_ATTACHMENTS, MAX_MESSAGE_LENGTH } from '#modules/social/conversations/services/limits'

/** A photo that decodes to the end or a PDF by its magic bytes, whatever the name or the browser claims. */
const realAttachment = vine.createRule(async (value, _options, field) => {
  if (!field.isValid) return
  const file = value as MultipartFile
  if (!file.tmpPath || !(await attachmentKind(file.tmpPath))) field.report('The file is neither a photo nor a PDF', 'file.social_attachment', field)
})

const attachments = () =>
  vine
    .array(vine.file({ size: `${MAX_ATTACHMENT_MB}mb` }).use(realAttachment()))
    .maxLength(MAX_ATTACHMENTS)
    .optional()

const body = () => vine.string().trim().minLength(1).maxLength(MAX_MESSAGE_LENGTH)

export const startConversationValidator = vine.create({
  // profile numbers or /people/<id> addresses, separated by commas or spaces
  recipients: vine.string().trim().minLength(1).maxLength(2000),
  title: vine.string().trim().maxLength(120).optional(),
  body: body(),
  attachments: attachments(),
})

export const messageValidator = vine.create({
  body: body(),
  attachments: attachments(),
})

export const readValidator = vine.create({
  upTo: vine.number().positive().withoutDecimals(),
})

export const blockValidator = vine.create({
  userId: vine.number().positive().withoutDecimals(),
})

/** The ids named in the recipients field: numbers or profile addresses (/people/12). */
export function recipientIds(value: string) {
  return [...value.matchAll(/(?:\/people\/)?(\d{1,10})/gu)].map((match) => Number(match[1])).filter((id) => Number.isSafeInteger(id) && id > 0)
}

/** The shared messages with this area's field names, and its own rule for attachments. */
export function conversationMessages(i18n: I18n): MessagesProviderContact {
  const shared = moduleMessages(i18n, 'social_conversations')
  return {
    getMessage(defaultMessage: string, rule: string, field: FieldContext, meta?: Record<string, any>) {
      if (rule === 'file.social_attachment') {
        const file = (field.value as { clientName?: string } | undefined)?.clientName ?? ''
        return i18n.t('social_conversations.validation.attachment', { file })
      }
      return shared.getMessage(defaultMessage, rule, field, meta)
    },
  }
}
