import type { Embedder } from './embedder.ts';

/** Most texts per request (servers cap batch sizes; Ollama and llama.cpp take this many). */
const BATCH = 64;

/**
 * An OpenAI-compatible `POST {url}/embeddings` back-end: what Ollama, llama.cpp's server, vLLM,
 * LM Studio and hosted APIs serve. `url` is the API base, e.g. http://127.0.0.1:11434/v1.
 */
export class OpenAiEmbedder implements Embedder {
  readonly id: string;

  constructor(private readonly opts: { url: string; model: string; apiKey?: string; timeoutMs?: number }) {
    this.id = `openai:${opts.model}`;
  }

  async embed(texts: string[]): Promise<number[][]> {
    const out: number[][] = [];
    for (let i = 0; i < texts.length; i += BATCH) out.push(...(await this.batch(texts.slice(i, i + BATCH))));
    return out;
  }

  private async batch(input: string[]): Promise<number[][]> {
    const res = await fetch(`${this.opts.url.replace(/\/+$/, '')}/embeddings`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(this.opts.apiKey ? { authorization: `Bearer ${this.opts.apiKey}` } : {}),
      },
      body: JSON.stringify({ model: this.opts.model, input }),
      signal: AbortSignal.timeout(this.opts.timeoutMs ?? 10_000),
    });
    if (!res.ok) throw new Error(`embedder answered HTTP ${res.status}`);
    const body = (await res.json()) as { data?: Array<{ index?: number; embedding?: unknown }> };
    const data = body.data ?? [];
    if (data.length !== input.length)
      throw new Error(`embedder returned ${data.length} vectors for ${input.length} texts`);
    const vectors = [...data].sort((a, b) => (a.index ?? 0) - (b.index ?? 0)).map((d) => d.embedding);
    if (!vectors.every((v) => Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'number')))
      throw new Error('embedder returned something other than vectors of numbers');
    return vectors as number[][];
  }
}
