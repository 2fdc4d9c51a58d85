// Decision regions of a softmax (or argmax) output in a 2-D space: with K linear scores
// z_i(h) = w_i·h + b_i, class i wins where z_i ≥ z_j for every j — an intersection of half-planes, so a
// convex polygon with straight edges. Each region is the rectangle clipped by those half-planes
// (Sutherland–Hodgman, one half-plane at a time). Pure functions, no DOM: tests/node/space.test.mjs.

/**
 * Keeps the part of a convex polygon where a·x + b·y + c ≥ 0.
 * @param {number[][]} poly vertices [x, y] in order
 * @param {number} a
 * @param {number} b
 * @param {number} c
 * @returns {number[][]} the clipped polygon (empty when nothing is left)
 */
export function clipHalfPlane(poly, a, b, c) {
  const out = [];
  const side = (p) => a * p[0] + b * p[1] + c;
  const add = (p) => {  // a boundary through a vertex would repeat it
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  };
  for (let i = 0; i < poly.length; i++) {
    const p = poly[i], q = poly[(i + 1) % poly.length];
    const sp = side(p), sq = side(q);
    if (sp >= 0) add(p);
    if (sp !== 0 && sq !== 0 && (sp > 0) !== (sq > 0)) {
      const t = sp / (sp - sq);
      add([p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t]);
    }
  }
  if (out.length > 1 && out[0][0] === out[out.length - 1][0] && out[0][1] === out[out.length - 1][1]) out.pop();
  return out.length >= 3 && Math.abs(area(out)) > 0 ? out : [];
}

/** The signed area of a polygon (shoelace). */
function area(poly) {
  let s = 0;
  for (let i = 0; i < poly.length; i++) {
    const p = poly[i], q = poly[(i + 1) % poly.length];
    s += p[0] * q[1] - q[0] * p[1];
  }
  return s / 2;
}

/**
 * The region of each class inside a rectangle.
 * @param {number[][]} w per class its two weights [w_i0, w_i1]
 * @param {number[]} b per class its bias
 * @param {[number, number, number, number]} rect [x min, x max, y min, y max]
 * @returns {number[][][]} per class its polygon (empty where the class wins nowhere in the rectangle)
 */
export function decisionRegions(w, b, rect) {
  const [x0, x1, y0, y1] = rect;
  return w.map((wi, i) => {
    let poly = [[x0, y0], [x1, y0], [x1, y1], [x0, y1]];
    for (let j = 0; j < w.length && poly.length; j++) {
      if (j === i) continue;
      const a = wi[0] - w[j][0], bb = wi[1] - w[j][1], c = b[i] - b[j];
      // Identical scores everywhere: the first class wins the tie, as classAt says.
      if (a === 0 && bb === 0) poly = c > 0 || (c === 0 && i < j) ? poly : [];
      else poly = clipHalfPlane(poly, a, bb, c);
    }
    return poly;
  });
}

/** The class whose score w_i·h + b_i is largest at h = (x, y) (the first one on a tie). */
export function classAt(w, b, x, y) {
  let best = 0, top = -Infinity;
  w.forEach((wi, i) => {
    const z = wi[0] * x + wi[1] * y + b[i];
    if (z > top) { top = z; best = i; }
  });
  return best;
}

/** Whether (x, y) lies inside a convex polygon (either orientation), edges included within `eps`. */
export function insideConvex(poly, x, y, eps = 1e-9) {
  if (poly.length < 3) return false;
  let sign = 0;
  for (let i = 0; i < poly.length; i++) {
    const [ax, ay] = poly[i], [bx, by] = poly[(i + 1) % poly.length];
    const cross = (bx - ax) * (y - ay) - (by - ay) * (x - ax);
    if (Math.abs(cross) <= eps) continue;
    if (sign === 0) sign = Math.sign(cross);
    else if (Math.sign(cross) !== sign) return false;
  }
  return true;
}
