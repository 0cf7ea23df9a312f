/**
 * @module
 * Starts onnxruntime-web inside workerd.
 *
 * workerd forbids compiling WebAssembly from bytes at run time, so ORT cannot
 * compile its own `.wasm`. Wrangler instead bundles the file as a pre-compiled
 * `WebAssembly.Module`. ORT is given a placeholder `wasmBinary` and a narrow
 * wrapper on `WebAssembly.instantiate` swaps in the pre-compiled module when
 * ORT instantiates exactly that placeholder. Every other call goes to the
 * original function untouched. Threads and the proxy worker are off
 * because a Worker has neither `SharedArrayBuffer` threads nor Web Workers.
 * Verified with onnxruntime-web 1.31.1 and its `onnxruntime-web/wasm` entry.
 */
import * as ort from "onnxruntime-web/wasm";
import ortWasmModule from "onnxruntime-web/ort-wasm-simd-threaded.wasm";

let initialised = false;

function installInstantiateWrapper(placeholder: ArrayBuffer, compiled: WebAssembly.Module): void {
  const original = WebAssembly.instantiate.bind(WebAssembly);
  const wrapped = async (source: unknown, imports?: WebAssembly.Imports): Promise<unknown> => {
    const isPlaceholder = source === placeholder || (ArrayBuffer.isView(source) && source.buffer === placeholder);
    if (isPlaceholder) {
      const instance = await original(compiled, imports);
      return { instance, module: compiled };
    }
    return original(source as WebAssembly.Module, imports);
  };
  // The wrapper keeps the platform's overloads for every source but the placeholder.
  WebAssembly.instantiate = wrapped as typeof WebAssembly.instantiate;
}

/** Configures onnxruntime-web for workerd once per isolate and returns the `ort` namespace. */
export function initOrt(): typeof ort {
  if (initialised) return ort;
  const placeholder = new ArrayBuffer(8);
  installInstantiateWrapper(placeholder, ortWasmModule);
  ort.env.wasm.wasmBinary = placeholder;
  ort.env.wasm.numThreads = 1;
  ort.env.wasm.proxy = false;
  ort.env.logLevel = "error";
  initialised = true;
  return ort;
}

export type { ort };
