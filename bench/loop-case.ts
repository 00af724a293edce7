// The baseline of the engine figures, in its own process: a bare typed-array loop over the same network's
// cohorts and claims, one liquidation pass and one clearing pass per step, the same price events as the
// engine case. Arguments: protocols cohorts claims steps (a generated network, seed 7), or a network file
// and a step count. The arrays are built on a worker thread, which then ends and takes the network's objects
// with it, so the process holds only what the loop needs. Prints timings and memory as JSON; asserts nothing
// about time.
import { readFileSync } from 'node:fs';
import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import { generateNetwork } from '../src/model/generate';
import type { NetworkFileInput } from '../src/model/schema/network';

const args = process.argv.slice(2);
const fromFile = args.length === 2;
const steps = Number(fromFile ? args[1] : args[3]);

/** The arrays the loop runs over (built from the raw network, which is then dropped). */
function arraysOf(raw: NetworkFileInput) {
  const protocols = raw.protocols ?? [];
  const assetIds = raw.assets.map((a) => a.id);
  const assetIdx = new Map(assetIds.map((id, i) => [id, i] as const));
  const price = Float64Array.from(raw.assets, (a) => Number(a.priceUsd));
  const protocolIdx = new Map(protocols.map((p, i) => [p.id, i] as const));
  const nP = protocols.length;
  const markets = protocols.flatMap((p, i) => (p.markets ?? []).map((m) => ({ m, owner: i })));
  const nM = markets.length;
  const nC = markets.reduce((n, { m }) => n + (m.cohorts?.length ?? 0), 0);
  const nK = protocols.reduce((n, p) => n + (p.claims?.length ?? 0), 0);
  const a = {
    price,
    initialPrice: Float64Array.from(price),
    marketOwner: new Int32Array(nM),
    marketCollateral: new Int32Array(nM),
    marketDebt: new Int32Array(nM),
    threshold: new Float64Array(nM),
    bonus: new Float64Array(nM),
    closeFactor: new Float64Array(nM),
    cohortStart: new Int32Array(nM + 1),
    collateral: new Float64Array(nC),
    debt: new Float64Array(nC),
    claimStart: new Int32Array(nP + 1),
    claimDebtor: new Int32Array(nK),
    claimAmount: new Float64Array(nK),
    other: new Float64Array(nP),
    liabilities: new Float64Array(nP),
    recovery: new Float64Array(nP).fill(1),
    nextRecovery: new Float64Array(nP),
    loans: new Float64Array(nP),
    flow: new Float64Array(price.length),
  };
  let c = 0;
  markets.forEach(({ m, owner }, i) => {
    a.marketOwner[i] = owner;
    a.marketCollateral[i] = assetIdx.get(m.collateral)!;
    a.marketDebt[i] = assetIdx.get(m.debt)!;
    a.threshold[i] = m.liquidationThreshold;
    a.bonus[i] = m.liquidationBonus ?? 0;
    a.closeFactor[i] = m.closeFactor ?? 0.5;
    a.cohortStart[i] = c;
    for (const x of m.cohorts ?? []) {
      a.collateral[c] = Number(x.collateralAmount);
      a.debt[c++] = Number(x.debtAmount);
    }
  });
  a.cohortStart[nM] = c;
  let k = 0;
  protocols.forEach((p, i) => {
    a.claimStart[i] = k;
    for (const x of p.claims ?? []) {
      a.claimDebtor[k] = protocolIdx.get(x.on)!;
      a.claimAmount[k++] = Number(x.amountUsd);
      a.liabilities[protocolIdx.get(x.on)!]! += Number(x.amountUsd);
    }
    for (const h of p.holdings ?? []) a.other[i]! += Number(h.amount) * price[assetIdx.get(h.asset)!]!;
    a.liabilities[i]! += Number(p.externalLiabilitiesUsd ?? 0);
  });
  a.claimStart[nP] = k;
  const event = (id: string) => assetIdx.get(id) ?? -1;
  return { a, nP, nM, nC, nK, gapAsset: event('A0'), slideAsset: event('A1') };
}

type LoopArrays = ReturnType<typeof arraysOf>;

