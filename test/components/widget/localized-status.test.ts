import { describe, expect, it } from 'vitest';
import { ar } from '../../../widget/app/i18n/ar.ts';
import { de } from '../../../widget/app/i18n/de.ts';
import { es } from '../../../widget/app/i18n/es.ts';
import { statusText } from '../../../widget/chat/StatusBanner.tsx';
import type { ChatState } from '../../../widget/chat/store.ts';
import { conv } from './fakes.tsx';

const state = (over: Partial<ChatState>): ChatState => ({
  link: 'connected',
  conversation: null,
  messages: [],
  pending: [],
  error: null,
  agentTyping: null,
  availability: null,
  availabilityChecked: true,
  email: null,
  ...over,
});

// The server sends numbers (a place in the queue, seconds); the words are the widget's own.
describe('the queue and the wait in the visitor’s language', () => {
  it.each([
    ['es', es, 'Eres el número 3 en la cola. Espera estimada: unos 4 minutos.'],
    ['de', de, 'Du bist Nummer 3 in der Warteschlange. Voraussichtliche Wartezeit: etwa 4 Minuten.'],
    ['ar', ar, 'ترتيبك في قائمة الانتظار: 3. مدة الانتظار المتوقعة: نحو 4 دقائق.'],
  ] as const)('words a place and an estimate in %s', (_, messages, line) => {
    const c = conv({ queuePosition: 3, waitEstimateSeconds: 230 });
    expect(statusText(state({ conversation: c }), messages.chat)).toBe(line);
    expect(statusText(state({ conversation: c }), messages.chat)).not.toMatch(/in the queue|Expected wait/);
  });

  it('promises no time, in Spanish, when the server has no estimate', () => {
    const c = conv({ queuePosition: 1, waitEstimateSeconds: null });
    expect(statusText(state({ conversation: c }), es.chat)).toBe(
      'Eres el siguiente. Ahora no podemos prometer un tiempo. Déjanos tu correo y te responderemos allí si te vas.',
    );
  });
});
