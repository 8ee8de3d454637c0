// Suggestions' routes.
export {}
