// Types of serve.mjs, for the TypeScript tests that serve the demo.

import type { Server } from 'node:http';

export declare const HOST: string;

export interface DemoServer {
  /** Page URL, e.g. http://127.0.0.1:8765/ */
  url: string;
  close(): Promise<void>;
  server: Server;
}

export declare function serveDemo(options: { rootDir: string; port: number; log?: (line: string) => void }): Promise<DemoServer>;
