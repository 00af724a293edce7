// Status counts: relationships of leftover staged or retired nodes are left out of the counts by type.
import { visibleRelationships } from '../../src/store/status';

describe('visibleRelationships', () => {
  it('subtracts the relationships that start at Staging or Retired nodes, type by type', () => {
    const byType = { CLAIM_ON: 120, HOLDS: 10, IMPACTED: 4 };
    const byStartLabel = {
      '(:Protocol)-[:CLAIM_ON]->()': 20,
      '(:Staging)-[:CLAIM_ON]->()': 70,
      '(:Retired)-[:CLAIM_ON]->()': 30,
      '()-[:CLAIM_ON]->(:Staging)': 70,
      '(:Protocol)-[:HOLDS]->()': 10,
      '(:Run)-[:IMPACTED]->()': 4,
    };
    expect(visibleRelationships(byType, byStartLabel)).toEqual({ CLAIM_ON: 20, HOLDS: 10, IMPACTED: 4 });
  });

  it('keeps the counts as they are when nothing is left over', () => {
    expect(visibleRelationships({ TRADES: 3 }, { '(:Venue)-[:TRADES]->()': 3 })).toEqual({ TRADES: 3 });
  });
});
