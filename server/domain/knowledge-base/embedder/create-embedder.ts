import type { Embedder, EmbedderSettings } from './embedder.ts';
import { OnnxEmbedder } from './onnx-embedder.ts';
import { OpenAiEmbedder } from './openai-embedder.ts';

/** The configured back-end: an OpenAI-compatible server, or a local ONNX model folder. */
export function createEmbedder(settings: EmbedderSettings): Embedder | undefined {
  if (settings.kind === 'openai' && settings.url)
    return new OpenAiEmbedder({
      url: settings.url,
      model: settings.model ?? 'nomic-embed-text',
      ...(settings.apiKey ? { apiKey: settings.apiKey } : {}),
    });
  if (settings.kind === 'onnx' && settings.dir)
    return new OnnxEmbedder({
      dir: settings.dir,
      ...(settings.pooling ? { pooling: settings.pooling } : {}),
      ...(settings.dtype ? { dtype: settings.dtype } : {}),
    });
  return undefined;
}
