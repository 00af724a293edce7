// Checks of a network beyond its shape: unique ids, known references, consistent pegs, sane markets.
import { claimColumns, forEachClaim } from './claim-rows';
import { cohortsWithDebtWithoutCollateral } from './cohort-rows';
import type { InputIssue } from './errors';
import { jsonPath } from './errors';
import type { NetworkFileParsed } from './schema/network';

type Path = (string | number)[];
type Key = string | number;

/**
 * `base` with up to five keys after it. The checks below pass a base and its keys instead of the joined
 * path, which is built only when there is something to report (a network of fifty thousand markets makes
 * a million checks, and as many paths that nobody reads).
 */
function pathOf(base: Path, a?: Key, b?: Key, c?: Key, d?: Key, e?: Key): Path {
  const out = [...base];
  for (const k of [a, b, c, d, e]) if (k !== undefined) out.push(k);
  return out;
}

/** All semantic problems of a shape-valid network file, in document order. */
export function checkNetwork(net: NetworkFileParsed, file: string): InputIssue[] {
  const issues: InputIssue[] = [];
  const report = (path: Path, reason: string) => issues.push({ file, path: jsonPath(path), reason });

  const assetIds = uniqueIds(net.assets, ['assets'], 'asset', report);
  const oracleIds = uniqueIds(net.oracles, ['oracles'], 'oracle', report);
  uniqueIds(net.venues, ['venues'], 'venue', report);
  const protocolIds = uniqueIds(net.protocols, ['protocols'], 'protocol', report);
  const marketSeen = new Map<string, string>();
  /** Per backstop vault: the liquidator capital its first book gave (undefined: none) and that book's id. */
  const capitalSeen = new Map<string, { capital: string | undefined; book: string }>();
  const sourceIds = new Set(Object.keys(net.sources));
  const oracleAsset = new Map<string, string>();
  for (const o of net.oracles) if (!oracleAsset.has(o.id)) oracleAsset.set(o.id, o.asset);

  const known =
    (ids: Set<string>, kind: string) =>
    (id: string, base: Path, a?: Key, b?: Key, c?: Key, d?: Key, e?: Key) => {
      if (!ids.has(id)) report(pathOf(base, a, b, c, d, e), `unknown ${kind} "${id}"`);
    };
  const asset = known(assetIds, 'asset');
  const protocol = known(protocolIds, 'protocol');
  // Lists of protocol ids whose every id is a known protocol (claim debtors indexed into them are known).
  const knownLists = new WeakSet<readonly string[]>();
  const allKnown = (ids: readonly string[]) => {
    if (knownLists.has(ids)) return true;
    if (!ids.every((id) => protocolIds.has(id))) return false;
    knownLists.add(ids);
    return true;
  };
  // The index of each id of a list of protocol ids (the first, where one is repeated), made once per list.
  const indexes = new Map<readonly string[], Map<string, number>>();
  const indexOf = (ids: readonly string[]) => {
    let index = indexes.get(ids);
    if (!index) {
      index = new Map();
      for (let j = ids.length - 1; j >= 0; j--) index.set(ids[j]!, j);
      indexes.set(ids, index);
    }
    return index;
  };
  const oracle = known(oracleIds, 'oracle');
  const refs = (ref: readonly string[], base: Path, a?: Key, b?: Key, c?: Key, d?: Key, e?: Key) => {
    ref.forEach((r, i) => {
      if (sourceIds.has(r)) return;
      const path = pathOf(base, a, b, c, d, e);
      report(ref.length === 1 ? path : [...path, i], `unknown source "${r}"`);
    });
  };

  // Who issues what: each issued asset has exactly one issuer.
  const issuerOf = new Map<string, string>();
  net.protocols.forEach((p, i) =>
    p.issues.forEach((iss, k) => {
      const prior = issuerOf.get(iss.asset);
      if (prior !== undefined && prior !== p.id) {
        report(['protocols', i, 'issues', k, 'asset'], `"${iss.asset}" is already issued by "${prior}"`);
      } else issuerOf.set(iss.asset, p.id);
    }),
  );

  net.assets.forEach((a, i) => {
    const at: Path = ['assets', i];
    refs(a.ref, at, 'ref');
    if (!a.peg) return;
    if (a.peg.target !== 'USD') {
      asset(a.peg.target, at, 'peg', 'target');
      if (a.peg.target === a.id) report([...at, 'peg', 'target'], 'an asset cannot be pegged to itself');
    }
    protocol(a.peg.issuer, at, 'peg', 'issuer');
    if (protocolIds.has(a.peg.issuer) && issuerOf.get(a.id) !== a.peg.issuer) {
      report([...at, 'peg', 'issuer'], `"${a.peg.issuer}" does not list "${a.id}" in its issues`);
    }
  });
  checkPegCycles(net, report);

  net.assets.forEach((a, i) => {
    if (!a.peg && issuerOf.has(a.id)) {
      report(
        ['assets', i],
        `"${a.id}" is issued by "${issuerOf.get(a.id)}" but has no peg naming its issuer`,
      );
    }
  });

  const linkIds = new Set<string>();
  net.convertibility.forEach((c, i) => {
    const at: Path = ['convertibility', i];
    if (c.id !== undefined) {
      if (linkIds.has(c.id)) report([...at, 'id'], `duplicate link id "${c.id}"`);
      linkIds.add(c.id);
    }
    asset(c.from, at, 'from');
    asset(c.to, at, 'to');
    if (c.from === c.to) report([...at, 'to'], 'an asset cannot convert into itself');
    if (c.converter !== undefined) protocol(c.converter, at, 'converter');
    refs(c.ref, at, 'ref');
  });

  net.venues.forEach((v, i) => {
    const at: Path = ['venues', i];
    if (v.operator !== undefined) protocol(v.operator, at, 'operator');
    refs(v.ref, at, 'ref');
    const seen = new Set<string>();
    v.liquidity.forEach((l, k) => {
      asset(l.asset, at, 'liquidity', k, 'asset');
      if (seen.has(l.asset))
        report([...at, 'liquidity', k, 'asset'], `duplicate liquidity entry for "${l.asset}"`);
      seen.add(l.asset);
      refs(l.ref, at, 'liquidity', k, 'ref');
      l.arbitrage?.forEach((x, j) => refs(x.ref, at, 'liquidity', k, 'arbitrage', j, 'ref'));
      if (l.amm) refs(l.amm.ref, at, 'liquidity', k, 'amm', 'ref');
    });
  });

  checkAmms(net, report);

  checkVenuePrices(net, report);

  net.oracles.forEach((o, i) => {
    const at: Path = ['oracles', i];
    asset(o.asset, at, 'asset');
    refs(o.ref, at, 'ref');
    if (o.source === 'proxy') {
      if (o.proxyAsset === undefined) report([...at, 'proxyAsset'], 'a proxy oracle needs proxyAsset');
      else asset(o.proxyAsset, at, 'proxyAsset');
    } else if (o.source === 'exchange-rate') {
      // A rate over a proxy: the target's price is read from another asset (docs/model.md §3.3).
      if (o.proxyAsset !== undefined) asset(o.proxyAsset, at, 'proxyAsset');
    } else if (o.proxyAsset !== undefined)
      report([...at, 'proxyAsset'], `only a proxy or an exchange-rate oracle has proxyAsset`);
    if (o.source === 'fixed') {
      if (o.fixedPriceUsd === undefined)
        report([...at, 'fixedPriceUsd'], 'a fixed oracle needs fixedPriceUsd');
    } else if (o.fixedPriceUsd !== undefined)
      report([...at, 'fixedPriceUsd'], 'only a fixed oracle has fixedPriceUsd');
    if (
      o.source === 'exchange-rate' &&
      assetIds.has(o.asset) &&
      !net.assets.find((a) => a.id === o.asset)?.peg
    ) {
      report([...at, 'source'], `an exchange-rate oracle needs a pegged asset, and "${o.asset}" has no peg`);
    }
  });

  net.protocols.forEach((p, i) => {
    const at: Path = ['protocols', i];
    refs(p.ref, at, 'ref');
    p.holdings.forEach((h, k) => {
      asset(h.asset, at, 'holdings', k, 'asset');
      refs(h.ref, at, 'holdings', k, 'ref');
      if (h.oracle !== undefined) {
        oracle(h.oracle, at, 'holdings', k, 'oracle');
        const ha = oracleAsset.get(h.oracle);
        if (ha !== undefined && ha !== h.asset)
          report(
            [...at, 'holdings', k, 'oracle'],
            `oracle "${h.oracle}" prices "${ha}", not the holding "${h.asset}"`,
          );
        const other = p.holdings.find(
          (x, j) => j < k && x.asset === h.asset && x.oracle !== undefined && x.oracle !== h.oracle,
        );
        if (other !== undefined)
          report(
            [...at, 'holdings', k, 'oracle'],
            `another holding of "${h.asset}" is marked at oracle "${other.oracle}"`,
          );
      }
    });
    // Paths are made only for a claim with a problem: a large network has millions of claims.
    const columns = claimColumns(p);
    if (columns && !columns.rows && allKnown(columns.ids)) {
      // Debtors resolved to the file's protocol ids when the rows were split, every one of them known here.
      const { debtor, ids, start, count } = columns;
      // Compared as indices into the ids (a million claims), the protocol's own found once.
      const own = indexOf(ids).get(p.id) ?? -1;
      for (let k = 0; k < count; k++)
        if (debtor[start + k] === own)
          report([...at, 'claims', k, 'on'], 'a protocol cannot hold a claim on itself');
    } else
      forEachClaim(p, (on, _amount, ref, k) => {
        if (!protocolIds.has(on)) protocol(on, at, 'claims', k, 'on');
        if (on === p.id) report([...at, 'claims', k, 'on'], 'a protocol cannot hold a claim on itself');
        if (ref.length > 0) refs(ref, at, 'claims', k, 'ref');
      });
    p.issues.forEach((iss, k) => {
      asset(iss.asset, at, 'issues', k, 'asset');
      refs(iss.ref, at, 'issues', k, 'ref');
    });
    const run = p.depositorRun;
    if (run?.depositAsset !== undefined) asset(run.depositAsset, at, 'depositorRun', 'depositAsset');
    run?.triggers.forEach((tr, k) => {
      if (tr.signal === 'discount' && p.issues.length === 0)
        report(
          [...at, 'depositorRun', 'triggers', k, 'signal'],
          'a discount trigger needs a token the protocol issues',
        );
    });
    p.markets.forEach((m, k) => {
      const mp: Path = [...at, 'markets', k];
      const prior = marketSeen.get(m.id);
      if (prior !== undefined)
        report([...mp, 'id'], `duplicate market id "${m.id}" (also in protocol "${prior}")`);
      else marketSeen.set(m.id, p.id);
      asset(m.collateral, mp, 'collateral');
      asset(m.debt, mp, 'debt');
      if (m.collateral === m.debt) report([...mp, 'debt'], 'collateral and debt must be different assets');
      oracle(m.collateralOracle, mp, 'collateralOracle');
      oracle(m.debtOracle, mp, 'debtOracle');
      const ca = oracleAsset.get(m.collateralOracle);
      if (ca !== undefined && ca !== m.collateral) {
        report(
          [...mp, 'collateralOracle'],
          `oracle "${m.collateralOracle}" prices "${ca}", not the collateral "${m.collateral}"`,
        );
      }
      const da = oracleAsset.get(m.debtOracle);
      if (da !== undefined && da !== m.debt) {
        report([...mp, 'debtOracle'], `oracle "${m.debtOracle}" prices "${da}", not the debt "${m.debt}"`);
      }
      if (m.liquidationThreshold < m.loanToValue) {
        report(
          [...mp, 'liquidationThreshold'],
          `liquidation threshold ${m.liquidationThreshold} is below loan-to-value ${m.loanToValue}`,
        );
      }
      refs(m.ref, mp, 'ref');
      for (const q of cohortsWithDebtWithoutCollateral(m))
        report([...mp, 'cohorts', q], 'a cohort with debt must have collateral');
    });
    (p.perps ?? []).forEach((b, k) => {
      const bp: Path = [...at, 'perps', k];
      const prior = marketSeen.get(b.id);
      if (prior !== undefined)
        report([...bp, 'id'], `duplicate market or perp book id "${b.id}" (also in protocol "${prior}")`);
      else marketSeen.set(b.id, p.id);
      asset(b.bookAsset, bp, 'bookAsset');
      b.indexOracles.forEach((o, j) => oracle(o, bp, 'indexOracles', j));
      b.marginTiers.forEach((tier, j) => {
        if (j === 0 && !tier.fromNotionalUsd.isZero())
          report([...bp, 'marginTiers', 0, 'fromNotionalUsd'], 'the first margin tier must start from 0');
        if (j > 0 && !tier.fromNotionalUsd.gt(b.marginTiers[j - 1]!.fromNotionalUsd))
          report([...bp, 'marginTiers', j, 'fromNotionalUsd'], 'margin tiers must be in increasing order');
      });
      if (b.backstop) {
        protocol(b.backstop.vault, bp, 'backstop', 'vault');
        if (b.backstop.vault === p.id)
          report([...bp, 'backstop', 'vault'], 'the backstop vault must be another protocol than the venue');
        const capital = b.backstop.capitalUsd?.toString();
        const first = capitalSeen.get(b.backstop.vault);
        if (!first) capitalSeen.set(b.backstop.vault, { capital, book: b.id });
        else if (first.capital !== capital)
          report(
            [...bp, 'backstop', 'capitalUsd'],
            `the books backed by vault "${b.backstop.vault}" share one liquidator sub-vault: capitalUsd must be the same as on book "${first.book}" (${first.capital ?? 'absent'})`,
          );
      }
      refs(b.ref, bp, 'ref');
    });
    checkLendingPools(net, p, at, report);
  });

  checkChains(net, report);
  return issues;
}

