import jsonld from 'jsonld'
import { Writer, type Quad } from 'n3'
import { NS } from '#modules/opendata/services/dcat/vocabulary'
import { toRdfXml } from '#modules/opendata/services/dcat/rdf_xml'

/** The serializations of the DCAT-AP documents, by file extension. */
export const RDF_FORMATS = ['ttl', 'jsonld', 'rdf'] as const
export type RdfFormat = (typeof RDF_FORMATS)[number]

export const RDF_CONTENT_TYPES: Record<RdfFormat, string> = {
  ttl: 'text/turtle; charset=utf-8',
  jsonld: 'application/ld+json; charset=utf-8',
  rdf: 'application/rdf+xml; charset=utf-8',
}

/** The JSON-LD context: our prefixes, so the document reads as compact IRIs (dcat:Dataset, dct:title). */
const CONTEXT = { ...NS }

/** The triples of each subject together, subjects in the order they first appear (Turtle then writes one block per subject). */
function bySubject(quads: Quad[]) {
  const groups = new Map<string, Quad[]>()
  for (const quad of quads) {
    const key = `${quad.subject.termType}|${quad.subject.value}`
    if (!groups.has(key)) groups.set(key, [])
    groups.get(key)!.push(quad)
  }
  return [...groups.values()].flat()
}

function turtle(quads: Quad[]) {
  return new Promise<string>((resolve, reject) => {
    const writer = new Writer({ format: 'text/turtle', prefixes: { ...NS } })
    writer.addQuads(bySubject(quads))
    writer.end((error, result) => (error ? reject(error) : resolve(result)))
  })
}

/** JSON-LD: the triples as N-Quads read by jsonld (fromRDF), then compacted with the context. */
async function jsonLd(quads: Quad[]) {
  const nquads = new Writer({ format: 'N-Quads' }).quadsToString(quads)
  const expanded = await jsonld.fromRDF(nquads, { format: 'application/n-quads' })
  const compacted = await jsonld.compact(expanded, CONTEXT)
  return `${JSON.stringify(compacted, null, 2)}\n`
}

/** The triples in the asked serialization. */
export function serialize(quads: Quad[], format: RdfFormat): Promise<string> {
  if (format === 'ttl') return turtle(quads)
  if (format === 'jsonld') return jsonLd(quads)
  return Promise.resolve(toRdfXml(quads, { ...NS }))
}
