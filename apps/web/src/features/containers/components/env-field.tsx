import { Button, Field, inputClass } from '../../../components/ui/ui.js';
import type { CreateFormValues } from '../create-form.js';
import { FieldError } from './field-error.js';

type EnvRows = CreateFormValues['env'];

/** KEY / value rows with add and remove. */
export function EnvField({
  rows,
  error,
  onChange,
}: {
  rows: EnvRows;
  error: string | undefined;
  onChange: (rows: EnvRows) => void;
}) {
  const edit = (i: number, patch: Partial<EnvRows[number]>) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <Field label="Environment" htmlFor="c-env-0">
      <div className="space-y-2">
        {rows.map((row, i) => (
          <div key={i} className="flex gap-2">
            <input
              id={`c-env-${i}`}
              aria-label={`Variable ${i + 1} name`}
              className={inputClass}
              placeholder="KEY"
              value={row.key}
              onChange={(e) => edit(i, { key: e.target.value })}
            />
            <input
              aria-label={`Variable ${i + 1} value`}
              className={inputClass}
              placeholder="value"
              value={row.value}
              onChange={(e) => edit(i, { value: e.target.value })}
            />
            <Button
              variant="secondary"
              aria-label={`Remove variable ${i + 1}`}
              onClick={() => onChange(rows.filter((_, j) => j !== i))}
            >
              ×
            </Button>
          </div>
        ))}
        <Button variant="secondary" onClick={() => onChange([...rows, { key: '', value: '' }])}>
          Add variable
        </Button>
        <FieldError text={error} />
      </div>
    </Field>
  );
}
