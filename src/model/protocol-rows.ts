// Protocols read without the schema when they are plain, as their markets are (model/market-rows.ts): a
// generated network has ten thousand protocols, and the schema's objects, checks and decimal conversions per
// protocol cost more than the JSON they are read from. A plain protocol has only the fields below, each of the
// type and in the range the schema accepts, and its claims and markets already split off; it comes out as the
// schema would give it: the same fields in the schema's order, the same defaults, its amounts in decimal.js.
// Anything else, and the caller lets the schema parse every protocol (so every message is the schema's).
import { type ClaimTable, defineClaimRows } from './claim-rows';
import { DECIMAL_PATTERN, toDec, type Dec } from './decimal';
import type { Market, Protocol } from './network';
import { hasOnly, isId, isNote, isRecord, isRef, isUnit, type PlainRecord, refOf } from './plain-values';
import { amountLimitProblem } from './schema/common';
import { Protocol as ProtocolSchema, ProtocolKind } from './schema/network';

/** The schema's own defaults, read from it (so they cannot drift apart). */
const OTHER_ASSETS = ProtocolSchema.shape.otherAssetsUsd.parse(undefined);
const EXTERNAL_LIABILITIES = ProtocolSchema.shape.externalLiabilitiesUsd.parse(undefined);
const INSURANCE_FUND = ProtocolSchema.shape.insuranceFundUsd.parse(undefined);
const MEV_LOSS = ProtocolSchema.shape.mevLoss.parse(undefined);
/** The default rule every plain protocol has: one object for all (never written to). */
const ON_DEFAULT = Object.freeze(ProtocolSchema.shape.onDefault.parse(undefined));

const KINDS = new Set<unknown>(ProtocolKind.options);

const PLAIN_KEYS = new Set([
  'id',
  'name',
  'kind',
  'chain',
  'holdings',
  'otherAssetsUsd',
  'claims',
  'markets',
  'issues',
  'externalLiabilitiesUsd',
  'insuranceFundUsd',
  'keeperCapacityUsdPerStep',
  'mevLoss',
  'ref',
  'note',
]);
const HOLDING_KEYS = new Set(['asset', 'amount', 'oracle', 'ref', 'note']);
const ISSUE_KEYS = new Set(['asset', 'supply', 'ref']);

type Record_ = PlainRecord;

/** An amount as `NonNegAmount` reads it (decimal string or finite number, not negative, within limits), or undefined. */
function amountOf(v: unknown): Dec | undefined {
  if (typeof v === 'string') {
    if (!DECIMAL_PATTERN.test(v)) return undefined;
  } else if (typeof v !== 'number' || !Number.isFinite(v)) return undefined;
  if (!(Number(v) >= 0) || amountLimitProblem(v) !== undefined) return undefined;
  return toDec(v);
}

/**
 * The protocol `v` stands for, as the schema parses it, with `markets` (its markets already read), when it is
 * plain and its claims have been split off (absent or an empty list); undefined otherwise. With `claims`, the
 * claims split off, its `claims` are those rows (`defineClaimRows`).
 */
export function plainProtocolOf(v: unknown, markets: Market[], claims?: ClaimTable): Protocol | undefined {
  if (!isRecord(v) || !hasOnly(v, PLAIN_KEYS)) return undefined;
  if (!isId(v.id) || !KINDS.has(v.kind)) return undefined;
  if (v.name !== undefined && typeof v.name !== 'string') return undefined;
  if (v.chain !== undefined && !isId(v.chain)) return undefined;
  if (v.claims !== undefined && !(Array.isArray(v.claims) && v.claims.length === 0)) return undefined;
  if (!isRef(v.ref) || !isNote(v.note)) return undefined;
  if (v.mevLoss !== undefined && !isUnit(v.mevLoss)) return undefined;
  const amount = (x: unknown, absent: Dec | undefined): Dec | undefined | null =>
    x === undefined ? absent : (amountOf(x) ?? null);
  const otherAssetsUsd = amount(v.otherAssetsUsd, OTHER_ASSETS);
  const externalLiabilitiesUsd = amount(v.externalLiabilitiesUsd, EXTERNAL_LIABILITIES);
  const insuranceFundUsd = amount(v.insuranceFundUsd, INSURANCE_FUND);
  const keeperCapacity = amount(v.keeperCapacityUsdPerStep, undefined);
  if (!otherAssetsUsd || !externalLiabilitiesUsd || !insuranceFundUsd || keeperCapacity === null)
    return undefined;
  const holdings = holdingsOf(v.holdings);
  const issues = issuesOf(v.issues);
  if (!holdings || !issues) return undefined;
  const out: Record_ = { id: v.id };
  if (v.name !== undefined) out.name = v.name;
  out.kind = v.kind;
  if (v.chain !== undefined) out.chain = v.chain;
  out.holdings = holdings;
  out.otherAssetsUsd = otherAssetsUsd;
  if (claims) defineClaimRows(out as unknown as Protocol, claims);
  else out.claims = [];
  out.markets = markets;
  out.issues = issues;
  out.externalLiabilitiesUsd = externalLiabilitiesUsd;
  out.insuranceFundUsd = insuranceFundUsd;
  if (keeperCapacity !== undefined) out.keeperCapacityUsdPerStep = keeperCapacity;
  out.mevLoss = v.mevLoss ?? MEV_LOSS;
  out.onDefault = ON_DEFAULT;
  out.ref = refOf(v.ref);
  if (v.note !== undefined) out.note = v.note;
  return out as unknown as Protocol;
}

/** A protocol's holdings as the schema gives them, or undefined when one is not plain. */
function holdingsOf(v: unknown): Protocol['holdings'] | undefined {
  if (v === undefined) return [];
  if (!Array.isArray(v)) return undefined;
  const out: Protocol['holdings'] = [];
  for (const h of v) {
    if (!isRecord(h) || !hasOnly(h, HOLDING_KEYS) || !isId(h.asset)) return undefined;
    if ((h.oracle !== undefined && !isId(h.oracle)) || !isRef(h.ref) || !isNote(h.note)) return undefined;
    const amount = amountOf(h.amount);
    if (!amount) return undefined;
    const holding: Record_ = { asset: h.asset, amount };
    if (h.oracle !== undefined) holding.oracle = h.oracle;
    holding.ref = refOf(h.ref);
    if (h.note !== undefined) holding.note = h.note;
    out.push(holding as unknown as Protocol['holdings'][number]);
  }
  return out;
}

/** A protocol's issues as the schema gives them, or undefined when one is not plain. */
function issuesOf(v: unknown): Protocol['issues'] | undefined {
  if (v === undefined) return [];
  if (!Array.isArray(v)) return undefined;
  const out: Protocol['issues'] = [];
  for (const i of v) {
    if (!isRecord(i) || !hasOnly(i, ISSUE_KEYS) || !isId(i.asset) || !isRef(i.ref)) return undefined;
    const supply = amountOf(i.supply);
    if (!supply) return undefined;
    out.push({ asset: i.asset, supply, ref: refOf(i.ref) });
  }
  return out;
}
