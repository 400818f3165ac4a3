// Primal network simplex for min-cost flow over typed arrays, following the design of LEMON's
// NetworkSimplex (Kiraly & Kovacs, "Efficient implementations of minimum-cost flow algorithms", 2012):
// a strongly feasible spanning tree stored as parent / thread / successor-count arrays, block-search pricing
// and an artificial root with big-M arcs, so no separate phase 1 is needed.
//
// Why it is exact: with integral supplies and bounds every basic solution of a network LP is integral
// (the node-arc incidence matrix is totally unimodular), and the simplex method stops at a basic optimum
// whose node potentials prove optimality (every non-tree arc has the right reduced-cost sign). Costs and
// potentials are held in float64 but only ever take integer values far below 2^53, so arithmetic is exact.
//
// Arcs may be appended after a solve (with lower bound 0): they start non-basic at flow 0, the tree stays
// strongly feasible, and the next `solve()` continues from the current basis. The assignment solver uses
// this for exact pricing (column generation) over millions of candidate arcs.

const STATE_UPPER = -1;
const STATE_TREE = 0;
const STATE_LOWER = 1;
const DIR_UP = 1;
const DIR_DOWN = -1;
const MIN_BLOCK_SIZE = 10;

/** Outcome of a min-cost flow solve: optimal, or no flow meets every supply, demand and bound. */
export type FlowStatus = 'optimal' | 'infeasible';

/** Exact min-cost flow solver (network simplex) with lower bounds and warm restarts after adding arcs. */
export class NetworkSimplex {
  private readonly nodeCount: number;
  private readonly root: number;
  private readonly supply: Float64Array;

  // Arc storage. Indices [0, nodeCount) are the artificial arcs (one per node, to or from the root); real
  // arcs follow, so the ids handed out by addArc stay stable while arcs are appended.
  private arcCount: number;
  private source: Int32Array;
  private target: Int32Array;
  private lower: Float64Array;
  private cap: Float64Array;
  private cost: Float64Array;
  private flow: Float64Array;
  private state: Int8Array;

  // Spanning tree, indexed by node (root included).
  private readonly parent: Int32Array;
  private readonly pred: Int32Array;
  private readonly thread: Int32Array;
  private readonly revThread: Int32Array;
  private readonly succNum: Int32Array;
  private readonly lastSucc: Int32Array;
  private readonly predDir: Int8Array;
  private readonly pi: Float64Array;
  private readonly dirtyRevs: Int32Array;

  private initialized = false;
  private costBound: number;
  private nextArc: number;
  private pivotCount = 0;

  // Pivot state shared by the steps of one iteration.
  private inArc = -1;
  private join = -1;
  private uIn = -1;
  private vIn = -1;
  private uOut = -1;
  private delta = 0;

  /**
   * `costBound` must bound |cost| of every arc added after the first solve: the artificial big-M cost is
   * fixed then, and it is only large enough for arcs no dearer than that.
   */
  constructor(nodeSupplies: ArrayLike<number>, options: { expectedArcs?: number; costBound?: number } = {}) {
    const expectedArcs = options.expectedArcs ?? 16;
    this.costBound = options.costBound ?? 0;
    this.nodeCount = nodeSupplies.length;
    this.root = this.nodeCount;
    this.supply = Float64Array.from(nodeSupplies);
    const capacity = this.nodeCount + Math.max(expectedArcs, 16);
    this.source = new Int32Array(capacity);
    this.target = new Int32Array(capacity);
    this.lower = new Float64Array(capacity);
    this.cap = new Float64Array(capacity);
    this.cost = new Float64Array(capacity);
    this.flow = new Float64Array(capacity);
    this.state = new Int8Array(capacity);
    this.arcCount = this.nodeCount;
    this.nextArc = this.nodeCount;
    const treeSize = this.nodeCount + 1;
    this.parent = new Int32Array(treeSize);
    this.pred = new Int32Array(treeSize);
    this.thread = new Int32Array(treeSize);
    this.revThread = new Int32Array(treeSize);
    this.succNum = new Int32Array(treeSize);
    this.lastSucc = new Int32Array(treeSize);
    this.predDir = new Int8Array(treeSize);
    this.pi = new Float64Array(treeSize);
    this.dirtyRevs = new Int32Array(treeSize);
  }

