import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { remoteDepartments } from '#modules/orders/services/remote_departments'

export interface ExecutorTarget {
  role: 'responsible' | 'co_executor'
  departmentId: number | null
  userId: number | null
  remoteTenant: string | null
  remoteDepartmentCode: string | null
}

function parse(reference: string) {
  const [kind, id, code] = reference.split(':')
  return {
    departmentId: kind === 'department' ? Number(id) : null,
    userId: kind === 'user' ? Number(id) : null,
    remoteTenant: kind === 'remote' ? id : null,
    remoteDepartmentCode: kind === 'remote' ? code : null,
  }
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

/** The form/API reference of an executor: "department:12", "user:5" or "remote:<block>:<code>". */
export function referenceOf(executor: {
  departmentId: number | null
  userId: number | null
  remoteTenant?: string | null
  remoteDepartmentCode?: string | null
}) {
  if (executor.remoteTenant) return `remote:${executor.remoteTenant}:${executor.remoteDepartmentCode}`
  return executor.departmentId ? `department:${executor.departmentId}` : `user:${executor.userId}`
}

/** Executor rows to write (in the caller's transaction): targets with the names of remote departments as they are now. */
export async function executorRows(targets: ExecutorTarget[], trx: TransactionClientContract) {
  const rows = []
  for (const target of targets) {
    if (!target.remoteTenant) {
      rows.push({ ...target, remoteDepartmentName: null })
      continue
    }
    const [found] = await remoteDepartments({ block: target.remoteTenant, code: target.remoteDepartmentCode! }, trx)
    rows.push({ ...target, remoteDepartmentName: found?.name_ru ?? null })
  }
  return rows
}
