import type { TargetedKeyboardEvent, TargetedSubmitEvent } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ArticleRef, AttachmentRef } from '../../../server/protocol/dto.ts';
import { ComposerAttach } from '../../chat/attachments/ComposerAttach.tsx';
import type { KbHit, SavedReply } from '../api.ts';
import { ArticleSearch } from './ArticleSearch.tsx';
import { optionId, SavedReplyPicker } from './SavedReplyPicker.tsx';
import type { ReplyMatcher } from './saved-reply-search.ts';

/** Same limit the server enforces (Limits.messageText in server/protocol/schemas.ts, kept out of the bundle). */
export const MAX_TEXT = 4000;
const TYPING_IDLE_MS = 3000;
const PICKER_ID = 'saved-reply-options';

/** What the composer can reach beyond the conversation: saved replies and the knowledge base. */
export interface ComposerTools {
  savedReplies: () => Promise<SavedReply[]>;
  kbSearch: (q: string) => Promise<KbHit[]>;
  /** Where visitors open articles, e.g. https://help.example.com (links are `<origin>/kb/<slug>`). */
  origin: string;
}

interface Props {
  /** `article`: the inserted article whose link is still in the text, sent as an article reference. */
  onSend: (text: string, internal: boolean, article?: ArticleRef, files?: AttachmentRef[]) => void;
  /** The conversation files go to: the paperclip, drop and paste are on when set. */
  attachTo?: string | undefined;
  /** The unsent text of this conversation, kept by the caller across conversations and sign-ins. */
  draft?: string;
  onDraft?: (text: string) => void;
  /** Tells the visitor the agent is typing; never called for internal notes. */
  onTyping?: (typing: boolean) => void;
  /** When set, replying is off and this says why. */
  disabledReason?: string | null;
  tools?: ComposerTools;
}

/** `/query` right before the caret, at the start or after a space: the saved-reply trigger. */
export function slashQuery(text: string, caret: number): { start: number; query: string } | null {
  const m = /(^|\s)\/([\w-]{0,32})$/.exec(text.slice(0, caret));
  if (!m) return null;
  return { start: caret - (m[2] ?? '').length - 1, query: m[2] ?? '' };
}

/** The line inserted for an article: its title and readable URL (what email and older widgets show). */
export const articleLine = (hit: KbHit, origin: string) => `${hit.title}: ${articleUrl(hit, origin)}`;
const articleUrl = (hit: KbHit, origin: string) => `${origin}/kb/${hit.slug}`;

/** The first inserted article whose URL the text still holds: the reply's article reference. */
export function linkedArticle(text: string, inserted: KbHit[], origin: string): ArticleRef | undefined {
  const hit = inserted.find((h) => new RegExp(`${escapeRe(articleUrl(h, origin))}(?![\\w/-])`).test(text));
  return hit ? { slug: hit.slug, title: hit.title } : undefined;
}
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The reply box: Enter sends, Shift+Enter adds a line; "Internal note" keeps it among agents;
 * `/` opens the saved replies; "Insert article" links a knowledge-base article.
 */
