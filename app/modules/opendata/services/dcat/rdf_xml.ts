import type { Quad, Term } from '@rdfjs/types'

/*
| RDF/XML (https://www.w3.org/TR/rdf-syntax-grammar/) from triples: one
| rdf:Description per subject (rdf:about for an IRI, rdf:nodeID for a
| blank node), a property element per triple whose object is
| rdf:resource, rdf:nodeID, or text with xml:lang or rdf:datatype. npm has
| no maintained RDF/XML serializer; this is the flat, striped-once form
| every RDF/XML parser reads.
*/

const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#'
const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string'
const LANG_STRING = `${RDF}langString`
/** The local part of a property element's name: an XML NCName (no ':'; not starting with a digit, '-' or '.'). */
const NC_NAME = /^[A-Za-z_\u00C0-\u02FF\u0370-\u037D\u037F-\u1FFF][A-Za-z0-9_.\-\u00B7\u00C0-\u02FF\u0300-\u036F\u0370-\u037D\u037F-\u1FFF\u203F-\u2040]*$/
/** Characters XML 1.0 cannot carry at all, even as references. */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g

function text(value: string) {
  return value.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;')
}

function attribute(value: string) {
  return text(value).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;')
}

/** Splits a predicate IRI into namespace and local name where the rest is a valid NCName. */
function splitPredicate(iri: string): [string, string] {
  for (let at = iri.length - 1; at > 0; at--) {
    const char = iri[at - 1]
    if (char === '#' || char === '/' || char === ':') {
      const local = iri.slice(at)
      if (NC_NAME.test(local)) return [iri.slice(0, at), local]
      break
    }
  }
  // the longest NCName tail (e.g. `…/terms/123abc` → `abc`)
  for (let at = 1; at < iri.length; at++) if (NC_NAME.test(iri.slice(at))) return [iri.slice(0, at), iri.slice(at)]
  throw new Error(`The predicate ${iri} cannot be written as an RDF/XML property element`)
}

/** Serializes triples (the default graph) as RDF/XML; `prefixes` name the namespaces (others get ns1, ns2 …). */
export function toRdfXml(quads: Quad[], prefixes: Record<string, string>) {
  const names = new Map(Object.entries(prefixes).map(([prefix, namespace]) => [namespace, prefix]))
  names.set(RDF, 'rdf')
  const nodeIds = new Map<string, string>()
  // blank node labels become NCNames of our own: b1, b2 … (a parser's labels may not be)
  const nodeId = (term: Term) => {
    if (!nodeIds.has(term.value)) nodeIds.set(term.value, `b${nodeIds.size + 1}`)
    return nodeIds.get(term.value)!
  }
  const qname = (iri: string) => {
    const [namespace, local] = splitPredicate(iri)
    if (!names.has(namespace)) names.set(namespace, `ns${names.size}`)
    return `${names.get(namespace)}:${local}`
  }

  // subjects in the order they first appear, each with its triples
  const subjects = new Map<string, { subject: Term; quads: Quad[] }>()
  for (const quad of quads) {
    if (quad.graph.termType !== 'DefaultGraph') throw new Error('RDF/XML carries one graph: named graphs cannot be written')
    const key = `${quad.subject.termType}|${quad.subject.value}`
    if (!subjects.has(key)) subjects.set(key, { subject: quad.subject, quads: [] })
    subjects.get(key)!.quads.push(quad)
  }

  const body: string[] = []
  for (const { subject, quads: triples } of subjects.values()) {
    const about = subject.termType === 'BlankNode' ? `rdf:nodeID="${nodeId(subject)}"` : `rdf:about="${attribute(subject.value)}"`
    body.push(`  <rdf:Description ${about}>`)
    for (const { predicate, object } of triples) {
      const element = qname(predicate.value)
      if (object.termType === 'NamedNode') body.push(`    <${element} rdf:resource="${attribute(object.value)}"/>`)
      else if (object.termType === 'BlankNode') body.push(`    <${element} rdf:nodeID="${nodeId(object)}"/>`)
      else if (object.termType === 'Literal') {
        const datatype = object.datatype?.value
        const qualifier = object.language ? ` xml:lang="${attribute(object.language)}"` : datatype && datatype !== XSD_STRING && datatype !== LANG_STRING ? ` rdf:datatype="${attribute(datatype)}"` : ''
        body.push(`    <${element}${qualifier}>${text(object.value)}</${element}>`)
      } else throw new Error(`RDF/XML cannot write a ${object.termType} object`)
    }
    body.push('  </rdf:Description>')
  }

  const declarations = [...names.entries()].map(([namespace, prefix]) => `\n    xmlns:${prefix}="${attribute(namespace)}"`).join('')
  return `<?xml version="1.0" encoding="utf-8"?>\n<rdf:RDF${declarations}>\n${body.join('\n')}\n</rdf:RDF>\n`
}
