// One Monte Carlo benchmark case in its own process: N jump-diffusion paths of ETH on the sample ETH-crash
// scenario, on W worker threads (1: in this thread). Prints timings as JSON; asserts nothing about time.
import { join } from 'node:path';
import { planMonteCarlo, summarizeMonteCarlo } from '../src/analysis/monte-carlo';
import { runMonteCarlo } from '../src/analysis/sweep-pool';
import { readJsonFile } from '../src/model/read-file';

const [paths, workers] = process.argv.slice(2).map(Number) as [number, number];
const data = join(__dirname, '..', '..', 'data');
const networkFile = join(data, 'networks', 'ethereum-2025-10.json');
const scenarioFile = join(data, 'scenarios', 'eth-crash-30pct.json');

void (async () => {
  const started = performance.now();
  const plan = planMonteCarlo(
    {
      network: readJsonFile(networkFile),
      scenario: readJsonFile(scenarioFile),
      networkFile,
      scenarioFile,
    },
    { paths, seed: 1, asset: 'ETH', severity: 'severe' },
  );
  const planned = performance.now();
  const cpu = process.cpuUsage();
  const result = summarizeMonteCarlo(plan, await runMonteCarlo(plan, workers));
  const ran = performance.now();
  const used = process.cpuUsage(cpu);
  process.stdout.write(
    JSON.stringify({
      paths,
      workers,
      stepsPerScenario: plan.horizonSteps,
      planSeconds: (planned - started) / 1000,
      runSeconds: (ran - planned) / 1000,
      totalSeconds: (ran - started) / 1000,
      /** CPU of the whole process, worker threads included. */
      cpuSeconds: (used.user + used.system) / 1e6,
      meanBadDebtUsd: result.badDebtUsd.mean,
    }) + '\n',
  );
})();
