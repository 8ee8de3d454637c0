export interface ExecutorTarget {
  role: 'responsible' | 'co_executor'
  departmentId: number | null
  userId: number | null
}

function parse(reference: string) {
  const [kind, id] = reference.split(':')
  return { departmentId: kind === 'department' ? Number(id) : null, userId: kind === 'user' ? Number(id) : null }
}

/**
 * Turns validated "department:12" / "user:5" references into executor rows;
 * a co-executor equal to the responsible one is dropped.
 */
export function executorTargets(responsible: string, coExecutors: string[] = []): ExecutorTarget[] {
  return [
    { role: 'responsible' as const, ...parse(responsible) },
    ...coExecutors.filter((reference) => reference !== responsible).map((reference) => ({ role: 'co_executor' as const, ...parse(reference) })),
  ]
}
