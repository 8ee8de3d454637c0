/**
 * Limits of the files users upload for import, in one place (docs/imports.md
 * and SECURITY.md quote them).
 */
export const UPLOAD_LIMITS = {
  /** Largest import file as uploaded. */
  maxFileSize: '20mb',
  /** Sum of the declared uncompressed sizes of an XLSX file's entries. */
  maxUnpackedBytes: 100 * 1024 * 1024,
  /**
   * Largest uncompressed/compressed ratio of one entry (above `ratioFloorBytes`
   * unpacked). Spreadsheet XML packs 5–30×; a zip bomb packs 1000×.
   */
  maxCompressionRatio: 200,
  ratioFloorBytes: 1024 * 1024,
  /** Entries of an XLSX file: a workbook has a dozen. */
  maxEntries: 1000,
  /** Data rows of an import (the header not counted). */
  maxRows: 50_000,
  /** Files larger than this are checked and written by a background job. */
  backgroundBytes: 256 * 1024,
}
