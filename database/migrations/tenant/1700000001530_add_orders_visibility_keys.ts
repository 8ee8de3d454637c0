import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Who may see an order, kept on the order itself: `visibility_keys` holds
 * every person (user id) and department (negated id) taking part in the
 * order or in any order above it — issuer, controller, curator, executors.
 * A user sees the orders whose keys overlap theirs (their id, and their
 * department's when they act for it), which a GIN index answers from the
 * user's side. Testing participation order by order read the whole table
 * for every list, board and dashboard of everyone but the head.
 *
 * Statement-level triggers keep the keys right whatever writes the rows
 * (actions, imports, seeds), set-based so that bulk writes stay fast; a
 * change of an order's people reaches every order delegated below it.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`alter table orders add column visibility_keys integer[] not null default '{}'`)

    // A statement-level trigger fires even when no row changed, so the
    // refresh's own update (visibility_keys only) must stop at an empty set.
    // The orders below the changed ones: a GIN probe per order for the few
    // an action changes, one hash join for a bulk write (an import, a seed),
    // where thousands of probes would cost more than reading the delegated.
    this.schema.raw(`create function order_visibility_refresh(changed integer[]) returns void
      language plpgsql as $$
      declare
        affected integer[];
      begin
        if cardinality(changed) = 0 then return; end if;
        if cardinality(changed) <= 200 then
          affected := changed || array(
            select below.id from unnest(changed) as parent(id) join orders below on below.ancestor_ids @> array[parent.id]);
          with computed as (
            select target.id, coalesce((
              select array_agg(distinct key order by key) from (
                select unnest(array[family.issuer_id, family.controller_id, family.curator_id]) as key
                  from orders family where family.id = any(target.ancestor_ids || target.id)
                union all
                select coalesce(executor.user_id, -executor.department_id)
                  from order_executors executor where executor.order_id = any(target.ancestor_ids || target.id)
              ) as keys where key is not null), '{}') as keys
            from orders target where target.id = any(affected)
          )
          update orders set visibility_keys = computed.keys from computed
           where orders.id = computed.id and orders.visibility_keys is distinct from computed.keys;
        else
          affected := changed || array(
            select below.id from orders below cross join lateral unnest(below.ancestor_ids) as above(id)
              join unnest(changed) as parent(id) on parent.id = above.id);
          -- the same keys by hash joins: each order's own people once, then per target over its family
          with targets as (
            select target.id, target.ancestor_ids || target.id as family
              from orders target join (select distinct unnest(affected) as id) as wanted on wanted.id = target.id
          ),
          own_keys as (
            select member.id as order_id, unnest(array[member.issuer_id, member.controller_id, member.curator_id]) as key
              from orders member
            union all
            select executor.order_id, coalesce(executor.user_id, -executor.department_id) from order_executors executor
          ),
          computed as (
            select targets.id, coalesce(array_agg(distinct own_keys.key order by own_keys.key)
                                          filter (where own_keys.key is not null), '{}') as keys
              from targets cross join lateral unnest(targets.family) as member(id)
              left join own_keys on own_keys.order_id = member.id
             group by targets.id
          )
          update orders set visibility_keys = computed.keys from computed
           where orders.id = computed.id and orders.visibility_keys is distinct from computed.keys;
        end if;
      end $$`)

    this.schema.raw(`create function orders_visibility_inserted() returns trigger
      language plpgsql as $$
      begin
        perform order_visibility_refresh(array(select id from inserted_rows));
        return null;
      end $$`)
    this.schema.raw(`create trigger orders_visibility_on_insert after insert on orders
      referencing new table as inserted_rows for each statement execute function orders_visibility_inserted()`)

    // only a change of the people or of the place in the tree matters, not a status change
    this.schema.raw(`create function orders_visibility_updated() returns trigger
      language plpgsql as $$
      begin
        perform order_visibility_refresh(array(
          select after.id from updated_after after join updated_before before on before.id = after.id
           where (after.issuer_id, after.controller_id, after.curator_id, after.ancestor_ids)
                 is distinct from (before.issuer_id, before.controller_id, before.curator_id, before.ancestor_ids)));
        return null;
      end $$`)
    this.schema.raw(`create trigger orders_visibility_on_update after update on orders
      referencing old table as updated_before new table as updated_after
      for each statement execute function orders_visibility_updated()`)

    this.schema.raw(`create function order_executors_visibility_changed() returns trigger
      language plpgsql as $$
      begin
        if tg_op = 'INSERT' then
          perform order_visibility_refresh(array(select distinct order_id from changed_after));
        elsif tg_op = 'DELETE' then
          perform order_visibility_refresh(array(select distinct order_id from changed_before));
        else
          perform order_visibility_refresh(array(
            select order_id from changed_after union select order_id from changed_before));
        end if;
        return null;
      end $$`)
    this.schema.raw(`create trigger order_executors_visibility_on_insert after insert on order_executors
      referencing new table as changed_after for each statement execute function order_executors_visibility_changed()`)
    this.schema.raw(`create trigger order_executors_visibility_on_delete after delete on order_executors
      referencing old table as changed_before for each statement execute function order_executors_visibility_changed()`)
    this.schema.raw(`create trigger order_executors_visibility_on_update after update on order_executors
      referencing old table as changed_before new table as changed_after
      for each statement execute function order_executors_visibility_changed()`)

    this.schema.raw('select order_visibility_refresh(array(select id from orders))')
    this.schema.raw('create index orders_visibility_index on orders using gin (visibility_keys)')
  }

  async down() {
    this.schema.raw('drop trigger order_executors_visibility_on_update on order_executors')
    this.schema.raw('drop trigger order_executors_visibility_on_delete on order_executors')
    this.schema.raw('drop trigger order_executors_visibility_on_insert on order_executors')
    this.schema.raw('drop trigger orders_visibility_on_update on orders')
    this.schema.raw('drop trigger orders_visibility_on_insert on orders')
    this.schema.raw('drop function order_executors_visibility_changed()')
    this.schema.raw('drop function orders_visibility_updated()')
    this.schema.raw('drop function orders_visibility_inserted()')
    this.schema.raw('drop function order_visibility_refresh(integer[])')
    this.schema.raw('drop index orders_visibility_index')
    this.schema.raw('alter table orders drop column visibility_keys')
  }
}
