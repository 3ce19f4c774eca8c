'use client';

import { Button, inputClass } from '../../../components/ui/ui.js';

/** A labelled list of one-line entries (ports, volumes) with add/remove. */
export function ListField(props: {
  id: string;
  label: string;
  placeholder: string;
  values: string[];
  error?: string;
  onChange: (values: string[]) => void;
}) {
  const { id, label, values, onChange } = props;
  return (
    <fieldset className="space-y-2">
      <legend className="mb-1 text-sm font-medium">{label}</legend>
      {values.map((value, i) => (
        <div key={i} className="flex gap-2">
          <input
            id={`${id}-${i}`}
            aria-label={`${label} ${i + 1}`}
            className={inputClass}
            placeholder={props.placeholder}
            value={value}
            onChange={(e) => onChange(values.map((x, j) => (j === i ? e.target.value : x)))}
          />
          <Button
            variant="secondary"
            aria-label={`Remove ${label.toLowerCase()} ${i + 1}`}
            onClick={() => onChange(values.filter((_, j) => j !== i))}
          >
            ×
          </Button>
        </div>
      ))}
      <Button variant="secondary" onClick={() => onChange([...values, ''])}>
        Add {label.toLowerCase().replace(/s$/, '')}
      </Button>
      {props.error ? <p className="text-xs text-red-600 dark:text-red-400">{props.error}</p> : null}
    </fieldset>
  );
}
