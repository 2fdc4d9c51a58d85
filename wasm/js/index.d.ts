// Hand-written types for activation-playground (Emscripten 3.1.6 cannot generate them).

/** A numeric parameter of an activation, with PyTorch's name and default. */
export interface ParamInfo {
  readonly name: string;
  readonly default: number;
  readonly doc: string;
}

/** One entry of the C++ activation registry. */
export interface ActivationInfo {
  readonly id: number;
  /** torch.nn.functional name, e.g. 'leaky_relu'. */
  readonly name: string;
  /** torch.nn class name, e.g. 'LeakyReLU'. */
  readonly module: string;
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

/** Options of an activation call: its PyTorch parameters by name, plus `out`; softmax also `dim`, `shape`. */
export interface ActivationOptions {
  [param: string]: number | Float32Array | readonly number[] | undefined;
  out?: Float32Array;
  dim?: number;
  shape?: readonly number[];
}

export interface ActivationFunction {
  /** y = f(x). A number as second argument sets the first parameter (e.g. F.leaky_relu(x, 0.2)). */
  (x: NumericArray, options?: ActivationOptions | number): Float32Array;
  /** dL/dx given x and dL/dy (ones when omitted). */
  backward(x: NumericArray, gradOutput?: NumericArray | null, options?: ActivationOptions | number): Float32Array;
}

export interface FunctionalApi {
  readonly step: ActivationFunction;
  readonly sigmoid: ActivationFunction;
  readonly tanh: ActivationFunction;
  readonly relu: ActivationFunction;
  readonly leaky_relu: ActivationFunction;
  readonly softmax: ActivationFunction;
  readonly [name: string]: ActivationFunction;
}

export interface ActivationPlayground {
  readonly F: FunctionalApi;
  listActivations(): readonly ActivationInfo[];
  /** Registry entry by functional or module name; throws Error for unknown names. */
  activation(name: string): ActivationInfo;
  buildInfo(): BuildInfo;
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