  /** Adds an arc and returns its id; after the first solve only arcs with lower bound 0 may be added. */
  addArc(from: number, to: number, lowerBound: number, upperBound: number, unitCost: number): number {
    if (this.initialized && lowerBound !== 0) {
      throw new Error('NetworkSimplex: arcs added after solving must have lower bound 0');
    }
    if (upperBound < lowerBound) throw new Error('NetworkSimplex: upper bound below lower bound');
    if (this.initialized && Math.abs(unitCost) > this.costBound) {
      throw new Error('NetworkSimplex: arcs added after solving must respect the cost bound');
    }
    if (this.arcCount === this.source.length) this.grow();
    const arc = this.arcCount++;
    this.source[arc] = from;
    this.target[arc] = to;
    this.lower[arc] = lowerBound;
    this.cap[arc] = upperBound - lowerBound;
    this.cost[arc] = unitCost;
    this.flow[arc] = 0;
    this.state[arc] = STATE_LOWER;
    return arc;
  }

  /** Runs (or resumes) the simplex method until optimal; 'infeasible' when artificial flow remains. */
  solve(): FlowStatus {
    if (!this.initialized) this.initialize();
    const realArcs = this.arcCount - this.nodeCount;
    const blockSize = Math.max(Math.ceil(Math.sqrt(realArcs)), MIN_BLOCK_SIZE);
    if (this.nextArc >= this.arcCount) this.nextArc = this.nodeCount;
    for (;;) {
      const entering = this.findEnteringArc(blockSize);
      if (entering < 0) break;
      this.inArc = entering;
      this.pivotCount++;
      this.findJoinNode();
      const change = this.findLeavingArc();
      this.changeFlow(change);
      if (change) {
        this.updateTreeStructure();
        this.updatePotential();
      }
    }
    for (let arc = 0; arc < this.nodeCount; arc++) {
      if (this.flow[arc] !== 0) return 'infeasible';
    }
    return 'optimal';
  }

  /** Flow on an arc returned by addArc, in the caller's terms (lower bound included). */
  flowOn(arc: number): number {
    return this.flow[arc] + this.lower[arc];
  }

  /** Node potential (dual value): reduced cost of arc u→v is cost + potential(u) − potential(v). */
  potential(node: number): number {
    return this.pi[node];
  }

  /** Copy of all node potentials, for pricing arcs that are not (yet) in the network. */
  potentials(): Float64Array {
    return this.pi.slice(0, this.nodeCount);
  }

  /** Flow still routed through the artificial root at a node: > 0 is unshipped supply, < 0 unmet demand. */
  artificialImbalance(node: number): number {
    const amount = this.flow[node];
    return this.source[node] === node ? amount : -amount;
  }

  /** Number of real arcs added so far. */
  get realArcCount(): number {
    return this.arcCount - this.nodeCount;
  }

  /** Number of simplex pivots performed so far. */
  get pivots(): number {
    return this.pivotCount;
  }

  private grow(): void {
    const capacity = this.source.length * 2;
    const grown = <T extends Int32Array | Float64Array | Int8Array>(old: T, make: (n: number) => T): T => {
      const next = make(capacity);
      next.set(old);
      return next;
    };
    this.source = grown(this.source, (n) => new Int32Array(n));
    this.target = grown(this.target, (n) => new Int32Array(n));
    this.lower = grown(this.lower, (n) => new Float64Array(n));
    this.cap = grown(this.cap, (n) => new Float64Array(n));
    this.cost = grown(this.cost, (n) => new Float64Array(n));
    this.flow = grown(this.flow, (n) => new Float64Array(n));
    this.state = grown(this.state, (n) => new Int8Array(n));
  }

  private initialize(): void {
    const n = this.nodeCount;
    const supply = Float64Array.from(this.supply);
    let totalSupply = 0;
    for (let u = 0; u < n; u++) totalSupply += supply[u];
    if (totalSupply !== 0) throw new Error('NetworkSimplex: supplies must sum to zero');
    let maxAbsCost = this.costBound;
    for (let arc = n; arc < this.arcCount; arc++) {
      // Lower bounds are removed by shipping them up front: the arc keeps only its residual range.
      const lowerBound = this.lower[arc];
      supply[this.source[arc]] -= lowerBound;
      supply[this.target[arc]] += lowerBound;
      maxAbsCost = Math.max(maxAbsCost, Math.abs(this.cost[arc]));
    }
    // Big-M: a unit routed through the root costs more than any simple path of real arcs, so the optimum
    // uses artificial arcs only when no feasible flow exists.
    this.costBound = maxAbsCost;
    const artificialCost = (maxAbsCost + 1) * (n + 1);
    const root = this.root;
    this.parent[root] = -1;
    this.pred[root] = -1;
    this.thread[root] = 0;
    this.revThread[0] = root;
    this.succNum[root] = n + 1;
    this.lastSucc[root] = root - 1;
    this.pi[root] = 0;
    for (let u = 0; u < n; u++) {
      const arc = u;
      this.parent[u] = root;
      this.pred[u] = arc;
      this.thread[u] = u + 1;
      this.revThread[u + 1] = u;
      this.succNum[u] = 1;
      this.lastSucc[u] = u;
      this.cap[arc] = Infinity;
      this.lower[arc] = 0;
      this.state[arc] = STATE_TREE;
      if (supply[u] >= 0) {
        this.predDir[u] = DIR_UP;
        this.pi[u] = 0;
        this.source[arc] = u;
        this.target[arc] = root;
        this.flow[arc] = supply[u];
        this.cost[arc] = 0;
      } else {
        this.predDir[u] = DIR_DOWN;
        this.pi[u] = artificialCost;
        this.source[arc] = root;
        this.target[arc] = u;
        this.flow[arc] = -supply[u];
        this.cost[arc] = artificialCost;
      }
    }
    this.initialized = true;
  }