export function Composer({
  onSend,
  draft = '',
  onDraft,
  onTyping,
  disabledReason = null,
  tools,
  attachTo,
}: Props) {
  const [files, setFiles] = useState<AttachmentRef[]>([]);
  const [round, setRound] = useState(0);
  const form = useRef<HTMLFormElement>(null);
  const [text, setText] = useState(draft);
  const [internal, setInternal] = useState(false);
  const [slash, setSlash] = useState<{ start: number; query: string } | null>(null);
  const [matcher, setMatcher] = useState<ReplyMatcher | null>(null);
  const [active, setActive] = useState(0);
  const [articles, setArticles] = useState(false);
  const inserted = useRef<KbHit[]>([]);
  const typing = useRef<ReturnType<typeof setTimeout> | null>(null);
  const box = useRef<HTMLTextAreaElement>(null);
  const loading = useRef(false);

  const stopTyping = () => {
    if (!typing.current) return;
    clearTimeout(typing.current);
    typing.current = null;
    onTyping?.(false);
  };
  useEffect(() => stopTyping, []);
  // A conversation that closes (or can no longer be answered) leaves note mode: reopened, it starts as a reply.
  useEffect(() => {
    if (disabledReason) setInternal(false);
  }, [disabledReason]);

  const matches = slash && matcher ? matcher(slash.query) : [];

  useEffect(() => {
    if (!slash || matcher || loading.current || !tools) return;
    loading.current = true;
    // The picker and fuse.js load on the first `/`, not with the console.
    Promise.all([import('./saved-reply-search.ts'), tools.savedReplies()])
      .then(([mod, replies]) => setMatcher(() => mod.createReplyMatcher(replies)))
      .catch(() => setMatcher(() => () => []))
      .finally(() => {
        loading.current = false;
      });
  }, [slash, matcher, tools]);

  const change = (value: string, caret = value.length) => {
    setText(value);
    onDraft?.(value);
    const next = tools ? slashQuery(value, caret) : null;
    setSlash(next);
    if (next?.query !== slash?.query) setActive(0);
    if (internal || !onTyping) return;
    if (!typing.current) onTyping(true);
    else clearTimeout(typing.current);
    typing.current = setTimeout(stopTyping, TYPING_IDLE_MS);
  };

  /** Replaces `from..to` with `insert` and puts the caret after it. */
  const splice = (from: number, to: number, insert: string) => {
    const value = text.slice(0, from) + insert + text.slice(to);
    change(value, from + insert.length);
    setSlash(null);
    requestAnimationFrame(() => {
      const el = box.current;
      if (!el) return;
      el.focus();
      el.setSelectionRange(from + insert.length, from + insert.length);
    });
  };

  const pick = (r: SavedReply) => {
    if (!slash) return;
    splice(slash.start, slash.start + 1 + slash.query.length, r.text);
  };

  const insertArticle = (hit: KbHit) => {
    if (!tools) return;
    const at = box.current?.selectionStart ?? text.length;
    const before = text.slice(0, at);
    const line = articleLine(hit, tools.origin);
    const sep = before && !/\s$/.test(before) ? ' ' : '';
    splice(at, at, sep + line);
    inserted.current = [...inserted.current, hit];
    setArticles(false);
  };

  const body = text.trim();
  const tooLong = body.length > MAX_TEXT;
  const send = () => {
    // Files sent alone carry their names as the text.
    const words = body || files.map((f) => f.name).join(', ');
    if (!words || tooLong || disabledReason) return;
    const article = tools ? linkedArticle(body, inserted.current, tools.origin) : undefined;
    if (files.length) onSend(words, internal, article, files);
    else if (article) onSend(words, internal, article);
    else onSend(words, internal);
    setFiles([]);
    setRound((n) => n + 1);
    inserted.current = [];
    setText('');
    setSlash(null);
    onDraft?.('');
    stopTyping();
  };

  const onKeyDown = (e: TargetedKeyboardEvent<HTMLTextAreaElement>) => {
    if (slash && !e.isComposing) {
      if (e.key === 'Escape') {
        e.preventDefault();
        setSlash(null);
        return;
      }
      if (matches.length && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
        e.preventDefault();
        const step = e.key === 'ArrowDown' ? 1 : -1;
        setActive((a) => (a + step + matches.length) % matches.length);
        return;
      }
      const chosen = matches[active];
      if (chosen && (e.key === 'Enter' || e.key === 'Tab')) {
        e.preventDefault();
        pick(chosen);
        return;
      }
    }
    if (e.key !== 'Enter' || e.shiftKey || e.isComposing) return;
    e.preventDefault();
    send();
  };
  const onSubmit = (e: TargetedSubmitEvent<HTMLFormElement>) => {
    e.preventDefault();
    send();
  };

  const pickerOpen = Boolean(slash);
  const disabled = Boolean(disabledReason);
  return (
    <form ref={form} class={`composer ${internal ? 'is-internal' : ''}`} onSubmit={onSubmit}>
      {pickerOpen && (
        <SavedReplyPicker id={PICKER_ID} matches={matches} active={active} onPick={pick} loading={!matcher} />
      )}
      {articles && tools && (
        <ArticleSearch search={tools.kbSearch} onInsert={insertArticle} onClose={() => setArticles(false)} />
      )}
      <label class="visually-hidden" for="composer-text">
        Reply
      </label>
      <textarea
        ref={box}
        id="composer-text"
        rows={3}
        value={text}
        disabled={disabled}
        placeholder={
          disabledReason ??
          (internal
            ? 'Only agents will see this note'
            : tools
              ? 'Write a reply… (type / for saved replies)'
              : 'Write a reply…')
        }
        aria-describedby="composer-hint"
        aria-autocomplete={tools ? 'list' : undefined}
        aria-controls={pickerOpen && matches.length ? PICKER_ID : undefined}
        aria-activedescendant={pickerOpen && matches.length ? optionId(PICKER_ID, active) : undefined}
        onInput={(e) =>
          change(e.currentTarget.value, e.currentTarget.selectionStart ?? e.currentTarget.value.length)
        }
        onKeyDown={onKeyDown}
        onBlur={() => setSlash(null)}
      />
      <div class="composer-bar">
        <label class="toggle">
          <input
            type="checkbox"
            checked={internal}
            disabled={disabled}
            onChange={(e) => {
              setInternal(e.currentTarget.checked);
              if (e.currentTarget.checked) stopTyping();
            }}
          />
          <svg class="icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
            <rect x="5" y="11" width="14" height="10" rx="2" />
            <path d="M8 11V8a4 4 0 0 1 8 0v3" />
          </svg>
          <span>Internal note</span>
        </label>
        {tools && (
          <button
            type="button"
            class="btn btn-quiet btn-small"
            aria-expanded={articles}
            disabled={disabled}
            onClick={() => setArticles((a) => !a)}
          >
            <svg class="icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
              <path d="M6 3h9l4 4v14H6zM15 3v4h4M9 12h7M9 16h7" />
            </svg>
            Insert article
          </button>
        )}
        {attachTo && !disabled && (
          <ComposerAttach
            key={`${attachTo}-${round}`}
            conversationId={attachTo}
            zone={form}
            label="Attach files"
            onRefs={setFiles}
          />
        )}
        <span id="composer-hint" class={`hint ${tooLong ? 'is-error' : ''}`}>
          {tooLong
            ? `${body.length - MAX_TEXT} characters over the limit`
            : [
                <span class="visually-hidden" key="send">
                  Enter to send,{' '}
                </span>,
                'Shift+Enter for a new line',
              ]}
        </span>
        <button
          type="submit"
          class="btn btn-primary composer-send"
          disabled={(!body && files.length === 0) || tooLong || disabled}
        >
          {internal ? 'Add note' : 'Send'}
        </button>
      </div>
    </form>
  );
}
