import { readFile } from 'node:fs/promises'
import type { Quad } from '@rdfjs/types'
import jsonld from 'jsonld'
import { Parser, Store, Writer } from 'n3'
import { RdfXmlParser } from 'rdfxml-streaming-parser'
import SHACLValidator from 'rdf-validate-shacl'
import rdf from '@zazuko/env-node'

/*
| Reading the portal's DCAT-AP output back with parsers the app does not
| use to write it (n3's Parser, jsonld.toRDF, rdfxml-streaming-parser), a
| canonical form to compare graphs whatever their blank node labels
| (RDFC-1.0 via jsonld.canonize), and SHACL validation with
| rdf-validate-shacl against tests/fixtures/shacl/dcat-ap.ttl.
*/

export function parseTurtle(text: string, baseIRI?: string): Quad[] {
  return new Parser({ format: 'text/turtle', baseIRI }).parse(text) as Quad[]
}

export async function parseJsonLd(text: string): Promise<Quad[]> {
  const nquads = (await jsonld.toRDF(JSON.parse(text), { format: 'application/n-quads' })) as unknown as string
  return new Parser({ format: 'N-Quads' }).parse(nquads) as Quad[]
}

export function parseRdfXml(text: string, baseIRI?: string): Promise<Quad[]> {
  return new Promise((resolve, reject) => {
    const quads: Quad[] = []
    const parser = new RdfXmlParser({ baseIRI })
    parser.on('data', (quad: Quad) => quads.push(quad))
    parser.on('error', reject)
    parser.on('end', () => resolve(quads))
    parser.write(text)
    parser.end()
  })
}

/** The graph as canonical N-Quads (RDFC-1.0): equal strings mean isomorphic graphs. */
export async function canonical(quads: Quad[]): Promise<string> {
  const nquads = new Writer({ format: 'N-Quads' }).quadsToString(new Store(quads).getQuads(null, null, null, null))
  return (await jsonld.canonize(nquads as any, { inputFormat: 'application/n-quads', format: 'application/n-quads' } as any)) as unknown as string
}

let shapes: ReturnType<typeof rdf.dataset> | undefined

/** Validates a graph against the DCAT-AP shapes; the results as `<focus> <path>: <constraint>` lines (empty when it conforms). */
export async function shaclProblems(quads: Quad[]) {
  shapes ??= rdf.dataset(parseTurtle(await readFile(new URL('../fixtures/shacl/dcat-ap.ttl', import.meta.url), 'utf8')) as any)
  const report = await new SHACLValidator(shapes, { factory: rdf }).validate(rdf.dataset(quads as any))
  const problems = report.results.map((result) => `${result.focusNode?.value} ${result.path?.value ?? ''}: ${result.sourceConstraintComponent?.value.split('#').pop()}`)
  return { conforms: report.conforms, problems }
}
