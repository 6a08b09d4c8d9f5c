/**
 * Pluggable semantic retrieval: an embedder turns texts into vectors; sections and queries are
 * compared by cosine similarity and fused with BM25 (see hybrid-search.ts).
 */
export interface Embedder {
  /** Names the model: cached vectors are keyed by it, so changing models never mixes vectors. */
  readonly id: string;
  embed(texts: string[]): Promise<number[][]>;
}

export interface EmbedderSettings {
  /** OpenAI-compatible endpoint base, e.g. http://127.0.0.1:11434/v1 (Ollama), or a local ONNX model folder. */
  kind: 'openai' | 'onnx';
  url?: string;
  model?: string;
  apiKey?: string;
  dir?: string;
  /** ONNX only: `mean` (MiniLM, nomic; the default) or `cls` (BGE) pooling. */
  pooling?: 'mean' | 'cls';
  /** ONNX only: `fp32` (onnx/model.onnx) or `q8` (onnx/model_quantized.onnx); default, whichever exists. */
  dtype?: 'fp32' | 'q8' | 'fp16';
}

/**
 * Reads the embedder from the environment: PARLEY_EMBEDDER_URL (+ PARLEY_EMBEDDER_MODEL,
 * PARLEY_EMBEDDER_API_KEY) for an OpenAI-compatible /v1/embeddings server, or
 * PARLEY_EMBEDDER_ONNX_DIR (+ PARLEY_EMBEDDER_ONNX_POOLING, PARLEY_EMBEDDER_ONNX_DTYPE) for a local ONNX
 * model folder run by transformers.js. Neither: lexical search only.
 */
export function embedderSettingsFromEnv(env: NodeJS.ProcessEnv): EmbedderSettings | undefined {
  if (env.PARLEY_EMBEDDER_URL)
    return {
      kind: 'openai',
      url: env.PARLEY_EMBEDDER_URL,
      model: env.PARLEY_EMBEDDER_MODEL ?? 'nomic-embed-text',
      ...(env.PARLEY_EMBEDDER_API_KEY ? { apiKey: env.PARLEY_EMBEDDER_API_KEY } : {}),
    };
  if (env.PARLEY_EMBEDDER_ONNX_DIR) {
    const pooling = env.PARLEY_EMBEDDER_ONNX_POOLING;
    const dtype = env.PARLEY_EMBEDDER_ONNX_DTYPE;
    return {
      kind: 'onnx',
      dir: env.PARLEY_EMBEDDER_ONNX_DIR,
      ...(pooling === 'mean' || pooling === 'cls' ? { pooling } : {}),
      ...(dtype === 'fp32' || dtype === 'q8' || dtype === 'fp16' ? { dtype } : {}),
    };
  }
  return undefined;
}

export function normalise(v: number[]): Float32Array {
  let norm = 0;
  for (const x of v) norm += x * x;
  const out = new Float32Array(v.length);
  const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let i = 0; i < v.length; i++) out[i] = (v[i] as number) * inv;
  return out;
}