/**
 * Chains and bridges (docs/model.md §23): every `chain` field names a chain of `chains` (and none is written
 * without `chains`); a bridge joins two known chains, its canonical lives on `from`, its copy on `to`, pegged
 * to the canonical with the escrow as issuer.
 */
function checkChains(net: NetworkFileParsed, report: (path: Path, reason: string) => void): void {
  const chains = net.chains ?? [];
  const chainIds = uniqueIds(chains, ['chains'], 'chain', report);
  const first = chains[0]?.id;
  const sourceIds = new Set(Object.keys(net.sources));
  chains.forEach((c, i) =>
    c.ref.forEach((r, k) => {
      if (!sourceIds.has(r))
        report(c.ref.length === 1 ? ['chains', i, 'ref'] : ['chains', i, 'ref', k], `unknown source "${r}"`);
    }),
  );
  const chain = (id: string | undefined, base: Path, a?: Key, b?: Key, c?: Key) => {
    if (id === undefined) return;
    if (net.chains === undefined)
      report(pathOf(base, a, b, c), `chain "${id}" is named but the network has no \`chains\``);
    else if (!chainIds.has(id)) report(pathOf(base, a, b, c), `unknown chain "${id}"`);
  };
  net.assets.forEach((a, i) => chain(a.chain, ['assets', i, 'chain']));
  net.venues.forEach((v, i) => chain(v.chain, ['venues', i, 'chain']));
  net.oracles.forEach((o, i) => chain(o.chain, ['oracles', i, 'chain']));
  net.protocols.forEach((p, i) => chain(p.chain, ['protocols', i, 'chain']));

  const bridges = net.bridges ?? [];
  if (bridges.length > 0 && net.chains === undefined)
    report(['bridges'], 'bridges need `chains`: a bridge joins two chains');
  uniqueIds(bridges, ['bridges'], 'bridge', report);
  // A bridge runs a conversion link named by the bridge's id (docs/model.md §23.3).
  const linkIds = new Set(net.convertibility.flatMap((c) => (c.id === undefined ? [] : [c.id])));
  bridges.forEach((b, i) => {
    if (linkIds.has(b.id))
      report(['bridges', i, 'id'], `bridge id "${b.id}" is also a convertibility link id`);
  });
  const assetById = new Map(net.assets.map((a) => [a.id, a] as const));
  const protocolById = new Map(net.protocols.map((p) => [p.id, p] as const));
  const chainOf = (id: string | undefined) => id ?? first;
  bridges.forEach((b, i) => {
    const at: Path = ['bridges', i];
    if (net.chains !== undefined) {
      chain(b.from, at, 'from');
      chain(b.to, at, 'to');
      if (b.from === b.to) report([...at, 'to'], 'a bridge joins two different chains');
    }
    b.ref.forEach((r, k) => {
      if (!sourceIds.has(r))
        report(b.ref.length === 1 ? [...at, 'ref'] : [...at, 'ref', k], `unknown source "${r}"`);
    });
    const canonical = assetById.get(b.canonical);
    const copy = assetById.get(b.copy);
    const escrow = protocolById.get(b.escrow);
    if (!canonical) report([...at, 'canonical'], `unknown asset "${b.canonical}"`);
    if (!copy) report([...at, 'copy'], `unknown asset "${b.copy}"`);
    if (!escrow) report([...at, 'escrow'], `unknown protocol "${b.escrow}"`);
    if (net.chains === undefined) return;
    if (canonical && chainIds.has(b.from) && chainOf(canonical.chain) !== b.from)
      report(
        [...at, 'canonical'],
        `canonical "${b.canonical}" lives on chain "${chainOf(canonical.chain)}", not on "${b.from}"`,
      );
    if (copy && chainIds.has(b.to) && chainOf(copy.chain) !== b.to)
      report([...at, 'copy'], `copy "${b.copy}" lives on chain "${chainOf(copy.chain)}", not on "${b.to}"`);
    if (copy && canonical) {
      if (copy.peg?.target !== b.canonical)
        report([...at, 'copy'], `copy "${b.copy}" must be pegged to the canonical "${b.canonical}"`);
      else if (escrow && copy.peg.issuer !== b.escrow)
        report(
          [...at, 'escrow'],
          `copy "${b.copy}" names "${copy.peg.issuer}" as issuer, not the escrow "${b.escrow}"`,
        );
    }
    if (escrow && escrow.kind !== 'bridge')
      report([...at, 'escrow'], `escrow "${b.escrow}" must be a protocol of kind "bridge"`);
    if (escrow && chainIds.has(b.from) && chainOf(escrow.chain) !== b.from)
      report(
        [...at, 'escrow'],
        `escrow "${b.escrow}" lives on chain "${chainOf(escrow.chain)}", not on "${b.from}" (it holds the canonical)`,
      );
  });
}

