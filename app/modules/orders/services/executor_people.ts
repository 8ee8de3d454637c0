/**
 * Who acts for each executor of an order: the person, or the active heads of
 * the department (its active executors when it has no head). One SQL
 * definition, used for single notifications and for the daily sweep alike.
 * `executors` names the relation read (a CTE of some executors, so the sweep
 * only resolves the orders it notifies about); it needs the columns id,
 * order_id, user_id and department_id of order_executors.
 * Columns: executor_id, order_id, person.
 */
export function executorPeopleSql(executors = 'order_executors') {
  return `
  select e.id as executor_id, e.order_id, e.user_id as person
    from ${executors} e where e.user_id is not null
  union
  select e.id, e.order_id, u.id
    from ${executors} e
    join users u on u.department_id = e.department_id and u.status = 'active'
   where e.department_id is not null
     and (u.role = 'department_head'
          or (u.role = 'executor' and not exists (
                select 1 from users h where h.department_id = e.department_id and h.role = 'department_head' and h.status = 'active')))`
}

/** Every executor of the tenant (see executorPeopleSql). */
export const EXECUTOR_PEOPLE_SQL = executorPeopleSql()
