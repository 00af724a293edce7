// The one signature every stage of a step shares.
import type { RunContext } from '../context';

/** A stage of MODEL.md §3: reads and updates the run context in place. */
export type Stage = (ctx: RunContext) => void;
