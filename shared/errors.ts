/**
 * Named errors. Each sets `name`, carries the underlying error as `cause`, and
 * says in its message what was wrong, so a CLI can print it as one line and a
 * Lambda can log it as one structured record.
 */

/** Input that is not what it claims to be: a malformed facts file, event or collector output. */
export class InvalidInputError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'InvalidInputError';
  }
}

/**
 * An EventBridge event that claims to be a Batch API call but is malformed. `fields` lists the
 * dotted paths of the bad fields (e.g. `detail.eventID`) so a handler can log them as data.
 */
export class InvalidEventError extends InvalidInputError {
  readonly fields: readonly string[];

  constructor(message: string, fields: readonly string[], options?: ErrorOptions) {
    super(message, options);
    this.name = 'InvalidEventError';
    this.fields = fields;
  }
}

/** Collector output that cannot be parsed at all (no header, wrong collector version). */
export class CollectorOutputError extends InvalidInputError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'CollectorOutputError';
  }
}

/** The collector could not be run on this machine. */
export class CollectorRunError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'CollectorRunError';
  }
}
