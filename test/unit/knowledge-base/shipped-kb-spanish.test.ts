import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../../../server/domain/knowledge-base/load-knowledge-base.ts';
import type { KnowledgeBase } from '../../../server/domain/knowledge-base/types.ts';
import { silentLogger } from '../../../server/lib/logger.ts';

/** The shipped Spanish articles answer the way a Spanish-speaking visitor asks (queries written with the articles: a smoke test, not a held-out measure). */
describe('shipped knowledge base in Spanish', () => {
  let kb: KnowledgeBase;
  beforeAll(async () => {
    kb = await loadKnowledgeBase({ dir: 'knowledge-base', logger: silentLogger() });
  });
  afterAll(() => kb.close());

  it.each([
    ['dónde está mi pedido', 'orders/track-your-order'],
    ['mi paquete no ha llegado', 'orders/track-your-order'],
    ['número de seguimiento', 'orders/track-your-order'],
    ['olvidé mi contraseña', 'account/reset-your-password'],
    ['no llega el correo para cambiar la contraseña', 'account/reset-your-password'],
    ['cómo devolver un artículo', 'returns/return-an-item'],
    ['etiqueta de devolución', 'returns/return-an-item'],
    ['cuándo recibiré mi reembolso', 'returns/refund-timing'],
    ['reembolso no recibido', 'returns/refund-timing'],
  ])('"%s" answers with the Spanish %s', (query, slug) => {
    const hits = kb.search(query, 3, 'es').filter((h) => !h.related);
    expect(hits[0]).toMatchObject({ slug, locale: 'es' });
  });

  it('an English query in the Spanish widget still finds the English answers, in Spanish where translated', () => {
    expect(kb.search('where is my parcel', 3, 'es')[0]).toMatchObject({
      slug: 'orders/track-your-order',
      title: 'Seguir tu pedido',
      locale: 'es',
    });
    expect(kb.search('promo code', 3, 'es')[0]).toMatchObject({ locale: 'en' });
  });
});
