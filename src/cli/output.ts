// Output files are written atomically (temp file + rename); see src/write-file.ts.
export { writeFileAtomic as writeOutput } from '../write-file.js';
