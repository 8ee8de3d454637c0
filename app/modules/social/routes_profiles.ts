// The profiles area's routes (app/modules/social/routes.ts loads every area).
export {}
