// The whole backtest suite in its own process: every event of data/events/ read and validated, then run and
// scored as `contagion backtest` does. Prints the seconds (wall and CPU) and, per event, its network file and
// the steps its run took (counted in a second, untimed pass), so run.ts can set the suite against the bare
// loop's cost per step on the same networks. Prints JSON; asserts nothing about time.
import { join } from 'node:path';
import { runBacktest } from '../src/analysis/backtest/score';
import { eventsRoot, loadEvents } from '../src/cli/load-events';
import { runScenario } from '../src/engine/run';

const cpuSeconds = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1e6;

const started = performance.now();
const cpuStart = process.cpuUsage();
const events = loadEvents([]);
const loaded = performance.now();
const cpuLoaded = process.cpuUsage();
const result = runBacktest(events);
const ran = performance.now();
const cpuRun = cpuSeconds(process.cpuUsage(cpuLoaded));
const cpu = cpuSeconds(process.cpuUsage(cpuStart));

const perEvent = events.map((e) => ({
  id: e.id,
  networkFile: join(eventsRoot(), e.id, 'network.json'),
  steps: runScenario(e.network, e.scenario).scenario.stepsRun,
}));

process.stdout.write(
  JSON.stringify({
    events: result.eventsTotal,
    outcomes: result.total,
    inside: result.inside,
    eventsPassing: result.eventsPassing,
    loadSeconds: (loaded - started) / 1000,
    runSeconds: (ran - loaded) / 1000,
    totalSeconds: (ran - started) / 1000,
    cpuSeconds: cpu,
    runCpuSeconds: cpuRun,
    steps: perEvent.reduce((s, e) => s + e.steps, 0),
    perEvent,
  }) + '\n',
);
