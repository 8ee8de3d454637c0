import { settings } from '#core/settings'

/** The speech-to-text service answered with an error or did not answer. */
export class TranscriptionError extends Error {}

/** Whether a speech-to-text endpoint is configured at all. */
export function transcriptionConfigured() {
  return settings.speechToText.url !== null
}

/**
 * The endpoint URL: SPEECH_TO_TEXT_URL may be the full path or a base URL
 * (https://api.openai.com), to which the standard path is added.
 */
function endpoint(url: string) {
  return /\/audio\/transcriptions\/?$/.test(url) ? url : `${url.replace(/\/+$/, '')}/v1/audio/transcriptions`
}

/**
 * Sends audio to an OpenAI-compatible `POST /v1/audio/transcriptions`
 * (multipart `file` + `model`) and returns the recognised text.
 */
export async function transcribe(audio: Buffer, fileName: string, mimeType: string): Promise<string> {
  const config = settings.speechToText
  if (!config.url) throw new TranscriptionError('Speech-to-text is not configured')
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(audio)], { type: mimeType }), fileName)
  form.append('model', config.model)
  form.append('response_format', 'json')
  if (config.language) form.append('language', config.language)

  let response: Response
  try {
    response = await fetch(endpoint(config.url), {
      method: 'POST',
      headers: config.key ? { authorization: `Bearer ${config.key}` } : {},
      body: form,
      signal: AbortSignal.timeout(config.timeoutMs),
    })
  } catch (error) {
    throw new TranscriptionError(`Speech-to-text unreachable: ${(error as Error).message}`)
  }
  const body = await response.text()
  if (!response.ok) {
    throw new TranscriptionError(`Speech-to-text answered ${response.status}: ${body.slice(0, 300)}`)
  }
  let text: unknown
  try {
    text = JSON.parse(body).text
  } catch {
    throw new TranscriptionError(`Speech-to-text answered with something that is not JSON: ${body.slice(0, 300)}`)
  }
  if (typeof text !== 'string') throw new TranscriptionError('Speech-to-text answered without a "text" field')
  return text.trim()
}
