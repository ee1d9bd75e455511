// Types of build.mjs, for the TypeScript tests that build the demo.

export declare const root: string;
export declare const DEFAULT_OUT_DIR: string;

export interface BuiltDemo {
  outDir: string;
  /** WASM files copied next to the bundle. */
  wasm: string[];
  /** Images in the bundled dataset pack. */
  images: number;
  warnings: string[];
}

export declare function buildDemo(options?: { outDir?: string; minify?: boolean }): Promise<BuiltDemo>;
