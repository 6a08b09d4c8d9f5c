import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Embedder } from './embedder.ts';

/** Texts per inference call: enough to amortise the call, small enough to keep the event loop answering. */
const BATCH = 16;
/** A model that failed to load is tried again after this long (not on every search). */
const RETRY_MS = 60_000;

/** The part of transformers.js this back-end uses. */
type FeatureExtractor = (
  texts: string[],
  options: { pooling: 'mean' | 'cls'; normalize: boolean },
) => Promise<{ tolist(): number[][] }>;
interface Transformers {
  env: { allowRemoteModels: boolean; allowLocalModels: boolean };
  pipeline(
    task: 'feature-extraction',
    model: string,
    options: Record<string, unknown>,
  ): Promise<FeatureExtractor>;
}

export interface OnnxEmbedderOptions {
  /** A model folder as published for transformers.js: config.json, tokenizer.json, onnx/model.onnx. */
  dir: string;
  /** How token vectors become one vector: `mean` (MiniLM, nomic) or `cls` (BGE). */
  pooling?: 'mean' | 'cls';
  /** Which weights: `fp32` reads onnx/model.onnx, `q8` onnx/model_quantized.onnx. Default: whichever exists. */
  dtype?: 'fp32' | 'q8' | 'fp16';
  /** Loads transformers.js (an optional dependency); tests may pass their own. */
  load?: () => Promise<Transformers>;
  now?: () => number;
}

/**
 * A local ONNX sentence-embedding model run on the CPU by transformers.js (ONNX Runtime underneath), from a
 * folder on disk: nothing is ever downloaded (remote models are disabled). transformers.js is an optional
 * dependency loaded on first use, so a server without it, or without the model, still starts; embedding then
 * fails with a clear message and search stays lexical (hybrid-search.ts logs it).
 */
export class OnnxEmbedder implements Embedder {
  readonly id: string;
  private readonly dir: string;
  private readonly dtype: 'fp32' | 'q8' | 'fp16';
  private extractor: { promise: Promise<FeatureExtractor>; at: number; failed: boolean } | undefined;

  constructor(private readonly opts: OnnxEmbedderOptions) {
    this.dir = resolve(opts.dir);
    this.dtype = opts.dtype ?? (existsSync(join(this.dir, 'onnx', 'model.onnx')) ? 'fp32' : 'q8');
    this.id = `onnx:${basename(this.dir)}:${this.dtype}:${opts.pooling ?? 'mean'}`;
  }

  async embed(texts: string[]): Promise<number[][]> {
    const extract = await this.model();
    const out: number[][] = [];
    for (let i = 0; i < texts.length; i += BATCH) {
      const tensor = await extract(texts.slice(i, i + BATCH), {
        pooling: this.opts.pooling ?? 'mean',
        normalize: true,
      });
      out.push(...tensor.tolist());
    }
    return out;
  }

  private model(): Promise<FeatureExtractor> {
    const now = this.opts.now?.() ?? Date.now();
    if (this.extractor && !(this.extractor.failed && now - this.extractor.at >= RETRY_MS))
      return this.extractor.promise;
    const entry = { promise: this.open(), at: now, failed: false };
    entry.promise.catch(() => {
      entry.failed = true;
    });
    this.extractor = entry;
    return entry.promise;
  }

  private async open(): Promise<FeatureExtractor> {
    if (!existsSync(join(this.dir, 'config.json')) || !existsSync(join(this.dir, 'tokenizer.json')))
      throw new Error(`no ONNX model in ${this.dir} (config.json and tokenizer.json expected)`);
    let tf: Transformers;
    try {
      tf = await (this.opts.load ?? loadTransformers)();
    } catch (error) {
      throw new Error(
        `transformers.js is not installed (npm install @huggingface/transformers): ${error instanceof Error ? error.message : error}`,
      );
    }
    tf.env.allowRemoteModels = false;
    tf.env.allowLocalModels = true;
    // An absolute path is read as a folder, never as a model name on the hub.
    return tf.pipeline('feature-extraction', this.dir, { device: 'cpu', dtype: this.dtype });
  }
}

/** A variable specifier: neither the type checker nor a bundler needs the optional package to be there. */
async function loadTransformers(): Promise<Transformers> {
  const name = '@huggingface/transformers';
  return (await import(name)) as Transformers;
}
