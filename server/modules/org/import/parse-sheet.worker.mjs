// Entry of the import's parse process (parse-in-worker.ts). It is started with plain `node` flags
// (a heap limit), so it registers tsx for itself: the same file then runs whether the server runs
// under `tsx` (npm start), `node --import tsx` or vitest.
import { tsImport } from 'tsx/esm/api';

await tsImport('./parse-sheet.worker.ts', import.meta.url);
