/**
 * Time as the models see it: milliseconds from any origin. Physics never reads a system clock;
 * whoever runs a model passes one in (the CLI and the language server pass `performance.now`),
 * so a result is a pure function of its inputs and the clock it was given.
 */
export type Clock = () => number;

/**
 * A clock that never advances: a wall-time budget is never exceeded and every `wallMs` is 0.
 * The default, so tests and scripts that pass no clock get reproducible results; the step-count
 * bound (`MAX_STEPS` in `models/operation.ts`) still ends every run.
 */
export const STOPPED_CLOCK: Clock = () => 0;
