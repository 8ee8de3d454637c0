import vine from '@vinejs/vine'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import { UPLOAD_LIMITS } from '#core/uploads/limits'

export const TABLE_EXTNAMES = ['xlsx', 'csv']

/** The extension the person gave the file (what they mean it to be), lower-case. */
export function clientExtname(file: MultipartFile) {
  return (file.clientName.match(/\.([^.]+)$/)?.[1] ?? '').toLowerCase()
}

/**
 * An import file is judged by its name's extension and its size, not by a
 * guess at its first bytes: an empty file is "empty" and a truncated XLSX is
 * "could not be read" (the reader says so), never "wrong type".
 */
const tableFileRule = vine.createRule((value, _options, field) => {
  if (!field.isValid) return
  const file = value as MultipartFile
  if (file.size === 0) field.report('The file {{ file }} is empty', 'file.empty', field)
  else if (!TABLE_EXTNAMES.includes(clientExtname(file))) field.report('The file type is not allowed', 'file.extname', field, { extnames: TABLE_EXTNAMES })
})

/** The file field of every import form: XLSX or CSV, up to the upload limit. */
export const tableFile = () => vine.file({ size: UPLOAD_LIMITS.maxFileSize }).use(tableFileRule())

/** The uploaded table as the readers want it: its temporary path and its extension. */
export function tableSource(file: MultipartFile) {
  return { path: file.tmpPath!, extname: clientExtname(file) }
}
