import { defineConfig } from '@adonisjs/core/bodyparser'
import { settings } from '#core/settings'

const bodyParserConfig = defineConfig({
  allowedMethods: ['POST', 'PUT', 'PATCH', 'DELETE'],
  form: {
    convertEmptyStringsToNull: true,
    trimWhitespaces: true,
    types: ['application/x-www-form-urlencoded'],
  },
  json: {
    convertEmptyStringsToNull: true,
    trimWhitespaces: true,
    types: ['application/json', 'application/json-patch+json', 'application/vnd.api+json'],
  },
  multipart: {
    autoProcess: true,
    convertEmptyStringsToNull: true,
    trimWhitespaces: true,
    processManually: [],
    // Twice the largest voice recording: a file somewhat over the limit gets a
    // 422 with a message from the validator rather than a bare 413. Files are
    // streamed to disk, and every route still checks each file's own size.
    limit: `${Math.max(25, settings.voiceMaxUploadMb * 2)}mb`,
    types: ['multipart/form-data'],
  },
})

export default bodyParserConfig
