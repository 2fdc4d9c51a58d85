// A history that covers the whole run in bounded memory: points are recorded every `stride`
// epochs; when the buffer is full every other point is dropped and the stride doubles, so a run
// of a million epochs keeps about as many points, evenly spread, as a run of two thousand.

export class ThinnedSeries {
  /** @param {number} width values per point (besides x); @param {number} capacity points kept at most (even) */
  constructor(width, capacity = 2048) {
    this.width = width;
    this.capacity = capacity;
    this.xs = new Float64Array(capacity);
    this.ys = Array.from({ length: width }, () => new Float32Array(capacity));
    this.length = 0;
    this.stride = 1;
    this.nextX = 0;
  }

  /** Records (x, values) if x has reached the next recording point; the latest point is always kept by `last`. */
  add(x, values) {
    this.last = { x, values: [...values] };
    if (x < this.nextX) return;
    if (this.length === this.capacity) this.#halve();
    this.xs[this.length] = x;
    values.forEach((v, i) => { this.ys[i][this.length] = v; });
    this.length++;
    this.nextX = x + this.stride;
  }

  #halve() {
    const half = this.length >> 1;
    for (let i = 0; i < half; i++) {
      this.xs[i] = this.xs[2 * i];
      for (const y of this.ys) y[i] = y[2 * i];
    }
    this.length = half;
    this.stride *= 2;
  }

  /** Copies of the recorded points plus the latest one: { xs: Float64Array, ys: Float32Array[] } (transferable). */
  snapshot() {
    const extra = this.last && (this.length === 0 || this.xs[this.length - 1] !== this.last.x) ? 1 : 0;
    const n = this.length + extra;
    const xs = new Float64Array(n);
    xs.set(this.xs.subarray(0, this.length));
    const ys = this.ys.map((y) => {
      const out = new Float32Array(n);
      out.set(y.subarray(0, this.length));
      return out;
    });
    if (extra) {
      xs[n - 1] = this.last.x;
      ys.forEach((y, i) => { y[n - 1] = this.last.values[i]; });
    }
    return { xs, ys };
  }

  clear() {
    this.length = 0;
    this.stride = 1;
    this.nextX = 0;
    this.last = undefined;
  }
}
