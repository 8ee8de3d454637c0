/**
 * Why an uploaded file cannot be used, as a stable reason; the message shown
 * to a person is `uploads.errors.<reason>` in their language, with `details`
 * as its arguments. Every import turns it into an error on its file field.
 */
export type UploadProblem =
  | 'empty'
  | 'headers_only'
  | 'unreadable'
  | 'too_large_unpacked'
  | 'compression_ratio'
  | 'encoding'
  | 'too_many_rows'
  | 'not_a_photo'

export class UploadError extends Error {
  constructor(
    public reason: UploadProblem,
    public details: Record<string, string | number> = {}
  ) {
    super(`Upload refused: ${reason}`)
  }
}
