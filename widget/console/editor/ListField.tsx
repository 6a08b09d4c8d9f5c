import { useState } from 'preact/hooks';
import { parseList } from './front-matter.ts';

interface Props {
  id: string;
  label: string;
  hint: string;
  value: string[];
  onChange: (value: string[]) => void;
}

/** A comma-separated list in one text field; what is typed stays as typed (a trailing comma included). */
export function ListField({ id, label, hint, value, onChange }: Props) {
  const [raw, setRaw] = useState(value.join(', '));
  const shown = parseList(raw).join('\n') === value.join('\n') ? raw : value.join(', ');
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        value={shown}
        aria-describedby={`${id}-hint`}
        onInput={(e) => {
          setRaw(e.currentTarget.value);
          onChange(parseList(e.currentTarget.value));
        }}
      />
      <small id={`${id}-hint`}>{hint}</small>
    </div>
  );
}
