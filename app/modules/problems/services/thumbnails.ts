import { tenantDb } from '#tenancy/tenant_model'

/** The first report photo of each problem (problem id → photo id), one query for a page of problems. */
export async function firstPhotos(problemIds: number[]): Promise<Map<number, number>> {
  if (!problemIds.length) return new Map()
  const rows = await tenantDb()
    .from('problem_photos')
    .distinctOn('problem_id')
    .select('problem_id', 'id')
    .whereIn('problem_id', problemIds)
    .where('source', 'report')
    .orderBy('problem_id')
    .orderBy('id')
  return new Map(rows.map((row: { problem_id: number; id: number }) => [row.problem_id, row.id]))
}
