import vine from '@vinejs/vine'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import { settings } from '#core/settings'
import { AUDIO_EXTENSIONS, sniffAudioFile } from '#modules/orders/services/audio_types'
import { DEADLINE_KEYWORD_VALUES } from '#modules/orders/validators/order_validators'
import { executorReferenceExists } from '#core/validation_rules'
import { ORDER_TYPES } from '#modules/orders/models/order'

/**
 * The bytes must really be audio: a renamed document or program is refused
 * even with an audio extension.
 */
const realAudio = vine.createRule(async (value, _options, field) => {
  if (!field.isValid) return
  const file = value as MultipartFile
  const extname = file.clientName.split('.').pop()?.toLowerCase() ?? ''
  if (!AUDIO_EXTENSIONS.includes(extname) || !file.tmpPath || !(await sniffAudioFile(file.tmpPath))) {
    field.report('The file is not an audio recording', 'file.audio', field)
  }
})

// No `extnames` here: the rule checks the name and the bytes with one clear message.
const audioFile = () => vine.file({ size: `${settings.voiceMaxUploadMb}mb` }).use(realAudio())

export const attachVoiceValidator = vine.create({
  audio: audioFile(),
})

/**
 * "New order by voice": the recording and who is responsible; the text comes
 * from the transcript later, confirmed by the issuer.
 */
export const voiceOrderValidator = vine.create({
  audio: audioFile(),
  type: vine.enum(ORDER_TYPES).optional(),
  responsible: vine.string().trim().regex(/^(department|user):\d+$/).use(executorReferenceExists()),
  deadlineKeyword: vine.enum(DEADLINE_KEYWORD_VALUES).optional(),
  deadline: vine.date({ formats: ['YYYY-MM-DD'] }).optional().requiredWhen('deadlineKeyword', '=', 'date'),
})

/** The issuer's confirmed text (the transcript, possibly corrected). */
export const applyTranscriptValidator = vine.create({
  text: vine.string().trim().minLength(5).maxLength(10000),
})
