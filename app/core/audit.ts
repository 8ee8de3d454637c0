import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { HttpContext } from '@adonisjs/core/http'
import AuditEntry from '#modules/identity/models/audit_entry'

/**
 * Who performed an action: a signed-in user, or a system actor (command, job).
 */
export interface Actor {
  id: number | null
  email: string | null
  ip: string | null
  userAgent: string | null
}

export function actorFromContext(ctx: HttpContext): Actor {
  const user = ctx.auth?.user as { id: number; email: string } | undefined
  return {
    id: user?.id ?? null,
    email: user?.email ?? null,
    ip: ctx.request.ip(),
    userAgent: ctx.request.header('user-agent')?.slice(0, 512) ?? null,
  }
}

export function systemActor(name: string): Actor {
  return { id: null, email: name, ip: null, userAgent: null }
}

/**
 * Appends an entry to the current tenant's audit log. Inside a transaction,
 * pass it: the entry then stands or falls with the change, and no second
 * connection is taken while the transaction holds one.
 */
export async function recordAudit(
  actor: Actor,
  action: string,
  subject: { type: string; id: string | number } | null = null,
  details: Record<string, unknown> = {},
  client?: TransactionClientContract
) {
  await AuditEntry.create({
    actorId: actor.id,
    actorEmail: actor.email,
    action,
    subjectType: subject?.type ?? null,
    subjectId: subject ? String(subject.id) : null,
    details,
    ip: actor.ip,
    userAgent: actor.userAgent,
  }, client ? { client } : undefined)
}
