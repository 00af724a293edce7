// Compiling a scenario: every id resolved to an index once; an id the network lacks is a located input error.
import { compileScenario } from '../../src/engine/compile-scenario';
import { runScenario } from '../../src/engine/run';
import { InputError } from '../../src/model/errors';
import { parseScenarioShape } from '../../src/model/parse-scenario';
import { Breaker } from '../../src/model/schema/scenario';
import { idx, labContext, labNetwork } from '../helpers/lab';

const shape = (events: unknown[], breakers: unknown[] = []) =>
  parseScenarioShape(
    { format: 'contagion/scenario@1', name: 'lab', stepSeconds: 12, horizonSteps: 5, events, breakers },
    'lab-scenario.json',
  );

describe('compileScenario', () => {
  it('resolves event and breaker targets to the indices of the state', () => {
    const ctx = labContext();
    const scenario = shape([
      { type: 'depth', asset: 'LST', atStep: 0, multiplier: 0.5 },
      { type: 'oracle-freeze', oracle: 'usd', atStep: 1 },
      { type: 'run', protocol: 'issuer', atStep: 2, share: 0.25 },
    ]);
    const breaker = Breaker.parse({
      id: 'b',
      scope: { protocols: ['lender'] },
      trigger: { kind: 'drawdown', asset: 'COL', windowSteps: 3, threshold: 0.1 },
      actions: [
        { kind: 'pause-trading', asset: 'LST' },
        { kind: 'cap-liquidations', maxUsdPerStep: '1000.5' },
      ],
      durationSteps: 2,
    });
    const compiled = compileScenario(ctx.s, scenario, [
      { def: breaker, file: 'b.json', at: ['breakers', 0] },
    ]);
    expect(compiled.events).toEqual([
      { type: 'depth', asset: idx(ctx, 'assets', 'LST'), multiplier: 0.5 },
      { type: 'oracle-freeze', oracle: idx(ctx, 'oracles', 'usd') },
      { type: 'run', protocol: idx(ctx, 'protocols', 'issuer'), share: 0.25 },
    ]);
    const [b] = compiled.breakers;
    expect(b!.scope).toEqual([idx(ctx, 'protocols', 'lender')]);
    expect(b!.trigger).toEqual({
      kind: 'drawdown',
      asset: idx(ctx, 'assets', 'COL'),
      windowSteps: 3,
      threshold: 0.1,
    });
    expect(b!.actions).toEqual([
      { kind: 'pause-trading', asset: idx(ctx, 'assets', 'LST') },
      { kind: 'cap-liquidations', maxUsdPerStep: 1000.5 },
    ]);
    expect(compiled.eventsAt).toEqual(
      new Map([
        [0, [0]],
        [1, [1]],
        [2, [2]],
      ]),
    );
  });

  it('rejects ids the network lacks, naming the file, the JSON path and the id (no silent lost write)', () => {
    const net = labNetwork();
    const scenario = shape([
      { type: 'depth', asset: 'NOPE', atStep: 0, multiplier: 0.5 },
      { type: 'exploit', protocol: 'lender', atStep: 1, holdings: [{ asset: 'GONE', amount: '1' }] },
    ]);
    const breaker = Breaker.parse({
      id: 'b',
      scope: { protocols: ['lender', 'ghost'] },
      trigger: { kind: 'oracle-deviation', oracle: 'no-oracle', threshold: 0.1 },
      actions: [{ kind: 'freeze-oracle', oracle: 'col' }],
      durationSteps: 2,
    });
    const run = () =>
      runScenario(net, scenario, {
        extraBreakers: [breaker],
        scenarioFile: 'lab-scenario.json',
        breakersFile: 'lab-breakers.json',
      });
    expect(run).toThrow(InputError);
    try {
      run();
    } catch (e) {
      expect((e as InputError).issues).toEqual([
        { file: 'lab-scenario.json', path: '$.events[0].asset', reason: 'unknown asset "NOPE"' },
        { file: 'lab-scenario.json', path: '$.events[1].holdings[0].asset', reason: 'unknown asset "GONE"' },
        {
          file: 'lab-breakers.json',
          path: '$.breakers[0].scope.protocols[1]',
          reason: 'unknown protocol "ghost"',
        },
        {
          file: 'lab-breakers.json',
          path: '$.breakers[0].trigger.oracle',
          reason: 'unknown oracle "no-oracle"',
        },
      ]);
    }
  });
});