if (!isMainThread) {
  const raw = fromFile
    ? (JSON.parse(readFileSync(args[0]!, 'utf8')) as NetworkFileInput)
    : generateNetwork({
        protocols: Number(args[0]),
        cohorts: Number(args[1]),
        claims: Number(args[2]),
        seed: 7,
      });
  const built = arraysOf(raw);
  parentPort!.postMessage(
    built,
    Object.values(built.a).map((x) => x.buffer as ArrayBuffer),
  );
} else {
  const worker = new Worker(__filename, { argv: args });
  worker.once('message', (built: LoopArrays) => {
    void worker.terminate().then(() => runLoop(built));
  });
}

function runLoop({ a, nP, nM, nC, nK, gapAsset, slideAsset }: LoopArrays): void {
  global.gc?.();
  const rssBeforeStepsMb = process.memoryUsage().rss / 1024 / 1024;

  /** One step: the price events, then one liquidation pass over every cohort and one clearing pass over every claim. */
  function step(t: number): void {
    // The engine case's events: a 30% gap of A0 at step 1, a 40% linear slide of A1 over steps 1..50.
    if (t === 1 && gapAsset >= 0) a.price[gapAsset] = a.initialPrice[gapAsset]! * 0.7;
    if (t >= 1 && t <= 50 && slideAsset >= 0)
      a.price[slideAsset] = a.initialPrice[slideAsset]! * (1 - (0.4 * t) / 50);
    a.loans.fill(0);
    for (let m = 0; m < nM; m++) {
      const pc = a.price[a.marketCollateral[m]!]!;
      const pd = a.price[a.marketDebt[m]!]!;
      const lt = a.threshold[m]!;
      const seizeFactor = (1 + a.bonus[m]!) * (pd / pc);
      const cf = a.closeFactor[m]!;
      let loans = 0;
      let sold = 0;
      for (let c = a.cohortStart[m]!; c < a.cohortStart[m + 1]!; c++) {
        let debt = a.debt[c]!;
        let coll = a.collateral[c]!;
        if (debt > 0 && coll * pc * lt < debt * pd) {
          const repay = debt * cf;
          const seized = Math.min(coll, repay * seizeFactor);
          debt -= repay;
          coll -= seized;
          a.debt[c] = debt;
          a.collateral[c] = coll;
          sold += seized * pc;
        }
        loans += Math.min(debt * pd, coll * pc);
      }
      a.flow[a.marketCollateral[m]!]! += sold;
      a.loans[a.marketOwner[m]!]! += loans;
    }
    for (let p = 0; p < nP; p++) {
      let assets = a.other[p]! + a.loans[p]!;
      for (let k = a.claimStart[p]!; k < a.claimStart[p + 1]!; k++)
        assets += a.claimAmount[k]! * a.recovery[a.claimDebtor[k]!]!;
      const l = a.liabilities[p]!;
      a.nextRecovery[p] = l > 0 ? Math.min(1, Math.max(0, assets / l)) : 1;
    }
    a.recovery.set(a.nextRecovery);
  }

  let rssMaxMb = rssBeforeStepsMb;
  const started = performance.now();
  const cpu = process.cpuUsage();
  let ran = 0;
  // On a small network one pass of the steps is too short to time: repeat from the start until 200 ms.
  do {
    for (let t = 0; t < steps; t++) step(t);
    ran++;
    rssMaxMb = Math.max(rssMaxMb, process.memoryUsage().rss / 1024 / 1024);
  } while (performance.now() - started < 200 && fromFile);
  const stepsMs = (performance.now() - started) / ran;
  const used = process.cpuUsage(cpu);
  process.stdout.write(
    JSON.stringify({
      protocols: nP,
      markets: nM,
      cohorts: nC,
      claims: nK,
      steps,
      /** Wall time of the steps (of one pass when repeated). */
      stepsMs,
      /** CPU time (user + system) per step. */
      cpuMsPerStep: (used.user + used.system) / 1000 / (ran * steps),
      /** RSS once the arrays are built (the raw network dropped), and the most seen while stepping. */
      rssBeforeStepsMb,
      rssMb: rssMaxMb,
      recovery0: a.recovery[0],
    }) + '\n',
  );
}