/**
 * A protocol's lending pools (docs/model.md §18): one per asset, an asset its markets lend and it does not
 * issue, a receipt it issues pegged to that asset, and rate parameters in order.
 */
function checkLendingPools(
  net: NetworkFileParsed,
  p: NetworkFileParsed['protocols'][number],
  at: Path,
  report: (path: Path, reason: string) => void,
): void {
  const seen = new Set<string>();
  const lent = new Set(p.markets.map((m) => m.debt));
  const issued = new Set(p.issues.map((i) => i.asset));
  const sourceIds = new Set(Object.keys(net.sources));
  (p.lendingPools ?? []).forEach((pool, k) => {
    const pp: Path = [...at, 'lendingPools', k];
    if (seen.has(pool.asset)) report([...pp, 'asset'], `a second pool of "${pool.asset}"`);
    seen.add(pool.asset);
    if (!lent.has(pool.asset)) report([...pp, 'asset'], `no market of "${p.id}" lends "${pool.asset}"`);
    else if (issued.has(pool.asset))
      report([...pp, 'asset'], `"${p.id}" issues "${pool.asset}": a pool lends an asset of others`);
    if (pool.receipt !== undefined) {
      const receipt = net.assets.find((a) => a.id === pool.receipt);
      if (!issued.has(pool.receipt)) report([...pp, 'receipt'], `"${p.id}" does not issue "${pool.receipt}"`);
      else if (receipt?.peg?.target !== pool.asset)
        report([...pp, 'receipt'], `receipt "${pool.receipt}" is not pegged to "${pool.asset}"`);
    }
    const r = pool.rate;
    if (r.model === 'time-weighted') {
      if (r.minRate > r.maxRate) report([...pp, 'rate', 'maxRate'], 'must not be below minRate');
      else if (r.initialRate < r.minRate || r.initialRate > r.maxRate)
        report([...pp, 'rate', 'initialRate'], 'must be within [minRate, maxRate]');
      if (r.minTargetUtilization > r.maxTargetUtilization)
        report([...pp, 'rate', 'maxTargetUtilization'], 'must not be below minTargetUtilization');
    } else if (r.model === 'adaptive') {
      if (r.minRateAtTarget > r.maxRateAtTarget)
        report([...pp, 'rate', 'maxRateAtTarget'], 'must not be below minRateAtTarget');
      else if (r.initialRateAtTarget < r.minRateAtTarget || r.initialRateAtTarget > r.maxRateAtTarget)
        report([...pp, 'rate', 'initialRateAtTarget'], 'must be within [minRateAtTarget, maxRateAtTarget]');
    }
    pool.ref.forEach((id, i) => {
      if (!sourceIds.has(id))
        report(pool.ref.length === 1 ? [...pp, 'ref'] : [...pp, 'ref', i], `unknown source "${id}"`);
    });
  });
}

