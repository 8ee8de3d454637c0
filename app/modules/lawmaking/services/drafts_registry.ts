import type { Writable } from 'node:stream'
import { stringify } from 'csv-stringify'
import { XMLBuilder } from 'fast-xml-parser'
import PublicDraft from '#modules/lawmaking/models/public_draft'

/** Drafts read per query while a registry streams. */
const BATCH = 500

/** The columns of the registry of draft acts, in order (the same names in every format). */
export const REGISTRY_COLUMNS = [
  'id', 'title', 'kind', 'level', 'municipality_code', 'subject_area', 'developer_code', 'developer_name', 'body_name',
  'stage', 'consultation_starts_on', 'consultation_ends_on', 'current_version', 'remarks_count', 'published_at', 'url',
] as const

export type RegistryFormat = 'json' | 'csv' | 'xml'

export const REGISTRY_CONTENT_TYPES: Record<RegistryFormat, string> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
}

function registryRow(draft: PublicDraft, base: string): Record<(typeof REGISTRY_COLUMNS)[number], string | number | null> {
  return {
    id: draft.id,
    title: draft.title,
    kind: draft.kind,
    level: draft.level,
    municipality_code: draft.municipalityCode,
    subject_area: draft.subjectArea,
    developer_code: draft.developerCode,
    developer_name: draft.developerNameRu,
    body_name: draft.bodyNameRu,
    stage: draft.stage,
    consultation_starts_on: draft.consultationStartsOn?.toISODate() ?? null,
    consultation_ends_on: draft.consultationEndsOn?.toISODate() ?? null,
    current_version: draft.currentVersion,
    remarks_count: draft.remarksCount,
    published_at: draft.publishedAt.toUTC().toISO(),
    url: `${base}/lawmaking/drafts/${draft.id}`,
  }
}

/** Every published draft in id order, a batch at a time (keyset: the registry may be long). */
async function* registryBatches(base: string) {
  let after = 0
  for (;;) {
    const drafts = await PublicDraft.query().where('id', '>', after).orderBy('id').limit(BATCH)
    if (!drafts.length) return
    yield drafts.map((draft) => registryRow(draft, base))
    after = drafts[drafts.length - 1].id
  }
}

/** Waits until the output takes more (a slow client is not buffered in memory). */
function write(output: Writable, chunk: string) {
  return output.write(chunk) ? Promise.resolve() : new Promise<void>((resolve) => output.once('drain', resolve))
}

const xml = new XMLBuilder({ format: true, suppressEmptyNode: true })

/**
 * The registry of draft acts published on the portal, as an open dataset:
 * JSON (an array of objects), CSV (RFC 4180, UTF-8 with a header row) or
 * XML (`<drafts><draft>…</draft></drafts>`), streamed in batches.
 */
export async function writeRegistry(format: RegistryFormat, output: Writable, base: string) {
  if (format === 'csv') {
    const csv = stringify({ header: true, columns: [...REGISTRY_COLUMNS], bom: true })
    const done = new Promise<void>((resolve, reject) => {
      csv.on('error', reject)
      output.on('error', reject)
      output.on('finish', resolve)
    })
    csv.pipe(output)
    for await (const rows of registryBatches(base)) {
      for (const row of rows) if (!csv.write(row)) await new Promise<void>((resolve) => csv.once('drain', resolve))
    }
    csv.end()
    return done
  }
  await write(output, format === 'json' ? '[' : '<?xml version="1.0" encoding="utf-8"?>\n<drafts>\n')
  let first = true
  for await (const rows of registryBatches(base)) {
    const text = format === 'json' ? rows.map((row) => JSON.stringify(row)).join(',\n') : xml.build({ draft: rows })
    await write(output, format === 'json' ? `${first ? '\n' : ',\n'}${text}` : text)
    first = false
  }
  await write(output, format === 'json' ? '\n]\n' : '</drafts>\n')
  output.end()
}
