/** A field's validation message, under it. */
export function FieldError({ text }: { text: string | undefined }) {
  return text ? <p className="text-xs text-red-600 dark:text-red-400">{text}</p> : null;
}
