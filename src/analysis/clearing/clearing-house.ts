// A clearing house over members of a network (docs/model.md §25): nets their claims, finds who defaults,
// sells the defaulters' books orderly (over N steps) or chaotically (all in the default step), runs the
// default waterfall and books every transfer; `compareResolutions` gives both cases side by side. Margin on
// another chain than the house's comes through its bridge, at the copy's price, once the bridge's delay ends.
import { DEFAULT_HALF_LIFE_SEC, DEPTH_LN } from '../../engine/constants';
import { unhandled } from '../../model/errors';
import type { Dec } from '../../model/decimal';
import { chainOf, hasChains, houseOf, marginRoute } from '../../model/clearing-chains';
import type { Network } from '../../model/network';
import type { ClearingSetup } from '../../model/parse-clearing';
import type { PricePath } from '../../model/schema/scenario';
import type { z } from 'zod';
import { sellBooks, type SaleMarket, type SaleResult } from './book-sale';
import { bookResolution, checkClearingLedger, type LedgerInput, type Transfer } from './clearing-ledger';
import { netClaims, type Netting } from './netting';
import { runWaterfall, type WaterfallResult } from './waterfall';

type Path = z.output<typeof PricePath>;

/** Level of a price path at step k (step 0 is the default step), relative to the network's price. */
export function pathLevel(path: Path, k: number): number {
  switch (path.shape) {
    case 'gap':
      return 1 + path.change;
    case 'linear':
      return 1 + (path.change * Math.min(k + 1, path.overSteps)) / path.overSteps;
    case 'series':
      return 1 + path.changes[Math.min(Math.floor(k / path.everySteps), path.changes.length - 1)]!;
    default:
      return unhandled(path);
  }
}

const toCents = (usd: number) => BigInt(Math.round(usd * 100));
const decCents = (d: Dec) => BigInt(d.mul(100).toDecimalPlaces(0).toFixed(0));
const usd = (cents: bigint) => Number(cents) / 100;

export interface MemberView {
  protocol: string;
  chain?: string;
  /** Margin posted, valued at the default step's prices before any sale. */
  marginUsd: number;
  fundUsd: number;
  /** Owed to it less what it owes, after netting. */
  netUsd: number;
  defaulted: boolean;
}

export interface ResolutionCase {
  kind: 'orderly' | 'chaotic';
  steps: number;
  sale: SaleResult;
  /** Per member: margin (USD at the default step) its default could not use, arriving after the settlement. */
  lateMarginUsd: number[];
  waterfall: WaterfallResult;
  transfers: Transfer[];
}

export interface ClearingComparison {
  house: { id: string; chain?: string; skinInTheGameUsd: number; skinInTheGame: 'first' | 'after-members' };
  settlementAsset: string;
  members: MemberView[];
  netting: { grossUsd: number; netUsd: number };
  orderly: ResolutionCase;
  chaotic: ResolutionCase;
}

/** A defaulter's margin item that reaches the house through a bridge (§25.1): usable after `delaySec`. */
interface BridgedItem {
  member: number;
  /** The market it is sold in, or -1 for the settlement asset (not sold). */
  market: number;
  /** Units received (of the market's asset; USD for the settlement asset). */
  units: number;
  /** Its value at the default step, USD. */
  usd: number;
  delaySec: number;
}

/** The compiled set-up: every id resolved to an index, every amount a number (cents for the ledger). */
interface Compiled {
  names: string[];
  netting: Netting;
  fund: bigint[];
  defaulted: boolean[];
  /** Settlement-asset margin of each member on the house's chain, cents. */
  cash: bigint[];
  markets: SaleMarket[];
  /** units[member][market] of the member's book on the house's chain (only defaulters sell). */
  units: number[][];
  /** Defaulters' margin on other chains, in file order. */
  bridged: BridgedItem[];
  marginUsd: number[];
  skinCents: bigint;
}

function marketOf(net: Network, setup: ClearingSetup, asset: string): SaleMarket {
  const assets = new Map(net.assets.map((a) => [a.id, a]));
  // A pegged asset follows the shock of the base asset its peg chain ends in (at full backing).
  let base = assets.get(asset);
  for (let hops = 0; base?.peg && base.peg.target !== 'USD' && hops < assets.size; hops++)
    base = assets.get(base.peg.target);
  const shocked = base && !base.peg ? setup.shock.find((s) => s.asset === base.id) : undefined;
  const p0 = assets.get(asset)!.priceUsd.toNumber();
  let depth2 = 0;
  let weighted = 0;
  for (const v of net.venues)
    for (const l of v.liquidity)
      if (l.asset === asset) {
        depth2 += l.depthUsd2pct.toNumber();
        weighted += l.depthUsd2pct.toNumber() * l.resilienceHalfLifeSec;
      }
  return {
    asset,
    depthUsd: (depth2 / DEPTH_LN) * setup.resolution.depthMultiplier,
    halfLifeSec: depth2 > 0 ? weighted / depth2 : DEFAULT_HALF_LIFE_SEC,
    fundamental: shocked ? (k) => p0 * pathLevel(shocked.path, k) : () => p0,
  };
}

