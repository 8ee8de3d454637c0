import { crc32, deflateRawSync } from 'node:zlib'
import type { ApiClient } from '@japa/api-client'
import { csrfTokenFrom, SESSION_COOKIE } from '#tests/helpers/http'

/**
 * A zip file of these entries (deflated; those named in `stored` kept as
 * they are, as ODF's `mimetype` must be), written by hand so a test can
 * make any zip, a bomb too.
 */
export function zipOf(entries: Record<string, Buffer | string>, options: { stored?: string[] } = {}) {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const [name, content] of Object.entries(entries)) {
    const data = Buffer.isBuffer(content) ? content : Buffer.from(content)
    const stored = options.stored?.includes(name) ?? false
    const packed = stored ? data : deflateRawSync(data, { level: 9 })
    const method = stored ? 0 : 8
    const fileName = Buffer.from(name)
    const crc = crc32(data)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(method, 8)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(packed.length, 18)
    local.writeUInt32LE(data.length, 22)
    local.writeUInt16LE(fileName.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(method, 10)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(packed.length, 20)
    central.writeUInt32LE(data.length, 24)
    central.writeUInt16LE(fileName.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(local, fileName, packed)
    centrals.push(central, fileName)
    offset += local.length + fileName.length + packed.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(Object.keys(entries).length, 8)
  end.writeUInt16LE(Object.keys(entries).length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, directory, end])
}

/**
 * A real XLSX workbook whose one sheet repeats the same row `rows` times:
 * a few hundred kilobytes that unpack to tens of megabytes (a zip bomb).
 */
export function bombXlsx(rows = 400_000) {
  const row = '<row><c t="inlineStr"><is><t>AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA</t></is></c></row>'
  return zipOf({
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    '_rels/.rels':
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    'xl/workbook.xml':
      '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
    'xl/_rels/workbook.xml.rels':
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    'xl/worksheets/sheet1.xml': Buffer.from(
      `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${row.repeat(rows)}</sheetData></worksheet>`
    ),
  })
}

/**
 * Posts a form with one file from its page like a browser (the page's CSRF
 * token, the same session). With `json`, asks for JSON as an API client
 * would; otherwise the redirect is returned unfollowed.
 */
export async function postFile(
  client: ApiClient,
  target: { host: string; session: string; page: string; action: string },
  file: { buffer: Buffer; name: string; field?: string },
  fields: Record<string, string> = {},
  options: { json?: boolean } = {}
) {
  const page = await client.get(target.page).header('host', target.host).withCookie(SESSION_COOKIE, target.session)
  let request = client
    .post(target.action)
    .header('host', target.host)
    .header('referer', `http://${target.host}${target.page}`)
    .withCookie(SESSION_COOKIE, target.session)
    .field('_csrf', csrfTokenFrom(page.text()))
  if (options.json) request = request.header('accept', 'application/json')
  for (const [name, value] of Object.entries(fields)) request = request.field(name, value)
  return request.file(file.field ?? 'file', file.buffer, { filename: file.name }).redirects(0)
}

/** The page a form redirected back to, in the same session (its flashed messages). */
export function pageAfter(client: ApiClient, target: { host: string; session: string; page: string }, response: { cookie(name: string): { value: string } | undefined }) {
  return client.get(target.page).header('host', target.host).withCookie(SESSION_COOKIE, response.cookie(SESSION_COOKIE)?.value ?? target.session)
}
