// The one signature every stage of a step shares, and the labelled entry of the declared step order.
import type { RunContext } from '../context';

/** A stage of docs/model.md §3: reads and updates the run context in place. Made per run by its factory. */
export type Stage = (ctx: RunContext) => void;

/** One entry of the step order: what the stage does, in a few words, and the stage. */
export interface StepBlock {
  label: string;
  stage: Stage;
}