function compile(setup: ClearingSetup, net: Network): Compiled {
  const names = setup.members.map((m) => m.protocol);
  const index = new Map(names.map((p, i) => [p, i]));
  const netting = netClaims(
    names.length,
    setup.obligations.map((o) => ({
      from: index.get(o.from)!,
      to: index.get(o.to)!,
      cents: decCents(o.amountUsd),
    })),
  );
  const marketIndex = new Map<string, number>();
  const markets: SaleMarket[] = [];
  const settlement = marketOf(net, setup, setup.settlementAsset);
  const units = names.map(() => [] as number[]);
  const cash = names.map(() => 0n);
  const marginUsd = names.map(() => 0);
  const house = houseOf(setup, net);
  const pending: Omit<BridgedItem, 'usd'>[] = [];
  const marketFor = (asset: string) => {
    let a = marketIndex.get(asset);
    if (a === undefined) {
      a = markets.length;
      marketIndex.set(asset, a);
      markets.push(marketOf(net, setup, asset));
    }
    return a;
  };
  setup.members.forEach((m, i) => {
    let cashUsd = 0;
    for (const x of [...m.initialMargin, ...m.variationMargin]) {
      const amount = x.amount.toNumber();
      const route = marginRoute(net, house.chain, x.asset)!;
      if (route.bridge !== undefined) {
        // Through its bridge: `rate` units of what the house receives a unit, the copy's price (§25.1).
        const received = amount * route.rate;
        const market = route.received === setup.settlementAsset ? -1 : marketFor(route.received);
        const usdNow = received * (market < 0 ? settlement : markets[market]!).fundamental(0);
        marginUsd[i]! += usdNow;
        pending.push({ member: i, market, units: market < 0 ? usdNow : received, delaySec: route.delaySec });
        continue;
      }
      if (x.asset === setup.settlementAsset) {
        cashUsd += amount * settlement.fundamental(0);
        continue;
      }
      const a = marketFor(x.asset);
      units[i]![a] = (units[i]![a] ?? 0) + amount;
      marginUsd[i]! += amount * markets[a]!.fundamental(0);
    }
    cash[i] = toCents(cashUsd);
    marginUsd[i]! += cashUsd;
  });
  const defaulted = names.map((_, i) => toCents(marginUsd[i]!) < netting.payable[i]!);
  return {
    names,
    netting,
    fund: setup.members.map((m) => decCents(m.defaultFund)),
    defaulted,
    cash,
    markets,
    // Only defaulters' books are sold; a survivor meets its call and keeps its margin.
    units: units.map((u, i) => markets.map((_, a) => (defaulted[i] ? (u[a] ?? 0) : 0))),
    bridged: pending
      .filter((b) => defaulted[b.member])
      .map((b) => ({
        ...b,
        usd: b.market < 0 ? b.units : b.units * markets[b.market]!.fundamental(0),
      })),
    marginUsd,
    skinCents: decCents(house.skinInTheGameUsd),
  };
}

/** The first step a bridged item can be used in: the first that starts once its delay has ended. */
const arrivalStep = (delaySec: number, stepSeconds: number) =>
  delaySec > 0 ? Math.ceil(delaySec / stepSeconds - 1e-9) : 0;

function resolve(c: Compiled, setup: ClearingSetup, kind: 'orderly' | 'chaotic'): ResolutionCase {
  const steps = kind === 'orderly' ? setup.resolution.steps : 1;
  const stepSeconds = setup.resolution.stepSeconds;
  // Each member sells its book on the house's chain from step 0; each bridged item is a seller of its own
  // from the step it arrives in, or is of no use to the default when that is past the last step.
  const units = c.units.map((u) => [...u]);
  const start = c.names.map(() => 0);
  const owner = c.names.map((_, i) => i);
  const lateMarginUsd = c.names.map(() => 0);
  const bridgedCash = c.names.map(() => new Array<number>(steps).fill(0));
  for (const b of c.bridged) {
    const k = arrivalStep(b.delaySec, stepSeconds);
    if (k >= steps) lateMarginUsd[b.member]! += b.usd;
    else if (b.market < 0) bridgedCash[b.member]![k]! += b.units;
    else {
      units.push(c.markets.map((_, a) => (a === b.market ? b.units : 0)));
      start.push(k);
      owner.push(b.member);
    }
  }
  const sale = sellBooks({ markets: c.markets, units, steps, stepSeconds, start });
  const proceeds = c.names.map(() => new Array<number>(steps).fill(0));
  sale.proceeds.forEach((row, s) => row.forEach((p, k) => (proceeds[owner[s]!]![k]! += p)));
  const raisedByStep = c.names.map((_, i) =>
    proceeds[i]!.map(
      (p, k) => toCents(p) + (k === 0 && c.defaulted[i] ? c.cash[i]! : 0n) + toCents(bridgedCash[i]![k]!),
    ),
  );
  const raised = raisedByStep.map((r) => r.reduce((s, x) => s + x, 0n));
  const waterfall = runWaterfall({
    payable: c.netting.payable,
    receivable: c.netting.receivable,
    defaulted: c.defaulted,
    raised,
    fund: c.fund,
    skin: c.skinCents,
    skinOrder: setup.house.skinInTheGame,
  });
  const ledger: LedgerInput = {
    members: c.names.length,
    payable: c.netting.payable,
    receivable: c.netting.receivable,
    defaulted: c.defaulted,
    raisedByStep,
    waterfall,
    settleStep: steps - 1,
  };
  const transfers = bookResolution(ledger);
  checkClearingLedger(ledger, transfers, [...c.names, setup.house.id, ownCapital(setup.house.id)]);
  return { kind, steps, sale, lateMarginUsd, waterfall, transfers };
}