/** Reports every id seen before in the same list; returns the set of ids. */
/**
 * A pool that drains (docs/model.md §3.6) sets its asset's whole price impact: the asset trades on no other
 * venue and has one price.
 */
function checkAmms(net: NetworkFileParsed, report: (path: Path, reason: string) => void): void {
  const venues = new Map<string, number>();
  for (const v of net.venues)
    for (const l of v.liquidity) venues.set(l.asset, (venues.get(l.asset) ?? 0) + 1);
  const perVenue = new Set(net.assets.filter((a) => a.pricedPerVenue).map((a) => a.id));
  net.venues.forEach((v, i) =>
    v.liquidity.forEach((l, k) => {
      if (!l.amm) return;
      const at: Path = ['venues', i, 'liquidity', k, 'amm'];
      if (perVenue.has(l.asset))
        report(at, `a pool cannot set the price of "${l.asset}", which is priced per venue`);
      else if (venues.get(l.asset)! > 1)
        report(at, `a pool sets the whole price impact of "${l.asset}", which must trade on no other venue`);
    }),
  );
}

/**
 * Per-venue prices (docs/model.md §22): arbitrage and venue-reading oracles only on an asset priced per venue,
 * naming venues that list it; such an asset trades somewhere.
 */
function checkVenuePrices(net: NetworkFileParsed, report: (path: Path, reason: string) => void): void {
  const perVenue = new Set(net.assets.filter((a) => a.pricedPerVenue).map((a) => a.id));
  const lists = new Set(net.venues.flatMap((v) => v.liquidity.map((l) => `${v.id}\u0000${l.asset}`)));
  net.assets.forEach((a, i) => {
    if (a.pricedPerVenue && !net.venues.some((v) => v.liquidity.some((l) => l.asset === a.id)))
      report(['assets', i, 'pricedPerVenue'], `"${a.id}" is priced per venue but trades on no venue`);
  });
  net.venues.forEach((v, i) =>
    v.liquidity.forEach((l, k) =>
      l.arbitrage?.forEach((x, j) => {
        const at: Path = ['venues', i, 'liquidity', k, 'arbitrage', j, 'venue'];
        if (!perVenue.has(l.asset))
          report(at, `arbitrage between venues needs "${l.asset}" priced per venue`);
        else if (x.venue === v.id) report(at, 'a venue cannot arbitrage with itself');
        else if (!lists.has(`${x.venue}\u0000${l.asset}`))
          report(at, `venue "${x.venue}" does not list "${l.asset}"`);
      }),
    ),
  );
  net.convertibility.forEach((c, i) => {
    if (c.venues === undefined) return;
    const at: Path = ['convertibility', i, 'venues'];
    const sides = [c.from, c.to].filter((a) => perVenue.has(a));
    if (sides.length === 0)
      return report(at, `naming venues needs "${c.from}" or "${c.to}" priced per venue`);
    const venueIds = new Set(net.venues.map((v) => v.id));
    const seen = new Set<string>();
    c.venues.forEach((id, k) => {
      if (!venueIds.has(id)) report([...at, k], `unknown venue "${id}"`);
      else if (seen.has(id)) report([...at, k], `venue "${id}" is named twice`);
      seen.add(id);
    });
    for (const a of sides)
      if (!c.venues.some((id) => lists.has(`${id}\u0000${a}`)))
        report(at, `none of the link's venues lists "${a}"`);
  });
  net.oracles.forEach((o, i) => {
    if (o.venues === undefined) return;
    const at: Path = ['oracles', i, 'venues'];
    if (o.source !== 'market') return report(at, 'only a market oracle reads venues');
    if (!perVenue.has(o.asset)) return report(at, `reading venues needs "${o.asset}" priced per venue`);
    const seen = new Set<string>();
    o.venues.forEach((id, k) => {
      if (!lists.has(`${id}\u0000${o.asset}`)) report([...at, k], `venue "${id}" does not list "${o.asset}"`);
      else if (seen.has(id)) report([...at, k], `venue "${id}" is read twice`);
      seen.add(id);
    });
  });
}

function uniqueIds(
  items: readonly { id: string }[],
  at: Path,
  kind: string,
  report: (path: Path, reason: string) => void,
): Set<string> {
  const ids = new Set<string>();
  items.forEach((item, i) => {
    if (ids.has(item.id)) report([...at, i, 'id'], `duplicate ${kind} id "${item.id}"`);
    ids.add(item.id);
  });
  return ids;
}

/** A peg chain must end at USD or a base asset: A pegged to B pegged to A has no fundamental. */
function checkPegCycles(net: NetworkFileParsed, report: (path: Path, reason: string) => void): void {
  const target = new Map(net.assets.filter((a) => a.peg).map((a) => [a.id, a.peg!.target] as const));
  net.assets.forEach((a, i) => {
    const seen = new Set<string>([a.id]);
    let cur = target.get(a.id);
    while (cur !== undefined && cur !== 'USD') {
      if (seen.has(cur)) {
        if (cur === a.id)
          report(['assets', i, 'peg', 'target'], `peg chain of "${a.id}" loops back to itself`);
        return;
      }
      seen.add(cur);
      cur = target.get(cur);
    }
  });
}
