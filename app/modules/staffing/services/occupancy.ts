import type { QueryClientContract } from '@adonisjs/lucid/types/database'

/**
 * Recomputes the occupancy of positions from their current staff, in the
 * caller's transaction: actual FTE (rates of the people holding it), acting
 * since (earliest acting person), status (filled when actual ≥ approved,
 * else acting when someone acts, else vacant) and vacant since (the earliest
 * recorded vacancy, else the day it was already vacant, else the last
 * departure, else the day it came into force; cleared once filled).
 */
export async function recomputeOccupancy(client: QueryClientContract, positionIds: number[]) {
  if (!positionIds.length) return
  await client.rawQuery(
    `with current_staff as (
       select p.id,
              coalesce(sum(s.rate) filter (where s.status = 'filled' and s.ended_on is null), 0) as filled,
              min(s.since) filter (where s.status = 'acting' and s.ended_on is null) as acting_since,
              min(s.since) filter (where s.status = 'vacant' and s.ended_on is null) as vacant_since,
              max(s.ended_on) filter (where s.status = 'filled') as last_departure
         from staffing_positions p
         left join staffing_staff s on s.position_id = p.id
        where p.id = any(?)
        group by p.id
     )
     update staffing_positions p
        set actual_fte = c.filled,
            acting_since = c.acting_since,
            status = case when c.filled >= p.approved_fte then 'filled' when c.acting_since is not null then 'acting' else 'vacant' end,
            vacant_since = case when c.filled >= p.approved_fte then null else coalesce(c.vacant_since, p.vacant_since, c.last_departure, p.effective_from) end,
            updated_at = now()
       from current_staff c
      where c.id = p.id`,
    [positionIds]
  )
}
