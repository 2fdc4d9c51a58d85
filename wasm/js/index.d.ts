// Hand-written types for activation-playground (Emscripten 3.1.6 cannot generate them).

/** A numeric parameter of an activation, with PyTorch's name and default. */
export interface ParamInfo {
  readonly name: string;
  /** A number, or for choice parameters (gelu's approximate) the default choice. */
  readonly default: number | string;
  readonly doc: string;
  /** True where PyTorch has no default (threshold's threshold and value). */
  readonly required: boolean;
  /** The allowed strings of a choice parameter. */
  readonly choices?: readonly string[];
  /** A learned parameter of the module (PReLU's weight): a state_dict entry '<index>.<name>' of shape [1]. */
  readonly learnable: boolean;
}

/** One entry of the C++ activation registry. */
export interface ActivationInfo {
  readonly id: number;
  /** torch.nn.functional name, e.g. 'leaky_relu'. */
  readonly name: string;
  /** torch.nn class name, e.g. 'LeakyReLU'. */
  readonly module: string;
  /** Other accepted names, e.g. 'heaviside' for 'step'. */
  readonly aliases: readonly string[];
  readonly kind: 'elementwise' | 'vector';
  readonly formula: string;
  readonly derivative: string;
  /** Output range for real inputs with the default parameters, e.g. '(0, 1)'; every entry accepts all reals. */
  readonly range: string;
  /** Agreement with float64 and with PyTorch 1.13 that the tests require: within `ulp` ulp or `abs` absolutely. */
  readonly tolerance: { readonly ulp: number; readonly abs: number };
  readonly notes: string;
  readonly params: readonly ParamInfo[];
  /** How PyTorch writes it applied to `x`, where that is not F.<name>(x, ...), e.g. 'torch.sin(x)'. */
  readonly pytorch?: string;
  /** Whether torch.nn has the module class `module` (false for step, sine, gaussian). */
  readonly torchModule: boolean;
}

/** The core's limits (core/include/ap/limits.hpp). */
export interface Limits { readonly [name: string]: number } // replaced by the core's limits when dist/index.d.ts is generated
/** The core's training defaults (core/include/ap/limits.hpp). */
export interface Defaults { readonly [name: string]: number } // replaced by the core's defaults when dist/index.d.ts is generated

export interface BuildInfo {
  /** True when the SIMD (wasm simd128) build is running. */
  readonly simd: boolean;
  readonly isa: 'wasm-simd128' | 'none';
  readonly variant: 'simd' | 'nosimd';
  readonly emscripten: string;
  readonly limits: Limits;
  readonly defaults: Defaults;
}

export type NumericArray = Float32Array | Float64Array | ArrayLike<number>;

/** Options of an activation call: its PyTorch parameters by name, plus `out`; the softmax family also `dim`, `shape`. */
export interface ActivationOptions {
  [param: string]: number | string | Float32Array | WasmBuffer | readonly number[] | undefined;
  /** Write the result here (same length as the input) instead of a new array. */
  out?: Float32Array | WasmBuffer;
  /** Softmax family: the dimension to normalise along (default -1). */
  dim?: number;
  /** Softmax family: the row-major shape of the input (default [length]). */
  shape?: readonly number[];
}

/** Positional parameters in PyTorch's order (F.threshold(x, 0.5, -1), F.gelu(x, 'tanh')), optionally followed by options. */
export type ActivationArgs = readonly (number | string | ActivationOptions | undefined)[];
// (with a WasmBuffer `out`, the call returns that buffer; it is typed as the common Float32Array case)

export interface ActivationFunction {
  /** y = f(x), e.g. F.leaky_relu(x, 0.2) or F.leaky_relu(x, { negative_slope: 0.2 }). */
  (x: NumericArray | WasmBuffer, ...args: ActivationArgs): Float32Array;
  /** dL/dx given x and dL/dy (ones when omitted). */
  backward(x: NumericArray | WasmBuffer, gradOutput?: NumericArray | WasmBuffer | null, ...args: ActivationArgs): Float32Array;
}

/** The names listActivations() returns; F has one function per name (filled in from the C++ registry). */
export type ActivationName = string; // replaced by the registry's names when dist/index.d.ts is generated

export type FunctionalApi = { readonly [K in ActivationName]: ActivationFunction };

/** n float32 values in WASM memory: pass it to F functions, model.forward/fit as input or `out` to copy nothing. */
export interface WasmBuffer {
  readonly length: number;
  /** Byte offset in WASM memory; throws after dispose(). */
  readonly ptr: number;
  /** A fresh Float32Array view (memory growth replaces old views). */
  readonly array: Float32Array;
  set(values: NumericArray): this;
  toArray(): Float32Array;
  dispose(): void;
}

/** PyTorch's `reduction` of a loss: the mean (default), the sum, or every element ('none'). */
export interface LossOptions {
  reduction?: 'mean' | 'sum' | 'none';
}
/**
 * A loss: F.mse_loss(input, target, { reduction }) → the mean or sum (a number), or with reduction
 * 'none' one loss per element ([N, C], or [N] for cross_entropy); .backward(input, target, options) →
 * d loss / d input (for 'none': of the elements' sum).
 */
