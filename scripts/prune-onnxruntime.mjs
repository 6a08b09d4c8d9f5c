// After `npm install`: onnxruntime-node (the optional local embedder's runtime, through transformers.js) ships
// its native library for six platforms in one package, 288 MB. Only this machine's can ever load, so the others
// (about 240 MB) are removed. Never fails the install: without the package there is nothing to do.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const bin = join(import.meta.dirname, '..', 'node_modules', 'onnxruntime-node', 'bin');
try {
  if (existsSync(bin)) {
    let removed = 0;
    for (const napi of readdirSync(bin)) {
      for (const platform of readdirSync(join(bin, napi))) {
        for (const arch of readdirSync(join(bin, napi, platform))) {
          if (platform === process.platform && arch === process.arch) continue;
          rmSync(join(bin, napi, platform, arch), { recursive: true, force: true });
          removed++;
        }
      }
    }
    if (removed > 0)
      console.log(`onnxruntime-node: kept ${process.platform}/${process.arch}, removed ${removed} others`);
  }
} catch (error) {
  console.warn(
    `onnxruntime-node: could not prune other platforms (${error instanceof Error ? error.message : error})`,
  );
}
