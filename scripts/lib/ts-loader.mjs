// Registers tsx's TypeScript loader in the thread that imports it. Tests and scripts that run the
// library from its .ts source pass this file as `workerPreload` to assessPortfolio, so that the
// portfolio's worker threads can load portfolio-worker.ts (Node 20 runs no --import in workers).
// JavaScript, not TypeScript: it is loaded before any TypeScript loader exists in the worker.
import { register } from 'tsx/esm/api';

register();
