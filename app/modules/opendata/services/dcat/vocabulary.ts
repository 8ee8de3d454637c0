import type { Format } from '#modules/opendata/services/methodology'

/*
| The vocabularies of DCAT-AP 2.1 and how the portal's own values map to
| the EU Publications Office authority tables (data themes, frequencies,
| file types, languages) and to IANA media types.
*/

export const NS = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  adms: 'http://www.w3.org/ns/adms#',
  spdx: 'http://spdx.org/rdf/terms#',
  hydra: 'http://www.w3.org/ns/hydra/core#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
} as const
export type Prefix = keyof typeof NS

const AUTHORITY = 'http://publications.europa.eu/resource/authority'
export const THEME_TAXONOMY = `${AUTHORITY}/data-theme`

/**
 * Our subjects as EU data themes (the table has 13 broad themes: culture
 * shares EDUC «Education, culture and sport», housing is REGI «Regions and
 * cities»); `other` has no theme and is left without one.
 */
export const THEMES: Record<string, string | null> = {
  economy: 'ECON',
  education: 'EDUC',
  health: 'HEAL',
  transport: 'TRAN',
  environment: 'ENVI',
  culture: 'EDUC',
  social: 'SOCI',
  government: 'GOVE',
  housing: 'REGI',
  other: null,
}

/** Our update frequencies as the EU frequency table's codes. */
export const FREQUENCY_CODES: Record<string, string> = {
  daily: 'DAILY',
  weekly: 'WEEKLY',
  monthly: 'MONTHLY',
  quarterly: 'QUARTERLY',
  yearly: 'ANNUAL',
  irregular: 'IRREG',
}

/** The English labels of those themes in the EU table (a theme is stated with its label: DCAT-AP asks skos:prefLabel of a concept). */
export const THEME_LABELS: Record<string, string> = {
  ECON: 'Economy and finance',
  EDUC: 'Education, culture and sport',
  HEAL: 'Health',
  TRAN: 'Transport',
  ENVI: 'Environment',
  SOCI: 'Population and society',
  GOVE: 'Government and public sector',
  REGI: 'Regions and cities',
}

export const themeIri = (subject: string) => (THEMES[subject] ? `${THEME_TAXONOMY}/${THEMES[subject]}` : null)
export const frequencyIri = (frequency: string) => (FREQUENCY_CODES[frequency] ? `${AUTHORITY}/frequency/${FREQUENCY_CODES[frequency]}` : null)
export const fileTypeIri = (format: Format) => `${AUTHORITY}/file-type/${format.toUpperCase()}`
export const languageIri = (code: 'RUS' | 'ENG') => `${AUTHORITY}/language/${code}`

/**
 * The ADMS publisher type of a body by its tenant kind: a vice-governor's
 * block is the regional executive, a municipality's administration a local
 * one; the portal publishes for the region.
 */
export const PUBLISHER_TYPES: Record<string, string> = { block: 'RegionalAuthority', municipality: 'LocalAuthority', portal: 'RegionalAuthority' }
export const PUBLISHER_TYPE_LABELS: Record<string, string> = { RegionalAuthority: 'Regional authority', LocalAuthority: 'Local authority' }
export const publisherTypeIri = (kind: string) => (PUBLISHER_TYPES[kind] ? `http://purl.org/adms/publishertype/${PUBLISHER_TYPES[kind]}` : null)

/** IANA media types of the data files (DCAT-AP names them by their IANA registry IRI). */
export const MEDIA_TYPES: Record<Format, string> = { csv: 'text/csv', json: 'application/json', xml: 'application/xml' }
export const mediaTypeIri = (format: Format) => `http://www.iana.org/assignments/media-types/${MEDIA_TYPES[format]}`

/** The licences a body may choose, as the IRIs of their legal texts. */
export const LICENCE_IRIS: Record<string, string> = {
  'cc-by-4.0': 'https://creativecommons.org/licenses/by/4.0/',
  'cc0-1.0': 'https://creativecommons.org/publicdomain/zero/1.0/',
  'odc-by-1.0': 'https://opendatacommons.org/licenses/by/1-0/',
}

/** The catalogue's own title and description (RDF content in both languages, not UI text). */
export const CATALOGUE_TEXT = {
  title: { ru: (region: string) => `Открытые данные: ${region}`, en: (region: string) => `Open data: ${region}` },
  description: {
    ru: 'Реестр открытых данных органов власти и местного самоуправления: паспорта наборов данных и их версии по методическим рекомендациям 3.0.',
    en: 'The registry of open data of the regional and municipal bodies: dataset passports and their versions as the Russian methodology 3.0 prescribes.',
  },
}