export interface LossFunction {
  (input: NumericArray, target: NumericArray, options?: { reduction?: 'mean' | 'sum' }): number;
  (input: NumericArray, target: NumericArray, options: { reduction: 'none' }): Float32Array;
  backward(input: NumericArray, target: NumericArray, options?: LossOptions): Float32Array;
}
/** Loss names (filled in from the core's catalog). */
export type LossName = string; // replaced by the core's loss names when dist/index.d.ts is generated

/** A module description for nn.Sequential (from nn.Linear or nn.<Activation>). */
export interface ModuleSpec {
  readonly kind: 'linear' | 'activation';
  readonly type: string;
  readonly in?: number;
  readonly out?: number;
  readonly bias?: boolean;
  readonly name?: string;
  readonly params?: readonly number[];
}

export type Matrix = NumericArray | readonly (readonly number[])[] | WasmBuffer;
/** Initialisation schemes (filled in from the core's catalog). */
export type InitScheme = string; // replaced by the core's schemes when dist/index.d.ts is generated

/** A copy of a parameter's values with its PyTorch shape, e.g. [out, in] for a Linear weight. */
export type Tensor = Float32Array & { readonly shape: readonly number[] };

export interface Parameter {
  /** The state_dict key, e.g. '0.weight'. */
  readonly name: string;
  readonly shape: number[];
  readonly data: Float32Array;
  readonly grad: Float32Array;
  readonly numel: number;
}

export interface Optimizer {
  lr: number;
  step(): void;
}

/**
 * Options of model.fit. A second fit() continues the same sequence of batches (like a PyTorch
 * DataLoader's generator); it restarts when the data, batch_size, shuffle or seed change.
 */
export interface FitOptions {
  loss?: LossName;
  optimizer: Optimizer;
  /** Optimizer steps to run; give steps or epochs, not both. */
  steps?: number;
  /** Whole passes over the data. */
  epochs?: number;
  /** Examples per step, ≥ 1; omitted: the full batch. */
  batch_size?: number;
  shuffle?: boolean;
  /** An integer 0 … 2^53. */
  seed?: number;
}

export interface LayerDiagnostics {
  readonly module: number;
  /** Per neuron: the fraction of inputs where the activation passes no gradient (dead ReLU = 1). */
  readonly inactive: Float32Array;
  readonly saturated: Float32Array;
  readonly weightGradNorm: number;
  readonly weightMean: number;
  readonly weightStd: number;
  readonly activationMean: number;
  readonly activationStd: number;
}

export interface SequentialJSON {
  format: 'activation-playground/sequential@1';
  modules: unknown[];
  state_dict: Record<string, number[]>;
}

export interface Sequential {
  readonly modules: ModuleSpec[];
  readonly inFeatures: number;
  readonly outFeatures: number;
  /** x: [N, in] (flat row-major or rows) → [N, out]. */
  forward(x: Matrix): Float32Array;
  /** Every module's output for x, in module order (the last is the model's output). */
  intermediates(x: Matrix): { module: number; kind: 'linear' | 'activation'; width: number; values: Float32Array }[];
  /** loss(model(x), y).backward() without a step: sets every Parameter.grad; returns the loss. */
  backward(x: Matrix, y: Matrix, options?: { loss?: LossName }): number;
  parameters(): Parameter[];
  named_parameters(): [string, Parameter][];
  /** PyTorch's state_dict: each value a copy carrying its shape (sd['0.weight'].shape is [out, in]). */
  state_dict(): Record<string, Tensor>;
  /**
   * Values by PyTorch's keys: flat arrays, nested rows or state_dict() values (a given shape must match).
   * strict (default true, as in PyTorch): every key and no other; false loads the keys present.
   */
  load_state_dict(sd: Record<string, Matrix | Tensor>, options?: { strict?: boolean }): this;
  reset_parameters(options?: { init?: InitScheme; seed?: number }): this;
  /** Trains in C++; returns the loss of every step. */
  fit(x: Matrix, y: Matrix, options: FitOptions): Float32Array;
  train_step(x: Matrix, y: Matrix, options: { loss?: LossName; optimizer: Optimizer }): number;
  evaluate(x: Matrix, y: Matrix, options?: { loss?: LossName }): { loss: number; accuracy: number };
  diagnostics(): LayerDiagnostics[];
  toJSON(): SequentialJSON;
  toPyTorch(options?: { style?: 'module' | 'functional' }): string;
  dispose(): void;
}

/** nn.ReLU(), nn.LeakyReLU(0.2), nn.GELU('tanh'), nn.Softmax({ dim: 1 }), ... */
export type ActivationModuleFactory = (...args: ActivationArgs) => ModuleSpec;

/** torch.nn class names of the activations (filled in from the C++ registry). */
export type ActivationModuleName = string; // replaced by the registry's module names when dist/index.d.ts is generated

