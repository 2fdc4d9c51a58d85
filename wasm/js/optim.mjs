// optim.SGD and optim.Adam: the C++ session's optimizer, configured from PyTorch-style options.
import { checkOptions } from './memory.mjs';

/**
 * @param {object} ctx  the shared context: Module, unwrap, and Parameter (set by nn.mjs)
 */
export function createOptim(ctx) {
  const { Module, unwrap } = ctx;

  // Each model's active optimizer. Weakly keyed: a disposed, dropped model is not kept reachable.
  const active = new WeakMap();

  class Optimizer {
    #model;
    #options;
    constructor(params, options, kind, where) {
      if (!Array.isArray(params) || !params.length || !(params[0] instanceof ctx.Parameter)) {
        throw new TypeError(`${where}: pass model.parameters()`);
      }
      const model = params[0].model;
      if (params.some((p) => p.model !== model)) throw new TypeError(`${where}: all parameters must belong to one model`);
      const allowed = kind === 'adam' ? ['lr', 'betas', 'eps', 'weight_decay', 'regularization', 'regularization_rate']
        : ['lr', 'momentum', 'dampening', 'nesterov', 'weight_decay', 'regularization', 'regularization_rate'];
      checkOptions(where, options, allowed);
      const o = { kind, ...options };
      if (kind === 'adam' && options.betas !== undefined) {
        if (!Array.isArray(options.betas) || options.betas.length !== 2) throw new TypeError(`${where}: betas must be [beta1, beta2]`);
        [o.beta1, o.beta2] = options.betas;
        delete o.betas;
      }
      if (o.regularization !== undefined) {
        const r = { none: 0, l1: 1, l2: 2 }[o.regularization];
        if (r === undefined) throw new TypeError(`${where}: regularization must be 'none', 'l1' or 'l2'`);
        o.regularization = r;
      }
      this.#model = model;
      this.#options = o;
      this.where = where;
      this._activate();
    }
    get model() { return this.#model; }
    /** @internal makes this the optimizer the model's session steps with (state restarts when switching). */
    _activate() {
      const id = this.#model._check(this.where);
      if (active.get(this.#model) === this) return;
      unwrap(this.where, Module.sessionSetOptimizer(id, this.#options));
      active.set(this.#model, this);
    }
    /** The learning rate; setting it takes effect from the next step. */
    get lr() { return this.#options.lr; }
    set lr(v) {
      this._activate();
      unwrap(`${this.where}.lr`, Module.sessionSetLr(this.#model._check(`${this.where}.lr`), v));
      this.#options.lr = v;
    }
    /** One update from the gradients of the last backward pass (model.fit does this itself). */
    step() {
      this._activate();
      unwrap(`${this.where}.step`, Module.sessionStep(this.#model._check(`${this.where}.step`)));
    }
  }
  const optim = {
    SGD: (params, options = {}) => new Optimizer(params, options, 'sgd', 'optim.SGD'),
    Adam: (params, options = {}) => new Optimizer(params, options, 'adam', 'optim.Adam'),
  };
  return { Optimizer, optim };
}
