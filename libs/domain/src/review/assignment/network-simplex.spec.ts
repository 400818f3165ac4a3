import fc from 'fast-check';
import loadHighs, { type Highs } from 'highs';
import { NetworkSimplex } from './network-simplex';

interface ArcSpec {
  readonly from: number;
  readonly to: number;
  readonly lower: number;
  readonly upper: number;
  readonly cost: number;
}

interface FlowInstance {
  readonly supplies: number[];
  readonly arcs: ArcSpec[];
}

const flowInstance: fc.Arbitrary<FlowInstance> = fc.integer({ min: 2, max: 7 }).chain((nodes) =>
  fc.record({
    supplies: fc
      .array(fc.integer({ min: -4, max: 4 }), { minLength: nodes - 1, maxLength: nodes - 1 })
      .map((head) => [...head, 0 - head.reduce((sum, value) => sum + value, 0) + 0]),
    arcs: fc.array(
      fc
        .record({
          from: fc.integer({ min: 0, max: nodes - 1 }),
          to: fc.integer({ min: 0, max: nodes - 1 }),
          lower: fc.integer({ min: 0, max: 2 }),
          extra: fc.integer({ min: 0, max: 4 }),
          cost: fc.integer({ min: -6, max: 6 }),
        })
        .filter((arc) => arc.from !== arc.to)
        .map(({ from, to, lower, extra, cost }) => ({ from, to, lower, upper: lower + extra, cost })),
      { maxLength: 14 },
    ),
  }),
);

// Reference optimum from HiGHS's LP solver: one column per arc, one equality row per node.
function highsOptimum(highs: Highs, instance: FlowInstance): number | 'infeasible' {
  const { supplies, arcs } = instance;
  if (arcs.length === 0) return supplies.every((supply) => supply === 0) ? 0 : 'infeasible';
  const starts: number[] = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const arc of arcs) {
    indices.push(arc.from, arc.to);
    values.push(1, -1);
    starts.push(indices.length);
  }
  const model = highs.createModel({
    numCols: arcs.length,
    numRows: supplies.length,
    colCost: arcs.map((arc) => arc.cost),
    colLower: arcs.map((arc) => arc.lower),
    colUpper: arcs.map((arc) => arc.upper),
    rowLower: supplies,
    rowUpper: supplies,
    matrix: { format: 'csc', numRows: supplies.length, numCols: arcs.length, starts, indices, values },
  });
  try {
    model.options.set({ output_flag: false });
    const { modelStatus } = model.run();
    if (modelStatus === highs.constants.modelStatus.infeasible) return 'infeasible';
    if (modelStatus !== highs.constants.modelStatus.optimal) throw new Error(`HiGHS status ${modelStatus}`);
    return model.getObjectiveValue();
  } finally {
    model.dispose();
  }
}

const COST_BOUND = 6;

function solveWith(instance: FlowInstance, addLaterFrom = instance.arcs.length) {
  const simplex = new NetworkSimplex(instance.supplies, { costBound: COST_BOUND });
  const ids = instance.arcs
    .slice(0, addLaterFrom)
    .map((arc) => simplex.addArc(arc.from, arc.to, arc.lower, arc.upper, arc.cost));
  let status = simplex.solve();
  if (addLaterFrom < instance.arcs.length) {
    for (const arc of instance.arcs.slice(addLaterFrom))
      ids.push(simplex.addArc(arc.from, arc.to, 0, arc.upper, arc.cost));
    status = simplex.solve();
  }
  const flows = ids.map((id) => simplex.flowOn(id));
  return { status, flows, simplex, ids };
}

describe('NetworkSimplex', () => {
  let highs: Highs;
  beforeAll(async () => {
    highs = await loadHighs();
  });

  it('matches the HiGHS LP optimum, with integral flows that respect bounds and conservation', () => {
    fc.assert(
      fc.property(flowInstance, (instance) => {
        const reference = highsOptimum(highs, instance);
        const { status, flows } = solveWith(instance);
        if (reference === 'infeasible') {
          expect(status).toBe('infeasible');
          return;
        }
        expect(status).toBe('optimal');
        const balance = instance.supplies.map(() => 0);
        let cost = 0;
        instance.arcs.forEach((arc, index) => {
          const flow = flows[index];
          expect(Number.isInteger(flow)).toBe(true);
          expect(flow).toBeGreaterThanOrEqual(arc.lower);
          expect(flow).toBeLessThanOrEqual(arc.upper);
          balance[arc.from] += flow;
          balance[arc.to] -= flow;
          cost += flow * arc.cost;
        });
        expect(balance).toEqual(instance.supplies);
        expect(cost).toBeCloseTo(reference, 6);
      }),
      { numRuns: 300 },
    );
  });

  it('reaches the same optimum when arcs are added after a first solve (warm restart)', () => {
    fc.assert(
      fc.property(
        flowInstance.filter((instance) => instance.arcs.length > 1),
        fc.nat(),
        (instance, cut) => {
          // Arcs added later must have lower bound 0; keep the lower bounds on the first part only.
          const split = 1 + (cut % (instance.arcs.length - 1));
          const arcs = instance.arcs.map((arc, index) => (index < split ? arc : { ...arc, lower: 0 }));
          const adjusted = { ...instance, arcs };
          const reference = highsOptimum(highs, adjusted);
          const { status, flows } = solveWith(adjusted, split);
          if (reference === 'infeasible') {
            expect(status).toBe('infeasible');
            return;
          }
          expect(status).toBe('optimal');
          const cost = arcs.reduce((sum, arc, index) => sum + arc.cost * flows[index], 0);
          expect(cost).toBeCloseTo(reference, 6);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('returns potentials that certify optimality: no arc has a reduced cost of the wrong sign', () => {
    fc.assert(
      fc.property(flowInstance, (instance) => {
        const { status, flows, simplex } = solveWith(instance);
        fc.pre(status === 'optimal');
        instance.arcs.forEach((arc, index) => {
          const reduced = arc.cost + simplex.potential(arc.from) - simplex.potential(arc.to);
          if (flows[index] < arc.upper) expect(reduced).toBeGreaterThanOrEqual(0);
          if (flows[index] > arc.lower) expect(reduced).toBeLessThanOrEqual(0);
        });
      }),
      { numRuns: 200 },
    );
  });

  it('rejects a lower bound, or a cost above the bound, on an arc added after solving', () => {
    const simplex = new NetworkSimplex([1, -1], { costBound: 5 });
    simplex.addArc(0, 1, 0, 1, 0);
    simplex.solve();
    expect(() => simplex.addArc(0, 1, 1, 2, 0)).toThrow(/lower bound 0/);
    expect(() => simplex.addArc(0, 1, 0, 2, -6)).toThrow(/cost bound/);
    expect(() => simplex.addArc(0, 1, 0, 2, -5)).not.toThrow();
  });
});
