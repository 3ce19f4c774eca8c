/** Pure: a file name safe in a Content-Disposition header (ASCII, no quotes or separators). */
export function attachmentName(path: string): string {
  const base = path.split('/').filter(Boolean).pop() ?? 'file';
  const safe = base.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 128);
  return safe === '' || /^\.+$/.test(safe) ? 'file' : safe;
}
