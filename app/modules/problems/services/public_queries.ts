import type { KeysetCursor } from '#core/keyset_paginator'
import { tenantDb } from '#tenancy/tenant_model'
import Problem, { type ProblemStatus } from '#modules/problems/models/problem'
import { clockDate } from '#core/clock'

export interface ProblemFilters {
  theme?: number
  municipality?: number
  status?: ProblemStatus
  overdue?: boolean
  /** Viewport: south, west, north, east. */
  bbox?: [number, number, number, number]
}

/** Public problems (never hidden ones) matching the filters, newest first. */
export function publicProblems(filters: ProblemFilters) {
  const query = Problem.query().whereNull('hidden_at')
  if (filters.theme) query.where('theme_id', filters.theme)
  if (filters.municipality) query.where('municipality_id', filters.municipality)
  if (filters.status) query.where('status', filters.status)
  if (filters.overdue) query.where('status', 'routed').where('deadline', '<', clockDate())
  if (filters.bbox) {
    const [south, west, north, east] = filters.bbox
    query.whereBetween('lat', [south, north]).whereBetween('lng', [west, east])
  }
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc')
}

/**
 * The public list's rows after (or, read in reverse, before) a problem in its
 * order, newest first: a row comparison the `problems_public_list` index
 * (created_at desc, id desc) answers, however deep the page.
 */
export function keysetPage(query: ReturnType<typeof publicProblems>, cursor: KeysetCursor) {
  if (cursor.after !== undefined) {
    query.whereRaw('(problems.created_at, problems.id) < (select p.created_at, p.id from problems p where p.id = ?)', [cursor.after])
  } else if (cursor.before !== undefined) {
    query
      .whereRaw('(problems.created_at, problems.id) > (select p.created_at, p.id from problems p where p.id = ?)', [cursor.before])
      .clearOrder()
      .orderBy('created_at', 'asc')
      .orderBy('id', 'asc')
  }
  return query
}

/** Parses `south,west,north,east`; null when it is not four numbers in range. */
export function parseBbox(value: unknown): [number, number, number, number] | undefined {
  if (typeof value !== 'string') return undefined
  const parts = value.split(',').map(Number)
  if (parts.length !== 4 || parts.some((part) => !Number.isFinite(part))) return undefined
  const [south, west, north, east] = parts
  if (south > north || west > east || Math.abs(south) > 90 || Math.abs(north) > 90 || Math.abs(west) > 180 || Math.abs(east) > 180) return undefined
  return [south, west, north, east]
}

const EARTH_RADIUS_M = 6_371_000

/**
 * Open, public problems of a theme within `radius` metres of a point: a
 * bounding box the (theme, lat, lng) index answers, then the exact
 * haversine distance, nearest first.
 */
export async function nearbyOpenProblems(themeId: number, lat: number, lng: number, radius = 150, limit = 5) {
  const dLat = (radius / EARTH_RADIUS_M) * (180 / Math.PI)
  const dLng = dLat / Math.max(Math.cos((lat * Math.PI) / 180), 0.01)
  const result = await tenantDb().rawQuery(
    `select id, address, description, endorsements_count, status, distance from (
       select p.id, p.address, p.description, p.endorsements_count, p.status,
              2 * ? * asin(sqrt(power(sin(radians(p.lat - ?) / 2), 2)
                + cos(radians(?)) * cos(radians(p.lat)) * power(sin(radians(p.lng - ?) / 2), 2))) as distance
         from problems p
        where p.hidden_at is null and p.theme_id = ?
          and p.lat between ? and ? and p.lng between ? and ?
          and p.status in ('awaiting_routing', 'routed', 'planned')
     ) near
     where distance <= ?
     order by distance
     limit ?`,
    [EARTH_RADIUS_M, lat, lat, lng, themeId, lat - dLat, lat + dLat, lng - dLng, lng + dLng, radius, limit]
  )
  return result.rows.map((row: any) => ({ ...row, distance: Math.round(Number(row.distance)) }))
}

export interface ResponsivenessRow {
  key: string
  name: string
  /** For rows by body: 'block' or 'municipality' (null when the portal's directory does not know it). */
  kind: string | null
  received: number
  answered: number
  inTimePercent: number | null
  medianHours: number | null
  overdueNow: number
  reopenedPercent: number | null
  /** Answered with a result at once (the latest round). */
  resolvedAtOnce: number
  /** Answered with a plan that was later reported done. */
  plannedDone: number
  /** Answered with a plan still to be carried out. */
  plannedPending: number
}

/**
 * Public statistics per municipality (where the problems are), per body
 * that answers them (a block or a municipality's own administration,
 * named from the portal's directory) or per department: received,
 * answered in time (first answer by the first deadline), median reaction
 * time (first routing → first answer), overdue now, reopened share, and
 * results at once apart from plans carried out later.
 */
export async function responsiveness(by: 'municipality' | 'body' | 'department', locale: string): Promise<ResponsivenessRow[]> {
  const names = locale === 'en' ? 'name_en' : 'name_ru'
  const group = {
    municipality: { key: 'm.code', name: `max(m.${names})`, kind: 'null', join: 'join municipalities m on m.id = p.municipality_id', where: '' },
    body: { key: 'p.routed_tenant', name: `coalesce(max(b.${names}), p.routed_tenant)`, kind: 'max(b.kind)', join: 'left join known_bodies b on b.slug = p.routed_tenant', where: 'and p.routed_tenant is not null' },
    department: { key: `p.routed_tenant || ':' || p.routed_department_code`, name: locale === 'en' ? 'coalesce(max(p.routed_department_name_en), max(p.routed_department_name))' : 'max(p.routed_department_name)', kind: 'null', join: '', where: 'and p.routed_tenant is not null' },
  }[by]
  const result = await tenantDb().rawQuery(
    `select ${group.key} as key, ${group.name} as name, ${group.kind} as kind,
            count(*)::int as received,
            count(p.first_answered_at)::int as answered,
            round(100.0 * count(*) filter (where p.answered_in_time) / nullif(count(p.first_answered_at), 0), 1) as in_time,
            percentile_cont(0.5) within group (order by extract(epoch from p.first_answered_at - p.first_routed_at) / 3600)
              filter (where p.first_answered_at is not null) as median_hours,
            count(*) filter (where p.status = 'routed' and p.deadline < ?)::int as overdue_now,
            round(100.0 * count(*) filter (where p.reopened_count > 0) / count(*), 1) as reopened,
            count(*) filter (where p.answer_kind = 'resolved')::int as resolved_at_once,
            count(*) filter (where p.answer_kind = 'planned' and p.plan_done_at is not null)::int as planned_done,
            count(*) filter (where p.status = 'planned')::int as planned_pending
       from problems p ${group.join}
      where p.hidden_at is null ${group.where}
      group by ${group.key}
      order by ${by === 'body' ? `max(b.kind) = 'municipality', ` : ''}received desc, key`,
    [clockDate()]
  )
  return result.rows.map((row: any) => ({
    key: row.key,
    name: row.name,
    kind: row.kind,
    received: row.received,
    answered: row.answered,
    inTimePercent: row.in_time === null ? null : Number(row.in_time),
    medianHours: row.median_hours === null ? null : Math.round(Number(row.median_hours) * 10) / 10,
    overdueNow: row.overdue_now,
    reopenedPercent: row.reopened === null ? null : Number(row.reopened),
    resolvedAtOnce: row.resolved_at_once,
    plannedDone: row.planned_done,
    plannedPending: row.planned_pending,
  }))
}
