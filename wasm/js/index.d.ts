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
  readonly notes: string;
  readonly params: readonly ParamInfo[];
}

export interface BuildInfo {
  /** True when the SIMD (wasm simd128) build is running. */
  readonly simd: boolean;
  readonly isa: 'wasm-simd128' | 'none';
  readonly variant: 'simd' | 'nosimd';
  readonly emscripten: string;
  readonly limits: {
    readonly maxElements: number;
    readonly chartXMin: number;
    readonly chartXMax: number;
    readonly chartSamples: number;
  };
}

export type NumericArray = Float32Array | Float64Array | ArrayLike<number>;

/** Options of an activation call: its PyTorch parameters by name, plus `out`; the softmax family also `dim`, `shape`. */
export interface ActivationOptions {
  [param: string]: number | string | Float32Array | readonly number[] | undefined;
  /** Write the result here (same length as the input) instead of a new array. */
  out?: Float32Array;
  /** Softmax family: the dimension to normalise along (default -1). */
  dim?: number;
  /** Softmax family: the row-major shape of the input (default [length]). */
  shape?: readonly number[];
}

/** Positional parameters in PyTorch's order (F.threshold(x, 0.5, -1), F.gelu(x, 'tanh')), optionally followed by options. */
export type ActivationArgs = readonly (number | string | ActivationOptions | undefined)[];

export interface ActivationFunction {
  /** y = f(x), e.g. F.leaky_relu(x, 0.2) or F.leaky_relu(x, { negative_slope: 0.2 }). */
  (x: NumericArray, ...args: ActivationArgs): Float32Array;
  /** dL/dx given x and dL/dy (ones when omitted). */
  backward(x: NumericArray, gradOutput?: NumericArray | null, ...args: ActivationArgs): Float32Array;
}

/** The names listActivations() returns; F has one function per name (filled in from the C++ registry). */
export type ActivationName = string; // replaced by the registry's names when dist/index.d.ts is generated

export type FunctionalApi = { readonly [K in ActivationName]: ActivationFunction };

export interface ActivationPlayground {
  readonly F: FunctionalApi;
  listActivations(): readonly ActivationInfo[];
  /** Registry entry by functional or module name; throws Error for unknown names. */
  activation(name: string): ActivationInfo;
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
}

export declare function load(options?: LoadOptions): Promise<ActivationPlayground>;
/** True when this engine validates WebAssembly SIMD code. */
export declare function simdSupported(): boolean;
export default load;