  // Block search: scan arcs in blocks from where the last search stopped and take the most negative reduced
  // cost of the first block that has one.
  private findEnteringArc(blockSize: number): number {
    const state = this.state;
    const cost = this.cost;
    const pi = this.pi;
    const source = this.source;
    const target = this.target;
    const first = this.nodeCount;
    const end = this.arcCount;
    const start = this.nextArc;
    let min = 0;
    let best = -1;
    let count = blockSize;
    for (let e = start; e < end; e++) {
      const reduced = state[e] * (cost[e] + pi[source[e]] - pi[target[e]]);
      if (reduced < min) {
        min = reduced;
        best = e;
      }
      if (--count === 0) {
        if (min < 0) {
          this.nextArc = e;
          return best;
        }
        count = blockSize;
      }
    }
    for (let e = first; e < start; e++) {
      const reduced = state[e] * (cost[e] + pi[source[e]] - pi[target[e]]);
      if (reduced < min) {
        min = reduced;
        best = e;
      }
      if (--count === 0) {
        if (min < 0) {
          this.nextArc = e;
          return best;
        }
        count = blockSize;
      }
    }
    return min < 0 ? best : -1;
  }

  private findJoinNode(): void {
    let u = this.source[this.inArc];
    let v = this.target[this.inArc];
    while (u !== v) {
      if (this.succNum[u] < this.succNum[v]) u = this.parent[u];
      else v = this.parent[v];
    }
    this.join = u;
  }

  // Returns true when a tree arc leaves (false when the entering arc itself hits its other bound). Ties are
  // broken towards the last blocking arc in cycle direction, which keeps the tree strongly feasible and
  // prevents cycling.
  private findLeavingArc(): boolean {
    const inArc = this.inArc;
    let first: number;
    let second: number;
    if (this.state[inArc] === STATE_LOWER) {
      first = this.source[inArc];
      second = this.target[inArc];
    } else {
      first = this.target[inArc];
      second = this.source[inArc];
    }
    let delta = this.cap[inArc];
    let result = 0;
    for (let u = first; u !== this.join; u = this.parent[u]) {
      const e = this.pred[u];
      const room = this.predDir[u] === DIR_DOWN ? this.cap[e] - this.flow[e] : this.flow[e];
      if (room < delta) {
        delta = room;
        this.uOut = u;
        result = 1;
      }
    }
    for (let u = second; u !== this.join; u = this.parent[u]) {
      const e = this.pred[u];
      const room = this.predDir[u] === DIR_UP ? this.cap[e] - this.flow[e] : this.flow[e];
      if (room <= delta) {
        delta = room;
        this.uOut = u;
        result = 2;
      }
    }
    if (delta === Infinity)
      throw new Error('NetworkSimplex: unbounded (negative cycle of infinite capacity)');
    this.delta = delta;
    if (result === 1) {
      this.uIn = first;
      this.vIn = second;
    } else {
      this.uIn = second;
      this.vIn = first;
    }
    return result !== 0;
  }

  private changeFlow(change: boolean): void {
    const inArc = this.inArc;
    if (this.delta > 0) {
      const value = this.state[inArc] * this.delta;
      this.flow[inArc] += value;
      for (let u = this.source[inArc]; u !== this.join; u = this.parent[u]) {
        this.flow[this.pred[u]] -= this.predDir[u] * value;
      }
      for (let u = this.target[inArc]; u !== this.join; u = this.parent[u]) {
        this.flow[this.pred[u]] += this.predDir[u] * value;
      }
    }
    if (change) {
      this.state[inArc] = STATE_TREE;
      const leaving = this.pred[this.uOut];
      this.state[leaving] = this.flow[leaving] === 0 ? STATE_LOWER : STATE_UPPER;
    } else {
      this.state[inArc] = -this.state[inArc];
    }
  }

