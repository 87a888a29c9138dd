// Entry of the import's sealing worker thread (seal-in-worker.ts). The thread starts without the
// parent's flags, so it registers tsx for itself, as the parse process does (parse-sheet.worker.mjs).
import { tsImport } from 'tsx/esm/api';

await tsImport('./seal.worker.ts', import.meta.url);
