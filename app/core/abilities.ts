/**
 * Bouncer abilities not tied to a model. Model rules live in policies
 * (app/modules/<module>/policies), gathered in #core/policies.
 */
export {}
