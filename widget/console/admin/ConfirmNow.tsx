interface Props {
  /** What the first click asked for, e.g. "Disable". */
  label: string;
  /** Read to screen readers between the label and "now", e.g. the person's name. */
  hidden: string;
  busy: boolean;
  onConfirm: () => void;
  onKeep: () => void;
}

/**
 * The second click of a row action that cannot be undone: "<label> now" beside "Keep", on one line.
 * Seen: "Disable now"; heard: "Disable Ben now". One visible space: it sits inside the hidden part.
 */
export function ConfirmNow({ label, hidden, busy, onConfirm, onKeep }: Props) {
  return (
    <>
      <button type="button" class="btn btn-small btn-danger" disabled={busy} onClick={onConfirm}>
        {label} <span class="visually-hidden">{hidden} </span>now
      </button>
      <button type="button" class="btn btn-small btn-quiet" onClick={onKeep}>
        Keep
      </button>
    </>
  );
}
