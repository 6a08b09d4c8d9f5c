import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Writes a tiny sentence-embedding model folder in the layout transformers.js reads (config.json,
 * tokenizer.json, tokenizer_config.json, onnx/model.onnx), so the ONNX back-end runs end to end with no
 * download. The graph is one real ONNX `Gather` (a word-embedding lookup); transformers.js then mean-pools
 * and normalises, as it does for MiniLM. Each word's vector is a hashed one-hot (a deterministic bag of
 * words, like the HTTP test server's), except the `meaning` aliases: those words get the vector of the
 * word they stand for, which is the one thing a real model knows that BM25 cannot.
 */
export function writeTinyOnnxModel(
  dir: string,
  opts: { words: Iterable<string>; meaning?: Record<string, string>; dims?: number },
): void {
  const dims = opts.dims ?? 64;
  const special = ['[PAD]', '[UNK]', '[CLS]', '[SEP]'];
  const meaning = opts.meaning ?? {};
  const words = [...new Set([...opts.words, ...Object.keys(meaning)].map((w) => w.toLowerCase()))].filter(
    (w) => /^[a-z0-9]+$/.test(w),
  );
  const vocab = [...special, ...words];
  const weights = new Float32Array(vocab.length * dims);
  vocab.forEach((word, row) => {
    if (row < special.length) return; // special tokens add nothing to the mean
    const target = meaning[word] ?? word;
    weights[row * dims + (hash(target.replace(/s$/, '')) % dims)] = 1;
  });

  mkdirSync(join(dir, 'onnx'), { recursive: true });
  writeFileSync(join(dir, 'onnx', 'model.onnx'), encodeModel(vocab.length, dims, weights));
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ model_type: 'bert', hidden_size: dims }));
  writeFileSync(
    join(dir, 'tokenizer_config.json'),
    JSON.stringify({
      tokenizer_class: 'BertTokenizer',
      do_lower_case: true,
      model_max_length: 256,
      pad_token: '[PAD]',
      unk_token: '[UNK]',
      cls_token: '[CLS]',
      sep_token: '[SEP]',
    }),
  );
  const cls = { id: '[CLS]', ids: [2], tokens: ['[CLS]'] };
  const sep = { id: '[SEP]', ids: [3], tokens: ['[SEP]'] };
  writeFileSync(
    join(dir, 'tokenizer.json'),
    JSON.stringify({
      version: '1.0',
      truncation: null,
      padding: null,
      added_tokens: special.map((content, id) => ({
        id,
        content,
        single_word: false,
        lstrip: false,
        rstrip: false,
        normalized: false,
        special: true,
      })),
      normalizer: {
        type: 'BertNormalizer',
        clean_text: true,
        handle_chinese_chars: true,
        strip_accents: null,
        lowercase: true,
      },
      pre_tokenizer: { type: 'BertPreTokenizer' },
      post_processor: {
        type: 'TemplateProcessing',
        single: [
          { SpecialToken: { id: '[CLS]', type_id: 0 } },
          { Sequence: { id: 'A', type_id: 0 } },
          { SpecialToken: { id: '[SEP]', type_id: 0 } },
        ],
        pair: [],
        special_tokens: { '[CLS]': cls, '[SEP]': sep },
      },
      decoder: null,
      model: {
        type: 'WordPiece',
        unk_token: '[UNK]',
        continuing_subword_prefix: '##',
        max_input_chars_per_word: 100,
        vocab: Object.fromEntries(vocab.map((w, i) => [w, i])),
      },
    }),
  );
}

function hash(word: string): number {
  let h = 2166136261;
  for (const c of word) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return h >>> 0;
}

// --- ONNX is protobuf: the few messages and field numbers of onnx.proto this graph needs. ---

const FLOAT = 1;
const INT64 = 7;

function encodeModel(rows: number, dims: number, weights: Float32Array): Uint8Array {
  const dim = (d: number | string) => (typeof d === 'number' ? msg([1, int(d)]) : msg([2, str(d)]));
  const tensorType = (elem: number, shape: Array<number | string>) =>
    msg([1, msg([1, int(elem)], [2, msg(...shape.map((d) => [1, dim(d)] as Field))])]);
  const valueInfo = (name: string, elem: number, shape: Array<number | string>) =>
    msg([1, str(name)], [2, tensorType(elem, shape)]);
  const graph = msg(
    // NodeProto: input, input, output, name, op_type (Gather on axis 0, the default)
    [
      1,
      msg(
        [1, str('embeddings')],
        [1, str('input_ids')],
        [2, str('last_hidden_state')],
        [3, str('lookup')],
        [4, str('Gather')],
      ),
    ],
    [2, str('tiny-embedder')],
    // TensorProto initializer: dims, data_type, name, raw_data (little-endian float32)
    [
      5,
      msg(
        [1, int(rows)],
        [1, int(dims)],
        [2, int(FLOAT)],
        [8, str('embeddings')],
        [9, new Uint8Array(weights.buffer)],
      ),
    ],
    [11, valueInfo('input_ids', INT64, ['batch', 'sequence'])],
    [11, valueInfo('attention_mask', INT64, ['batch', 'sequence'])],
    [12, valueInfo('last_hidden_state', FLOAT, ['batch', 'sequence', dims])],
  );
  // ModelProto: ir_version 8, producer_name, graph, opset_import { domain "", version 17 }
  return msg([1, int(8)], [2, str('parley-tests')], [7, graph], [8, msg([1, str('')], [2, int(17)])]);
}

type Field = [number, Uint8Array | { varint: number }];
const int = (n: number) => ({ varint: n });
const str = (s: string) => new TextEncoder().encode(s);

function msg(...fields: Field[]): Uint8Array {
  const parts: number[] = [];
  for (const [no, value] of fields) {
    if (value instanceof Uint8Array) {
      parts.push(...varint((no << 3) | 2), ...varint(value.length));
      for (const b of value) parts.push(b);
    } else parts.push(...varint(no << 3), ...varint(value.varint));
  }
  return Uint8Array.from(parts);
}

function varint(n: number): number[] {
  const out: number[] = [];
  let v = n;
  while (v > 127) {
    out.push((v & 127) | 128);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return out;
}
