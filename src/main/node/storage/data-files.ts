/** The core's DataFiles over Node's fs and path (atomic writes as for every data file). */
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { DataFiles } from '../../core';
import { writeFileAtomic } from './atomic-write';

export function createNodeDataFiles(): DataFiles {
  return {
    readText: async (file) => {
      try {
        return await fsp.readFile(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    writeAtomic: writeFileAtomic,
    rename: (from, to) => fsp.rename(from, to),
    join: (...parts) => path.join(...parts),
    basename: (file) => path.basename(file),
    dirname: (file) => path.dirname(file),
    isAbsolute: (file) => path.isAbsolute(file),
  };
}
