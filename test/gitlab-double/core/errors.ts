/** A bad spec or argument from a test or the admin route (answered with 400). */
export class DoubleInputError extends Error {}

/** An unknown job id (answered with 404). */
export class UnknownJobError extends Error {}
