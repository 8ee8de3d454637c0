import type { HttpContext } from '@adonisjs/core/http'
import { readFile } from 'node:fs/promises'
import app from '@adonisjs/core/services/app'

let document: string | undefined

/**
 * Serves the OpenAPI description of the REST API (resources/openapi).
 */
export default class OpenApiController {
  async show({ response }: HttpContext) {
    document ??= await readFile(app.makePath('resources/openapi/openapi.json'), 'utf8')
    response.header('content-type', 'application/json; charset=utf-8')
    return response.send(document)
  }
}
