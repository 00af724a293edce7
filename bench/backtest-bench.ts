// The backtest section of `npm run bench`: the whole suite timed in a fresh process (backtest-case.ts), and
// its CPU per step set against the bare loop's CPU per step (loop-case.ts) on each event's own network.
import { table } from '../src/report/table';

interface BacktestCase {
  events: number;
  outcomes: number;
  inside: number;
  eventsPassing: number;
  loadSeconds: number;
  runSeconds: number;
  totalSeconds: number;
  cpuSeconds: number;
  runCpuSeconds: number;
  steps: number;
  perEvent: { id: string; networkFile: string; steps: number }[];
}

/** Runs a compiled bench case in a fresh process and returns its JSON. */
type RunCase = (script: string, args: (string | number)[]) => unknown;

export function printBacktestBench(run: RunCase): void {
  console.log('\nBacktest suite: every event of data/events/ read, validated, run and scored (one process)');
  const suite = run('backtest-case.ts', []) as BacktestCase;
  // The loop's CPU for the same steps on the same networks: its CPU per step on each event's network times
  // the steps that event's run took.
  const loopCpuSeconds = suite.perEvent.reduce((sum, e) => {
    const loop = run('loop-case.ts', [e.networkFile, e.steps]) as { cpuMsPerStep: number };
    process.stderr.write('.');
    return sum + (loop.cpuMsPerStep * e.steps) / 1000;
  }, 0);
  process.stderr.write('\n');
  console.log(
    table(
      [
        'events',
        'outcomes',
        'steps',
        'seconds',
        'load s',
        'run s',
        'events/s',
        'run CPU s',
        'loop CPU s',
        'run CPU vs loop',
      ],
      [
        [
          suite.events,
          suite.outcomes,
          suite.steps,
          suite.totalSeconds.toFixed(2),
          suite.loadSeconds.toFixed(2),
          suite.runSeconds.toFixed(2),
          (suite.events / suite.totalSeconds).toFixed(1),
          suite.runCpuSeconds.toFixed(2),
          loopCpuSeconds.toFixed(4),
          (suite.runCpuSeconds / loopCpuSeconds).toFixed(0) + 'x',
        ],
      ],
      Array(10).fill('right'),
    ),
  );
  console.log(
    `${suite.inside}/${suite.outcomes} outcomes inside their bands, ${suite.eventsPassing}/${suite.events} events pass.\n` +
      'seconds: the whole suite (load: reading and validating every event; run: running and scoring them);\n' +
      "run CPU vs loop: the suite's run CPU over the bare loop's CPU for the same steps on the same networks\n" +
      "(its CPU per step on each event's network, times that event's steps). The event networks are small, so\n" +
      'the ratio is mostly fixed cost per run (first runs compiled by the JIT, the result and its series built).',
  );
}