export type NnApi = NnBase & { readonly [K in ActivationModuleName]: ActivationModuleFactory };
export interface NnBase {
  Linear(inFeatures: number, outFeatures: number, options?: { bias?: boolean }): ModuleSpec;
  Sequential: ((...modules: ModuleSpec[]) => Sequential) & {
    withOptions(options: { seed?: number; init?: InitScheme }, ...modules: ModuleSpec[]): Sequential;
  };
  fromJSON(json: SequentialJSON | string): Sequential;
}

export interface Dataset {
  /** Points [n, 2], row-major. */
  readonly X: Float32Array;
  /** 0/1 (classification), class index (multiclass) or a value in [-1, 1] (regression). */
  readonly y: Float32Array;
  readonly n: number;
  readonly classes: number;
  readonly task: 'classification' | 'multiclass' | 'regression';
}
export interface DatasetOptions {
  n?: number;
  noise?: number;
  seed?: number;
  classes?: number;
  /** function_boundary: an elementwise activation's name. */
  function?: string;
}
/** Input feature names (filled in from the core's catalog). */
export type FeatureName = string; // replaced by the core's feature names when dist/index.d.ts is generated
/** Dataset names (filled in from the core's catalog). */
export type DatasetName = string; // replaced by the core's dataset names when dist/index.d.ts is generated
export type DatasetsApi = { readonly [K in DatasetName]: (options?: DatasetOptions) => Dataset } & {
  list(): { name: string; task: string; doc: string }[];
  /** Input features of points [n, 2], columns in the order given (names may repeat); x1, x2 by default. */
  features(points: Matrix, features?: readonly FeatureName[]): Float32Array;
};

export interface GridResult {
  readonly n: number;
  readonly box: number[];
  /** Where the grid samples: the x plane, then the y plane ([2, n²], image order); both box edges are included. */
  readonly points: Float32Array;
  /** The network's output on the n×n grid, image order (top row is y1): one n×n image per output. */
  readonly output: Float32Array;
  /** Every module's output on the grid: `width` images of n×n values (values[j·n² + p] is neuron j at point p). */
  readonly modules: { module: number; width: number; values: Float32Array }[];
}

export interface ActivationPlayground {
  readonly F: FunctionalApi & { readonly [K in LossName]: LossFunction };
  readonly nn: NnApi;
  readonly optim: {
    SGD(params: Parameter[], options: { lr: number; momentum?: number; dampening?: number; nesterov?: boolean; weight_decay?: number; regularization?: 'none' | 'l1' | 'l2'; regularization_rate?: number }): Optimizer;
    Adam(params: Parameter[], options?: { lr?: number; betas?: [number, number]; eps?: number; weight_decay?: number; regularization?: 'none' | 'l1' | 'l2'; regularization_rate?: number }): Optimizer;
  };
  readonly datasets: DatasetsApi;
  /**
   * The model on an n×n grid. `features`: the model's input columns, in order (default x1, x2).
   * `copy: false` returns views into WASM memory instead of copies: valid until the next grid() of the
   * model and only until WASM memory grows (any call that allocates may grow it; the views are then empty).
   */
  grid(model: Sequential, options?: { n?: number; box?: [number, number, number, number]; features?: readonly FeatureName[]; copy?: boolean }): GridResult;
  /** n float32s in WASM memory. */
  buffer(n: number): WasmBuffer;
  losses(): LossName[];
  features(): FeatureName[];
  inits(): InitScheme[];
  listActivations(): readonly ActivationInfo[];
  /** Registry entry by functional or module name; throws Error for unknown names. */
  activation(name: string): ActivationInfo;
  /** How PyTorch writes an activation applied to x with these parameters (defaults otherwise); `dim` for the softmax family (default 1). */
  pytorchCode(name: string, params?: Record<string, number | string>, options?: { dim?: number }): { functional: string; module: string };
  buildInfo(): BuildInfo;
  /** WASM memory in use (malloc'd bytes, stack pointer, memory size), for leak checks. */
  memoryStats(): { heapInUse: number; stackPointer: number; memoryBytes: number };
}

export interface LoadOptions {
  /** Force the SIMD build (true), the fallback (false), or pick by feature detection ('auto', default). */
  simd?: boolean | 'auto';
  /** The .wasm bytes, when the default location does not work for you. */
  wasmBinary?: ArrayBuffer | Uint8Array;
  /** Maps 'ap_simd.wasm' / 'ap_nosimd.wasm' to the URL to fetch. */
  locateFile?: (file: string, prefix: string) => string;
  /** Emscripten's hook: instantiate the module yourself (e.g. one compiled once per page) and pass it to `receive`; return {}. */
  instantiateWasm?: (imports: WebAssembly.Imports, receive: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void) => object;
}

export declare function load(options?: LoadOptions): Promise<ActivationPlayground>;
/** True when this engine validates WebAssembly SIMD code. */
export declare function simdSupported(): boolean;
export default load;