const ownCapital = (house: string) => `${house} (own capital)`;

/** Names of the ledger's accounts: the members, the house's clearing account, the house's own capital. */
export function accountNames(cmp: ClearingComparison): string[] {
  return [...cmp.members.map((m) => m.protocol), cmp.house.id, ownCapital(cmp.house.id)];
}

/** Clears the set-up twice, orderly and chaotic; each run's ledger is checked. */
export function compareResolutions(setup: ClearingSetup, net: Network): ClearingComparison {
  const c = compile(setup, net);
  const house = houseOf(setup, net);
  // On a network with chains a member's chain is its protocol's; otherwise the file's, as data.
  const memberChain = (m: ClearingSetup['members'][number]) =>
    hasChains(net) ? chainOf(net, net.protocols.find((p) => p.id === m.protocol)!.chain) : m.chain;
  return {
    house: {
      id: house.id,
      ...(house.chain !== undefined ? { chain: house.chain } : {}),
      skinInTheGameUsd: house.skinInTheGameUsd.toNumber(),
      skinInTheGame: setup.house.skinInTheGame,
    },
    settlementAsset: setup.settlementAsset,
    members: setup.members.map((m, i) => ({
      protocol: m.protocol,
      ...(memberChain(m) !== undefined ? { chain: memberChain(m) } : {}),
      marginUsd: c.marginUsd[i]!,
      fundUsd: usd(c.fund[i]!),
      netUsd: usd(c.netting.net[i]!),
      defaulted: c.defaulted[i]!,
    })),
    netting: { grossUsd: usd(c.netting.grossCents), netUsd: usd(c.netting.netCents) },
    orderly: resolve(c, setup, 'orderly'),
    chaotic: resolve(c, setup, 'chaotic'),
  };
}

/** Who bore a case's losses, in USD: the table of `contagion clearing`. */
export interface LossSummary {
  badDebtUsd: number;
  defaulterMarginUsd: number;
  defaulterFundUsd: number;
  houseFundUsd: number;
  /** Per member: its default-fund contribution used for others' defaults plus its haircut. */
  members: { protocol: string; fundUsd: number; haircutUsd: number }[];
  socializedUsd: number;
  unallocatedUsd: number;
  /** Defaulters' margin on other chains that arrives after the settlement, of no use to the default. */
  lateMarginUsd: number;
  /** Per sold asset: the worst price and the mark before the sale. */
  assets: { asset: string; markUsd: number; worstPriceUsd: number; proceedsUsd: number; soldUsd: number }[];
}

export function summarize(cmp: ClearingComparison, rc: ResolutionCase): LossSummary {
  const sum = (f: (d: WaterfallResult['defaults'][number]) => bigint) =>
    usd(rc.waterfall.defaults.reduce((s, d) => s + f(d), 0n));
  return {
    badDebtUsd: sum((d) => d.badDebt),
    defaulterMarginUsd: sum((d) => d.margin),
    defaulterFundUsd: sum((d) => d.ownFund),
    houseFundUsd: usd(rc.waterfall.skinUsed),
    members: cmp.members.map((m, i) => ({
      protocol: m.protocol,
      fundUsd: sum((d) => d.memberFund[i]!),
      haircutUsd: usd(rc.waterfall.haircut[i]!),
    })),
    socializedUsd: usd(rc.waterfall.haircut.reduce((s, x) => s + x, 0n)),
    unallocatedUsd: sum((d) => d.unallocated),
    lateMarginUsd: rc.lateMarginUsd.reduce((s, x) => s + x, 0),
    // The assets the orderly case sells (a superset of the chaotic case's: what a bridge brings in time for
    // one step comes in time for more), in the same order for both cases.
    assets: rc.sale.markets
      .filter((_, k) => cmp.orderly.sale.markets[k]!.units > 0)
      .map((m) => ({
        asset: m.asset,
        markUsd: m.markUsd,
        worstPriceUsd: m.worstPriceUsd,
        proceedsUsd: m.proceedsUsd,
        soldUsd: m.units * m.markUsd,
      })),
  };
}
