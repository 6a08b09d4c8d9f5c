import type { Fields } from './front-matter.ts';
import { ListField } from './ListField.tsx';

interface Props {
  fields: Fields;
  categories: string[];
  onChange: (fields: Fields) => void;
}

/** The article's front matter as a form: what visitors see in lists and search, and when it is published. */
export function FrontMatterFields({ fields, categories, onChange }: Props) {
  const set = <K extends keyof Fields>(key: K, value: Fields[K]) => onChange({ ...fields, [key]: value });
  return (
    <fieldset class="fm-fields">
      <legend>Details</legend>
      <div class="field">
        <label for="fm-title">Title</label>
        <input
          id="fm-title"
          required
          value={fields.title}
          onInput={(e) => set('title', e.currentTarget.value)}
        />
      </div>
      <div class="field">
        <label for="fm-description">Description</label>
        <input
          id="fm-description"
          value={fields.description}
          aria-describedby="fm-description-hint"
          onInput={(e) => set('description', e.currentTarget.value)}
        />
        <small id="fm-description-hint">
          One sentence shown under the title in lists and search results.
        </small>
      </div>
      <div class="field">
        <label for="fm-category">Category</label>
        <input
          id="fm-category"
          list="fm-categories"
          value={fields.category}
          aria-describedby="fm-category-hint"
          onInput={(e) => set('category', e.currentTarget.value)}
        />
        <datalist id="fm-categories">
          {categories.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
        <small id="fm-category-hint">Empty: the article's folder names its category.</small>
      </div>
      <ListField
        id="fm-keywords"
        label="Keywords"
        hint="Other words visitors search with, separated by commas."
        value={fields.keywords}
        onChange={(v) => set('keywords', v)}
      />
      <ListField
        id="fm-pages"
        label="Page suggestions"
        hint="Pages of your site where the widget suggests this article, like /checkout or /account/*."
        value={fields.pages}
        onChange={(v) => set('pages', v)}
      />
      <label class="fm-draft">
        <input
          type="checkbox"
          checked={fields.draft}
          onChange={(e) => set('draft', e.currentTarget.checked)}
        />
        Draft: not shown to visitors yet
      </label>
    </fieldset>
  );
}
