// A choice made before the page script ran (slow connection, busy phone) had no listener yet, and
// the browser also restores a select's value on back/forward: either way the control may show a
// value the view does not. Page scripts call this after adding their listeners to answer it.

/** Whether the select shows another value than the page was built with. */
export function changedBeforeScript(select: HTMLSelectElement): boolean {
  const initial = [...select.options].find((o) => o.defaultSelected)?.value ?? select.options[0]?.value ?? '';
  return select.value !== initial;
}
