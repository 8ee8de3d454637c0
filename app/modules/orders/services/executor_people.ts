/**
 * Who acts for each executor of an order: the person, or the active heads of
 * the department (its active executors when it has no head). One SQL
 * definition, used for single notifications and for the daily sweep alike.
 * Columns: executor_id, order_id, person.
 */
export const EXECUTOR_PEOPLE_SQL = `
  select e.id as executor_id, e.order_id, e.user_id as person
    from order_executors e where e.user_id is not null
  union
  select e.id, e.order_id, u.id
    from order_executors e
    join users u on u.department_id = e.department_id and u.status = 'active'
   where e.department_id is not null
     and (u.role = 'department_head'
          or (u.role = 'executor' and not exists (
                select 1 from users h where h.department_id = e.department_id and h.role = 'department_head' and h.status = 'active')))`