  private updateTreeStructure(): void {
    const parent = this.parent;
    const thread = this.thread;
    const revThread = this.revThread;
    const succNum = this.succNum;
    const lastSucc = this.lastSucc;
    const pred = this.pred;
    const predDir = this.predDir;
    const uIn = this.uIn;
    const vIn = this.vIn;
    const uOut = this.uOut;
    const join = this.join;
    const inArc = this.inArc;

    const oldRevThread = revThread[uOut];
    const oldSuccNum = succNum[uOut];
    const oldLastSucc = lastSucc[uOut];
    const vOut = parent[uOut];

    if (uIn === uOut) {
      parent[uIn] = vIn;
      pred[uIn] = inArc;
      predDir[uIn] = uIn === this.source[inArc] ? DIR_UP : DIR_DOWN;
      if (thread[vIn] !== uOut) {
        let after = thread[oldLastSucc];
        thread[oldRevThread] = after;
        revThread[after] = oldRevThread;
        after = thread[vIn];
        thread[vIn] = uOut;
        revThread[uOut] = vIn;
        thread[oldLastSucc] = after;
        revThread[after] = oldLastSucc;
      }
    } else {
      // When oldRevThread is vIn, join and vOut coincide.
      const threadContinue = oldRevThread === vIn ? thread[oldLastSucc] : thread[vIn];
      // Re-hang the stem (the path from uIn up to uOut) under vIn, reversing it.
      let stem = uIn;
      let parentOfStem = vIn;
      let last = lastSucc[uIn];
      let after = thread[last];
      thread[vIn] = uIn;
      let dirtyCount = 0;
      this.dirtyRevs[dirtyCount++] = vIn;
      while (stem !== uOut) {
        const nextStem = parent[stem];
        thread[last] = nextStem;
        this.dirtyRevs[dirtyCount++] = last;
        const before = revThread[stem];
        thread[before] = after;
        revThread[after] = before;
        parent[stem] = parentOfStem;
        parentOfStem = stem;
        stem = nextStem;
        last = lastSucc[stem] === lastSucc[parentOfStem] ? revThread[parentOfStem] : lastSucc[stem];
        after = thread[last];
      }
      parent[uOut] = parentOfStem;
      thread[last] = threadContinue;
      revThread[threadContinue] = last;
      lastSucc[uOut] = last;
      if (oldRevThread !== vIn) {
        thread[oldRevThread] = after;
        revThread[after] = oldRevThread;
      }
      for (let i = 0; i < dirtyCount; i++) {
        const u = this.dirtyRevs[i];
        revThread[thread[u]] = u;
      }
      let stemSuccessors = 0;
      const stemLastSucc = lastSucc[uOut];
      for (let u = uOut, p = parent[u]; u !== uIn; u = p, p = parent[u]) {
        pred[u] = pred[p];
        predDir[u] = -predDir[p];
        stemSuccessors += succNum[u] - succNum[p];
        succNum[u] = stemSuccessors;
        lastSucc[p] = stemLastSucc;
      }
      pred[uIn] = inArc;
      predDir[uIn] = uIn === this.source[inArc] ? DIR_UP : DIR_DOWN;
      succNum[uIn] = oldSuccNum;
    }

    const upLimitOut = lastSucc[join] === vIn ? join : -1;
    const lastSuccOut = lastSucc[uOut];
    for (let u = vIn; u !== -1 && lastSucc[u] === vIn; u = parent[u]) {
      lastSucc[u] = lastSuccOut;
    }
    if (join !== oldRevThread && vIn !== oldRevThread) {
      for (let u = vOut; u !== upLimitOut && lastSucc[u] === oldLastSucc; u = parent[u]) {
        lastSucc[u] = oldRevThread;
      }
    } else if (lastSuccOut !== oldLastSucc) {
      for (let u = vOut; u !== upLimitOut && lastSucc[u] === oldLastSucc; u = parent[u]) {
        lastSucc[u] = lastSuccOut;
      }
    }
    for (let u = vIn; u !== join; u = parent[u]) succNum[u] += oldSuccNum;
    for (let u = vOut; u !== join; u = parent[u]) succNum[u] -= oldSuccNum;
  }

  private updatePotential(): void {
    const uIn = this.uIn;
    const sigma = this.pi[this.vIn] - this.pi[uIn] - this.predDir[uIn] * this.cost[this.inArc];
    const end = this.thread[this.lastSucc[uIn]];
    for (let u = uIn; u !== end; u = this.thread[u]) this.pi[u] += sigma;
  }
}
