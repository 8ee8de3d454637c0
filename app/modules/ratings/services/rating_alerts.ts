import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { tenantDb } from '#tenancy/tenant_model'

/**
 * When an observation raises an alert, over `rating_observation_facts` f
 * joined with its rating r: it lost at least r.alert_drop_places places
 * since the previous edition, or it is in the bottom quartile now and was not
 * before (no previous figure counts as "not before").
 */
const ALERT_CONDITION = `
  (k.kind = 'drop' and f.rank_delta <= -r.alert_drop_places)
  or (k.kind = 'bottom_quartile' and f.bottom_quartile and not coalesce(f.previous_bottom_quartile, false))`

/**
 * Recomputes the alerts of every edition of a rating (a new or corrected
 * edition changes the Δ of the next one too). Alerts that no longer hold are
 * removed unless an order was already created from them.
 */
export async function refreshAlerts(ratingId: number, client: TransactionClientContract) {
  await client.rawQuery(
    `delete from rating_alerts a
      using rating_editions e
      where e.id = a.edition_id and e.rating_id = ? and a.order_id is null
        and not exists (
          select 1 from rating_observation_facts f
          join ratings r on r.id = f.rating_id
          cross join lateral (select a.kind) k(kind)
          where f.id = a.observation_id and (${ALERT_CONDITION}))`,
    [ratingId]
  )
  await client.rawQuery(
    `insert into rating_alerts (observation_id, edition_id, kind, rank, previous_rank)
      select f.id, f.edition_id, k.kind, f.rank, f.previous_rank
      from rating_observation_facts f
      join ratings r on r.id = f.rating_id
      cross join (values ('drop'), ('bottom_quartile')) k(kind)
      where f.rating_id = ? and (${ALERT_CONDITION})
      on conflict (observation_id, kind) do update set rank = excluded.rank, previous_rank = excluded.previous_rank`,
    [ratingId]
  )
}

/** Runs refreshAlerts in its own transaction (after a threshold change). */
export function refreshAlertsNow(ratingId: number) {
  return tenantDb().transaction((trx) => refreshAlerts(ratingId, trx))
}
