import type { ActivationPlayground, LoadOptions } from './index.js' with { 'resolution-mode': 'import' };
declare function load(options?: LoadOptions): Promise<ActivationPlayground>;
declare function simdSupported(): Promise<boolean>;
declare const _default: typeof load;
export { load, simdSupported, _default as default };
